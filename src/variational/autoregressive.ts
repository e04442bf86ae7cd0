import { GibbsError, invalidValue } from '../core/errors.js';
import { Rng, type RngState } from '../core/rng.js';
import { temperaturePair } from '../exact/thermodynamics.js';
import type { IsingModel } from '../models/ising.js';
import { Adam, type AdamState } from './adam.js';
import { MadeNetwork, type MadeWorkspace, separatorConditioning } from './made.js';
import type { VariationalResult } from './result.js';

/** Training settings of the autoregressive variational network. */
export interface AutoregressiveSettings {
  beta: number;
  /** Hidden layers of the MADE network, and units per layer (dense masks) or per site and layer (graph masks). */
  depth: number;
  width: number;
  /**
   * "graph": each conditional sees only the earlier spins that separate it from the later ones
   * (exact by the Markov property; see separatorConditioning) and has its own `width` units;
   * "dense": standard MADE masks. Default "graph" for sparse models, "dense" when every spin
   * couples to every other (there the two see the same spins).
   */
  masks: 'dense' | 'graph';
  /** Z2 symmetrisation q(s) = q(-s) (default: on when every field is zero). */
  z2: boolean;
  /** Training steps (one batch each). */
  steps: number;
  /** Samples per training step. */
  batch: number;
  /** Adam learning rate. */
  lr: number;
  /**
   * Beta annealing rate r in [0, 1): step t trains at beta (1 - r^t), as Wu, Wang & Zhang do to
   * avoid mode collapse at low temperature. 0 (default) trains at beta throughout.
   */
  anneal: number;
  /** Fraction of the steps at the end over which the learning rate decays linearly to lr/10. Default 0.3. */
  decay: number;
  /** Seed of the initial weights and the training samples. */
  seed: number;
  /**
   * Initial direct weights: "couplings" starts from q(s_i | s_<i) ∝ exp(-beta s_i (h_i + sum_{j<i} J_ij s_j))
   * (the conditional with every later spin left out), "random" from near-uniform q. Default "couplings".
   */
  init: 'couplings' | 'random';
}

/** Options for {@link AutoregressiveTrainer} and {@link autoregressive} (all optional but the temperature). */
export interface AutoregressiveOptions extends Partial<Omit<AutoregressiveSettings, 'beta'>> {
  temperature?: number;
  beta?: number;
}

/**
 * Fill in defaults and validate every training option, naming the bad one.
 * @example autoregressiveSettings(model, { beta: 1 }).width; // the default width for this model
 */
export function autoregressiveSettings(model: IsingModel, options: AutoregressiveOptions): AutoregressiveSettings {
  const { beta } = temperaturePair(options);
  const n = model.size;
  const integer = (field: string, value: number, min: number, max: number) => {
    if (!Number.isInteger(value) || value < min || value > max) throw invalidValue(field, value, `an integer from ${min} to ${max}`);
    return value;
  };
  const inUnit = (field: string, value: number) => {
    if (!(value >= 0 && value < 1)) throw invalidValue(field, value, 'a number in [0, 1)');
    return value;
  };
  let zeroField = true;
  for (let i = 0; i < n; i++) if (model.fields[i] !== 0) zeroField = false;
  const dense = model.edgeCount === (n * (n - 1)) / 2;
  const masks = options.masks ?? (dense ? 'dense' : 'graph');
  if (masks !== 'dense' && masks !== 'graph') throw invalidValue('masks', masks, '"dense" or "graph"');
  const init = options.init ?? 'couplings';
  if (init !== 'couplings' && init !== 'random') throw invalidValue('init', init, '"couplings" or "random"');
  const lr = options.lr ?? 1e-3;
  if (!(lr > 0 && lr < 10)) throw invalidValue('lr', lr, 'a number > 0 and < 10');
  return {
    beta,
    depth: integer('depth', options.depth ?? 1, 0, 16),
    width: integer('width', options.width ?? (masks === 'graph' ? 4 : Math.max(8, 2 * n)), 1, 65536),
    masks,
    z2: options.z2 ?? zeroField,
    steps: integer('steps', options.steps ?? 1000, 0, 1e9),
    batch: integer('batch', options.batch ?? 500, 2, 1e6),
    lr,
    anneal: inUnit('anneal', options.anneal ?? 0),
    decay: options.decay === undefined ? 0.3 : options.decay === 1 ? 1 : inUnit('decay', options.decay),
    seed: integer('seed', options.seed ?? 0, 0, Number.MAX_SAFE_INTEGER),
    init,
  };
}

