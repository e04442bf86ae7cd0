import { invalidValue } from '../core/errors.js';
import {
  type Axis,
  type BarChart,
  type Figure,
  type Heatmap,
  type Histogram,
  type LinePlot,
  type ReferenceLine,
  type ScatterPlot,
  type Series,
  axisTitle,
} from './figure.js';

/** A Vega-Lite specification as plain JSON (validated by Vega-Lite's compiler when rendered). */
export type VegaLiteSpec = Record<string, unknown>;

/** Tableau 10: distinguishable, colour-blind friendlier than the defaults, prints in grey. */
export const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

/** Fonts named in the SVG; the PNG renderer loads one of them from the system (see fonts.ts). */
export const FONT_FAMILY = 'DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif';

const DEFAULT_WIDTH = 420;
const DEFAULT_HEIGHT = 260;

const CONFIG = {
  font: FONT_FAMILY,
  background: 'white',
  padding: 8,
  view: { stroke: '#bbb' },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', gridColor: '#e6e6e6', tickColor: '#888', domainColor: '#888' },
  legend: { labelFontSize: 11, titleFontSize: 11, labelLimit: 480, symbolStrokeWidth: 2 },
  title: { fontSize: 14, subtitleFontSize: 11, subtitleColor: '#555', anchor: 'start', offset: 8 },
  header: { labelFontSize: 12 },
  // Per-mark ARIA labels would repeat every data row in the SVG; the figure title describes it.
  mark: { aria: false },
};

/** Lengths of parallel arrays must agree: a mismatch is a caller's bug worth a clear message. */
function requireSameLength(field: string, expected: number, actual: ArrayLike<number | string>): void {
  if (actual.length !== expected) throw invalidValue(`${field}.length`, actual.length, `${expected} (the length of x)`);
}

/** Non-finite values become gaps (Vega-Lite drops null), so an infinite C at T_c does not break a plot. */
function finiteOrNull(value: number | undefined): number | null {
  return value !== undefined && Number.isFinite(value) ? value : null;
}

function scale(axis: Axis, field: string, values: Array<number | null>): Record<string, unknown> {
  const result: Record<string, unknown> = { type: axis.scale ?? 'linear', zero: axis.zero ?? false };
  if (axis.scale === 'symlog') result.constant = axis.symlogLinear ?? 1e-4;
  if (axis.domain) result.domain = axis.domain;
  if (axis.scale === 'log') {
    const bad = values.find((v) => v !== null && v <= 0);
    if (bad !== undefined) throw invalidValue(field, bad, 'values > 0 on a logarithmic axis');
  }
  return result;
}

function quantitative(field: string, axis: Axis, values: Array<number | null>, name: string): Record<string, unknown> {
  return { field, type: 'quantitative', title: axisTitle(axis), scale: scale(axis, name, values), ...axisTicks(axis) };
}

function axisTicks(axis: Axis): Record<string, unknown> {
  if (!axis.ticks) return {};
  // Whole numbers (bit counts) read best with thousands separators; small signed values as 0.001.
  return { axis: { values: axis.ticks, format: axis.ticks.every(Number.isInteger) ? ',d' : '~g' } };
}

function titleOf(figure: Figure): Record<string, unknown> | undefined {
  if (!figure.title && !figure.subtitle) return undefined;
  return figure.subtitle ? { text: figure.title ?? '', subtitle: figure.subtitle } : { text: figure.title ?? '' };
}

