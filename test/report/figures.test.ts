import { mkdtempSync, readFileSync, readdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { GibbsError } from '../../src/core/errors.js';
import {
  type Figure,
  contourLevels,
  contourSegments,
  gaussianEllipse,
  histogramBins,
  renderPng,
  renderSvg,
  sampleGrid,
  saveFigure,
  svgToPng,
} from '../../src/report/index.js';
import { countMarks, missingTexts, pngSize, svgSize } from './svg-helpers.js';

const T = [1, 1.5, 2, 2.5, 3, 3.5];
const line: Figure = {
  type: 'line',
  title: 'Energy per spin',
  x: { label: 'temperature', symbol: 'T', unit: '|J|/k_B' },
  y: { label: 'energy per spin', symbol: 'U/N', unit: '|J|' },
  series: [
    { kind: 'line', name: 'exact', x: T, y: T.map((t) => -2 * Math.tanh(1 / t)) },
    { kind: 'line', name: 'mean field (F_q ≥ F)', x: T, y: T.map((t) => -1.9 * Math.tanh(1 / t)), dash: true },
    { kind: 'points', name: 'Monte Carlo', x: [1.5, 2.5, 3.5], y: [-1.1, -0.7, -0.55], error: [0.02, 0.03, 0.02] },
    { kind: 'band', name: '95% interval', x: T, lower: T.map((t) => -2.1 * Math.tanh(1 / t)), upper: T.map((t) => -1.9 * Math.tanh(1 / t)) },
  ],
  references: [{ label: 'T_c', value: 2.269, orientation: 'vertical' }],
};

/** Render and collect the plotting libraries' warnings: a figure type that warns is drawn wrongly. */
async function svgOf(figure: Figure): Promise<string> {
  const warnings: string[] = [];
  const svg = await renderSvg(figure, { onWarning: (m) => warnings.push(m) });
  expect(warnings).toEqual([]);
  return svg;
}

describe('figures to SVG', () => {
  it('draws a line plot with axis titles, legend, curves, points and error bars', async () => {
    const svg = await svgOf(line);
    const texts = ['temperature T (|J|/k_B)', 'energy per spin U/N (|J|)', 'Energy per spin', 'exact', 'mean field (F_q ≥ F)', 'Monte Carlo', '95% interval', 'T_c'];
    expect(missingTexts(svg, texts)).toEqual([]);
    expect(countMarks(svg, 'symbol')).toBe(3); // one marker per Monte Carlo point
    expect(countMarks(svg, 'line')).toBe(2); // the exact curve and the dashed bound
    expect(countMarks(svg, 'rule')).toBe(3 + 1); // three error bars and the T_c line
    expect(missingTexts(svg, ['stroke-dasharray="6,3"'])).toEqual([]);
  });

  it('leaves non-finite values out instead of drawing NaN', async () => {
    const svg = await svgOf({ ...line, series: [{ kind: 'points', name: 'C', x: [1, 2, 3], y: [1, Infinity, Number.NaN], error: [0.1, 0.1, 0.1] }] });
    expect(countMarks(svg, 'symbol')).toBe(1);
    expect(svg).not.toMatch(/NaN|Infinity/);
  });

  it('draws bar charts, histograms, scatter plots with contours, heatmaps and grids', async () => {
    const bar: Figure = { type: 'bar', categoryLabel: 'coder', categories: ['arithmetic', 'rANS', 'gzip'], y: { label: 'code length', unit: 'bits' }, groups: [{ name: 'p = 0.9', values: [470, 471, 800], errors: [1, 1, 0] }], references: [{ label: 'N·H', value: 469, orientation: 'horizontal' }] };
    const bars = await svgOf(bar);
    expect(countMarks(bars, 'rect')).toBe(3);
    expect(missingTexts(bars, ['code length (bits)', 'N·H'])).toEqual([]);

    const hist = await svgOf({ type: 'histogram', x: { label: 'energy', symbol: 'E/N' }, y: { label: 'count' }, series: [{ name: 'E', ...histogramBins([0.1, 0.2, 0.2, 0.7], { bins: 4, range: [0, 1] }) }] });
    expect(countMarks(hist, 'rect')).toBe(4);
    expect(missingTexts(hist, ['energy E/N'])).toEqual([]);

    const field = sampleGrid((x, y) => x * x + y * y, [-1, 1], [-1, 1], 21, 21);
    const scatter = await svgOf({
      type: 'scatter', x: { label: 'x₁' }, y: { label: 'x₂' }, groupLabel: 'component',
      points: { x: [0, 0.5, -0.5], y: [0, 0.2, 0.1], group: ['a', 'b', 'b'] },
      curves: [gaussianEllipse('2σ', [0, 0], [0.1, 0, 0.1])],
      contours: { label: 'x² + y²', levels: contourLevels(field, [0.25]) },
    });
    expect(countMarks(scatter, 'symbol')).toBe(3);
    expect(countMarks(scatter, 'rule')).toBe(contourSegments(field, 0.25).length / 4);
    expect(countMarks(scatter, 'line')).toBe(1);
    expect(missingTexts(scatter, ['component', 'x² + y²'])).toEqual([]);

    // A 4x4 lattice with two domains: runs of equal values merge into one rectangle per row and domain;
    // a spin picture draws only the +1 runs on a white ground.
    const spins = Float64Array.from({ length: 16 }, (_, i) => (i % 4 < 2 ? 1 : -1));
    expect(countMarks(await svgOf({ type: 'heatmap', columns: 4, rows: 4, values: spins, color: { scheme: 'spins' } }), 'rect')).toBe(4);
    expect(countMarks(await svgOf({ type: 'heatmap', columns: 4, rows: 4, values: spins, color: { scheme: 'diverging', label: 's' } }), 'rect')).toBe(8);

    const grid = await svgOf({ type: 'grid', columns: 2, figures: [line, bar] });
    expect(missingTexts(grid, ['temperature T', 'code length (bits)'])).toEqual([]);
  });

  it('rejects inconsistent figures with a clear error', async () => {
    await expect(renderSvg({ ...line, series: [{ kind: 'line', name: 'a', x: [1, 2], y: [1] }] })).rejects.toThrow(/series\[0\]\.y\.length: got 1, expected 2/);
    await expect(renderSvg({ ...line, series: [{ kind: 'line', name: 'a', x: [1], y: [1] }, { kind: 'line', name: 'a', x: [1], y: [2] }] })).rejects.toThrow(GibbsError);
    await expect(renderSvg({ ...line, y: { label: 'y', scale: 'log' }, series: [{ kind: 'line', name: 'a', x: [1, 2], y: [1, -1] }] })).rejects.toThrow(/values > 0 on a logarithmic axis/);
    await expect(renderSvg({ type: 'heatmap', columns: 3, rows: 2, values: [1, 2], color: { scheme: 'sequential' } })).rejects.toThrow(/values.length: got 2, expected columns x rows = 6/);
  });
});

describe('figures to PNG and files', () => {
  it('renders a PNG with the signature and twice the SVG size, with text drawn', async () => {
    const svg = await svgOf(line);
    const png = await renderPng(line, { scale: 2 });
    const size = svgSize(svg);
    expect(pngSize(png)).toEqual({ width: 2 * size.width, height: 2 * size.height });
    // Text needs a font: a title alone must put dark pixels on the white canvas.
    const text = '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="30"><text x="5" y="20" font-family="DejaVu Sans, sans-serif" font-size="16">gibbs</text></svg>';
    const blank = '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="30"></svg>';
    const ink = (p: Uint8Array) => darkPixels(p);
    expect(ink(await svgToPng(blank, 1))).toBe(0);
    expect(ink(await svgToPng(text, 1))).toBeGreaterThan(30);
  });

  it('saves .svg and .png atomically and refuses other extensions', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gibbs-figure-'));
    await saveFigure(join(dir, 'a.svg'), line);
    await saveFigure(join(dir, 'b.PNG'), line);
    expect(readFileSync(join(dir, 'a.svg'), 'utf8')).toMatch(/^<svg/);
    expect(pngSize(readFileSync(join(dir, 'b.PNG'))).width).toBeGreaterThan(100);
    await expect(saveFigure(join(dir, 'c.pdf'), line)).rejects.toThrow(/path: got ".*c\.pdf", expected a file name ending in \.svg or \.png/);
    expect(existsSync(join(dir, 'c.pdf'))).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['a.svg', 'b.PNG']); // no temporary files left
  });
});

/** Count pixels darker than mid-grey in an 8-bit RGBA/RGB PNG (non-interlaced, filter-aware). */
function darkPixels(png: Uint8Array): number {
  const { width, height } = pngSize(png);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const channels = png[25] === 6 ? 4 : 3;
  const chunks: Uint8Array[] = [];
  for (let at = 8; at < png.length; ) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    if (type === 'IDAT') chunks.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(chunks));
  const stride = width * channels;
  const current = new Uint8Array(stride);
  const previous = new Uint8Array(stride);
  let dark = 0;
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let i = 0; i < stride; i++) {
      const x = raw[y * (stride + 1) + 1 + i];
      const a = i >= channels ? current[i - channels] : 0;
      const b = previous[i];
      const c = i >= channels ? previous[i - channels] : 0;
      const paeth = () => {
        const p = a + b - c;
        const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      };
      const predictor = filter === 0 ? 0 : filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : paeth();
      current[i] = (x + predictor) & 0xff;
    }
    for (let p = 0; p < width; p++) if (current[p * channels] + current[p * channels + 1] + current[p * channels + 2] < 3 * 128) dark++;
    previous.set(current);
  }
  return dark;
}
