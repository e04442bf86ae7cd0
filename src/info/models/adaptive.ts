/**
 * Adaptive count models: the sequential (predictive) estimators
 *   Krichevsky–Trofimov: P(s | past) = (n_s + 1/2) / (n + A/2)   (KT, IEEE Trans. IT 27, 1981)
 *   Laplace:             P(s | past) = (n_s + 1)   / (n + A)
 * whose product over a sequence is the (KT or Laplace) mixture probability, so the code length
 * is within (A - 1)/2 log2 n + O(1) bits of the best fixed i.i.d. model for every sequence.
 * Counts are kept exactly (no halving); each step's distribution is quantized to 2^16 by
 * cumq(s) = s + floor(cum(s) (2^16 - A) / W), which gives every symbol at least 1 and costs
 * O(A / 2^16) bits per symbol beyond the exact estimator.
 */
import { invalidValue, requireInteger } from '../../core/errors.js';
import { PROB_ONE, type SymbolDecoder, type SymbolEncoder } from '../coding/interval.js';
import type { CodingModel } from './model.js';

/** Which additive prior the adaptive counts use. */
export type CountRule = 'kt' | 'laplace';

/** floor(a / b) for integers a < 2^53, b > 0, exact even when a / b rounds up to an integer. */
function floorDiv(a: number, b: number): number {
  let q = Math.floor(a / b);
  const r = a - q * b;
  if (r < 0) q--;
  else if (r >= b) q++;
  return q;
}

/** Weight units per observation and initial weight per symbol: KT counts in halves. */
function ruleUnits(rule: CountRule): { step: number; initial: number } {
  if (rule === 'kt') return { step: 2, initial: 1 };
  if (rule === 'laplace') return { step: 1, initial: 1 };
  throw invalidValue('rule', rule, 'kt or laplace');
}

/**
 * Adaptive counts over an alphabet of A symbols (2 <= A <= 4096), with a Fenwick tree for
 * O(log A) cumulative frequencies in both directions.
 *
 * @example
 * const model = new AdaptiveCountsModel(256, 'kt');
 * for (const b of bytes) model.encode(b, encoder);
 */
export class AdaptiveCountsModel implements CodingModel {
  readonly alphabetSize: number;
  readonly rule: CountRule;
  private readonly step: number;
  private readonly initial: number;
  private readonly tree: Float64Array; // Fenwick tree of weights, 1-based
  private readonly weights: Float64Array;
  private total = 0;
  private readonly spare: number; // 2^16 - A: the part of the total shared out by weight
  private readonly topBit: number;

  constructor(alphabetSize: number, rule: CountRule = 'kt') {
    requireInteger('alphabetSize', alphabetSize, 2, 4096);
    this.alphabetSize = alphabetSize;
    this.rule = rule;
    ({ step: this.step, initial: this.initial } = ruleUnits(rule));
    this.tree = new Float64Array(alphabetSize + 1);
    this.weights = new Float64Array(alphabetSize);
    this.spare = PROB_ONE - alphabetSize;
    let top = 1;
    while (top * 2 <= alphabetSize) top *= 2;
    this.topBit = top;
    this.reset();
  }

  reset(): void {
    this.weights.fill(this.initial);
    this.tree.fill(0);
    for (let i = 1; i <= this.alphabetSize; i++) {
      this.tree[i] += this.initial;
      const parent = i + (i & -i);
      if (parent <= this.alphabetSize) this.tree[parent] += this.tree[i];
    }
    this.total = this.initial * this.alphabetSize;
  }

  /** Sum of the weights of symbols 0 .. s - 1. */
  private cumulative(s: number): number {
    let sum = 0;
    for (let i = s; i > 0; i -= i & -i) sum += this.tree[i];
    return sum;
  }

  private quantizedStart(s: number, cum: number): number {
    return s + floorDiv(cum * this.spare, this.total);
  }