/** Reference lines: a dashed grey rule and its label, in their own data so they never join a legend. */
function referenceLayers(references: ReferenceLine[] | undefined): VegaLiteSpec[] {
  if (!references || references.length === 0) return [];
  const rows = references.map((r) => ({ label: r.label, value: r.value, vertical: r.orientation === 'vertical' }));
  const vertical = rows.filter((r) => r.vertical);
  const horizontal = rows.filter((r) => !r.vertical);
  const layers: VegaLiteSpec[] = [];
  const rule = { type: 'rule', strokeDash: [4, 4], color: '#777', strokeWidth: 1.2 };
  const text = { type: 'text', color: '#444', fontSize: 10 };
  if (vertical.length > 0) {
    layers.push({ data: { values: vertical }, mark: rule, encoding: { x: { field: 'value', type: 'quantitative' } } });
    layers.push({ data: { values: vertical }, mark: { ...text, align: 'left', baseline: 'top', dx: 3, dy: 3, y: 0 }, encoding: { x: { field: 'value', type: 'quantitative' }, text: { field: 'label' } } });
  }
  if (horizontal.length > 0) {
    layers.push({ data: { values: horizontal }, mark: rule, encoding: { y: { field: 'value', type: 'quantitative' } } });
    // Labels alternate right and left, so two nearby lines keep readable labels.
    const right = horizontal.filter((_, i) => i % 2 === 0);
    const left = horizontal.filter((_, i) => i % 2 === 1);
    layers.push({ data: { values: right }, mark: { ...text, align: 'right', baseline: 'bottom', dy: -2, x: 'width' }, encoding: { y: { field: 'value', type: 'quantitative' }, text: { field: 'label' } } });
    if (left.length > 0) layers.push({ data: { values: left }, mark: { ...text, align: 'left', baseline: 'top', dx: 3, dy: 2, x: 0 }, encoding: { y: { field: 'value', type: 'quantitative' }, text: { field: 'label' } } });
  }
  return layers;
}

/** Series names must be unique: they key the legend. */
function requireUniqueNames(field: string, names: string[]): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (name.trim() === '') throw invalidValue(field, name, 'a non-empty name');
    if (seen.has(name)) throw invalidValue(field, name, 'names that differ from each other');
    seen.add(name);
  }
}

interface LineRow {
  s: string;
  k: Series['kind'];
  x: number;
  y: number | null;
  lo: number | null;
  hi: number | null;
}

function seriesRows(series: Series, index: number): LineRow[] {
  const field = `series[${index}]`;
  const rows: LineRow[] = [];
  const n = series.x.length;
  if (series.kind === 'band') {
    requireSameLength(`${field}.lower`, n, series.lower);
    requireSameLength(`${field}.upper`, n, series.upper);
  } else {
    requireSameLength(`${field}.y`, n, series.y);
    if (series.kind === 'points' && series.error) requireSameLength(`${field}.error`, n, series.error);
  }
  for (let i = 0; i < n; i++) {
    const x = series.x[i];
    if (!Number.isFinite(x)) continue;
    if (series.kind === 'band') {
      const lo = finiteOrNull(series.lower[i]);
      const hi = finiteOrNull(series.upper[i]);
      if (lo !== null && hi !== null) rows.push({ s: series.name, k: 'band', x, y: null, lo, hi });
      continue;
    }
    const y = finiteOrNull(series.y[i]);
    if (y === null) continue;
    const error = series.kind === 'points' && series.error ? finiteOrNull(series.error[i]) : null;
    rows.push({ s: series.name, k: series.kind, x, y, lo: error === null ? null : y - error, hi: error === null ? null : y + error });
  }
  return rows;
}

function colorRange(series: Array<{ color?: string }>): string[] {
  return series.map((s, i) => s.color ?? PALETTE[i % PALETTE.length]);
}

/** Legend symbols that match the marks: a stroke (dashed for bounds) for curves, a dot for points, a pale square for bands. */
function seriesLegend(series: Series[], orient: 'right' | 'bottom' = 'right'): Record<string, unknown> {
  const names = (kind: Series['kind'], dashed?: boolean) => JSON.stringify(series.filter((s) => s.kind === kind && (dashed === undefined || (s.kind === 'line' && !!s.dash) === dashed)).map((s) => s.name));
  const is = (list: string) => `indexof(${list}, datum.value) >= 0`;
  return {
    orient,
    ...(orient === 'bottom' ? { direction: 'vertical', columns: 1 } : {}),
    symbolOpacity: 1,
    encode: {
      symbols: {
        update: {
          shape: { signal: `${is(names('line'))} ? 'stroke' : ${is(names('band'))} ? 'square' : 'circle'` },
          strokeDash: { signal: `${is(names('line', true))} ? [6, 3] : [1, 0]` },
          opacity: { signal: `${is(names('band'))} ? 0.35 : 1` },
          size: { signal: `${is(names('line'))} ? 200 : 80` },
        },
      },
    },
  };
}

