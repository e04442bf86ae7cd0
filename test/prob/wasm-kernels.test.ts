import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { fusedPass, initialMixture, loadGmmKernels, newAccumulators } from '../../src/prob/index.js';
import { threeClusters } from './helpers.js';

describe('WebAssembly SIMD kernels of the full-covariance EM pass', () => {
  it('are available in Node 20', () => {
    expect(loadGmmKernels()).not.toBeNull();
  });

  it.each([4, 5, 6, 9])('d = %i: the same sums and objective as the JavaScript kernels (to rounding)', (d) => {
    const rng = Rng.fromSeed(d);
    const n = 203; // not a multiple of the block or of 4
    const base = threeClusters(n, d).x;
    const data = new Float64Array(n * d);
    for (let i = 0; i < n; i++) for (let a = 0; a < d; a++) data[i * d + a] = (a < 2 ? base.data[2 * i + a] : 0) + rng.normal();
    const x = { data, rows: n, cols: d };
    const model = initialMixture(x, 3, 'full', 1e-6, Rng.fromSeed(1));
    const run = (kernels: 'auto' | 'javascript') => {
      const acc = newAccumulators(3, d, 'full');
      const objective = fusedPass(x, 'full', model.logConstants, model.whitening, model.means, acc, kernels);
      return { objective, acc };
    };
    const js = run('javascript');
    const wasm = run('auto');
    expect(Math.abs(wasm.objective - js.objective)).toBeLessThan(1e-12 * Math.abs(js.objective));
    for (const key of ['n', 's1', 's2'] as const) {
      js.acc[key].forEach((v, i) => expect(Math.abs(wasm.acc[key][i] - v)).toBeLessThan(1e-11 * Math.max(1, Math.abs(v))));
    }
  });
});
