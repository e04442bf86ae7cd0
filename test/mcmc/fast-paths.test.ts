import { describe, expect, it } from 'vitest';
import { advanceChain, resolvePlan, snapshotChain, startChain } from '../../src/mcmc/driver.js';
import { Rng } from '../../src/core/rng.js';
import { metropolisKernel } from '../../src/mcmc/metropolis.js';
import { multispinKernel, multispinStripSweep } from '../../src/mcmc/multispin.js';
import { IsingModel } from '../../src/models/ising.js';
import { squareModel } from '../../src/models/lattices.js';
import { encodePlain } from '../../src/node/checkpoint.js';

/** The same couplings without the lattice tag, so no geometry-specific path applies. */
function untagged(model: IsingModel): IsingModel {
  return IsingModel.fromData({ ...model.toData(), lattice: undefined });
}

describe('fast paths are the same Markov chain as the general code', () => {
  it('Metropolis: the square-lattice path (inlined generator) equals the tabulated CSR path bit for bit', () => {
    const plan = resolvePlan({ sweeps: 300, burnIn: 20 });
    for (const model of [squareModel(6, 5, { field: 0.2 }), squareModel(8, 8)]) {
      const options = { beta: 0.45 };
      const fast = startChain(metropolisKernel, model, options, plan, 3, 0);
      expect(fast.state.square).toBe(true);
      advanceChain(metropolisKernel, fast, plan);
      const slow = startChain(metropolisKernel, untagged(model), options, plan, 3, 0);
      expect(slow.state.square).toBe(false);
      advanceChain(metropolisKernel, slow, plan);
      expect(encodePlain(snapshotChain(metropolisKernel, fast))).toBe(encodePlain(snapshotChain(metropolisKernel, slow)));
    }
  });
});

describe('multi-spin square fast path', () => {
  it('equals the table-driven strip sweep bit for bit (same decisions, same random numbers)', () => {
    for (const model of [squareModel(8, 64), squareModel(6, 32), squareModel(4, 96)]) {
      const a = multispinKernel.init(model, { beta: 0.42 }, Rng.fromSeed(1));
      const b = multispinKernel.init(model, { beta: 0.42 }, Rng.fromSeed(1));
      const ra = Rng.fromSeed(2);
      const rb = Rng.fromSeed(2);
      for (let t = 0; t < 50; t++) {
        expect(multispinKernel.sweep(a, ra).accepted).toBe(multispinStripSweep(b, rb));
      }
      expect(Array.from(a.words)).toEqual(Array.from(b.words));
      expect(ra.nextInt32()).toBe(rb.nextInt32());
    }
  });
});
