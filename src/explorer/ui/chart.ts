import { el } from './dom.js';

/**
 * One drawn series. `bars`: x holds n + 1 bin edges and y n heights. `points` may carry
 * symmetric error bars y ± error.
 */
export interface ChartSeries {
  name: string;
  color: string;
  kind: 'line' | 'dashed' | 'points' | 'bars';
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  error?: ArrayLike<number>;
}

/** Axis options: label (with symbol and unit) and an optional fixed range. */
export interface ChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  width?: number;
  height?: number;
  xDomain?: [number, number];
  yDomain?: [number, number];
  /** Id of the canvas (for labels and tests). */
  id?: string;
}

/** "Nice" tick values covering [lo, hi]: steps of 1, 2 or 5 times a power of ten. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step - 1e-9) * step; t <= hi + step * 1e-9; t += step) ticks.push(Math.abs(t) < step * 1e-9 ? 0 : t);
  return ticks;
}

function tickLabel(value: number, step: number): string {
  const digits = Math.max(0, Math.min(6, -Math.floor(Math.log10(step) + 1e-9)));
  return value.toFixed(digits).replace(/^-/, '−');
}

const MARGIN = { left: 58, right: 12, top: 26, bottom: 40 };

/**
 * A small canvas chart for live data (traces, histograms, sweeps): cheap to redraw every frame,
 * crisp on high-DPI screens. The canvas has role="img" and an aria-label kept up to date.
 */
export class Chart {
  readonly element: HTMLElement;
  readonly canvas: HTMLCanvasElement;
  private readonly context: CanvasRenderingContext2D;
  private readonly width: number;
  private readonly height: number;

  constructor(private readonly options: ChartOptions) {
    this.width = options.width ?? 420;
    this.height = options.height ?? 220;
    this.canvas = el('canvas', { id: options.id, role: 'img', 'aria-label': options.title, class: 'chart' });
    const ratio = Math.max(1, Math.min(3, globalThis.devicePixelRatio || 1));
    this.canvas.width = Math.round(this.width * ratio);
    this.canvas.height = Math.round(this.height * ratio);
    this.canvas.style.width = `${this.width}px`;
    this.canvas.style.height = `${this.height}px`;
    this.context = this.canvas.getContext('2d') as CanvasRenderingContext2D;
    this.context.scale(ratio, ratio);
    this.element = el('figure', { class: 'chart-figure' }, this.canvas);
    this.update([]);
  }

  /** Redraw with these series (ranges fit the data unless fixed in the options). */
  update(series: ChartSeries[], summary?: string): void {
    const { context: g, width, height, options } = this;
    const [xLo, xHi] = options.xDomain ?? extent(series, 'x');
    const [yLo, yHi] = options.yDomain ?? padded(extent(series, 'y', true));
    const plotW = width - MARGIN.left - MARGIN.right;
    const plotH = height - MARGIN.top - MARGIN.bottom;
    const px = (x: number) => MARGIN.left + ((x - xLo) / (xHi - xLo || 1)) * plotW;
    const py = (y: number) => MARGIN.top + (1 - (y - yLo) / (yHi - yLo || 1)) * plotH;
    g.clearRect(0, 0, width, height);
    g.fillStyle = '#fff';
    g.fillRect(0, 0, width, height);
    g.font = '11px "DejaVu Sans", system-ui, sans-serif';
    // Grid, ticks and labels.
    g.strokeStyle = '#e6e6e6';
    g.fillStyle = '#444';
    g.lineWidth = 1;
    const xTicks = niceTicks(xLo, xHi, 6);
    const yTicks = niceTicks(yLo, yHi, 5);
    g.textAlign = 'center';
    g.textBaseline = 'top';
    for (const t of xTicks) {
      const x = Math.round(px(t)) + 0.5;
      g.beginPath(); g.moveTo(x, MARGIN.top); g.lineTo(x, MARGIN.top + plotH); g.stroke();
      g.fillText(tickLabel(t, xTicks[1] - xTicks[0] || 1), x, MARGIN.top + plotH + 4);
    }
    g.textAlign = 'right';
    g.textBaseline = 'middle';
    for (const t of yTicks) {
      const y = Math.round(py(t)) + 0.5;
      g.beginPath(); g.moveTo(MARGIN.left, y); g.lineTo(MARGIN.left + plotW, y); g.stroke();
      g.fillText(tickLabel(t, yTicks[1] - yTicks[0] || 1), MARGIN.left - 4, y);
    }
    g.strokeStyle = '#888';
    g.strokeRect(MARGIN.left + 0.5, MARGIN.top + 0.5, plotW, plotH);
    g.fillStyle = '#222';
    g.textAlign = 'center';
    g.textBaseline = 'bottom';
    g.fillText(options.xLabel, MARGIN.left + plotW / 2, height - 2);
    g.save();
    g.translate(12, MARGIN.top + plotH / 2);
    g.rotate(-Math.PI / 2);
    g.textBaseline = 'middle';
    g.fillText(options.yLabel, 0, 0);
    g.restore();
    g.font = 'bold 12px "DejaVu Sans", system-ui, sans-serif';
    g.textAlign = 'left';
    g.textBaseline = 'top';
    g.fillText(options.title, 6, 5);
    // Data, clipped to the plot area.
    g.save();
    g.beginPath();
    g.rect(MARGIN.left, MARGIN.top, plotW, plotH);
    g.clip();
    for (const s of series) drawSeries(g, s, px, py);
    g.restore();
    drawLegend(g, series, MARGIN.left + plotW - 6, MARGIN.top + 6);
    this.canvas.setAttribute('aria-label', summary ? `${options.title}: ${summary}` : options.title);
  }
}