/** `legendSeries`: the series that define colours and legend, shared by every panel of a grid with one legend. */
function linePlot(figure: LinePlot, legendSeries: Series[] = figure.series): VegaLiteSpec {
  requireUniqueNames('series.name', figure.series.map((s) => s.name));
  const rows = figure.series.flatMap(seriesRows);
  const names = legendSeries.map((s) => s.name);
  const color = { field: 's', type: 'nominal', title: null, sort: names, scale: { domain: names, range: colorRange(legendSeries) }, legend: seriesLegend(legendSeries, figure.legend) };
  const ys = rows.flatMap((r) => [r.y, r.lo, r.hi]);
  const x = quantitative('x', figure.x, rows.map((r) => r.x), 'x');
  const yAxis = (field: string) => ({ ...quantitative(field, figure.y, ys, 'y'), title: axisTitle(figure.y) });
  const only = (kind: string, extra = '') => [{ filter: `datum.k === '${kind}'${extra}` }];
  const layers: VegaLiteSpec[] = [];
  if (rows.some((r) => r.k === 'band')) {
    layers.push({ transform: only('band'), mark: { type: 'area', opacity: 0.22 }, encoding: { x, y: yAxis('lo'), y2: { field: 'hi' }, color } });
  }
  // Solid curves and dashed ones (bounds, limits) in two layers sharing the colour scale.
  const dashed = new Set(figure.series.filter((s) => s.kind === 'line' && s.dash).map((s) => s.name));
  for (const dash of [false, true]) {
    if (!rows.some((r) => r.k === 'line' && dashed.has(r.s) === dash)) continue;
    const names = JSON.stringify([...dashed]);
    layers.push({
      transform: only('line', ` && ${dash ? '' : '!'}(indexof(${names}, datum.s) >= 0)`),
      mark: { type: 'line', strokeWidth: 2, ...(dash ? { strokeDash: [6, 3] } : {}) },
      encoding: { x, y: yAxis('y'), color },
    });
  }
  if (rows.some((r) => r.k === 'points' && r.lo !== null)) {
    layers.push({ transform: only('points', ' && datum.lo !== null'), mark: { type: 'rule', strokeWidth: 1.5 }, encoding: { x, y: yAxis('lo'), y2: { field: 'hi' }, color } });
  }
  if (rows.some((r) => r.k === 'points')) {
    layers.push({ transform: only('points'), mark: { type: 'point', filled: true, size: 36, opacity: 1 }, encoding: { x, y: yAxis('y'), color } });
  }
  if (layers.length === 0) layers.push({ mark: { type: 'point', opacity: 0 }, encoding: { x, y: yAxis('y') } });
  return { data: { values: rows }, layer: [...layers, ...referenceLayers(figure.references)] };
}

