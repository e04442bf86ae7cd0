import { ConjugateNormal } from '../../prob/conjugate-normal.js';
import type { UnivariateDistribution } from '../../prob/distribution.js';
import type { Axis, Figure, LinePlot, LineSeries } from '../figure.js';

/** `count` points from `lo` to `hi`. */
export function linearGrid(lo: number, hi: number, count = 241): Float64Array {
  return Float64Array.from({ length: count }, (_, i) => lo + ((hi - lo) * i) / (count - 1));
}

/** A density drawn as a curve over `x`. */
export function densityCurve(name: string, distribution: UnivariateDistribution, x: ArrayLike<number>, options: { dash?: boolean; color?: string } = {}): LineSeries {
  return { kind: 'line', name, x, y: Array.from(x, (v) => distribution.pdf(v)), dash: options.dash, color: options.color };
}

/** The central `coverage` of a distribution widened by 15% on each side (clipped at 0 for `positive`). */
export function densityRange(distribution: UnivariateDistribution, coverage = 0.998, positive = false): [number, number] {
  const { lower, upper } = distribution.centralInterval(coverage);
  const pad = 0.15 * (upper - lower);
  return [positive ? Math.max(0, lower - pad) : lower - pad, upper + pad];
}

interface Curve {
  name: string;
  d: UnivariateDistribution;
  dash?: boolean;
  color?: string;
}

/**
 * Densities over the range of the last (main) one, optionally with its credible interval shaded.
 * @example densityPlot('Mean μ', { label: 'mean', symbol: 'μ' }, [{ name: 'posterior', d: t }])
 */
export function densityPlot(title: string, axis: Axis, curves: Curve[], options: { interval?: { lower: number; upper: number; label: string }; positive?: boolean } = {}): LinePlot {
  const main = curves[curves.length - 1].d;
  const x = linearGrid(...densityRange(main, 0.998, options.positive));
  const series: LinePlot['series'] = curves.map((c) => densityCurve(c.name, c.d, x, c));
  const { interval } = options;
  if (interval) {
    const inside = Array.from(x).filter((v) => v >= interval.lower && v <= interval.upper);
    series.unshift({ kind: 'band', name: interval.label, x: inside, lower: inside.map(() => 0), upper: inside.map((v) => main.pdf(v)), color: '#9ecae9' });
  }
  return { type: 'line', title, x: axis, y: { label: 'probability density' }, series, width: 300, height: 200, legend: 'bottom' };
}

/**
 * The natural figure of conjugate Normal inference: the posterior of the mean μ (with the prior
 * dashed when it is proper, the credible interval shaded), the posterior predictive of the next
 * observation, and the posterior of the variance σ².
 * @example normalPosteriorFigure(ConjugateNormal.withPrior(prior).observeAll(data), 0.95)
 */
export function normalPosteriorFigure(posterior: ConjugateNormal, level = 0.95, title?: string): Figure {
  const pct = `${Math.round(level * 1000) / 10}%`;
  const mean = posterior.meanMarginal();
  const variance = posterior.varianceMarginal();
  const prior = posterior.isReference ? undefined : ConjugateNormal.withPrior({ ...posterior.prior });
  const priorCurve = (d: UnivariateDistribution | undefined): Curve[] => (d ? [{ name: 'prior', d, dash: true, color: '#888888' }] : []);
  const posteriorName = `posterior, n = ${posterior.n}`;
  return {
    type: 'grid',
    title: title ?? `Normal model with unknown mean and variance, after ${posterior.n} observations`,
    columns: 3,
    figures: [
      densityPlot('Mean μ', { label: 'mean', symbol: 'μ' }, [...priorCurve(prior?.meanMarginal()), { name: posteriorName, d: mean, color: '#4e79a7' }], { interval: { ...mean.centralInterval(level), label: `${pct} credible interval` } }),
      densityPlot('Next observation', { label: 'next observation', symbol: 'x' }, [{ name: 'posterior predictive (Student-t)', d: posterior.predictive(), color: '#f28e2b' }]),
      densityPlot('Variance σ²', { label: 'variance', symbol: 'σ²' }, [...priorCurve(prior?.varianceMarginal()), { name: posteriorName, d: variance, color: '#59a14f' }], { interval: { ...variance.centralInterval(level), label: `${pct} credible interval` }, positive: true }),
    ],
  };
}
