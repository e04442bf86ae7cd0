import { describe, expect, it } from 'vitest';
import { estimateSeries } from '../../src/core/estimate.js';
import { Rng } from '../../src/core/rng.js';
import { enumerate } from '../../src/exact/enumerate.js';
import { sherringtonKirkpatrickModel } from '../../src/models/disorder.js';
import { squareModel } from '../../src/models/lattices.js';
import { AutoregressiveTrainer, autoregressive, estimateAutoregressive, importanceLogZ } from '../../src/variational/autoregressive.js';
import { MadeNetwork } from '../../src/variational/made.js';
import { initNeuralSampler, neuralSweep } from '../../src/variational/neural-sampler.js';
import { decodeCheckpoint, decodeNetwork, encodeCheckpoint, encodeNetwork } from '../../src/variational/network-file.js';

describe('autoregressive variational network (VAN)', () => {
  // The correctness check, at N = 16 (the N = 20 instances run in bench/variational.bench.ts).
  const model = sherringtonKirkpatrickModel(16, { seed: 1 });
  const exact = enumerate(model, { beta: 1, correlations: false });
  const result = autoregressive(model, { beta: 1, steps: 800, batch: 400, depth: 1, width: 32, lr: 3e-3, seed: 1, samples: 40_000 });

  it('SK N=16, beta=1: F_q within 1e-3 relative of exact, and an upper bound', () => {
    expect(result.bound).toBe('upper');
    expect(Math.abs(result.freeEnergy - exact.freeEnergy) / Math.abs(exact.freeEnergy)).toBeLessThan(1e-3);
    expect(result.freeEnergy).toBeGreaterThan(exact.freeEnergy - 4 * result.freeEnergyError);
    expect(result.freeEnergy).toBeCloseTo(result.energy - result.entropy / result.beta, 8);
  });

  it('SK N=16, beta=1: importance-sampling log Z within 3 error bars of exact', () => {
    const { mean, error } = result.logZImportance;
    expect(error).toBeGreaterThan(0);
    expect(Math.abs(mean - exact.logZ)).toBeLessThan(3 * error);
    expect(result.ess).toBeGreaterThan(0.5 * result.samples);
  });

  it('the importance-sampling check fails when the log weights are wrong (broken kernel)', () => {
    // Score samples of the trained network with the log q of a slightly perturbed network.
    const broken = new MadeNetwork(result.network.architecture);
    broken.params.set(result.network.params);
    for (let i = 0; i < broken.params.length; i++) broken.params[i] *= 1.05;
    const rng = Rng.fromSeed(9);
    const ws = result.network.workspace(1000);
    const other = broken.workspace(1000);
    const logWeights = new Float64Array(40_000);
    for (let done = 0; done < logWeights.length; done += 1000) {
      result.network.sampleBatch(ws, 1000, rng);
      broken.logProbability(other, ws.spins, 1000);
      for (let b = 0; b < 1000; b++) logWeights[done + b] = -model.energy(ws.spins.subarray(b * 16, (b + 1) * 16)) - other.logq[b];
    }
    const is = importanceLogZ(logWeights);
    expect(Math.abs(is.logZ - exact.logZ)).toBeGreaterThan(3 * is.error);
  });

  it('resumes from a checkpoint to exactly the same weights as an uninterrupted run', () => {
    const torus = squareModel(3, 3, { coupling: -1 });
    const options = { temperature: 2, steps: 12, batch: 16, depth: 2, width: 6, seed: 4, anneal: 0.9 };
    const straight = new AutoregressiveTrainer(torus, options);
    while (!straight.done) straight.trainStep();
    const first = new AutoregressiveTrainer(torus, options);
    for (let i = 0; i < 5; i++) first.trainStep();
    const text = encodeCheckpoint(first.checkpoint(), torus);
    const resumed = AutoregressiveTrainer.resume(torus, decodeCheckpoint(text, 'ckpt', torus));
    expect(resumed.step).toBe(5);
    while (!resumed.done) resumed.trainStep();
    expect(Array.from(resumed.network.params)).toEqual(Array.from(straight.network.params));
    expect(() => decodeCheckpoint(text, 'ckpt', squareModel(3, 3, { coupling: -0.5 }))).toThrow(/another model/);
  });

  it('anneals beta as beta (1 - r^t) and decays the learning rate at the end', () => {
    const t = new AutoregressiveTrainer(squareModel(2, 2), { beta: 2, anneal: 0.5, steps: 10, lr: 1e-2, decay: 0.5 });
    expect(t.betaAt(1)).toBeCloseTo(1, 12);
    expect(t.betaAt(3)).toBeCloseTo(2 * (1 - 0.125), 12);
    expect(t.lrAt(5)).toBeCloseTo(1e-2, 12);
    expect(t.lrAt(10)).toBeCloseTo(1e-3, 12);
  });

  it('saves and loads networks exactly, and the loaded network samples the same', () => {
    const text = encodeNetwork(result.network, model, 1);
    const { network, beta, sameModel } = decodeNetwork(text, 'net', model);
    expect(beta).toBe(1);
    expect(sameModel).toBe(true);
    expect(Array.from(network.params)).toEqual(Array.from(result.network.params));
    const a = estimateAutoregressive(model, network, 1, { samples: 2000, rng: Rng.fromSeed(3) });
    const b = estimateAutoregressive(model, result.network, 1, { samples: 2000, rng: Rng.fromSeed(3) });
    expect(a.freeEnergy).toBe(b.freeEnergy);
    expect(() => decodeNetwork(text, 'net', squareModel(4, 5))).toThrow(/network has 16 spins, but the model has 20/);
    expect(() => decodeNetwork(text.replace(/"parameters":"./, '"parameters":"!'), 'net')).toThrow(/not base64/);
    expect(() => decodeNetwork(text.replace(/"parameters":"..../, '"parameters":"'), 'net')).toThrow(/holds \d+ numbers, expected/);
    expect(() => decodeNetwork('{"format":"nope"}', 'net')).toThrow(/format: got "nope"/);
    expect(() => decodeNetwork('{', 'net')).toThrow(/not valid JSON/);
  });

  it('rejects bad options with the field named', () => {
    expect(() => new AutoregressiveTrainer(model, { beta: 1, depth: -1 })).toThrow(/depth: got -1/);
    expect(() => new AutoregressiveTrainer(model, { beta: 1, lr: 0 })).toThrow(/lr: got 0/);
    expect(() => new AutoregressiveTrainer(model, { beta: 1, batch: 1 })).toThrow(/batch: got 1/);
    expect(() => new AutoregressiveTrainer(model, { beta: 1, anneal: 1 })).toThrow(/anneal: got 1/);
    expect(() => new AutoregressiveTrainer(model, {})).toThrow(/temperature/);
  });
});

describe('the network as a sampler (independence Metropolis–Hastings)', () => {
  const model = squareModel(3, 4, { coupling: -1 });
  const exact = enumerate(model, { temperature: 2.2, correlations: false });
  // A barely trained network: q is far from p, so only the accept/reject step makes the chain exact.
  const network = new AutoregressiveTrainer(model, { temperature: 2.2, steps: 5, batch: 32, width: 2, init: 'random', seed: 3 }).network;

  function chainEnergies(accept: 'metropolis' | 'always'): Float64Array {
    const rng = Rng.fromSeed(17);
    const state = initNeuralSampler(model, network, { temperature: 2.2 }, rng);
    const energies = new Float64Array(40_000);
    for (let t = 0; t < energies.length; t++) {
      if (accept === 'metropolis') neuralSweep(state, rng);
      else {
        // Broken kernel: take every proposal (samples q, not p).
        state.cursor = state.cursor >= state.buffer.capacity ? (network.sampleBatch(state.buffer, state.buffer.capacity, rng), 0) : state.cursor;
        const b = state.cursor++;
        state.energy = model.energy(state.buffer.spins.subarray(b * 12, (b + 1) * 12));
      }
      energies[t] = state.energy;
    }
    return energies;
  }

  it('samples the Boltzmann distribution: <E> within 4 error bars of exact', () => {
    const e = estimateSeries(chainEnergies('metropolis'));
    expect(Math.abs(e.mean - exact.energy)).toBeLessThan(4 * e.error);
  });

  it('the same check detects a kernel that accepts every proposal', () => {
    const e = estimateSeries(chainEnergies('always'));
    expect(Math.abs(e.mean - exact.energy)).toBeGreaterThan(4 * e.error);
  });
});