/** What one training step saw (at its own, possibly annealed, beta). */
export interface TrainStepInfo {
  step: number;
  beta: number;
  /** Batch mean of E + log q / beta: the F_q estimate at this step's beta (energy units). */
  freeEnergy: number;
  /** Its standard error over the batch. */
  error: number;
}

/** Everything needed to resume training exactly where it stopped (plain data). */
export interface AutoregressiveCheckpoint {
  settings: AutoregressiveSettings;
  step: number;
  params: Float64Array;
  adam: AdamState;
  rng: RngState;
}

/**
 * Trains a {@link MadeNetwork} to minimise the variational free energy
 *
 *   beta F_q = E_q[beta E(s) + log q(s)]  >=  beta F
 *
 * with the score-function (REINFORCE) gradient and the batch-mean baseline (Wu, Wang & Zhang,
 * PRL 122, 080602):  grad = E_q[(beta E + log q - b) grad log q],  b = batch mean, then Adam.
 * The caller drives the loop (`trainStep()` until `done`), so a CLI can show progress, save
 * checkpoints and stop cleanly.
 *
 * @example
 * const trainer = new AutoregressiveTrainer(model, { beta: 1, steps: 500 });
 * while (!trainer.done) trainer.trainStep();
 * const result = trainer.result({ samples: 20000 });
 */
export class AutoregressiveTrainer {
  readonly model: IsingModel;
  readonly settings: AutoregressiveSettings;
  readonly network: MadeNetwork;
  readonly adam: Adam;
  rng: Rng;
  step = 0;
  private readonly ws: MadeWorkspace;
  private readonly grad: Float64Array;
  private readonly weights: Float64Array;
  private readonly objective: Float64Array;

  /** Start training from fresh weights, or from `network` (a loaded file) when given. */
  constructor(model: IsingModel, options: AutoregressiveOptions, network?: MadeNetwork) {
    const settings = autoregressiveSettings(model, options);
    if (network) {
      checkNetworkFits(model, network);
      settings.depth = network.depth;
      settings.width = network.width;
      settings.z2 = network.z2;
      settings.masks = network.graph ? 'graph' : 'dense';
    }
    this.model = model;
    this.settings = settings;
    this.rng = Rng.fromSeed(settings.seed);
    this.network = network ?? networkFor(model, settings);
    if (!network) {
      this.network.initialize(this.rng);
      if (settings.init === 'couplings') initializeFromCouplings(this.network, model, settings.beta);
    }
    this.adam = new Adam(this.network.params.length);
    this.ws = this.network.workspace(settings.batch);
    this.grad = new Float64Array(this.network.params.length);
    this.weights = new Float64Array(settings.batch);
    this.objective = new Float64Array(settings.batch);
  }

  /** Restore a trainer saved with {@link AutoregressiveTrainer.checkpoint}. */
  static resume(model: IsingModel, checkpoint: AutoregressiveCheckpoint): AutoregressiveTrainer {
    const s = checkpoint.settings;
    const network = networkFor(model, s);
    if (checkpoint.params.length !== network.params.length) throw invalidValue('checkpoint.params', `${checkpoint.params.length} values`, `${network.params.length} for this architecture`);
    network.params.set(checkpoint.params);
    const trainer = new AutoregressiveTrainer(model, { ...s }, network);
    trainer.adam.restore(checkpoint.adam);
    trainer.step = checkpoint.step;
    trainer.rng = Rng.fromState(checkpoint.rng);
    return trainer;
  }

  /** Whether every requested step has run. */
  get done(): boolean {
    return this.step >= this.settings.steps;
  }

  /** The beta of step t under annealing: beta (1 - r^t). */
  betaAt(step: number): number {
    const { beta, anneal } = this.settings;
    return anneal > 0 ? beta * (1 - anneal ** step) : beta;
  }

  /** Learning rate of step t: constant, then a linear decay to lr/10 over the last `decay` fraction. */
  lrAt(step: number): number {
    const { lr, steps, decay } = this.settings;
    const start = steps * (1 - decay);
    if (decay === 0 || step <= start) return lr;
    return lr * (1 - (0.9 * (step - start)) / (steps - start));
  }

