import { GibbsError } from '../../core/errors.js';
import type { ParticleBox } from './box.js';

/** How to draw a 2D configuration. */
export interface PictureOptions {
  /** Image width in pixels (height follows the box's aspect ratio); default 640. */
  width?: number;
  /** Drawn particle diameter in length units (default 1, i.e. sigma). */
  diameter?: number;
  /** Fill colour as [r, g, b] (0-255); default a steel blue. */
  color?: [number, number, number];
}

const BACKGROUND: [number, number, number] = [255, 255, 255];
const DEFAULT_COLOR: [number, number, number] = [70, 120, 190];

function layout(box: ParticleBox, options: PictureOptions) {
  if (box.dimension !== 2) throw new GibbsError('--picture: pictures are of 2D configurations; for 3D write --xyz and open it in OVITO, VMD or ASE', '--picture');
  const width = Math.round(options.width ?? 640);
  if (!(width >= 16 && width <= 8192)) throw new GibbsError(`--picture width: got ${width}, expected 16 to 8192 pixels`);
  const scale = width / box.lengths[0];
  const height = Math.max(1, Math.round(box.lengths[1] * scale));
  const diameter = options.diameter ?? 1;
  return { width, height, scale, radius: diameter / 2, color: options.color ?? DEFAULT_COLOR };
}

/**
 * Every place a disk must be drawn: its own position plus its periodic images where it
 * crosses a periodic edge (so the picture tiles seamlessly).
 */
function diskCentres(positions: Float64Array, box: ParticleBox, radius: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const [lx, ly] = box.lengths;
  const shifts = (x: number, l: number, periodic: boolean) => (periodic ? [0, ...(x < radius ? [l] : []), ...(x > l - radius ? [-l] : [])] : [0]);
  for (let i = 0; i < positions.length / 2; i++) {
    const x = positions[2 * i];
    const y = positions[2 * i + 1];
    for (const sx of shifts(x, lx, box.boundaries[0] === 'periodic')) for (const sy of shifts(y, ly, box.boundaries[1] === 'periodic')) out.push([x + sx, y + sy]);
  }
  return out;
}

/**
 * An SVG picture of a 2D configuration: the box outline and one disk per particle (periodic
 * images included), y pointing up.
 *
 * @example writeFileSync('gas.svg', configurationSvg(positions, box, { diameter: 1 }));
 */
export function configurationSvg(positions: Float64Array, box: ParticleBox, options: PictureOptions = {}): string {
  const { width, height, scale, radius, color } = layout(box, options);
  const fill = `rgb(${color.join(',')})`;
  const circles = diskCentres(positions, box, radius).map(
    ([x, y]) => `<circle cx="${(x * scale).toFixed(2)}" cy="${(height - y * scale).toFixed(2)}" r="${(radius * scale).toFixed(2)}"/>`,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="${width}" height="${height}" fill="white" stroke="black" stroke-width="2"/>`,
    `<g fill="${fill}" fill-opacity="0.85" stroke="rgb(20,40,80)" stroke-width="${Math.max(0.5, radius * scale * 0.08).toFixed(2)}">`,
    ...circles,
    '</g>',
    '</svg>',
    '',
  ].join('\n');
}

/** An RGBA image: `width * height * 4` bytes in `data`, rows top to bottom (encode it with src/node/png.ts). */
export interface RgbaImage {
  width: number;
  height: number;
  channels: 4;
  data: Uint8Array;
}

/**
 * Rasterise a 2D configuration into RGBA pixels: anti-aliased disks (4 x 4 samples on edge
 * pixels) with a dark rim, periodic images included, y pointing up.
 *
 * @example writeFileAtomic('gas.png', encodePng(rasterizeConfiguration(positions, box))); // encodePng: src/node/png.ts
 */
export function rasterizeConfiguration(positions: Float64Array, box: ParticleBox, options: PictureOptions = {}): RgbaImage {
  const { width, height, scale, radius, color } = layout(box, options);
  const rgba = new Uint8Array(width * height * 4);
  for (let p = 0; p < width * height; p++) rgba.set([...BACKGROUND, 255], 4 * p);
  const rimColor: [number, number, number] = [20, 40, 80];
  const r = radius * scale;
  const rim = Math.max(0.8, 0.08 * r);
  const paint = (px: number, py: number, c: [number, number, number], alpha: number) => {
    const o = 4 * (py * width + px);
    for (let k = 0; k < 3; k++) rgba[o + k] = Math.round(rgba[o + k] * (1 - alpha) + c[k] * alpha);
  };
  for (const [x, y] of diskCentres(positions, box, radius)) {
    const cx = x * scale;
    const cy = height - y * scale;
    const x0 = Math.max(0, Math.floor(cx - r - 1));
    const x1 = Math.min(width - 1, Math.ceil(cx + r + 1));
    const y0 = Math.max(0, Math.floor(cy - r - 1));
    const y1 = Math.min(height - 1, Math.ceil(cy + r + 1));
    for (let py = y0; py <= y1; py++) {
      for (let px = x0; px <= x1; px++) {
        let inside = 0;
        let inner = 0;
        for (let sy = 0; sy < 4; sy++) {
          for (let sx = 0; sx < 4; sx++) {
            const dx = px + (sx + 0.5) / 4 - cx;
            const dy = py + (sy + 0.5) / 4 - cy;
            const dist = Math.sqrt(dx * dx + dy * dy);
            if (dist <= r) inside++;
            if (dist <= r - rim) inner++;
          }
        }
        if (inside === 0) continue;
        paint(px, py, rimColor, inside / 16);
        if (inner > 0) paint(px, py, color, (0.9 * inner) / 16);
      }
    }
  }
  // Box outline.
  for (let px = 0; px < width; px++) for (const py of [0, height - 1]) paint(px, py, [0, 0, 0], 1);
  for (let py = 0; py < height; py++) for (const px of [0, width - 1]) paint(px, py, [0, 0, 0], 1);
  return { width, height, channels: 4, data: rgba };
}
