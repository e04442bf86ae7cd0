import type { Estimate } from '../../src/core/estimate.js';
import type { Thermodynamics } from '../../src/exact/thermodynamics.js';
import type { AnyKernel } from '../../src/mcmc/kernel.js';
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

/**
 * Deliberately broken copy of a kernel: its dynamics run at beta / 2 (Metropolis accepts with
 * exp(-beta dE / 2); cluster bonds form with 1 - exp(-beta |J|): the missing factor 2), while
 * its observables still use beta. Every statistical test must catch it.
 */
export function brokenAtHalfBeta(kernel: AnyKernel): AnyKernel {
  const half = (o: Record<string, unknown>) => (o.betas ? { ...o, betas: (o.betas as number[]).map((b) => b / 2) } : { ...o, beta: (o.beta as number) / 2 });
  return { ...kernel, init: (model, options, rng) => kernel.init(model, half(options), rng) };
}
