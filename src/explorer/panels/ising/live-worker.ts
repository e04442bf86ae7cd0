import { GibbsError } from '../../../core/errors.js';
import { Rng } from '../../../core/rng.js';
import { isingKernel } from '../../../mcmc/ising-kernels.js';
import { ISING_SCALARS } from '../../../mcmc/ising-observables.js';
import type { AnyKernel, ObservableSet } from '../../../mcmc/kernel.js';
import { multispinKernel } from '../../../mcmc/multispin.js';
import type { SpinState } from '../../../mcmc/spin-state.js';
import type { IsingModel } from '../../../models/ising.js';
import { panelModel, sameModel } from './model.js';
import type { IsingParams, LiveFrame, LiveRequest, WorkerMessage } from './protocol.js';

// The live Ising simulation: the library's own kernels, run in this Web Worker so the page stays
// responsive. The panel asks for one frame at a time; each frame is `sweepsPerFrame` sweeps.

const scope = self as unknown as { postMessage(message: WorkerMessage, transfer?: Transferable[]): void; onmessage: ((event: MessageEvent<LiveRequest>) => void) | null };

let params: IsingParams | undefined;
let model: IsingModel;
let kernel: AnyKernel;
let state: unknown;
let observables: ObservableSet<unknown>;
let row: Float64Array;
let rng: Rng;
let sweeps = 0;
let generation = 0;

const ENERGY = ISING_SCALARS.indexOf('energy');
const MAGNETIZATION = ISING_SCALARS.indexOf('magnetization');

/** The ±1 spins of a state, through the kernel's `configuration` (kernels may keep them packed or lazily). */
function spinsOf(s: unknown): ArrayLike<number> {
  return kernel.configuration ? kernel.configuration(s) : (s as SpinState).spins;
}

/**
 * A chain of the chosen kernel at `beta`: from random spins, or from `spins` when given, through
 * the kernel's own `restore` of saved spins (the packed multi-spin kernel starts afresh).
 */
function start(beta: number, spins?: Int8Array): void {
  const options = { beta, start: 'random' as const };
  state = spins && kernel !== multispinKernel
    ? kernel.restore(model, options, { spins, energy: model.energy(spins), magnetization: model.magnetization(spins), beta })
    : kernel.init(model, options, rng);
  observables = kernel.observables(model, { beta });
  row = new Float64Array(observables.scalars.length);
}

/** A fresh chain from random spins (the kernel's own random start). */
function reset(next: IsingParams): void {
  params = next;
  model = panelModel(next);
  kernel = isingKernel(next.algorithm);
  rng = Rng.fromSeed(next.seed);
  start(1 / next.temperature);
  sweeps = 0;
}

/**
 * Apply new parameters, keeping the configuration: a new temperature goes through the kernel's
 * `setBeta` when it has one; anything else restarts the kernel from the current spins.
 */
function update(next: IsingParams): void {
  if (!params || next.size !== params.size || next.lattice !== params.lattice) return reset(next);
  const previous = params;
  params = next;
  const beta = 1 / next.temperature;
  if (sameModel(previous, next) && next.algorithm === previous.algorithm && kernel.setBeta) {
    kernel.setBeta(state, beta);
    return;
  }
  const spins = Int8Array.from(spinsOf(state));
  model = panelModel(next);
  kernel = isingKernel(next.algorithm);
  start(beta, spins);
}

function step(): void {
  if (!params) return;
  const t0 = performance.now();
  let accepted = 0;
  let attempted = 0;
  for (let i = 0; i < params.sweepsPerFrame; i++) {
    const info = kernel.sweep(state, rng);
    accepted += info.accepted;
    attempted += info.attempted;
  }
  sweeps += params.sweepsPerFrame;
  observables.measure(state, row);
  const frame: LiveFrame = {
    type: 'frame',
    generation,
    spins: Int8Array.from(spinsOf(state)),
    columns: params.size,
    rows: params.size,
    energy: row[ENERGY] / model.size,
    magnetization: row[MAGNETIZATION] / model.size,
    sweeps,
    acceptance: attempted > 0 ? accepted / attempted : 0,
    sweepMs: performance.now() - t0,
  };
  scope.postMessage(frame, [frame.spins.buffer]);
}

scope.onmessage = (event) => {
  try {
    const request = event.data;
    if (request.type === 'step') return step();
    generation = request.generation;
    if (request.type === 'reset') reset(request.params);
    else update(request.params);
  } catch (error) {
    scope.postMessage({ type: 'error', message: error instanceof GibbsError ? error.message : String(error) });
  }
};
