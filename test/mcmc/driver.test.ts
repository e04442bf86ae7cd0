import { describe, expect, it } from 'vitest';
import { enumerate } from '../../src/exact/enumerate.js';
import { advanceChain, resolvePlan, resumeChain, snapshotChain, startChain } from '../../src/mcmc/driver.js';
import { metropolisKernel } from '../../src/mcmc/metropolis.js';
import { runChains } from '../../src/mcmc/run.js';
import { chainModel, squareModel } from '../../src/models/lattices.js';
import { sherringtonKirkpatrickModel } from '../../src/models/disorder.js';
import { Rng } from '../../src/core/rng.js';
import type { IsingModel } from '../../src/models/ising.js';
import { decodePlain, encodePlain } from '../../src/node/checkpoint.js';
import { brokenAtHalfBeta, deviations, withinErrors } from './exact-check.js';

const TC = 2 / Math.log(1 + Math.SQRT2);
const torus = squareModel(4, 4);

/** Deliberately broken: proposals accepted with exp(-beta dE / 2), i.e. sampling at 2T. */
const brokenMetropolis = brokenAtHalfBeta(metropolisKernel);

function randomFieldChain(): IsingModel {
  const rng = Rng.fromSeed(7);
  const chain = chainModel(10, { coupling: -1 });
  return chain.withFields(Array.from({ length: 10 }, () => rng.normal()));
}

describe('run driver with Metropolis', () => {
  it.each([1.5, TC, 3.5])('matches exact enumeration on the 4x4 torus at T = %f (all three orders)', (temperature) => {
    const exact = enumerate(torus, { temperature });
    for (const order of ['sequential', 'random', 'checkerboard'] as const) {
      const { summary } = runChains(metropolisKernel, torus, { beta: 1 / temperature, order }, { sweeps: 20000, burnIn: 500 }, { seed: 11 });
      expect(withinErrors(deviations(summary, exact)), `${order}: ${JSON.stringify(deviations(summary, exact))}`).toBe(true);
    }
  });

  it.each([
    ['SK N=12 with fields', sherringtonKirkpatrickModel(12, { seed: 3, field: 0.3 }), 0.8],
    ['open chain with random fields', randomFieldChain(), 1.2],
  ])('matches exact enumeration on %s (general, non-tabulated path)', (_name, model, temperature) => {
    const exact = enumerate(model, { temperature });
    const { summary } = runChains(metropolisKernel, model, { beta: 1 / temperature }, { sweeps: 20000, burnIn: 500 }, { seed: 5 });
    expect(withinErrors(deviations(summary, exact)), JSON.stringify(deviations(summary, exact))).toBe(true);
  });

  it('detects a broken kernel (acceptance exp(-beta dE / 2)) with the same test', () => {
    const exact = enumerate(torus, { temperature: TC });
    const { summary } = runChains(brokenMetropolis, torus, { beta: 1 / TC }, { sweeps: 20000, burnIn: 500 }, { seed: 11 });
    expect(withinErrors(deviations(summary, exact))).toBe(false);
  });

  it('derived quantities carry jackknife errors, tau and R-hat; warnings for short runs', () => {
    const { summary } = runChains(metropolisKernel, torus, { beta: 1 / TC }, { sweeps: 40, burnIn: 0 }, { seed: 2, chains: 2 });
    expect(summary.derived.heatCapacity.error).toBeGreaterThan(0);
    expect(summary.derived.binder.rHat).toBeDefined();
    expect(summary.warnings.some((w) => /shorter than 50 autocorrelation times/.test(w))).toBe(true);
  });

  it('continues bit for bit after snapshot -> JSON -> restore at any point', () => {
    const plan = resolvePlan({ sweeps: 300, burnIn: 50, interval: 3, checkInterval: 7 });
    const model = sherringtonKirkpatrickModel(10, { seed: 1, field: 0.2 });
    const options = { beta: 1.3, order: 'random' as const, correlation: false };
    const whole = startChain(metropolisKernel, model, options, plan, 9, 1);
    advanceChain(metropolisKernel, whole, plan);
    const part = startChain(metropolisKernel, model, options, plan, 9, 1);
    let stops = 0;
    advanceChain(metropolisKernel, part, plan, { stopEvery: 1, shouldStop: () => ++stops === 77 });
    const saved = decodePlain(encodePlain(snapshotChain(metropolisKernel, part))) as ReturnType<typeof snapshotChain>;
    const resumed = resumeChain(metropolisKernel, model, options, plan, saved);
    advanceChain(metropolisKernel, resumed, plan);
    expect(encodePlain(snapshotChain(metropolisKernel, resumed))).toBe(encodePlain(snapshotChain(metropolisKernel, whole)));
  });

  it('measures the correlation function G(r) with G(0) = 1', () => {
    const { summary } = runChains(metropolisKernel, squareModel(8, 8), { beta: 0.3, correlation: true }, { sweeps: 500, burnIn: 50 }, { seed: 3, chains: 2 });
    const g = summary.vectors.correlation;
    expect(g.mean[0]).toBeCloseTo(1, 12);
    expect(g.mean.length).toBe(5);
    expect(g.mean[1]).toBeGreaterThan(g.mean[4]);
    expect(g.error[1]).toBeGreaterThan(0);
  });
});
