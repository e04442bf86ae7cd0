import { invalidValue } from '../core/errors.js';
import type { Rng } from '../core/rng.js';
import type { IsingModel } from '../models/ising.js';

/** Shape of an autoregressive network over N spins. */
export interface MadeArchitecture {
  /** Number of spins N (inputs and outputs). */
  spins: number;
  /** Hidden layers (0 = a fully visible sigmoid belief net: outputs from direct connections only). */
  depth: number;
  /**
   * Hidden units: per layer (dense masks), or per site and layer (graph masks, where every
   * conditional has its own units).
   */
  width: number;
  /**
   * Z2 symmetrisation: q(s) = q'(s_0 s) / 2, where q' is the network's distribution with s_0
   * clamped to +1. Then q(s) = q(-s) exactly, at no extra cost per sample.
   */
  z2: boolean;
  /**
   * Graph masks: conditioning[i] lists the earlier spins (ascending, all < i) that the conditional
   * of spin i may see. Omitted: dense MADE masks (every earlier spin, hidden units shared).
   */
  conditioning?: number[][];
}

/**
 * The earlier spins that separate spin i from the later ones: S_i = { j < i : j has a neighbour
 * k >= i }. By the Markov property of the Boltzmann distribution on the model's graph,
 * p(s_i | s_<i) = p(s_i | s_{S_i}) exactly, so conditioning on S_i loses nothing. For a dense
 * model (SK) S_i is every earlier spin; for an L x L torus in raster order it is the last L spins
 * plus the first row (at most 2L).
 * @example separatorConditioning(squareModel(4, 4))[15]; // [3, 11, 12, 14]
 */
export function separatorConditioning(model: IsingModel): number[][] {
  const n = model.size;
  const last = new Int32Array(n).fill(-1);
  for (let j = 0; j < n; j++) for (let k = model.offsets[j]; k < model.offsets[j + 1]; k++) last[j] = Math.max(last[j], model.neighbors[k]);
  const out: number[][] = [];
  for (let i = 0; i < n; i++) {
    const list: number[] = [];
    for (let j = 0; j < i; j++) if (last[j] >= i) list.push(j);
    out.push(list);
  }
  return out;
}

