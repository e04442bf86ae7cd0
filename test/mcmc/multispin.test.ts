import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { bitwiseAcceptance, decideFlips, popcount } from '../../src/mcmc/bitwise-acceptance.js';
import { advanceChain, resolvePlan, startChain } from '../../src/mcmc/driver.js';
import { metropolisKernel } from '../../src/mcmc/metropolis.js';
import { multispinKernel, multispinLayout, multispinSpins } from '../../src/mcmc/multispin.js';
import { runChains } from '../../src/mcmc/run.js';
import { chainModel, cubicModel, squareModel } from '../../src/models/lattices.js';
import { brokenAtHalfBeta, deviation } from './exact-check.js';
import { stripTorus } from './strip-transfer.js';

const TC = 2 / Math.log(1 + Math.SQRT2);

describe('bitwise acceptance', () => {
  it('stores the exact binary digits of exp(-beta dE)', () => {
    const a = bitwiseAcceptance(4, -1, 0.3, 0.7);
    expect(a.count).toBeGreaterThan(0);
    for (let c = 0; c < a.count; c++) {
      let p = 0;
      for (let i = a.length - 1; i >= 0; i--) p = (p + (a.digits[i * a.count + c] ? 1 : 0)) / 2;
      const k = (a.x0[c] ? 1 : 0) + (a.x1[c] ? 2 : 0) + (a.x2[c] ? 4 : 0);
      const s = a.xs[c] ? -1 : 1;
      expect(p).toBe(Math.exp(-0.7 * (2 * -1 * (2 * k - 4) - 2 * 0.3 * s)));
    }
  });

  /** Largest standardised deviation of the acceptance counts of classes k = 0 and k = 1 from e^{-8 beta}, e^{-4 beta}. */
  function binomialDeviation(decisionBeta: number, beta: number): number {
    const a = bitwiseAcceptance(4, -1, 0, decisionBeta);
    const rng = Rng.fromSeed(3);
    // Bits 0-15 have k = 0 (p = e^{-8 beta}), bits 16-31 k = 1 (p = e^{-4 beta}).
    const b0 = 0xffff0000 | 0;
    let low = 0;
    let high = 0;
    const trials = 20000;
    for (let t = 0; t < trials; t++) {
      const flip = decideFlips(a, b0, 0, 0, 0, -1, rng);
      low += popcount(flip & 0xffff);
      high += popcount(flip >>> 16);
    }
    const n = 16 * trials;
    return Math.max(...[[low, Math.exp(-8 * beta)], [high, Math.exp(-4 * beta)]].map(([count, p]) => Math.abs(count - n * p) / Math.sqrt(n * p * (1 - p))));
  }

  it('accepts each class with its probability (binomial test over 32 x 20000 decisions), and detects wrong ones', () => {
    expect(binomialDeviation(0.3, 0.3)).toBeLessThan(4);
    // Deliberately wrong: decisions made for beta 0.29 instead of 0.3.
    expect(binomialDeviation(0.29, 0.3)).toBeGreaterThan(4);
  });
});

describe('multi-spin strip layout against exact row-transfer results', () => {
  it.each([
    ['ring of 64 spins with a field', chainModel(64, { boundary: 'periodic', field: 0.2 }), 1, 64, 0.2, 1.5],
    ['4 x 32 torus at T_c', squareModel(4, 32), 4, 32, 0, TC],
    ['4 x 64 torus with a field', squareModel(4, 64, { field: 0.1 }), 4, 64, 0, 2.5],
  ])('%s: E, |M|, C within 4 errors', (_label, model, width, rows, _h, temperature) => {
    expect(multispinLayout(model).layout).toBe('strip');
    const exact = stripTorus(width, rows, -1, model.fields[0], 1 / temperature);
    const { summary } = runChains(multispinKernel, model, { beta: 1 / temperature }, { sweeps: 6000, burnIn: 500 }, { seed: 8 });
    expect(Math.abs(deviation(summary.scalars.energy, exact.energy))).toBeLessThan(4);
    expect(Math.abs(deviation(summary.scalars.absMagnetization, exact.absMagnetization))).toBeLessThan(4);
    expect(Math.abs(deviation(summary.derived.heatCapacity, exact.heatCapacity))).toBeLessThan(4);
    // The same test fails for broken dynamics (acceptance at beta / 2).
    const broken = brokenAtHalfBeta(multispinKernel);
    const bad = runChains(broken, model, { beta: 1 / temperature }, { sweeps: 6000, burnIn: 500 }, { seed: 8 }).summary;
    expect(Math.abs(deviation(bad.scalars.energy, exact.energy))).toBeGreaterThan(4);
  });

  it('agrees with plain Metropolis on a 4 x 4 x 32 cubic torus (combined error bars)', () => {
    const model = cubicModel(4, 4, 32);
    const options = { beta: 1 / 4.5 };
    const plan = { sweeps: 3000, burnIn: 300 };
    const a = runChains(multispinKernel, model, options, plan, { seed: 2 }).summary;
    const b = runChains(metropolisKernel, model, options, plan, { seed: 2 }).summary;
    const gap = (x: typeof a, key: 'energy' | 'absMagnetization') => Math.abs(x.scalars[key].mean - b.scalars[key].mean) / Math.hypot(x.scalars[key].error, b.scalars[key].error);
    expect(gap(a, 'energy')).toBeLessThan(4);
    expect(gap(a, 'absMagnetization')).toBeLessThan(4);
    // A multi-spin kernel with broken dynamics (beta / 2) is caught by the same comparison.
    const broken = brokenAtHalfBeta(multispinKernel);
    expect(gap(runChains(broken, model, options, plan, { seed: 2 }).summary, 'energy')).toBeGreaterThan(4);
  });

  it('packs every site exactly once and measures E and M consistently with the model', () => {
    for (const model of [squareModel(6, 96), squareModel(4, 32), cubicModel(4, 6, 64), chainModel(32, { boundary: 'periodic' })]) {
      const plan = resolvePlan({ sweeps: 5, burnIn: 0 });
      const chain = startChain(multispinKernel, model, { beta: 0.3 }, plan, 4, 0);
      advanceChain(multispinKernel, chain, plan);
      const spins = Int8Array.from(multispinSpins(chain.state));
      const row = new Float64Array(6);
      multispinKernel.observables(model, { beta: 0.3 }).measure(chain.state, row);
      expect(row[0]).toBe(model.energy(spins));
      expect(row[2]).toBe(model.magnetization(spins));
      const seen = new Set(chain.state.sites);
      expect(seen.size).toBe(model.size);
    }
  });
});
