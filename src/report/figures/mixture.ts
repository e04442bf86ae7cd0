import type { DataMatrix } from '../../prob/data-matrix.js';
import { BernoulliMixture } from '../../prob/bernoulli-mixture.js';
import type { GaussianMixture } from '../../prob/gaussian-mixture.js';
import { histogramBins } from '../bins.js';
import { contourLevels, sampleGrid } from '../contours.js';
import { gaussianEllipse } from '../ellipse.js';
import type { Figure, LinePlot, ScatterPlot } from '../figure.js';

/** The 2x2 covariance of component k in the first two coordinates, as [sxx, sxy, syy]. */
function covariance2(model: GaussianMixture, k: number): [number, number, number] {
  const c = model.covarianceMatrix(k);
  const d = model.dim;
  return [c[0], c[1], c[d + 1]];
}

/**
 * A fitted Gaussian mixture over 2D data (the first two coordinates when there are more): the
 * points coloured by their most probable component, each component's 2σ ellipse, and
 * contours of the fitted density (2D data only).
 * @example mixtureScatterFigure(x, fit.model, 'Gaussian mixture, K = 3')
 */
export function mixtureScatterFigure(x: DataMatrix, model: GaussianMixture, title: string): ScatterPlot {
  const r = model.responsibilities(x);
  const k = model.components;
  const group = Array.from({ length: x.rows }, (_, i) => {
    let best = 0;
    for (let j = 1; j < k; j++) if (r[i * k + j] > r[i * k + best]) best = j;
    return `component ${best + 1}`;
  });
  const xs = Array.from({ length: x.rows }, (_, i) => x.data[i * x.cols]);
  const ys = Array.from({ length: x.rows }, (_, i) => x.data[i * x.cols + 1]);
  const curves = Array.from({ length: k }, (_, j) => gaussianEllipse(`component ${j + 1}, 2σ ellipse`, [model.means[j * model.dim], model.means[j * model.dim + 1]], covariance2(model, j), 2));
  const pad = (v: number[]) => {
    const lo = Math.min(...v);
    const hi = Math.max(...v);
    return [lo - 0.1 * (hi - lo), hi + 0.1 * (hi - lo)] as [number, number];
  };
  const figure: ScatterPlot = {
    type: 'scatter',
    title,
    x: { label: 'x₁' },
    y: { label: 'x₂' },
    points: { x: xs, y: ys, group },
    groupLabel: 'most probable component',
    curves,
    width: 420,
    height: 360,
  };
  if (model.dim === 2) {
    const field = sampleGrid((a, b) => Math.exp(model.logPdf([a, b])), pad(xs), pad(ys), 70, 60);
    let max = 0;
    for (let i = 0; i < field.values.length; i++) max = Math.max(max, field.values[i]);
    figure.contours = { label: 'fitted density', levels: contourLevels(field, [0.05, 0.2, 0.5].map((f) => f * max)) };
  }
  return figure;
}

/** The EM objective after each iteration: it never decreases. */
export function emHistoryFigure(history: number[], rows: number): LinePlot {
  const iterations = history.map((_, i) => i + 1);
  return {
    type: 'line',
    title: 'EM: log-likelihood per point at each iteration',
    x: { label: 'iteration', scale: 'log' },
    y: { label: 'ℓ/n', unit: 'nats' },
    series: [{ kind: 'line', name: 'ℓ/n', x: iterations, y: history.map((h) => h / rows), color: '#4e79a7' }, { kind: 'points', name: 'iterations', x: iterations, y: history.map((h) => h / rows), color: '#4e79a7' }],
    width: 360,
    height: 260,
    legend: 'bottom',
  };
}

/** The natural figure of a Gaussian mixture fit: the fitted components over the data, and EM's progress. */
export function mixtureFitFigure(x: DataMatrix, model: GaussianMixture, history: number[], title: string): Figure {
  return { type: 'grid', columns: 2, figures: [mixtureScatterFigure(x, model, title), emHistoryFigure(history, x.rows)] };
}

/**
 * The figure `gibbs mixture fit --plot` draws: for a Gaussian mixture over two or more columns,
 * the fitted components over the data (first two columns); for one column, the data's histogram
 * with the fitted density; for a Bernoulli mixture, each component's probabilities as an image.
 */
export function mixturePlotFigure(x: DataMatrix, model: GaussianMixture | BernoulliMixture, columns: string[]): Figure {
  if (model instanceof BernoulliMixture) {
    return {
      type: 'heatmap',
      title: `Bernoulli mixture: P(x_j = 1 | component), ${model.components} components`,
      columns: x.cols,
      rows: model.components,
      values: model.probabilities,
      color: { scheme: 'sequential', label: 'P(x_j = 1)', domain: [0, 1] },
      x: { label: `column (${columns.length} binary features)` },
      y: { label: 'component' },
      width: Math.min(600, Math.max(200, 12 * x.cols)),
    };
  }
  if (x.cols >= 2) {
    const figure = mixtureScatterFigure(x, model, `Gaussian mixture, ${model.components} components`);
    return { ...figure, x: { label: columns[0] }, y: { label: columns[1] }, ...(x.cols > 2 ? { subtitle: `first two of ${x.cols} columns; ellipses are the components' marginals` } : {}) };
  }
  const values = Array.from(x.data);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const bins = histogramBins(values, { bins: Math.max(10, Math.min(60, Math.round(Math.sqrt(values.length)))), density: true });
  const grid = Array.from({ length: 241 }, (_, i) => lo - 0.1 * (hi - lo) + (1.2 * (hi - lo) * i) / 240);
  return {
    type: 'grid',
    columns: 1,
    figures: [
      { type: 'histogram', title: `Gaussian mixture, ${model.components} components: data and fitted density`, x: { label: columns[0] }, y: { label: 'density' }, series: [{ name: 'data', ...bins }] },
      { type: 'line', x: { label: columns[0] }, y: { label: 'fitted density' }, series: [{ kind: 'line', name: 'mixture density', x: grid, y: grid.map((v) => Math.exp(model.logPdf([v]))) }], height: 160 },
    ],
  };
}

/**
 * The figure of `gibbs mixture score --plot`: the histogram of each row's log density under the
 * model, with the anomaly threshold (rows below it are flagged).
 */
export function anomalyScoreFigure(logDensity: ArrayLike<number>, threshold: number, quantile: number): Figure {
  const bins = histogramBins(logDensity, { bins: Math.max(10, Math.min(60, Math.round(Math.sqrt(logDensity.length)))) });
  let flagged = 0;
  for (let i = 0; i < logDensity.length; i++) if (logDensity[i] < threshold) flagged++;
  return {
    type: 'histogram',
    title: `Log density of each row: ${flagged} of ${logDensity.length} below the anomaly threshold`,
    x: { label: 'log density', symbol: 'log p(x)', unit: 'nats' },
    y: { label: 'rows' },
    series: [{ name: 'rows', ...bins }],
    references: [{ label: `threshold (the ${quantile} quantile of the training data)`, value: threshold, orientation: 'vertical' }],
  };
}