function drawSeries(g: CanvasRenderingContext2D, s: ChartSeries, px: (x: number) => number, py: (y: number) => number): void {
  g.strokeStyle = s.color;
  g.fillStyle = s.color;
  g.lineWidth = 2;
  g.setLineDash(s.kind === 'dashed' ? [6, 4] : []);
  if (s.kind === 'bars') {
    g.globalAlpha = 0.6;
    for (let i = 0; i < s.y.length; i++) {
      if (!Number.isFinite(s.y[i])) continue;
      const x0 = px(s.x[i]);
      const x1 = px(s.x[i + 1]);
      g.fillRect(x0, py(s.y[i]), Math.max(1, x1 - x0 - 0.5), py(0) - py(s.y[i]));
    }
    g.globalAlpha = 1;
    return;
  }
  if (s.kind === 'points') {
    g.lineWidth = 1.5;
    for (let i = 0; i < s.x.length; i++) {
      if (!Number.isFinite(s.y[i])) continue;
      const x = px(s.x[i]);
      const y = py(s.y[i]);
      const e = s.error?.[i];
      if (e !== undefined && Number.isFinite(e) && e > 0) {
        g.beginPath(); g.moveTo(x, py(s.y[i] - e)); g.lineTo(x, py(s.y[i] + e)); g.stroke();
      }
      g.beginPath(); g.arc(x, y, 3.2, 0, 2 * Math.PI); g.fill();
    }
    return;
  }
  g.beginPath();
  let pen = false;
  for (let i = 0; i < s.x.length; i++) {
    if (!Number.isFinite(s.y[i])) {
      pen = false;
      continue;
    }
    if (pen) g.lineTo(px(s.x[i]), py(s.y[i]));
    else g.moveTo(px(s.x[i]), py(s.y[i]));
    pen = true;
  }
  g.stroke();
  g.setLineDash([]);
}

function drawLegend(g: CanvasRenderingContext2D, series: ChartSeries[], right: number, top: number): void {
  const named = series.filter((s) => s.name !== '');
  if (named.length < 2) return;
  g.font = '11px "DejaVu Sans", system-ui, sans-serif';
  const width = Math.max(...named.map((s) => g.measureText(s.name).width)) + 30;
  g.fillStyle = 'rgba(255,255,255,0.85)';
  g.fillRect(right - width - 4, top - 2, width + 4, named.length * 15 + 4);
  named.forEach((s, i) => {
    const y = top + 7 + i * 15;
    g.strokeStyle = s.color;
    g.fillStyle = s.color;
    g.lineWidth = 2;
    g.setLineDash(s.kind === 'dashed' ? [5, 3] : []);
    if (s.kind === 'points') {
      g.beginPath(); g.arc(right - width + 8, y, 3.2, 0, 2 * Math.PI); g.fill();
    } else if (s.kind === 'bars') {
      g.fillRect(right - width + 2, y - 4, 12, 8);
    } else {
      g.beginPath(); g.moveTo(right - width, y); g.lineTo(right - width + 16, y); g.stroke();
    }
    g.setLineDash([]);
    g.fillStyle = '#222';
    g.textAlign = 'left';
    g.textBaseline = 'middle';
    g.fillText(s.name, right - width + 22, y);
  });
}

/** Min and max over the series' x (or y, including error bars and bar bottoms at 0). */
function extent(series: ChartSeries[], axis: 'x' | 'y', withErrors = false): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) {
    const values = axis === 'x' ? s.x : s.y;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (!Number.isFinite(v)) continue;
      const e = withErrors && s.error && Number.isFinite(s.error[i]) ? s.error[i] : 0;
      lo = Math.min(lo, v - e);
      hi = Math.max(hi, v + e);
    }
    if (axis === 'y' && s.kind === 'bars') lo = Math.min(lo, 0);
  }
  if (lo > hi) return [0, 1];
  if (lo === hi) return [lo - 0.5, hi + 0.5];
  return [lo, hi];
}

function padded([lo, hi]: [number, number]): [number, number] {
  const pad = (hi - lo) * 0.06;
  return [lo - pad, hi + pad];
}
