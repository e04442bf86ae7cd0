import type { Estimate } from '../../src/core/estimate.js';
import type { Thermodynamics } from '../../src/exact/thermodynamics.js';
import type { RunSummary } from '../../src/mcmc/summary.js';

/** Standardised deviation (estimate - exact) / error. */
export function deviation(e: Estimate, exact: number): number {
  return (e.mean - exact) / e.error;
}

/** The three checks the issue asks of every kernel: energy, |M| and heat capacity. */
export function deviations(summary: RunSummary, exact: Thermodynamics): { energy: number; absMagnetization: number; heatCapacity: number } {
  return {
    energy: deviation(summary.scalars.energy, exact.energy),
    absMagnetization: deviation(summary.scalars.absMagnetization, exact.absMagnetization as number),
    heatCapacity: deviation(summary.derived.heatCapacity, exact.heatCapacity),
  };
}

/** True when every deviation is within `k` error bars (the tolerance the tests use: 4). */
export function withinErrors(d: Record<string, number>, k = 4): boolean {
  return Object.values(d).every((z) => Math.abs(z) < k);
}