function barChart(figure: BarChart): VegaLiteSpec {
  if (figure.y.scale === 'log') throw invalidValue('y.scale', 'log', 'linear or symlog (bars start at zero)');
  requireUniqueNames('groups.name', figure.groups.map((g) => g.name));
  requireUniqueNames('categories', figure.categories);
  const rows: Array<{ c: string; g: string; v: number; lo: number | null; hi: number | null }> = [];
  figure.groups.forEach((group, gi) => {
    requireSameLength(`groups[${gi}].values`, figure.categories.length, group.values);
    if (group.errors) requireSameLength(`groups[${gi}].errors`, figure.categories.length, group.errors);
    figure.categories.forEach((c, ci) => {
      const v = finiteOrNull(group.values[ci]);
      if (v === null) return;
      const e = group.errors ? finiteOrNull(group.errors[ci]) : null;
      rows.push({ c, g: group.name, v, lo: e === null ? null : v - e, hi: e === null ? null : v + e });
    });
  });
  const names = figure.groups.map((g) => g.name);
  const several = names.length > 1;
  const x = { field: 'c', type: 'nominal', sort: figure.categories, title: figure.categoryLabel, axis: { labelAngle: figure.categories.some((c) => c.length > 8) ? -30 : 0, labelLimit: 240 } };
  const color = { field: 'g', type: 'nominal', title: null, sort: names, scale: { domain: names, range: colorRange(figure.groups) }, legend: several ? {} : null };
  const offset = several ? { xOffset: { field: 'g', type: 'nominal', sort: names } } : {};
  const y = { field: 'v', type: 'quantitative', title: axisTitle(figure.y), scale: { ...scale(figure.y, 'y', []), zero: true }, ...axisTicks(figure.y) };
  const layers: VegaLiteSpec[] = [{ mark: { type: 'bar' }, encoding: { x, y, color, ...offset } }];
  if (rows.some((r) => r.lo !== null)) {
    layers.push({ transform: [{ filter: 'datum.lo !== null' }], mark: { type: 'rule', color: 'black' }, encoding: { x, ...offset, y: { ...y, field: 'lo' }, y2: { field: 'hi' } } });
  }
  return { data: { values: rows }, layer: [...layers, ...referenceLayers(figure.references)] };
}

function histogram(figure: Histogram): VegaLiteSpec {
  requireUniqueNames('series.name', figure.series.map((s) => s.name));
  const rows: Array<{ s: string; x0: number; x1: number; h: number }> = [];
  figure.series.forEach((series, si) => {
    if (series.edges.length !== series.heights.length + 1) throw invalidValue(`series[${si}].edges.length`, series.edges.length, `${series.heights.length + 1} (one more than heights)`);
    for (let i = 0; i < series.heights.length; i++) {
      const h = finiteOrNull(series.heights[i]);
      if (h !== null) rows.push({ s: series.name, x0: series.edges[i], x1: series.edges[i + 1], h });
    }
  });
  const names = figure.series.map((s) => s.name);
  const x = quantitative('x0', figure.x, rows.flatMap((r) => [r.x0, r.x1]), 'x');
  const color = { field: 's', type: 'nominal', title: null, sort: names, scale: { domain: names, range: colorRange(figure.series) }, legend: names.length > 1 ? {} : null };
  const opacity = names.length > 1 ? 0.55 : 0.85;
  const y = quantitative('h', figure.y, rows.map((r) => r.h), 'y');
  return {
    data: { values: rows },
    layer: [{ mark: { type: 'rect', opacity, stroke: 'white', strokeWidth: 0.5 }, encoding: { x, x2: { field: 'x1' }, y, y2: { datum: 0 }, color } }, ...referenceLayers(figure.references)],
  };
}

