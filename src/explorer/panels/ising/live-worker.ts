import { GibbsError } from '../../../core/errors.js';
import { Rng } from '../../../core/rng.js';
import { isingKernel } from '../../../mcmc/ising-kernels.js';
import type { AnyKernel } from '../../../mcmc/kernel.js';
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
let state: SpinState;
let rng: Rng;
let sweeps = 0;
let generation = 0;

/** A fresh chain from random spins (the kernel's own random start). */
function reset(next: IsingParams): void {
  params = next;
  model = panelModel(next);
  kernel = isingKernel(next.algorithm);
  rng = Rng.fromSeed(next.seed);
  state = kernel.init(model, { beta: 1 / next.temperature, start: 'random' }, rng) as SpinState;
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
  if (sameModel(previous, next) && next.algorithm === previous.algorithm) {
    if (kernel.setBeta) kernel.setBeta(state, beta);
    else restart(beta);
    return;
  }
  model = panelModel(next);
  kernel = isingKernel(next.algorithm);
  restart(beta);
}

function restart(beta: number): void {
  const spins = state.spins;
  state = kernel.init(model, { beta, start: 'up' }, rng) as SpinState;
  state.spins.set(spins);
  state.energy = model.energy(state.spins);
  state.magnetization = model.magnetization(state.spins);
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
  const frame: LiveFrame = {
    type: 'frame',
    generation,
    spins: state.spins.slice(),
    columns: params.size,
    rows: params.size,
    energy: state.energy / model.size,
    magnetization: state.magnetization / model.size,
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
