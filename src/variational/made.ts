import { invalidValue } from '../core/errors.js';
import { log1pExp } from '../core/numerics.js';
import type { Rng } from '../core/rng.js';

/** Shape of an autoregressive network over N spins. */
export interface MadeArchitecture {
  /** Number of spins N (inputs and outputs). */
  spins: number;
  /** Hidden layers (0 = a fully visible sigmoid belief net: outputs from direct connections only). */
  depth: number;
  /** Units per hidden layer. */
  width: number;
  /**
   * Z2 symmetrisation: q(s) = q'(s_0 s) / 2, where q' is the network's distribution with s_0
   * clamped to +1. Then q(s) = q(-s) exactly, at no extra cost per sample.
   */
  z2: boolean;
}

/**
 * A MADE-style masked autoregressive network (Germain, Gregor, Murray & Larochelle, ICML 2015),
 * as used for variational free energies by Wu, Wang & Zhang (PRL 122, 080602, 2019):
 *
 *   q(s) = prod_i q(s_i | s_<i),   q(s_i = +1 | s_<i) = sigmoid(a_i(s_<i))
 *
 * Hidden unit k of every layer has a degree d_k in 1..N-1 (evenly spread, sorted ascending) and
 * sees only inputs 0..d_k-1; output i sees the last layer's units with d_k <= i and the inputs
 * 0..i-1 directly. Because degrees are sorted, every unit's inputs are a prefix of the layer
 * below, so masks are prefix lengths and masked weights are never touched (half the work of a
 * dense masked product). Hidden activation: tanh.
 *
 * Sampling by the chain rule computes each hidden unit exactly once (as soon as all of its
 * inputs are known), so drawing a sample costs one forward pass, not N.
 *
 * Parameters live in one Float64Array (for Adam, files and checkpoints): per hidden layer l
 * the weights W_l (width x in_l, row-major) then biases b_l; then the output weights V
 * (N x width), direct weights D (N x N) and output biases c (N).
 *
 * @example
 * const net = new MadeNetwork({ spins: 16, depth: 1, width: 32, z2: true });
 * net.initialize(Rng.fromSeed(1));
 * const ws = net.workspace(100);
 * net.sampleBatch(ws, 100, Rng.fromSeed(2)); // ws.spins: 100 x 16 spins, ws.logq: log q(s)
 */
export class MadeNetwork {
  readonly spins: number;
  readonly depth: number;
  readonly width: number;
  readonly z2: boolean;
  /** All parameters, flat. */
  readonly params: Float64Array;
  /** Degree of each hidden unit (same for every layer), ascending. */
  readonly degrees: Int32Array;
  /** Per hidden layer, the prefix length of each unit's inputs. */
  readonly prefixes: Int32Array[];
  /** Output i uses last-layer units 0..outputPrefix[i]-1. */
  readonly outputPrefix: Int32Array;
  /** Hidden units with degree d are unitsByDegree[d] .. unitsByDegree[d+1]-1 (d = 0..N). */
  readonly unitsByDegree: Int32Array;
  /** Offsets into params: weights and biases of hidden layer l, then V, D, c. */
  readonly weightOffset: Int32Array;
  readonly biasOffset: Int32Array;
  readonly vOffset: number;
  readonly dOffset: number;
  readonly cOffset: number;

