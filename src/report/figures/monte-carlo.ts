import type { ChainsResult } from '../../mcmc/run.js';
import type { LatticeInfo } from '../../models/ising.js';
import { histogramBins } from '../bins.js';
import type { Axis, Figure, LinePlot } from '../figure.js';
import type { IsingPoint } from '../monte-carlo.js';
import type { ThermoSeries } from './thermodynamics.js';

/**
 * Monte Carlo points as a thermodynamics series: per-spin E, C and |M| with their error bars
 * (one standard error from the autocorrelation-corrected estimate, or the jackknife for C).
 */
export function monteCarloSeries(points: IsingPoint[], name: string, color = '#e15759'): ThermoSeries {
  const per = (f: (p: IsingPoint) => number) => points.map((p) => f(p) / p.spins);
  return {
    name,
    style: 'points',
    color,
    temperature: points.map((p) => p.temperature),
    values: { energy: per((p) => p.energy.mean), heatCapacity: per((p) => p.heatCapacity.mean), absMagnetization: per((p) => p.absMagnetization.mean), susceptibility: per((p) => p.susceptibility.mean) },
    errors: { energy: per((p) => p.energy.error), heatCapacity: per((p) => p.heatCapacity.error), absMagnetization: per((p) => p.absMagnetization.error), susceptibility: per((p) => p.susceptibility.error) },
  };
}

/** At most `max` evenly spaced entries of a series (keeps a long trace's SVG small). */
function thin(values: ArrayLike<number>, max: number): { x: number[]; y: number[] } {
  const step = Math.max(1, Math.ceil(values.length / max));
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < values.length; i += step) {
    x.push(i);
    y.push(values[i]);
  }
  return { x, y };
}

/**
 * The natural figure of `gibbs sample` (one temperature): each chain's E/N and |M|/N against the
 * measurement, the histogram of E/N over all chains with the estimate marked, and chain 0's final
 * spins when the model is a 2D lattice.
 */
export function sampleRunFigure(
  result: ChainsResult, scalars: readonly string[], spins: number,
  options: { title: string; interval: number; configuration?: ArrayLike<number>; lattice?: LatticeInfo },
): Figure {
  const energy = scalars.indexOf('energy');
  const absMagnetization = scalars.indexOf('absMagnetization');
  const trace = (index: number, label: Axis): LinePlot => ({
    type: 'line',
    x: { label: `measurement (every ${options.interval} sweep${options.interval > 1 ? 's' : ''})` },
    y: label,
    series: result.snapshots.map((chain, k) => {
      const t = thin(Array.from(chain.series[index], (v) => v / spins), 1500);
      return { kind: 'line' as const, name: `chain ${k}`, x: t.x, y: t.y };
    }),
    width: 420,
    height: 180,
  });
  const all = result.snapshots.flatMap((chain) => Array.from(chain.series[energy], (v) => v / spins));
  const e = result.summary.scalars.energy;
  const figures: Figure[] = [
    { ...trace(energy, { label: 'U/N', unit: '|J|' }), title: 'Energy per spin, each chain' },
    { ...trace(absMagnetization, { label: '|M|/N' }), title: 'Magnetisation per spin, each chain' },
    {
      type: 'histogram',
      title: 'Histogram of E/N, all chains',
      x: { label: 'E/N', unit: '|J|' },
      y: { label: 'probability density' },
      series: [{ name: 'E/N', ...histogramBins(all, { bins: 50, density: true }) }],
      references: [{ label: `mean ${(e.mean / spins).toPrecision(6)} ± ${(e.error / spins).toPrecision(2)}`, value: e.mean / spins, orientation: 'vertical' }],
      width: 420,
      height: 180,
    },
  ];
  const lattice = options.lattice;
  if (options.configuration && lattice && lattice.size.length === 2) {
    figures.push({ type: 'heatmap', title: 'Chain 0: final spins (dark +1)', columns: lattice.size[0], rows: lattice.size[1], values: options.configuration, color: { scheme: 'spins' }, width: 240 });
  }
  return { type: 'grid', title: options.title, columns: 2, figures };
}