function scatterPlot(figure: ScatterPlot): VegaLiteSpec {
  const { points } = figure;
  requireSameLength('points.y', points.x.length, points.y);
  if (points.group) requireSameLength('points.group', points.x.length, points.group);
  const rows: Array<{ x: number; y: number; g: string }> = [];
  for (let i = 0; i < points.x.length; i++) {
    if (Number.isFinite(points.x[i]) && Number.isFinite(points.y[i])) rows.push({ x: points.x[i], y: points.y[i], g: points.group ? String(points.group[i]) : '' });
  }
  const curveRows: Array<{ c: string; i: number; x: number; y: number }> = [];
  (figure.curves ?? []).forEach((curve, ci) => {
    requireSameLength(`curves[${ci}].y`, curve.x.length, curve.y);
    const n = curve.x.length;
    for (let i = 0; i <= n; i++) {
      if (i === n && !(curve.closed && n > 0)) break;
      const j = i % n;
      curveRows.push({ c: curve.name, i, x: curve.x[j], y: curve.y[j] });
    }
  });
  const segmentRows: Array<{ level: number; x: number; y: number; x2: number; y2: number }> = [];
  for (const level of figure.contours?.levels ?? []) {
    for (let i = 0; i + 3 < level.segments.length; i += 4) {
      const [x, y, x2, y2] = [level.segments[i], level.segments[i + 1], level.segments[i + 2], level.segments[i + 3]];
      segmentRows.push({ level: level.level, x, y, x2, y2 });
    }
  }
  const xs = [...rows.map((r) => r.x), ...curveRows.map((r) => r.x)];
  const ys = [...rows.map((r) => r.y), ...curveRows.map((r) => r.y)];
  const x = quantitative('x', figure.x, xs, 'x');
  const y = quantitative('y', figure.y, ys, 'y');
  const grouped = points.group !== undefined;
  const layers: VegaLiteSpec[] = [
    {
      data: { values: rows },
      mark: { type: 'circle', size: 18, opacity: 0.65 },
      encoding: { x, y, ...(grouped ? { color: { field: 'g', type: 'nominal', title: figure.groupLabel ?? null, scale: { range: PALETTE } } } : { color: { value: PALETTE[0] } }) },
    },
  ];
  if (segmentRows.length > 0) {
    layers.push({
      data: { values: segmentRows },
      mark: { type: 'rule', strokeWidth: 1.2 },
      encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, x2: { field: 'x2' }, y2: { field: 'y2' }, stroke: { field: 'level', type: 'quantitative', title: figure.contours?.label ?? 'level', scale: { scheme: 'greys', domainMin: 0 } } },
    });
  }
  if (curveRows.length > 0) {
    const names = [...new Set(curveRows.map((r) => r.c))];
    layers.push({
      data: { values: curveRows },
      mark: { type: 'line', strokeWidth: 2 },
      encoding: {
        x: { field: 'x', type: 'quantitative' },
        y: { field: 'y', type: 'quantitative' },
        order: { field: 'i', type: 'quantitative' },
        detail: { field: 'c', type: 'nominal' },
        strokeDash: { field: 'c', type: 'nominal', title: null, sort: names, scale: { domain: names, range: names.map((_, i) => [[1, 0], [6, 3], [2, 2], [8, 3, 2, 3]][i % 4]) } },
        color: { value: '#222' },
      },
    });
  }
  return { layer: layers, resolve: { scale: { color: 'independent', stroke: 'independent', strokeDash: 'independent' } } };
}

/** Cells merged into horizontal runs of equal value: a spin picture at low T shrinks from N rects to a few. */
function heatmapRuns(figure: Heatmap): Array<{ c0: number; c1: number; r: number; v: number }> {
  const { columns, rows, values } = figure;
  if (!Number.isInteger(columns) || columns < 1) throw invalidValue('columns', columns, 'an integer >= 1');
  if (!Number.isInteger(rows) || rows < 1) throw invalidValue('rows', rows, 'an integer >= 1');
  if (values.length !== columns * rows) throw invalidValue('values.length', values.length, `columns x rows = ${columns * rows}`);
  const runs: Array<{ c0: number; c1: number; r: number; v: number }> = [];
  for (let r = 0; r < rows; r++) {
    let start = 0;
    for (let c = 1; c <= columns; c++) {
      const v = values[start + columns * r];
      if (c < columns && values[c + columns * r] === v) continue;
      if (Number.isFinite(v)) runs.push({ c0: start, c1: c, r, v });
      start = c;
    }
  }
  return runs;
}