  constructor(architecture: MadeArchitecture) {
    const { spins, depth, width, z2 } = architecture;
    if (!Number.isInteger(spins) || spins < 1) throw invalidValue('spins', spins, 'an integer >= 1');
    if (!Number.isInteger(depth) || depth < 0 || depth > 16) throw invalidValue('depth', depth, 'an integer from 0 to 16');
    if (!Number.isInteger(width) || width < 1 || width > 65536) throw invalidValue('width', width, 'an integer from 1 to 65536');
    this.spins = spins;
    this.depth = depth;
    this.width = depth === 0 ? 0 : width;
    this.z2 = z2;
    const w = this.width;
    // Degrees 1..N-1 spread evenly over the units (a single spin has nothing to condition on: degree 1, unused).
    this.degrees = new Int32Array(w);
    for (let k = 0; k < w; k++) this.degrees[k] = spins < 2 ? 1 : 1 + Math.floor((k * (spins - 1)) / w);
    this.unitsByDegree = new Int32Array(spins + 2);
    for (let d = 0; d <= spins + 1; d++) {
      let count = 0;
      while (count < w && this.degrees[count] < d) count++;
      this.unitsByDegree[d] = count;
    }
    this.prefixes = [];
    for (let l = 0; l < depth; l++) {
      const prefix = new Int32Array(w);
      // Layer 0 sees inputs 0..d-1; deeper layers see the units below with degree <= d.
      for (let k = 0; k < w; k++) prefix[k] = l === 0 ? this.degrees[k] : this.unitsByDegree[this.degrees[k] + 1];
      this.prefixes.push(prefix);
    }
    this.outputPrefix = new Int32Array(spins);
    for (let i = 0; i < spins; i++) this.outputPrefix[i] = w === 0 ? 0 : this.unitsByDegree[i + 1];
    this.weightOffset = new Int32Array(depth);
    this.biasOffset = new Int32Array(depth);
    let offset = 0;
    for (let l = 0; l < depth; l++) {
      this.weightOffset[l] = offset;
      offset += w * (l === 0 ? spins : w);
      this.biasOffset[l] = offset;
      offset += w;
    }
    this.vOffset = offset;
    offset += spins * w;
    this.dOffset = offset;
    offset += spins * spins;
    this.cOffset = offset;
    offset += spins;
    this.params = new Float64Array(offset);
  }

  /** Architecture (for files and checkpoints). */
  get architecture(): MadeArchitecture {
    return { spins: this.spins, depth: this.depth, width: this.width, z2: this.z2 };
  }

  /** Number of parameters stored (masked weights included, always zero). */
  get parameterCount(): number {
    return this.params.length;
  }

  /** Number of weights the masks let through (the effective parameter count). */
  get activeParameterCount(): number {
    let count = this.spins + (this.spins * (this.spins - 1)) / 2;
    for (let i = 0; i < this.spins; i++) count += this.outputPrefix[i];
    for (const prefix of this.prefixes) for (let k = 0; k < this.width; k++) count += prefix[k] + 1;
    return count;
  }

  /** Index of the first sampled spin: 1 with Z2 symmetrisation (s_0 is clamped), else 0. */
  get firstFreeSpin(): number {
    return this.z2 ? 1 : 0;
  }

  /**
   * Random initial weights: uniform in ±1/sqrt(fan-in) over each unit's unmasked inputs (the
   * output layer scaled by 0.1, so training starts near the uniform distribution); biases zero.
   */
  initialize(rng: Rng): void {
    const p = this.params;
    p.fill(0);
    const n = this.spins;
    const w = this.width;
    for (let l = 0; l < this.depth; l++) {
      const stride = l === 0 ? n : w;
      const prefix = this.prefixes[l];
      for (let k = 0; k < w; k++) {
        const scale = 1 / Math.sqrt(Math.max(1, prefix[k]));
        for (let j = 0; j < prefix[k]; j++) p[this.weightOffset[l] + k * stride + j] = scale * (2 * rng.nextDouble() - 1);
      }
    }
    for (let i = 0; i < n; i++) {
      const scale = 0.1 / Math.sqrt(Math.max(1, this.outputPrefix[i] + i));
      for (let k = 0; k < this.outputPrefix[i]; k++) p[this.vOffset + i * w + k] = scale * (2 * rng.nextDouble() - 1);
      for (let j = 0; j < i; j++) p[this.dOffset + i * n + j] = scale * (2 * rng.nextDouble() - 1);
    }
  }

  /** Buffers for a batch of up to `capacity` samples (reuse across steps: no allocation in the loop). */
  workspace(capacity: number): MadeWorkspace {
    return new MadeWorkspace(this, capacity);
  }

