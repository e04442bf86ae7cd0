import { temperaturePair } from '../exact/thermodynamics.js';
import type { IsingModel } from '../models/ising.js';
import type { Rng } from '../core/rng.js';
import { checkNetworkFits } from './autoregressive.js';
import type { MadeNetwork, MadeWorkspace } from './made.js';

/** State of the independence sampler: the current configuration and a buffer of proposals. */
export interface NeuralSamplerState {
  model: IsingModel;
  network: MadeNetwork;
  beta: number;
  /** Current configuration (±1) and its energy. */
  spins: Int8Array;
  energy: number;
  /** log importance weight of the current configuration, -beta E - log q. */
  logWeight: number;
  /** Proposals are drawn a batch at a time (one network pass per batch of samples). */
  readonly buffer: MadeWorkspace;
  cursor: number;
  accepted: number;
  proposed: number;
}

/** What one sweep (one proposal) did. */
export interface NeuralSweepInfo {
  accepted: boolean;
  /** Acceptance rate so far. */
  acceptance: number;
}

/**
 * Use a trained autoregressive network as a Monte Carlo kernel: independence Metropolis–Hastings
 * with q as the proposal (the "neural MCMC" of Nicoli et al., PRE 101, 023304, 2020). A proposal
 * s' ~ q is accepted with probability min(1, w(s') / w(s)), w = exp(-beta E - log q), so the chain
 * samples the Boltzmann distribution exactly in the long run even when q is imperfect; the
 * acceptance rate measures how good q is. One sweep = one proposal of a whole configuration.
 *
 * @example
 * const state = initNeuralSampler(model, network, { beta: 1 }, rng);
 * for (let t = 0; t < 1000; t++) { neuralSweep(state, rng); energies.push(state.energy); }
 */
export function initNeuralSampler(model: IsingModel, network: MadeNetwork, options: { temperature?: number; beta?: number; batch?: number }, rng: Rng): NeuralSamplerState {
  checkNetworkFits(model, network);
  const { beta } = temperaturePair(options);
  const buffer = network.workspace(options.batch ?? 256);
  const state: NeuralSamplerState = { model, network, beta, spins: new Int8Array(model.size), energy: 0, logWeight: -Infinity, buffer, cursor: buffer.capacity, accepted: 0, proposed: 0 };
  // The first proposal is always accepted (w(s) = 0 before it).
  neuralSweep(state, rng);
  state.accepted = 0;
  state.proposed = 0;
  return state;
}

/**
 * One independence Metropolis–Hastings step with a fresh proposal from the network.
 * @example const { accepted, acceptance } = neuralSweep(state, rng);
 */
export function neuralSweep(state: NeuralSamplerState, rng: Rng): NeuralSweepInfo {
  const { buffer, model } = state;
  const n = model.size;
  if (state.cursor >= buffer.capacity) {
    state.network.sampleBatch(buffer, buffer.capacity, rng);
    state.cursor = 0;
  }
  const b = state.cursor++;
  const proposal = buffer.spins.subarray(b * n, (b + 1) * n);
  const energy = model.energy(proposal);
  const logWeight = -state.beta * energy - buffer.logq[b];
  state.proposed++;
  const accept = logWeight >= state.logWeight || rng.nextDouble() < Math.exp(logWeight - state.logWeight);
  if (accept) {
    state.spins.set(proposal);
    state.energy = energy;
    state.logWeight = logWeight;
    state.accepted++;
  }
  return { accepted: accept, acceptance: state.accepted / state.proposed };
}
