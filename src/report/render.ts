import type { Figure } from './figure.js';
import { pngFont } from './fonts.js';
import { toVegaLite } from './vega-lite.js';

/** Options for rendering: where Vega-Lite's and Vega's warnings go (by default they are dropped). */
export interface RenderOptions {
  onWarning?: (message: string) => void;
}

/** A Vega/Vega-Lite logger that forwards warnings and errors and stays quiet otherwise. */
function logger(onWarning: (message: string) => void) {
  let level = 2;
  const forward = (...args: unknown[]) => onWarning(args.map(String).join(' '));
  const self = {
    level(value?: number) {
      if (value === undefined) return level;
      level = value;
      return self;
    },
    error: (...args: unknown[]) => (forward(...args), self),
    warn: (...args: unknown[]) => (forward(...args), self),
    info: () => self,
    debug: () => self,
  };
  return self;
}

/**
 * Render a figure to a standalone SVG document (fonts named, white background), without a
 * browser: Vega-Lite compiles the figure to Vega, and Vega's headless renderer writes the SVG.
 * The plotting libraries load on first use, so commands that draw nothing do not pay for them.
 * @example const svg = await renderSvg({ type: 'line', x: { label: 'x' }, y: { label: 'y' }, series: [{ kind: 'line', name: 'y = x', x: [0, 1], y: [0, 1] }] });
 */
export async function renderSvg(figure: Figure, options: RenderOptions = {}): Promise<string> {
  const spec = toVegaLite(figure);
  const [vegaLite, vega] = await Promise.all([import('vega-lite'), import('vega')]);
  const log = logger(options.onWarning ?? (() => {}));
  const compiled = vegaLite.compile(spec as unknown as Parameters<typeof vegaLite.compile>[0], { logger: log as never }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logger: log as never, logLevel: vega.Warn });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * Rasterise an SVG document to PNG with resvg (a Rust SVG renderer), `scale` device pixels per
 * CSS pixel (default 2: crisp on screens and in print), on a white background.
 */
export async function svgToPng(svg: string, scale = 2): Promise<Uint8Array> {
  const { Resvg } = await import('@resvg/resvg-js');
  const font = pngFont();
  const renderer = new Resvg(svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: scale },
    font: { loadSystemFonts: false, fontFiles: font.files, defaultFontFamily: font.family, sansSerifFamily: font.family },
  });
  return renderer.render().asPng();
}

/**
 * Render a figure to PNG bytes: the SVG of {@link renderSvg}, rasterised at `scale` x its size.
 * @example const png = await renderPng(figure, { scale: 2 });
 */
export async function renderPng(figure: Figure, options: RenderOptions & { scale?: number } = {}): Promise<Uint8Array> {
  return svgToPng(await renderSvg(figure, options), options.scale ?? 2);
}
