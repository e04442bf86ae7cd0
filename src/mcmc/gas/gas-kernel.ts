import { GasModel, type GasModelData } from '../../models/particles/gas-model.js';
import type { Kernel } from '../kernel.js';
import { adaptStepSize, checkEnergyDrift, displacementSweep } from './displacement.js';
import { type GasSamplerOptions, type GasSavedState, type GasState, initGasState, restoreGasState, saveGasState } from './gas-state.js';
import { gasObservables } from './observables.js';

/**
 * NVT Monte Carlo of a classical gas as a driver kernel: single-particle displacement
 * Metropolis with cell lists and minimum images ({@link displacementSweep}), the step size
 * tuned in burn-in only ({@link adaptStepSize}), energies tracked incrementally and checked
 * by full recomputation ({@link checkEnergyDrift}), and the measurements of
 * {@link gasObservables}. Models cross threads as {@link GasModelData}.
 *
 * @example
 * const model = new GasModel({ particles: 108, box: ParticleBox.fromDensity(3, 108, 0.5), pair: PairPotential.hardSpheres() });
 * const state = gasKernel.init(model, { temperature: 1 }, Rng.fromSeed(1));
 * gasKernel.sweep(state, rng); // { accepted, attempted: 108 }
 */
export const gasKernel: Kernel<GasModel, GasState, GasSamplerOptions> = {
  name: 'displacement',
  init: initGasState,
  sweep: displacementSweep,
  save: saveGasState,
  restore: (model, options, saved) => restoreGasState(model, options, saved as GasSavedState),
  observables: gasObservables,
  adapt: adaptStepSize,
  check: checkEnergyDrift,
  toModelData: (model) => model.toData(),
  fromModelData: (data) => GasModel.fromData(data as GasModelData),
  stats: (state) => ({ stepSize: state.stepSize }),
};