  /** One step: sample a batch, weigh each sample by (beta E + log q - baseline), backprop, Adam. */
  trainStep(): TrainStepInfo {
    const t = this.step + 1;
    const beta = this.betaAt(t);
    const { batch } = this.settings;
    const n = this.model.size;
    const ws = this.ws;
    this.network.sampleBatch(ws, batch, this.rng);
    let mean = 0;
    for (let b = 0; b < batch; b++) {
      const f = beta * this.model.energy(ws.spins.subarray(b * n, (b + 1) * n)) + ws.logq[b];
      this.objective[b] = f;
      mean += f;
    }
    mean /= batch;
    let variance = 0;
    for (let b = 0; b < batch; b++) {
      const d = this.objective[b] - mean;
      variance += d * d;
      this.weights[b] = d / batch;
    }
    variance /= batch - 1;
    this.grad.fill(0);
    this.network.accumulateGradient(ws, this.weights, batch, this.grad);
    this.adam.update(this.network.params, this.grad, this.lrAt(t));
    this.step = t;
    return { step: t, beta, freeEnergy: mean / beta, error: Math.sqrt(variance / batch) / beta };
  }

  /** Plain-data state for a checkpoint file. */
  checkpoint(): AutoregressiveCheckpoint {
    return { settings: { ...this.settings }, step: this.step, params: Float64Array.from(this.network.params), adam: { step: this.adam.state.step, m: Float64Array.from(this.adam.state.m), v: Float64Array.from(this.adam.state.v) }, rng: this.rng.getState() };
  }

  /** Evaluate the trained network (fresh samples from a stream independent of training). */
  result(options: { samples?: number; seed?: number } = {}): AutoregressiveResult {
    const samples = options.samples ?? Math.max(10_000, 10 * this.settings.batch);
    const rng = Rng.stream(options.seed ?? this.settings.seed, 1);
    const estimate = estimateAutoregressive(this.model, this.network, this.settings.beta, { samples, rng, batch: this.settings.batch });
    return { ...estimate, converged: this.done, iterations: this.step };
  }
}

/**
 * A fresh (zero) network for a model with the given settings.
 * @example const net = networkFor(model, { depth: 1, width: 4, z2: true, masks: 'graph' });
 */
export function networkFor(model: IsingModel, settings: Pick<AutoregressiveSettings, 'depth' | 'width' | 'z2' | 'masks'>): MadeNetwork {
  const conditioning = settings.masks === 'graph' ? separatorConditioning(model) : undefined;
  return new MadeNetwork({ spins: model.size, depth: settings.depth, width: settings.width, z2: settings.z2, conditioning });
}

/**
 * Set the direct weights and output biases so that q(s_i = +1 | s_<i) = sigmoid(-2 beta (h_i +
 * sum_{j<i} J_ij s_j)): the Boltzmann conditional of spin i given the earlier spins with every
 * later spin left out. Exact for a chain; elsewhere a far better start than the uniform q.
 * @example initializeFromCouplings(net, model, 0.4); // q starts from the couplings' conditionals
 */
export function initializeFromCouplings(network: MadeNetwork, model: IsingModel, beta: number): void {
  checkNetworkFits(model, network);
  const n = model.size;
  const p = network.params;
  for (let i = 0; i < n; i++) {
    p[network.cOffset + i] = -2 * beta * model.fields[i];
    for (let k = model.offsets[i]; k < model.offsets[i + 1]; k++) {
      const index = model.neighbors[k] < i ? network.directWeightIndex(i, model.neighbors[k]) : -1;
      if (index >= 0) p[index] = -2 * beta * model.couplings[k];
    }
  }
}

/**
 * Refuse a network trained for a different number of spins.
 * @example checkNetworkFits(model, net); // throws a GibbsError if the sizes differ
 */
export function checkNetworkFits(model: IsingModel, network: MadeNetwork): void {
  if (network.spins !== model.size) throw new GibbsError(`network: has ${network.spins} spins, but the model has ${model.size}`, 'network');
}

/** Free energy from the autoregressive network: F_q with its error, plus importance sampling. */
export interface AutoregressiveResult extends VariationalResult {
  method: 'autoregressive';
  bound: 'upper';
  /** Standard error of the F_q estimate (independent samples). */
  freeEnergyError: number;
  /**
   * log Z ≈ log mean exp(-beta E(s) - log q(s)) over fresh samples (asymptotically unbiased;
   * Nicoli et al., PRE 101, 023304, 2020), with the delta-method error sqrt(Var w / M) / mean w.
   */
  logZImportance: { mean: number; error: number };
  /** The same as a free energy -log Z / beta, with its error. */
  freeEnergyImportance: { mean: number; error: number };
  /** Effective sample size of the importance weights, (sum w)^2 / sum w^2. */
  ess: number;
  /** Number of samples the estimates used. */
  samples: number;
}