  private learn(s: number): void {
    for (let i = s + 1; i <= this.alphabetSize; i += i & -i) this.tree[i] += this.step;
    this.weights[s] += this.step;
    this.total += this.step;
    // Keep cum * spare below 2^53 (after ~10^11 symbols): halve, preserving every weight >= 1.
    if (this.total > 2 ** 36) this.halve();
  }

  private halve(): void {
    const w = this.weights;
    for (let s = 0; s < this.alphabetSize; s++) w[s] = Math.max(this.initial, Math.floor(w[s] / 2));
    this.tree.fill(0);
    this.total = 0;
    for (let i = 1; i <= this.alphabetSize; i++) {
      this.tree[i] += w[i - 1];
      this.total += w[i - 1];
      const parent = i + (i & -i);
      if (parent <= this.alphabetSize) this.tree[parent] += this.tree[i];
    }
  }

  encode(symbol: number, coder: SymbolEncoder): void {
    if (!(symbol >= 0 && symbol < this.alphabetSize && Number.isInteger(symbol))) throw invalidValue('symbol', symbol, `an integer from 0 to ${this.alphabetSize - 1}`);
    const cum = this.cumulative(symbol);
    const start = this.quantizedStart(symbol, cum);
    const end = this.quantizedStart(symbol + 1, cum + this.weights[symbol]);
    coder.encode(start, end - start);
    this.learn(symbol);
  }

  decode(coder: SymbolDecoder): number {
    const t = coder.target();
    // Fenwick descent for the largest s with quantizedStart(s) <= t (monotone in s).
    let pos = 0;
    let sum = 0;
    for (let step = this.topBit; step > 0; step >>= 1) {
      const next = pos + step;
      if (next < this.alphabetSize) {
        const candidate = sum + this.tree[next];
        if (this.quantizedStart(next, candidate) <= t) {
          pos = next;
          sum = candidate;
        }
      }
    }
    const start = this.quantizedStart(pos, sum);
    const end = this.quantizedStart(pos + 1, sum + this.weights[pos]);
    coder.consume(start, end - start);
    this.learn(pos);
    return pos;
  }
}

/**
 * Adaptive counts for bits (the A = 2 case, as binary steps): P(1) = (n1 + 1/2) / (n + 1) for
 * KT, (n1 + 1) / (n + 2) for Laplace, quantized to p1 = 1 + floor(w1 (2^16 - 2) / W).
 *
 * @example
 * const model = new AdaptiveBitModel('kt');
 * model.encodeMany(bits, encoder);
 */
export class AdaptiveBitModel implements CodingModel {
  readonly alphabetSize = 2;
  readonly rule: CountRule;
  private readonly step: number;
  private readonly initial: number;
  private w0 = 0;
  private w1 = 0;

  constructor(rule: CountRule = 'kt') {
    this.rule = rule;
    ({ step: this.step, initial: this.initial } = ruleUnits(rule));
    this.reset();
  }

  reset(): void {
    this.w0 = this.initial;
    this.w1 = this.initial;
  }

  /** The current quantized P(1) times 2^16. */
  p1(): number {
    return 1 + floorDiv(this.w1 * (PROB_ONE - 2), this.w0 + this.w1);
  }

  private learn(bit: number): void {
    if (bit) this.w1 += this.step;
    else this.w0 += this.step;
    if (this.w0 + this.w1 > 2 ** 36) {
      this.w0 = Math.max(this.initial, Math.floor(this.w0 / 2));
      this.w1 = Math.max(this.initial, Math.floor(this.w1 / 2));
    }
  }

  encode(bit: number, coder: SymbolEncoder): void {
    coder.encodeBit(bit, this.p1());
    this.learn(bit);
  }

  decode(coder: SymbolDecoder): number {
    const bit = coder.decodeBit(this.p1());
    this.learn(bit);
    return bit;
  }

  encodeMany(bits: Uint8Array, coder: SymbolEncoder): void {
    for (let i = 0; i < bits.length; i++) this.encode(bits[i], coder);
  }

  decodeMany(out: Uint8Array, coder: SymbolDecoder): void {
    for (let i = 0; i < out.length; i++) out[i] = this.decode(coder);
  }
}