function heatmap(figure: Heatmap): VegaLiteSpec {
  // Spin pictures draw only the +1 runs on a white ground: no light edge can overlap a dark cell.
  const runs = figure.color.scheme === 'spins' ? heatmapRuns(figure).filter((r) => r.v > 0) : heatmapRuns(figure);
  const { scheme, label, domain } = figure.color;
  const colorScale =
    scheme === 'spins'
      ? { domain: domain ?? [-1, 1], range: ['#ffffff', '#1f2a44'], interpolate: 'rgb' }
      : scheme === 'diverging'
        ? { scheme: 'redblue', reverse: true, domainMid: 0, ...(domain ? { domain } : {}) }
        : { scheme: 'viridis', ...(domain ? { domain } : {}) };
  const axis = (a: Axis | undefined) => (a ? { title: axisTitle(a) } : null);
  return {
    data: { values: runs },
    view: { fill: 'white', stroke: '#bbb' },
    mark: { type: 'rect', strokeWidth: figure.color.scheme === 'spins' ? 0.6 : 0 },
    encoding: {
      x: { field: 'c0', type: 'quantitative', scale: { domain: [0, figure.columns], nice: false, zero: true }, axis: axis(figure.x) },
      x2: { field: 'c1' },
      y: { field: 'r', type: 'quantitative', scale: { domain: [0, figure.rows], nice: false, reverse: true }, axis: axis(figure.y) },
      y2: { field: 'r1' },
      color: { field: 'v', type: 'quantitative', title: label ?? null, scale: colorScale, legend: scheme === 'spins' ? null : {} },
      // In spin pictures a hairline of the fill colour closes anti-aliasing seams between runs.
      ...(scheme === 'spins' ? { stroke: { field: 'v', type: 'quantitative', scale: colorScale, legend: null } } : {}),
    },
    transform: [{ calculate: 'datum.r + 1', as: 'r1' }],
  };
}

/** The default plotting size of a figure; heatmaps keep square cells. */
function size(figure: Exclude<Figure, { type: 'grid' }>): { width: number; height: number } {
  if (figure.type === 'heatmap') {
    const side = Math.max(figure.columns, figure.rows);
    const cell = Math.max(1, (figure.width ?? 300) / side);
    return { width: figure.width ?? Math.round(cell * figure.columns), height: figure.height ?? Math.round(cell * figure.rows) };
  }
  return { width: figure.width ?? DEFAULT_WIDTH, height: figure.height ?? DEFAULT_HEIGHT };
}

/** The series of every line plot in a grid, first occurrence of each name (they share one legend). */
function gridSeries(figures: Figure[]): Series[] {
  const byName = new Map<string, Series>();
  for (const f of figures) if (f.type === 'line') for (const s of f.series) if (!byName.has(s.name)) byName.set(s.name, s);
  return [...byName.values()];
}

function innerSpec(figure: Figure, legendSeries?: Series[]): VegaLiteSpec {
  const title = titleOf(figure);
  if (figure.type === 'grid') {
    if (!Number.isInteger(figure.columns) || figure.columns < 1) throw invalidValue('columns', figure.columns, 'an integer >= 1');
    if (figure.figures.length === 0) throw invalidValue('figures', '[]', 'at least one figure');
    // Each panel keeps its own colours and legend (Vega-Lite would share colour scales across a concat).
    const independent = Object.fromEntries(['color', 'stroke', 'strokeDash', 'opacity'].map((c) => [c, 'independent']));
    const resolve = figure.sharedLegend ? {} : { resolve: { scale: independent, legend: independent } };
    return { ...(title ? { title } : {}), columns: figure.columns, concat: figure.figures.map((f) => innerSpec(f, figure.sharedLegend ? gridSeries(figure.figures) : undefined)), spacing: 24, ...resolve };
  }
  const body =
    figure.type === 'line' ? linePlot(figure, legendSeries)
    : figure.type === 'bar' ? barChart(figure)
    : figure.type === 'histogram' ? histogram(figure)
    : figure.type === 'scatter' ? scatterPlot(figure)
    : heatmap(figure);
  return { ...(title ? { title } : {}), ...size(figure), ...body };
}

/**
 * Translate a figure into a complete Vega-Lite specification (data inline, gibbs's look).
 * Throws a GibbsError for inconsistent input (array lengths, duplicate names, values <= 0 on a log axis).
 * @example toVegaLite({ type: 'line', x: { label: 'temperature', symbol: 'T' }, y: { label: 'energy', symbol: 'U/N' }, series: [] })
 */
export function toVegaLite(figure: Figure): VegaLiteSpec {
  return { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', config: CONFIG, ...innerSpec(figure) };
}