/**
 * A MADE-style masked autoregressive network (Germain, Gregor, Murray & Larochelle, ICML 2015),
 * as used for variational free energies by Wu, Wang & Zhang (PRL 122, 080602, 2019):
 *
 *   q(s) = prod_i q(s_i | s_<i),   q(s_i = +1 | s_<i) = sigmoid(a_i(s_<i))
 *
 * Every hidden unit has a "ready" site r in 1..N-1: it sees only spins < r and feeds only
 * outputs >= r (that is the autoregressive property). Units are sorted by r, so:
 * - dense masks (standard MADE): r spread evenly; a layer-1 unit sees spins 0..r-1, a deeper
 *   unit the units below with r' <= r, output i the last layer's units with r <= i and spins
 *   0..i-1 directly;
 * - graph masks: `width` units per site i, seeing only S_i (see {@link separatorConditioning})
 *   and the units of the same site below; output i sees its own units and S_i directly.
 * Only unmasked weights are stored (packed per unit), so masked work is never done.
 * Hidden activation: tanh.
 *
 * Sampling by the chain rule computes each hidden unit exactly once (as soon as all of its
 * inputs are known), so drawing a sample costs one forward pass, not N.
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
  /** Graph masks (per-site units) rather than dense MADE masks. */
  readonly graph: boolean;
  /** The conditioning sets of graph masks (undefined for dense masks). */
  readonly conditioning: number[][] | undefined;
  /** All parameters, flat (only unmasked weights). */
  readonly params: Float64Array;
  /** Hidden units per layer. */
  readonly units: number;
  /** Ready site of each hidden unit (same for every layer), ascending. */
  readonly ready: Int32Array;
  /** Units with ready site r are unitsByReady[r] .. unitsByReady[r+1]-1. */
  readonly unitsByReady: Int32Array;
  /**
   * Layer 0: unit k has weights inputStart[k] .. inputStart[k+1]-1 (in layer order) for its input
   * spins, stored as runs of consecutive spins: runs inputRuns.start[k] .. inputRuns.start[k+1]-1,
   * run r covering spins from[r] .. from[r]+length[r]-1 (contiguous loops, no index loads).
   */
  readonly inputStart: Int32Array;
  readonly inputRuns: SpinRuns;
  /** Layers >= 1 and the output: unit / output k sees units rangeLo[k] .. rangeHi[k]-1 of the layer below. */
  readonly rangeLo: Int32Array;
  readonly rangeHi: Int32Array;
  readonly outputLo: Int32Array;
  readonly outputHi: Int32Array;
  /** Direct connections: output i has weights directStart[i] .. directStart[i+1]-1 for the spins of its runs. */
  readonly directStart: Int32Array;
  readonly directRuns: SpinRuns;
  /** Parameter offsets: layer l's packed weights of unit k at weightOffset[l] + unitWeight[l][k], its biases at biasOffset[l]. */
  readonly weightOffset: Int32Array;
  readonly unitWeight: Int32Array[];
  readonly biasOffset: Int32Array;
  /** Output weights of output i at outputOffset + outputWeight[i]; direct weights at directOffset + directStart[i]; biases at cOffset. */
  readonly outputOffset: number;
  readonly outputWeight: Int32Array;
  readonly directOffset: number;
  readonly cOffset: number;

  constructor(architecture: MadeArchitecture) {
    const { spins: n, depth, width, z2, conditioning } = architecture;
    if (!Number.isInteger(n) || n < 1) throw invalidValue('spins', n, 'an integer >= 1');
    if (!Number.isInteger(depth) || depth < 0 || depth > 16) throw invalidValue('depth', depth, 'an integer from 0 to 16');
    if (!Number.isInteger(width) || width < 1 || width > 65536) throw invalidValue('width', width, 'an integer from 1 to 65536');
    this.spins = n;
    this.depth = depth;
    this.width = width;
    this.z2 = z2;
    this.graph = conditioning !== undefined;
    if (conditioning) checkConditioning(conditioning, n);
    this.conditioning = conditioning?.map((list) => [...list]);
    const sets = conditioning ?? Array.from({ length: n }, (_, i) => Array.from({ length: i }, (_, j) => j));
    // Hidden units and their ready sites.
    const units = depth === 0 || n < 2 ? 0 : this.graph ? width * (n - 1) : width;
    this.units = units;
    this.ready = new Int32Array(units);
    for (let k = 0; k < units; k++) this.ready[k] = this.graph ? 1 + Math.floor(k / width) : 1 + Math.floor((k * (n - 1)) / units);
    this.unitsByReady = new Int32Array(n + 2);
    for (let r = 0, k = 0; r <= n + 1; r++) {
      while (k < units && this.ready[k] < r) k++;
      this.unitsByReady[r] = k;
    }
    // Layer 0 inputs: S_r (graph) or 0..r-1 (dense).
    this.inputStart = new Int32Array(units + 1);
    const inputs: number[] = [];
    for (let k = 0; k < units; k++) {
      const r = this.ready[k];
      if (this.graph) inputs.push(...sets[r]);
      else for (let j = 0; j < r; j++) inputs.push(j);
      this.inputStart[k + 1] = inputs.length;
    }
    this.inputRuns = spinRuns(inputs, this.inputStart);
    // Deeper layers: the same site's block (graph) or every unit with ready <= r (dense).
    this.rangeLo = new Int32Array(units);
    this.rangeHi = new Int32Array(units);
    for (let k = 0; k < units; k++) {
      const r = this.ready[k];
      this.rangeLo[k] = this.graph ? this.unitsByReady[r] : 0;
      this.rangeHi[k] = this.unitsByReady[r + 1];
    }
    this.outputLo = new Int32Array(n);
    this.outputHi = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      this.outputLo[i] = this.graph ? this.unitsByReady[i] : 0;
      this.outputHi[i] = units === 0 ? 0 : this.unitsByReady[i + 1];
    }
    this.directStart = new Int32Array(n + 1);
    const direct: number[] = [];
    for (let i = 0; i < n; i++) {
      direct.push(...sets[i]);
      this.directStart[i + 1] = direct.length;
    }
    this.directRuns = spinRuns(direct, this.directStart);
    // Parameter layout.
    this.weightOffset = new Int32Array(depth);
    this.biasOffset = new Int32Array(depth);
    this.unitWeight = [];
    let offset = 0;
    for (let l = 0; l < depth; l++) {
      const unitWeight = new Int32Array(units + 1);
      for (let k = 0; k < units; k++) unitWeight[k + 1] = unitWeight[k] + (l === 0 ? this.inputStart[k + 1] - this.inputStart[k] : this.rangeHi[k] - this.rangeLo[k]);
      this.unitWeight.push(unitWeight);
      this.weightOffset[l] = offset;
      offset += unitWeight[units];
      this.biasOffset[l] = offset;
      offset += units;
    }
    this.outputWeight = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) this.outputWeight[i + 1] = this.outputWeight[i] + (depth === 0 ? 0 : this.outputHi[i] - this.outputLo[i]);
    this.outputOffset = offset;
    offset += this.outputWeight[n];
    this.directOffset = offset;
    offset += direct.length;
    this.cOffset = offset;
    offset += n;
    this.params = new Float64Array(offset);
  }

  /** Architecture (for files and checkpoints). */
  get architecture(): MadeArchitecture {
    return { spins: this.spins, depth: this.depth, width: this.width, z2: this.z2, conditioning: this.conditioning };
  }

  /** Index of the first sampled spin: 1 with Z2 symmetrisation (s_0 is clamped), else 0. */
  get firstFreeSpin(): number {
    return this.z2 ? 1 : 0;
  }

  /** Position in `params` of the direct weight from spin j to output i, or -1 if masked. */
  directWeightIndex(i: number, j: number): number {
    const { start, from, length } = this.directRuns;
    let t = this.directOffset + this.directStart[i];
    for (let r = start[i]; r < start[i + 1]; r++) {
      if (j >= from[r] && j < from[r] + length[r]) return t + j - from[r];
      t += length[r];
    }
    return -1;
  }

  /**
   * Random initial weights: uniform in ±1/sqrt(fan-in) for hidden units; the output layer 0.1
   * times that, so training starts near the uniform distribution; biases zero.
   */
  initialize(rng: Rng): void {
    const p = this.params;
    p.fill(0);
    for (let l = 0; l < this.depth; l++) {
      const unitWeight = this.unitWeight[l];
      for (let k = 0; k < this.units; k++) {
        const fan = unitWeight[k + 1] - unitWeight[k];
        const scale = 1 / Math.sqrt(Math.max(1, fan));
        for (let t = unitWeight[k]; t < unitWeight[k + 1]; t++) p[this.weightOffset[l] + t] = scale * (2 * rng.nextDouble() - 1);
      }
    }
    for (let i = 0; i < this.spins; i++) {
      const fan = this.outputWeight[i + 1] - this.outputWeight[i] + this.directStart[i + 1] - this.directStart[i];
      const scale = 0.1 / Math.sqrt(Math.max(1, fan));
      for (let t = this.outputWeight[i]; t < this.outputWeight[i + 1]; t++) p[this.outputOffset + t] = scale * (2 * rng.nextDouble() - 1);
      for (let t = this.directStart[i]; t < this.directStart[i + 1]; t++) p[this.directOffset + t] = scale * (2 * rng.nextDouble() - 1);
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
   * ws.logq is log q(s) of the returned spins either way. Each sample uses the rng in the same
   * order whatever the batch size (N draws, then the sign), so results do not depend on batching.
   */
  sampleBatch(ws: MadeWorkspace, count: number, rng: Rng): void {
    this.checkCount(ws, count);
    for (let b = 0; b < count; b += LANES) this.pass(ws, b, Math.min(LANES, count - b), rng);
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
    }
    if (ws.spins !== spins) ws.spins.set(spins.subarray(0, count * n));
    for (let b = 0; b < count; b += LANES) this.pass(ws, b, Math.min(LANES, count - b), null);
  }

  private checkCount(ws: MadeWorkspace, count: number): void {
    if (ws.network !== this) throw new Error('workspace belongs to another network');
    if (!Number.isInteger(count) || count < 0 || count > ws.capacity) throw invalidValue('count', count, `an integer from 0 to ${ws.capacity} (the workspace capacity)`);
  }

  /**
   * The hidden units of every layer whose ready site is r, for the 4 samples b..b+3 at once: each
   * weight is loaded once for four samples (the workspace is padded to a multiple of 4 rows, so
   * idle lanes compute on scratch rows).
   */
  private computeUnits(ws: MadeWorkspace, b: number, r: number): void {
    const from = this.unitsByReady[r];
    const to = this.unitsByReady[r + 1];
    if (from === to) return;
    const p = this.params;
    const x = ws.inputs;
    const n = this.spins;
    const units = this.units;
    const x0 = b * n;
    const x1 = x0 + n;
    const x2 = x1 + n;
    const x3 = x2 + n;
    const h0 = b * units;
    const h1 = h0 + units;
    const h2 = h1 + units;
    const h3 = h2 + units;
    const { start: runStart, from: runFrom, length: runLength } = this.inputRuns;
    const rangeLo = this.rangeLo;
    const rangeHi = this.rangeHi;
    for (let l = 0; l < this.depth; l++) {
      const h = ws.hidden[l];
      const w = this.weightOffset[l];
      const unitWeight = this.unitWeight[l];
      const bias = this.biasOffset[l];
      const below = l === 0 ? x : ws.hidden[l - 1];
      for (let k = from; k < to; k++) {
        const c = p[bias + k];
        let z0 = c;
        let z1 = c;
        let z2 = c;
        let z3 = c;
        let t = w + unitWeight[k];
        if (l === 0) {
          const lastRun = runStart[k + 1];
          for (let r = runStart[k]; r < lastRun; r++) {
            const j0 = runFrom[r];
            const end = j0 + runLength[r];
            for (let j = j0; j < end; j++) {
              const v = p[t++];
              z0 += v * below[x0 + j];
              z1 += v * below[x1 + j];
              z2 += v * below[x2 + j];
              z3 += v * below[x3 + j];
            }
          }
        } else {
          const end = rangeHi[k];
          for (let q = rangeLo[k]; q < end; q++) {
            const v = p[t++];
            z0 += v * below[h0 + q];
            z1 += v * below[h1 + q];
            z2 += v * below[h2 + q];
            z3 += v * below[h3 + q];
          }
        }
        h[h0 + k] = Math.tanh(z0);
        h[h1 + k] = Math.tanh(z1);
        h[h2 + k] = Math.tanh(z2);
        h[h3 + k] = Math.tanh(z3);
      }
    }
  }

  /**
   * `lanes` (1..4) samples b.. through the network together, site by site. With an rng, each spin
   * is drawn from its conditional as soon as its logit is known; without, ws.inputs holds the spins.
   */
  private pass(ws: MadeWorkspace, b: number, lanes: number, rng: Rng | null): void {
    const n = this.spins;
    const p = this.params;
    const x = ws.inputs;
    const units = this.units;
    const logits = ws.logits;
    const first = this.firstFreeSpin;
    const last = this.depth > 0 ? ws.hidden[this.depth - 1] : ws.inputs;
    const hasHidden = this.depth > 0;
    const directStart = this.directStart;
    const { start: runStart, from: runFrom, length: runLength } = this.directRuns;
    const cOffset = this.cOffset;
    const outputOffset = this.outputOffset;
    const directOffset = this.directOffset;
    const x0 = b * n;
    const h0 = b * units;
    const logq = ws.laneLogq;
    const product = ws.laneProduct;
    const complement = ws.complement;
    logq.fill(0);
    product.fill(1);
    if (rng === null) for (let lane = lanes; lane < LANES; lane++) x.fill(1, x0 + lane * n, x0 + (lane + 1) * n);
    for (let i = 0; i < n; i++) {
      // Units ready at site i have all their inputs (spins < i): compute them, then logit i.
      this.computeUnits(ws, b, i);
      const c = p[cOffset + i];
      let a0 = c;
      let a1 = c;
      let a2 = c;
      let a3 = c;
      if (hasHidden) {
        let t = outputOffset + this.outputWeight[i];
        const end = this.outputHi[i];
        for (let q = this.outputLo[i]; q < end; q++) {
          const v = p[t++];
          a0 += v * last[h0 + q];
          a1 += v * last[h0 + units + q];
          a2 += v * last[h0 + 2 * units + q];
          a3 += v * last[h0 + 3 * units + q];
        }
      }
      let t = directOffset + directStart[i];
      for (let r = runStart[i]; r < runStart[i + 1]; r++) {
        const j0 = x0 + runFrom[r];
        const end = j0 + runLength[r];
        for (let j = j0; j < end; j++) {
          const v = p[t++];
          a0 += v * x[j];
          a1 += v * x[j + n];
          a2 += v * x[j + 2 * n];
          a3 += v * x[j + 3 * n];
        }
      }
      logits[x0 + i] = a0;
      logits[x0 + n + i] = a1;
      logits[x0 + 2 * n + i] = a2;
      logits[x0 + 3 * n + i] = a3;
      for (let lane = 0; lane < LANES; lane++) {
        const at = x0 + lane * n + i;
        if (i < first) {
          x[at] = 1;
        } else if (lane < lanes) {
          // One exp per site: e = exp(-|a|), q(+1) = sigmoid(a) = 1/(1+e) or e/(1+e).
          const a = logits[at];
          const e = Math.exp(-Math.abs(a));
          const inv = 1 / (1 + e);
          if (rng !== null) x[at] = rng.nextDouble() < (a >= 0 ? inv : e * inv) ? 1 : -1;
          const agree = x[at] > 0 === a >= 0;
          // complement = 1 - q(x_i | s_<i) = sigmoid(-x a), kept for the backward pass.
          complement[at] = agree ? e * inv : inv;
          if (agree) {
            product[lane] *= inv;
          } else if (e > 1e-200) {
            product[lane] *= e * inv;
          } else {
            logq[lane] -= Math.abs(a) + Math.log1p(e); // so improbable that the product could underflow
          }
          // log q = sum of logs, taken as the log of a running product renormalised before underflow.
          if (product[lane] < 1e-250) {
            logq[lane] += Math.log(product[lane]);
            product[lane] = 1;
          }
        } else if (rng !== null) {
          x[at] = 1; // idle lane: no random draws
        }
      }
    }
    for (let lane = 0; lane < lanes; lane++) {
      ws.logq[b + lane] = logq[lane] + Math.log(product[lane]) - (this.z2 ? Math.LN2 : 0);
      if (rng !== null) {
        // The returned spins: the network's configuration, times a random global sign under Z2.
        const sign = this.z2 && rng.nextDouble() < 0.5 ? -1 : 1;
        const row = (b + lane) * n;
        for (let s = 0; s < n; s++) ws.spins[row + s] = sign * x[row + s];
      }
    }
  }

  /**
   * Backward pass: grad += sum_b weights[b] * d log q(s_b) / d params, using the activations of
   * the last sampleBatch / logProbability on this workspace. `grad` has the layout of `params`.
   */
  accumulateGradient(ws: MadeWorkspace, weights: Float64Array, count: number, grad: Float64Array): void {
    this.checkCount(ws, count);
    if (grad.length !== this.params.length) throw invalidValue('grad', `${grad.length} values`, `${this.params.length} (one per parameter)`);
    const g = ws.laneWeight;
    for (let b = 0; b < count; b += LANES) {
      for (let lane = 0; lane < LANES; lane++) g[lane] = b + lane < count ? weights[b + lane] : 0;
      this.backward(ws, b, grad);
    }
  }

  /** Backward for the 4 samples b..b+3 (weights in ws.laneWeight; idle lanes weigh 0). */
  private backward(ws: MadeWorkspace, b: number, grad: Float64Array): void {
    const n = this.spins;
    const units = this.units;
    const p = this.params;
    const x = ws.inputs;
    const complement = ws.complement;
    const x0 = b * n;
    const h0 = b * units;
    const first = this.firstFreeSpin;
    const g = ws.laneWeight;
    // dh holds d/d(hidden) for the 4 lanes: lane j at j*units.
    const dh = ws.deltaHidden;
    dh.fill(0);
    const last = this.depth > 0 ? ws.hidden[this.depth - 1] : ws.inputs;
    const hasHidden = this.depth > 0;
    const directStart = this.directStart;
    const directRuns = this.directRuns;
    for (let i = first; i < n; i++) {
      // d log sigmoid(x a) / d a = x sigmoid(-x a)
      const s0 = x[x0 + i];
      const s1 = x[x0 + n + i];
      const s2 = x[x0 + 2 * n + i];
      const s3 = x[x0 + 3 * n + i];
      const d0 = g[0] * s0 * complement[x0 + i];
      const d1 = g[1] * s1 * complement[x0 + n + i];
      const d2 = g[2] * s2 * complement[x0 + 2 * n + i];
      const d3 = g[3] * s3 * complement[x0 + 3 * n + i];
      grad[this.cOffset + i] += d0 + d1 + d2 + d3;
      let t = this.directOffset + directStart[i];
      for (let r = directRuns.start[i]; r < directRuns.start[i + 1]; r++) {
        const j0 = x0 + directRuns.from[r];
        const end = j0 + directRuns.length[r];
        for (let j = j0; j < end; j++) grad[t++] += d0 * x[j] + d1 * x[j + n] + d2 * x[j + 2 * n] + d3 * x[j + 3 * n];
      }
      if (hasHidden) {
        t = this.outputOffset + this.outputWeight[i];
        const hi = this.outputHi[i];
        for (let q = this.outputLo[i]; q < hi; q++) {
          const v = p[t];
          grad[t++] += d0 * last[h0 + q] + d1 * last[h0 + units + q] + d2 * last[h0 + 2 * units + q] + d3 * last[h0 + 3 * units + q];
          dh[q] += v * d0;
          dh[units + q] += v * d1;
          dh[2 * units + q] += v * d2;
          dh[3 * units + q] += v * d3;
        }
      }
    }
    const below = ws.deltaBelow;
    const inputRuns = this.inputRuns;
    const rangeLo = this.rangeLo;
    const rangeHi = this.rangeHi;
    for (let l = this.depth - 1; l >= 0; l--) {
      const h = ws.hidden[l];
      const w = this.weightOffset[l];
      const unitWeight = this.unitWeight[l];
      const bias = this.biasOffset[l];
      if (l > 0) below.fill(0);
      const input = l > 0 ? ws.hidden[l - 1] : x;
      for (let k = 0; k < units; k++) {
        const y0 = h[h0 + k];
        const y1 = h[h0 + units + k];
        const y2 = h[h0 + 2 * units + k];
        const y3 = h[h0 + 3 * units + k];
        const z0 = dh[k] * (1 - y0 * y0);
        const z1 = dh[units + k] * (1 - y1 * y1);
        const z2 = dh[2 * units + k] * (1 - y2 * y2);
        const z3 = dh[3 * units + k] * (1 - y3 * y3);
        if (z0 === 0 && z1 === 0 && z2 === 0 && z3 === 0) continue;
        grad[bias + k] += z0 + z1 + z2 + z3;
        let t = w + unitWeight[k];
        if (l > 0) {
          const hi = rangeHi[k];
          for (let q = rangeLo[k]; q < hi; q++) {
            const v = p[t];
            grad[t++] += z0 * input[h0 + q] + z1 * input[h0 + units + q] + z2 * input[h0 + 2 * units + q] + z3 * input[h0 + 3 * units + q];
            below[q] += v * z0;
            below[units + q] += v * z1;
            below[2 * units + q] += v * z2;
            below[3 * units + q] += v * z3;
          }
        } else {
          for (let r = inputRuns.start[k]; r < inputRuns.start[k + 1]; r++) {
            const j0 = x0 + inputRuns.from[r];
            const end = j0 + inputRuns.length[r];
            for (let j = j0; j < end; j++) grad[t++] += z0 * x[j] + z1 * x[j + n] + z2 * x[j + 2 * n] + z3 * x[j + 3 * n];
          }
        }
      }
      if (l > 0) dh.set(below);
    }
  }
}

