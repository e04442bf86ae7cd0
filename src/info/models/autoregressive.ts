/**
 * Any autoregressive model p(x_1..x_N) = prod_t p(x_t | x_<t) that exposes its conditional
 * probabilities can drive the coders: the adapter quantizes each conditional to frequencies out
 * of 2^16. This is the hook for Markov chains here and for trained autoregressive networks
 * (e.g. the variational layer's masked network over spins, with alphabet 2).
 *
 * Floating-point conditionals are reproducible on one platform; a compressed file meant to be
 * decoded elsewhere should use models whose probabilities are integer-exact (the CLI's models
 * all are).
 */
import { invalidValue } from '../../core/errors.js';
import { PROB_ONE, type SymbolDecoder, type SymbolEncoder } from '../coding/interval.js';
import type { CodingModel } from './model.js';

/**
 * A sequence model exposing its conditional distribution of the next symbol.
 *
 * @example
 * class Fair implements AutoregressiveModel {
 *   readonly alphabetSize = 2;
 *   conditional(out: Float64Array) { out[0] = 0.5; out[1] = 0.5; }
 *   observe() {}
 *   reset() {}
 * }
 */
export interface AutoregressiveModel {
  readonly alphabetSize: number;
  /** Write p(x_t = a | x_<t) for every symbol a into `out` (length alphabetSize; non-negative, summing to 1). */
  conditional(out: Float64Array): void;
  /** Append the symbol that occurred. */
  observe(symbol: number): void;
  /** Back to the empty history. */
  reset(): void;
}

/**
 * Drives a coder with an {@link AutoregressiveModel}: each step the conditional is quantized to
 * f_a = 1 + floor(p_a (2^16 - A)) plus the remainder on the most probable symbol, so every
 * symbol keeps a frequency >= 1 (the code length exceeds -log2 p by at most ~A / 2^16 per step
 * plus the quantization of p).
 *
 * @example
 * const coding = new AutoregressiveCodingModel(new MarkovChain([0.5, 0.5], [[0.9, 0.1], [0.2, 0.8]]));
 * encodeSymbols(coding, symbols, new RangeEncoder());
 */
export class AutoregressiveCodingModel implements CodingModel {
  readonly alphabetSize: number;
  private readonly model: AutoregressiveModel;
  private readonly probs: Float64Array;
  private readonly starts: Float64Array;

  constructor(model: AutoregressiveModel) {
    const a = model.alphabetSize;
    if (!(Number.isInteger(a) && a >= 2 && a <= 4096)) throw invalidValue('alphabetSize', a, 'an integer from 2 to 4096');
    this.model = model;
    this.alphabetSize = a;
    this.probs = new Float64Array(a);
    this.starts = new Float64Array(a + 1);
  }

  /** Quantize the model's current conditional into `starts` (cumulative, total 2^16). */
  private quantize(): void {
    const a = this.alphabetSize;
    const p = this.probs;
    this.model.conditional(p);
    let total = 0;
    for (let s = 0; s < a; s++) {
      if (!(p[s] >= 0 && Number.isFinite(p[s]))) throw invalidValue(`conditional[${s}]`, p[s], 'a finite probability >= 0');
      total += p[s];
    }
    if (!(total > 0)) throw invalidValue('conditional', 'all zero', 'probabilities summing to 1');
    const spare = PROB_ONE - a;
    let sum = 0;
    let best = 0;
    for (let s = 0; s < a; s++) {
      const f = 1 + Math.floor((p[s] / total) * spare);
      p[s] = f;
      sum += f;
      if (f > p[best]) best = s;
    }
    p[best] += PROB_ONE - sum;
    for (let s = 0; s < a; s++) this.starts[s + 1] = this.starts[s] + p[s];
  }

  encode(symbol: number, coder: SymbolEncoder): void {
    if (!(Number.isInteger(symbol) && symbol >= 0 && symbol < this.alphabetSize)) throw invalidValue('symbol', symbol, `an integer from 0 to ${this.alphabetSize - 1}`);
    this.quantize();
    coder.encode(this.starts[symbol], this.probs[symbol]);
    this.model.observe(symbol);
  }

  decode(coder: SymbolDecoder): number {
    this.quantize();
    const t = coder.target();
    let lo = 0;
    let hi = this.alphabetSize - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= t) lo = mid;
      else hi = mid - 1;
    }
    coder.consume(this.starts[lo], this.probs[lo]);
    this.model.observe(lo);
    return lo;
  }

  reset(): void {
    this.model.reset();
  }
}

/**
 * A first-order Markov chain: p(x_1) = initial, p(x_t = b | x_{t-1} = a) = transition[a][b].
 *
 * @example
 * const chain = new MarkovChain([0.5, 0.5], [[0.95, 0.05], [0.1, 0.9]]);
 * chain.entropyRateBits(); // bits per symbol in the stationary regime
 */
export class MarkovChain implements AutoregressiveModel {
  readonly alphabetSize: number;
  private readonly initial: Float64Array;
  private readonly transition: Float64Array[];
  private previous = -1;

  constructor(initial: ArrayLike<number>, transition: ArrayLike<ArrayLike<number>>) {
    const a = initial.length;
    if (a < 2) throw invalidValue('initial', `${a} entries`, 'at least 2 symbols');
    if (transition.length !== a) throw invalidValue('transition', `${transition.length} rows`, `${a} rows (one per symbol)`);
    this.alphabetSize = a;
    this.initial = checkDistribution('initial', initial, a);
    this.transition = Array.from({ length: a }, (_, i) => checkDistribution(`transition[${i}]`, transition[i], a));
  }

  conditional(out: Float64Array): void {
    out.set(this.previous < 0 ? this.initial : this.transition[this.previous]);
  }

  observe(symbol: number): void {
    this.previous = symbol;
  }

  reset(): void {
    this.previous = -1;
  }

  /** Probability of the next symbol being `symbol` given the current state. */
  probability(symbol: number): number {
    return this.previous < 0 ? this.initial[symbol] : this.transition[this.previous][symbol];
  }

  /**
   * Entropy rate -sum_a pi_a sum_b T_ab log2 T_ab in bits per symbol, with pi the stationary
   * distribution (by power iteration; assumes the chain is ergodic).
   */
  entropyRateBits(): number {
    const a = this.alphabetSize;
    let pi = new Float64Array(a).fill(1 / a);
    for (let iter = 0; iter < 10000; iter++) {
      const next = new Float64Array(a);
      for (let i = 0; i < a; i++) for (let j = 0; j < a; j++) next[j] += pi[i] * this.transition[i][j];
      let change = 0;
      for (let j = 0; j < a; j++) change += Math.abs(next[j] - pi[j]);
      pi = next;
      if (change < 1e-15) break;
    }
    let h = 0;
    for (let i = 0; i < a; i++) for (let j = 0; j < a; j++) {
      const t = this.transition[i][j];
      if (t > 0) h -= pi[i] * t * Math.log2(t);
    }
    return h;
  }
}

function checkDistribution(field: string, values: ArrayLike<number>, size: number): Float64Array {
  if (values.length !== size) throw invalidValue(field, `${values.length} entries`, `${size} probabilities`);
  const out = Float64Array.from(values);
  let sum = 0;
  for (let i = 0; i < size; i++) {
    if (!(out[i] >= 0 && out[i] <= 1)) throw invalidValue(`${field}[${i}]`, out[i], 'a probability from 0 to 1');
    sum += out[i];
  }
  if (Math.abs(sum - 1) > 1e-9) throw invalidValue(field, `sum ${sum}`, 'probabilities summing to 1');
  return out;
}
