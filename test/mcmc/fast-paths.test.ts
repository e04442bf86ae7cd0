import { describe, expect, it } from 'vitest';
import { advanceChain, resolvePlan, snapshotChain, startChain } from '../../src/mcmc/driver.js';
import { metropolisKernel } from '../../src/mcmc/metropolis.js';
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