function checkConditioning(conditioning: number[][], n: number): void {
  if (!Array.isArray(conditioning) || conditioning.length !== n) throw invalidValue('conditioning', `${conditioning?.length} lists`, `${n} (one per spin)`);
  conditioning.forEach((list, i) => {
    list.forEach((j, t) => {
      if (!Number.isInteger(j) || j < 0 || j >= i || (t > 0 && j <= list[t - 1])) throw invalidValue(`conditioning[${i}][${t}]`, j, `ascending spin indices below ${i}`);
    });
  });
}

/** Index lists stored as runs of consecutive spins, per unit (or output). */
export interface SpinRuns {
  /** Runs of item k: start[k] .. start[k+1]-1. */
  start: Int32Array;
  from: Int32Array;
  length: Int32Array;
}

/** Split each item's ascending index list (items delimited by `offsets`) into runs of consecutive values. */
function spinRuns(indices: number[], offsets: Int32Array): SpinRuns {
  const items = offsets.length - 1;
  const start = new Int32Array(items + 1);
  const from: number[] = [];
  const length: number[] = [];
  for (let k = 0; k < items; k++) {
    for (let q = offsets[k]; q < offsets[k + 1]; q++) {
      const j = indices[q];
      if (q > offsets[k] && j === from[from.length - 1] + length[length.length - 1]) length[length.length - 1]++;
      else {
        from.push(j);
        length.push(1);
      }
    }
    start[k + 1] = from.length;
  }
  return { start, from: Int32Array.from(from), length: Int32Array.from(length) };
}

