import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { enumerate } from '../../src/exact/enumerate.js';
import type { AnyKernel } from '../../src/mcmc/kernel.js';
import { geometricLadder } from '../../src/mcmc/ladder.js';
import { heatBathKernel } from '../../src/mcmc/heat-bath.js';
import { metropolisKernel } from '../../src/mcmc/metropolis.js';
import { multispinKernel, multispinLayout } from '../../src/mcmc/multispin.js';
import { runChains } from '../../src/mcmc/run.js';
import { swendsenWangKernel } from '../../src/mcmc/swendsen-wang.js';
import { temperingKernel } from '../../src/mcmc/tempering.js';
import { wolffKernel } from '../../src/mcmc/wolff.js';
import { edwardsAndersonModel, sherringtonKirkpatrickModel } from '../../src/models/disorder.js';
import { IsingModel } from '../../src/models/ising.js';
import { chainModel, squareModel, triangularModel } from '../../src/models/lattices.js';
import { brokenAtHalfBeta, deviations, withinErrors } from './exact-check.js';

const TC = 2 / Math.log(1 + Math.SQRT2);
const tempering = temperingKernel(metropolisKernel);

/** Kernel options at temperature T (tempering: a 4-rung ladder from T to 2.5 T). */
function optionsAt(kernel: AnyKernel, temperature: number): Record<string, unknown> {
  return kernel === tempering ? { betas: geometricLadder(temperature, 2.5 * temperature, 4) } : { beta: 1 / temperature };
}

function randomFieldChain(): IsingModel {
  const rng = Rng.fromSeed(7);
  return chainModel(10, { coupling: -1 }).withFields(Array.from({ length: 10 }, () => rng.normal()));
}

const KERNELS: Array<[string, AnyKernel]> = [
  ['metropolis', metropolisKernel],
  ['heat-bath', heatBathKernel],
  ['wolff', wolffKernel],
  ['swendsen-wang', swendsenWangKernel],
  ['multispin', multispinKernel],
  ['tempering', tempering],
];
const CASES: Array<[string, IsingModel, number]> = [
  ['4x4 torus T = 1.5', squareModel(4, 4), 1.5],
  ['4x4 torus T = T_c', squareModel(4, 4), TC],
  ['4x4 torus T = 3.5', squareModel(4, 4), 3.5],
  ['SK N = 12 with fields', sherringtonKirkpatrickModel(12, { seed: 3, field: 0.3 }), 1.2],
  ['open chain with random fields', randomFieldChain(), 1.2],
];

function applies(kernel: AnyKernel, model: IsingModel): boolean {
  if (kernel !== multispinKernel) return true;
  try {
    multispinLayout(model);
    return true;
  } catch {
    return false;
  }
}

describe.each(KERNELS)('%s kernel', (name, kernel) => {
  it.each(CASES)('matches exact enumeration on the %s (E, |M|, C within 4 errors)', (_label, model, temperature) => {
    if (!applies(kernel, model)) {
      // Multi-spin coding needs one coupling value and a uniform field: refused, clearly.
      expect(() => multispinLayout(model)).toThrow(/needs one coupling value/);
      return;
    }
    const exact = enumerate(model, { temperature });
    const { summary } = runChains(kernel, model, optionsAt(kernel, temperature), { sweeps: 5000, burnIn: 300 }, { seed: 21, chains: 2 });
    const d = deviations(summary, exact);
    expect(withinErrors(d), `${name}: ${JSON.stringify(d)}`).toBe(true);
  });

  it('fails the same test when broken (dynamics at beta / 2)', () => {
    const model = squareModel(4, 4);
    const exact = enumerate(model, { temperature: TC });
    const { summary } = runChains(brokenAtHalfBeta(kernel), model, optionsAt(kernel, TC), { sweeps: 5000, burnIn: 300 }, { seed: 21, chains: 2 });
    expect(withinErrors(deviations(summary, exact))).toBe(false);
  });
});

/** Wilson–Hilferty approximation of the chi-square quantile with `dof` degrees of freedom at normal quantile z. */
function chiSquareQuantile(dof: number, z: number): number {
  const a = 2 / (9 * dof);
  return dof * (1 - a + z * Math.sqrt(a)) ** 3;
}