  /**
   * Draw `count` samples by the chain rule into ws.spins (and ws.inputs, ws.hidden, ws.logits,
   * ws.logq), computing every hidden unit once, as soon as its inputs are known. With Z2 the
   * network's configuration has s_0 = +1 and the returned spins are multiplied by a random sign;
   * ws.logq is log q(s) of the returned spins either way.
   */
  sampleBatch(ws: MadeWorkspace, count: number, rng: Rng): void {
    this.checkCount(ws, count);
    const n = this.spins;
    for (let b = 0; b < count; b++) {
      this.pass(ws, b, rng);
      // The returned spins: the network's configuration, times a random global sign under Z2.
      const sign = this.z2 && rng.nextDouble() < 0.5 ? -1 : 1;
      for (let i = 0; i < n; i++) ws.spins[b * n + i] = sign * ws.inputs[b * n + i];
    }
  }

  /** Forward pass: log q(s) for given spins (count x N, ±1) into ws.logq; keeps activations for backward. */
  logProbability(ws: MadeWorkspace, spins: Int8Array, count: number): void {
    this.checkCount(ws, count);
    const n = this.spins;
    if (spins.length < count * n) throw invalidValue('spins', `${spins.length} values`, `at least ${count * n} (count x N)`);
    for (let b = 0; b < count; b++) {
      // The network sees s_0 s (s'_0 = +1) under Z2.
      const sign = this.z2 ? spins[b * n] : 1;
      for (let i = 0; i < n; i++) ws.inputs[b * n + i] = sign * spins[b * n + i];
      this.pass(ws, b, null);
    }
    ws.spins.set(spins.subarray(0, count * n));
  }

  private checkCount(ws: MadeWorkspace, count: number): void {
    if (ws.network !== this) throw new Error('workspace belongs to another network');
    if (!Number.isInteger(count) || count < 0 || count > ws.capacity) throw invalidValue('count', count, `an integer from 0 to ${ws.capacity} (the workspace capacity)`);
  }

  /**
   * One sample through the network, site by site. With an rng, each spin is drawn from its
   * conditional as soon as its logit is known; without, ws.inputs already holds the spins.
   */
  private pass(ws: MadeWorkspace, b: number, rng: Rng | null): void {
    const n = this.spins;
    const w = this.width;
    const p = this.params;
    const x = ws.inputs;
    const xo = b * n;
    const hidden = ws.hidden;
    const ho = b * w;
    const logits = ws.logits;
    const first = this.firstFreeSpin;
    const byDegree = this.unitsByDegree;
    const vOffset = this.vOffset;
    const dOffset = this.dOffset;
    const cOffset = this.cOffset;
    const lastLayer = this.depth - 1;
    let logq = 0;
    for (let i = 0; i < n; i++) {
      // Logit of spin i from the last hidden layer's units of degree <= i and the inputs before i.
      let a = p[cOffset + i];
      if (lastLayer >= 0) {
        const h = hidden[lastLayer];
        const vRow = vOffset + i * w;
        const end = this.outputPrefix[i];
        for (let k = 0; k < end; k++) a += p[vRow + k] * h[ho + k];
      }
      const dRow = dOffset + i * n;
      for (let j = 0; j < i; j++) a += p[dRow + j] * x[xo + j];
      logits[xo + i] = a;
      if (i < first) {
        x[xo + i] = 1;
      } else {
        if (rng !== null) x[xo + i] = rng.nextDouble() < sigmoidOf(a) ? 1 : -1;
        logq -= log1pExp(-x[xo + i] * a);
      }
      // Every hidden unit of degree i + 1 now has all its inputs: compute it, layer by layer.
      const from = byDegree[i + 1];
      const to = byDegree[i + 2];
      for (let l = 0; l <= lastLayer; l++) {
        const wOffset = this.weightOffset[l];
        const bOffset = this.biasOffset[l];
        const prefix = this.prefixes[l];
        const h = hidden[l];
        const input = l === 0 ? x : hidden[l - 1];
        const stride = l === 0 ? n : w;
        const io = l === 0 ? xo : ho;
        for (let k = from; k < to; k++) {
          let z = p[bOffset + k];
          const row = wOffset + k * stride;
          const end = prefix[k];
          for (let j = 0; j < end; j++) z += p[row + j] * input[io + j];
          h[ho + k] = Math.tanh(z);
        }
      }
    }
    ws.logq[b] = logq - (this.z2 ? Math.LN2 : 0);
  }

