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