/** Chi-square of the visited-state histogram (samples `thin` sweeps apart) against Boltzmann weights. */
function stationaryChiSquare(kernel: AnyKernel, model: IsingModel, options: Record<string, unknown>, beta: number, samples: number, thin: number): number {
  const n = model.size;
  const rng = Rng.fromSeed(5);
  const state = kernel.init(model, options, rng);
  const configuration = kernel.configuration as (s: unknown) => ArrayLike<number>;
  for (let t = 0; t < 50; t++) kernel.sweep(state, rng);
  const counts = new Float64Array(2 ** n);
  for (let k = 0; k < samples; k++) {
    for (let t = 0; t < thin; t++) kernel.sweep(state, rng);
    const s = configuration(state);
    let index = 0;
    for (let i = 0; i < n; i++) if (s[i] < 0) index |= 1 << i;
    counts[index]++;
  }
  const weights = Array.from({ length: 2 ** n }, (_, x) => Math.exp(-beta * model.energy(Int8Array.from({ length: n }, (_, i) => ((x >> i) & 1 ? -1 : 1)))));
  const z = weights.reduce((a, b) => a + b, 0);
  let chi2 = 0;
  weights.forEach((w, x) => {
    const expected = (samples * w) / z;
    chi2 += (counts[x] - expected) ** 2 / expected;
  });
  return chi2;
}

describe('stationary distribution over all 2^N states (chi-square, N <= 6)', () => {
  const frustrated = IsingModel.fromCouplings(5, [[0, 1, -1], [1, 2, 0.7], [2, 3, -0.5], [3, 4, -1.2], [4, 0, 0.4], [0, 2, -0.3]], [0.3, -0.2, 0.1, 0, 0.5]);
  const ring = chainModel(6, { boundary: 'periodic', coupling: -1, field: 0.3 });
  const beta = 0.8;
  const limit = chiSquareQuantile(31, 3.09); // p = 0.001 for 32 states
  it.each(KERNELS)('%s samples the Boltzmann distribution, and a broken copy does not', (_name, kernel) => {
    const model = kernel === multispinKernel ? ring : frustrated;
    const dof = 2 ** model.size - 1;
    const threshold = dof === 31 ? limit : chiSquareQuantile(dof, 3.09);
    const options = kernel === tempering ? { betas: [beta, beta / 2, beta / 4] } : { beta };
    expect(stationaryChiSquare(kernel, model, options, beta, 20000, 10)).toBeLessThan(threshold);
    expect(stationaryChiSquare(brokenAtHalfBeta(kernel), model, options, beta, 20000, 10)).toBeGreaterThan(threshold);
  });
});

describe('parallel tempering on a spin glass at low temperature', () => {
  it.each([
    ['Edwards-Anderson ±J 4x4', edwardsAndersonModel({ shape: 'square', size: [4, 4] }, { seed: 4 }), 0.4],
    ['triangular antiferromagnet 3x4 in a field', triangularModel(3, 4, { coupling: 1, field: 0.2 }), 0.3],
  ])('matches exact enumeration on the %s at low T', (_label, model, temperature) => {
    const exact = enumerate(model, { temperature, correlations: false });
    const { summary } = runChains(tempering, model, { betas: geometricLadder(temperature, 3, 6), place: true }, { sweeps: 3000, burnIn: 600 }, { seed: 6, chains: 2 });
    const d = deviations(summary, exact);
    expect(withinErrors(d), JSON.stringify(d)).toBe(true);
  });

  it('reaches the exact energy where single-temperature Metropolis from the same start, with the same budget, does not', () => {
    const model = sherringtonKirkpatrickModel(20, { seed: 1, field: 0.1 });
    const temperature = 0.2;
    const exact = enumerate(model, { temperature, correlations: false });
    const betas = geometricLadder(temperature, 1.6, 8);
    const pt = runChains(tempering, model, { betas, inner: { start: 'up' } }, { sweeps: 2000, burnIn: 200 }, { seed: 1 }).summary;
    const single = runChains(metropolisKernel, model, { beta: 1 / temperature, start: 'up' }, { sweeps: 8 * 2000, burnIn: 8 * 200 }, { seed: 1 }).summary;
    const off = (e: { mean: number; error: number }) => Math.abs(e.mean - exact.energy) / e.error;
    expect(off(pt.scalars.energy)).toBeLessThan(4);
    expect(off(single.scalars.energy)).toBeGreaterThan(4);
    // Broken tempering (every swap accepted: the target replica mixes in the hot ones) fails.
    const always = temperingKernel({ ...metropolisKernel, energy: () => 0 });
    const bad = runChains(always, model, { betas, inner: { start: 'up' } }, { sweeps: 2000, burnIn: 200 }, { seed: 1 }).summary;
    expect(off(bad.scalars.energy)).toBeGreaterThan(4);
  });
});
