import { GibbsError } from '../../../core/errors.js';
import { runChains } from '../../../mcmc/run.js';
import { isingKernel } from '../../../mcmc/ising-kernels.js';
import { onsager } from '../../../exact/onsager.js';
import { kaufmanTorus } from '../../../exact/torus.js';
import { meanFieldSweep } from '../../../variational/mean-field.js';
import type { IsingModel } from '../../../models/ising.js';
import { panelModel } from './model.js';
import type { Curve, IsingParams, SweepRequest, WorkerMessage } from './protocol.js';

// A temperature sweep by Monte Carlo with error bars: the library's run driver (burn-in,
// autocorrelation-corrected errors, two chains) at each temperature, one point posted at a time.

const scope = self as unknown as { postMessage(message: WorkerMessage): void; onmessage: ((event: MessageEvent<SweepRequest>) => void) | null };

/**
 * Curves to compare with: mean field for any lattice, and for the square lattice in zero field
 * the exact energy of this L x L torus (Kaufman) with Onsager and Yang's infinite-lattice |M|.
 */
function curves(model: IsingModel, params: IsingParams): Curve[] {
  const grid = Array.from({ length: 70 }, (_, i) => Number((4.45 - i * 0.05).toFixed(2)));
  const meanField = meanFieldSweep(model, grid.map((temperature) => ({ temperature })), { tolerance: 1e-8, maxIterations: 2000 });
  const n = model.size;
  const result: Curve[] = [
    {
      name: 'mean field',
      temperature: grid,
      energy: meanField.map((r) => r.energy / n),
      absMagnetization: meanField.map((r) => Math.abs(r.magnetization.reduce((a, b) => a + b, 0)) / n),
    },
  ];
  if (params.lattice === 'square' && params.field === 0) {
    const coupling = params.coupling === 'ferromagnet' ? -1 : 1;
    result.unshift({
      name: `exact ${params.size}×${params.size} (Kaufman; |M|: Onsager–Yang, L = ∞)`,
      temperature: grid,
      energy: grid.map((temperature) => kaufmanTorus(model, { temperature }).energy / n),
      absMagnetization: grid.map((temperature) => (coupling < 0 ? (onsager(coupling, { temperature }).absMagnetization ?? Number.NaN) : Number.NaN)),
    });
  }
  return result;
}

scope.onmessage = (event) => {
  try {
    const { params, temperatures, sweeps, burnIn } = event.data;
    const model = panelModel(params);
    const kernel = isingKernel(params.algorithm);
    scope.postMessage({ type: 'sweep-curves', curves: curves(model, params) });
    for (const temperature of temperatures) {
      const { summary } = runChains(kernel, model, { beta: 1 / temperature, start: 'random' }, { sweeps, burnIn }, { seed: params.seed, chains: 2 });
      const n = model.size;
      scope.postMessage({
        type: 'sweep-point',
        temperature,
        energy: summary.scalars.energy.mean / n,
        energyError: summary.scalars.energy.error / n,
        absMagnetization: summary.scalars.absMagnetization.mean / n,
        absMagnetizationError: summary.scalars.absMagnetization.error / n,
      });
    }
    scope.postMessage({ type: 'sweep-done' });
  } catch (error) {
    scope.postMessage({ type: 'error', message: error instanceof GibbsError ? error.message : String(error) });
  }
};