/** Samples processed together by the kernels (each weight load serves all of them). */
const LANES = 4;

/** Per-batch buffers of a {@link MadeNetwork}: inputs, activations, logits, log q. */
export class MadeWorkspace {
  readonly network: MadeNetwork;
  readonly capacity: number;
  /** Returned spins (count x N, ±1). */
  readonly spins: Int8Array;
  /** The network's inputs (count x N, ±1 as doubles; s_0 s under Z2). */
  readonly inputs: Float64Array;
  /** Activations of each hidden layer (count x units). */
  readonly hidden: Float64Array[];
  /** Output logits a_i (count x N). */
  readonly logits: Float64Array;
  /** log q(s) of each sample. */
  readonly logq: Float64Array;
  /** Backward scratch: d/d hidden for the current layer and the one below (4 lanes). */
  readonly deltaHidden: Float64Array;
  readonly deltaBelow: Float64Array;
  /** 1 - q(s_i | s_<i) of each sampled or given spin (count x N), for the backward pass. */
  readonly complement: Float64Array;
  /** Per-lane scratch: log q being summed (and its running product), and gradient weights. */
  readonly laneLogq = new Float64Array(LANES);
  readonly laneProduct = new Float64Array(LANES);
  readonly laneWeight = new Float64Array(LANES);

  constructor(network: MadeNetwork, capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw invalidValue('capacity', capacity, 'an integer >= 1');
    this.network = network;
    this.capacity = capacity;
    const n = network.spins;
    // Rows padded to a multiple of LANES: the kernels run 4 samples at a time.
    const rows = Math.ceil(capacity / LANES) * LANES;
    this.spins = new Int8Array(rows * n);
    this.inputs = new Float64Array(rows * n);
    this.hidden = Array.from({ length: network.depth }, () => new Float64Array(rows * network.units));
    this.logits = new Float64Array(rows * n);
    this.complement = new Float64Array(rows * n);
    this.logq = new Float64Array(rows);
    this.deltaHidden = new Float64Array(LANES * network.units);
    this.deltaBelow = new Float64Array(LANES * network.units);
  }
}