/**
 * Estimates from fresh samples of a trained network (no training state).
 * @example estimateAutoregressive(model, net, 1, { samples: 20000, rng: Rng.fromSeed(1) }).logZImportance
 */
export function estimateAutoregressive(
  model: IsingModel,
  network: MadeNetwork,
  beta: number,
  options: { samples: number; rng: Rng; batch?: number },
): Omit<AutoregressiveResult, 'converged' | 'iterations'> {
  checkNetworkFits(model, network);
  const total = options.samples;
  if (!Number.isInteger(total) || total < 2) throw invalidValue('samples', total, 'an integer >= 2');
  const n = model.size;
  const batch = Math.min(options.batch ?? 1000, total);
  const ws = network.workspace(batch);
  const logWeights = new Float64Array(total);
  const objective = new Float64Array(total);
  const magnetization = new Float64Array(n);
  let energySum = 0;
  let entropySum = 0;
  for (let done = 0; done < total; done += batch) {
    const count = Math.min(batch, total - done);
    network.sampleBatch(ws, count, options.rng);
    for (let b = 0; b < count; b++) {
      const s = ws.spins.subarray(b * n, (b + 1) * n);
      const e = model.energy(s);
      const logq = ws.logq[b];
      objective[done + b] = e + logq / beta;
      logWeights[done + b] = -beta * e - logq;
      energySum += e;
      entropySum -= logq;
      for (let i = 0; i < n; i++) magnetization[i] += s[i];
    }
  }
  for (let i = 0; i < n; i++) magnetization[i] /= total;
  const f = meanAndError(objective);
  const is = importanceLogZ(logWeights);
  const temperature = 1 / beta;
  return {
    method: 'autoregressive', temperature, beta, spins: n,
    freeEnergy: f.mean, freeEnergyError: f.error, bound: 'upper', logZ: -beta * f.mean,
    energy: energySum / total, entropy: entropySum / total, magnetization,
    logZImportance: { mean: is.logZ, error: is.error },
    freeEnergyImportance: { mean: -is.logZ / beta, error: is.error / beta },
    ess: is.ess, samples: total,
  };
}

function meanAndError(values: Float64Array): { mean: number; error: number } {
  let mean = 0;
  for (let i = 0; i < values.length; i++) mean += values[i];
  mean /= values.length;
  let v = 0;
  for (let i = 0; i < values.length; i++) v += (values[i] - mean) ** 2;
  return { mean, error: Math.sqrt(v / (values.length - 1) / values.length) };
}

/**
 * log mean_i exp(l_i) with its delta-method standard error and the effective sample size of the
 * weights w_i = exp(l_i): error = sqrt(Var(w) / M) / mean(w), ESS = (sum w)^2 / sum w^2.
 * @example importanceLogZ(Float64Array.of(0, 0, 0)); // { logZ: 0, error: 0, ess: 3 }
 */
export function importanceLogZ(logWeights: Float64Array): { logZ: number; error: number; ess: number } {
  const m = logWeights.length;
  let max = -Infinity;
  for (let i = 0; i < m; i++) if (logWeights[i] > max) max = logWeights[i];
  let sum = 0;
  let sum2 = 0;
  for (let i = 0; i < m; i++) {
    const w = Math.exp(logWeights[i] - max);
    sum += w;
    sum2 += w * w;
  }
  const mean = sum / m;
  const variance = Math.max(0, sum2 / m - mean * mean) * (m / (m - 1));
  return { logZ: max + Math.log(mean), error: Math.sqrt(variance / m) / mean, ess: (sum * sum) / sum2 };
}

/**
 * Train an autoregressive network and evaluate it, in one call (synchronous; the CLI drives
 * {@link AutoregressiveTrainer} itself to show progress and write checkpoints).
 *
 * @example
 * const r = autoregressive(sherringtonKirkpatrickModel(12, { seed: 1 }), { beta: 1, steps: 300 });
 * r.freeEnergy >= r.freeEnergyImportance.mean; // F_q is the upper bound
 */
export function autoregressive(model: IsingModel, options: AutoregressiveOptions & { samples?: number; onStep?: (info: TrainStepInfo) => void }): AutoregressiveResult & { network: MadeNetwork } {
  const trainer = new AutoregressiveTrainer(model, options);
  while (!trainer.done) {
    const info = trainer.trainStep();
    options.onStep?.(info);
  }
  return { ...trainer.result({ samples: options.samples }), network: trainer.network };
}
