/**
 * Fixed i.i.d. models: a Bernoulli bit and a categorical symbol with known probabilities,
 * quantized once to frequencies out of 2^16.
 */
import { invalidValue } from '../../core/errors.js';
import { PROB_ONE, type SymbolDecoder, type SymbolEncoder } from '../coding/interval.js';
import type { CodingModel } from './model.js';
import { quantizeBinary, quantizeWeights } from './quantize.js';

/**
 * i.i.d. bits with P(1) = p (quantized to p1 / 2^16). Uses the coders' batch loops for arrays.
 *
 * @example
 * const model = new BernoulliModel(0.9);
 * model.encodeMany(bits, encoder); // fast path: one call for the whole array
 */
export class BernoulliModel implements CodingModel {
  readonly alphabetSize = 2;
  /** Quantized P(1) times 2^16, in [1, 65535]. */
  readonly p1: number;

  constructor(p: number) {
    this.p1 = quantizeBinary(p);
  }

  encode(bit: number, coder: SymbolEncoder): void {
    coder.encodeBit(bit, this.p1);
  }

  decode(coder: SymbolDecoder): number {
    return coder.decodeBit(this.p1);
  }

  encodeMany(bits: Uint8Array, coder: SymbolEncoder): void {
    coder.encodeBits(bits, this.p1);
  }

  decodeMany(out: Uint8Array, coder: SymbolDecoder): void {
    coder.decodeBits(out, this.p1);
  }

  reset(): void {}
}

/**
 * i.i.d. symbols from a fixed categorical distribution given by integer frequencies summing to
 * 2^16 (zero for symbols that never occur). Decoding looks the symbol up in a 2^16-entry table.
 *
 * @example
 * const model = CategoricalModel.fromWeights([5, 3, 2]); // P = 0.5, 0.3, 0.2
 */
export class CategoricalModel implements CodingModel {
  readonly alphabetSize: number;
  /** Frequency of each symbol (sum 2^16). */
  readonly freqs: Uint32Array;
  private readonly starts: Uint32Array;
  private readonly lookup: Uint16Array;

  constructor(freqs: ArrayLike<number>) {
    const n = freqs.length;
    if (n < 1 || n > PROB_ONE) throw invalidValue('freqs', `${n} symbols`, `1 to ${PROB_ONE} symbols`);
    this.alphabetSize = n;
    this.freqs = Uint32Array.from(freqs);
    this.starts = new Uint32Array(n + 1);
    for (let s = 0; s < n; s++) {
      const f = freqs[s];
      if (!Number.isInteger(f) || f < 0) throw invalidValue(`freqs[${s}]`, f, 'an integer >= 0');
      this.starts[s + 1] = this.starts[s] + f;
    }
    if (this.starts[n] !== PROB_ONE) throw invalidValue('freqs', `sum ${this.starts[n]}`, `frequencies summing to ${PROB_ONE}`);
    this.lookup = new Uint16Array(PROB_ONE);
    for (let s = 0; s < n; s++) this.lookup.fill(s, this.starts[s], this.starts[s + 1]);
  }

  /** Quantize non-negative weights (probabilities or counts) and build the model. */
  static fromWeights(weights: ArrayLike<number>): CategoricalModel {
    return new CategoricalModel(quantizeWeights(weights));
  }

  encode(symbol: number, coder: SymbolEncoder): void {
    const f = this.freqs[symbol];
    if (!f) throw invalidValue('symbol', symbol, `a symbol of positive probability under this model (alphabet 0..${this.alphabetSize - 1})`);
    coder.encode(this.starts[symbol], f);
  }

  decode(coder: SymbolDecoder): number {
    const s = this.lookup[coder.target()];
    coder.consume(this.starts[s], this.freqs[s]);
    return s;
  }

  reset(): void {}
}