  /**
   * Backward pass: grad += sum_b weights[b] * d log q(s_b) / d params, using the activations of
   * the last sampleBatch / logProbability on this workspace. `grad` has the layout of `params`.
   */
  accumulateGradient(ws: MadeWorkspace, weights: Float64Array, count: number, grad: Float64Array): void {
    this.checkCount(ws, count);
    if (grad.length !== this.params.length) throw invalidValue('grad', `${grad.length} values`, `${this.params.length} (one per parameter)`);
    for (let b = 0; b < count; b++) if (weights[b] !== 0) this.backward(ws, b, weights[b], grad);
  }

  private backward(ws: MadeWorkspace, b: number, weight: number, grad: Float64Array): void {
    const n = this.spins;
    const w = this.width;
    const p = this.params;
    const x = ws.inputs;
    const xo = b * n;
    const ho = b * w;
    const first = this.firstFreeSpin;
    const lastLayer = this.depth - 1;
    const dh = ws.deltaHidden;
    dh.fill(0);
    for (let i = first; i < n; i++) {
      // d log sigmoid(x a) / d a = x sigmoid(-x a)
      const xi = x[xo + i];
      const da = weight * xi * sigmoidOf(-xi * ws.logits[xo + i]);
      grad[this.cOffset + i] += da;
      const dRow = this.dOffset + i * n;
      for (let j = 0; j < i; j++) grad[dRow + j] += da * x[xo + j];
      if (lastLayer >= 0) {
        const h = ws.hidden[lastLayer];
        const vRow = this.vOffset + i * w;
        const end = this.outputPrefix[i];
        for (let k = 0; k < end; k++) {
          grad[vRow + k] += da * h[ho + k];
          dh[k] += p[vRow + k] * da;
        }
      }
    }
    const below = ws.deltaBelow;
    for (let l = lastLayer; l >= 0; l--) {
      const h = ws.hidden[l];
      const wOffset = this.weightOffset[l];
      const bOffset = this.biasOffset[l];
      const prefix = this.prefixes[l];
      const input = l === 0 ? x : ws.hidden[l - 1];
      const stride = l === 0 ? n : w;
      const io = l === 0 ? xo : ho;
      if (l > 0) below.fill(0);
      for (let k = 0; k < w; k++) {
        const hk = h[ho + k];
        const dz = dh[k] * (1 - hk * hk);
        if (dz === 0) continue;
        grad[bOffset + k] += dz;
        const row = wOffset + k * stride;
        const end = prefix[k];
        if (l > 0) {
          for (let j = 0; j < end; j++) {
            grad[row + j] += dz * input[io + j];
            below[j] += p[row + j] * dz;
          }
        } else {
          for (let j = 0; j < end; j++) grad[row + j] += dz * input[io + j];
        }
      }
      if (l > 0) dh.set(below);
    }
  }
}

function sigmoidOf(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : 1 - 1 / (1 + Math.exp(x));
}

/** Per-batch buffers of a {@link MadeNetwork}: inputs, activations, logits, log q. */
export class MadeWorkspace {
  readonly network: MadeNetwork;
  readonly capacity: number;
  /** Returned spins (count x N, ±1). */
  readonly spins: Int8Array;
  /** The network's inputs (count x N, ±1 as doubles; s_0 s under Z2). */
  readonly inputs: Float64Array;
  /** Activations of each hidden layer (count x width). */
  readonly hidden: Float64Array[];
  /** Output logits a_i (count x N). */
  readonly logits: Float64Array;
  /** log q(s) of each sample. */
  readonly logq: Float64Array;
  /** Backward scratch: d/d hidden for the current layer and the one below. */
  readonly deltaHidden: Float64Array;
  readonly deltaBelow: Float64Array;

  constructor(network: MadeNetwork, capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw invalidValue('capacity', capacity, 'an integer >= 1');
    this.network = network;
    this.capacity = capacity;
    const n = network.spins;
    this.spins = new Int8Array(capacity * n);
    this.inputs = new Float64Array(capacity * n);
    this.hidden = Array.from({ length: network.depth }, () => new Float64Array(capacity * network.width));
    this.logits = new Float64Array(capacity * n);
    this.logq = new Float64Array(capacity);
    this.deltaHidden = new Float64Array(network.width);
    this.deltaBelow = new Float64Array(network.width);
  }
}
