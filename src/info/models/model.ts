import type { SymbolDecoder, SymbolEncoder } from '../coding/interval.js';

/**
 * A sequential probability model that drives any coder through quantized cumulative
 * frequencies (see coding/interval.ts). The model decides how a symbol is coded: one interval
 * over its alphabet, or several binary steps (bitwise byte models); it updates itself after each
 * symbol, identically when encoding and decoding, so the two stay in lock step.
 *
 * @example
 * const model = new AdaptiveCountsModel(256, 'kt');
 * const enc = new RangeEncoder();
 * for (const b of bytes) model.encode(b, enc);
 * model.reset();
 * const dec = new RangeDecoder(enc.finish());
 * const first = model.decode(dec);
 */
export interface CodingModel {
  /** Number of symbols: symbols are the integers 0 .. alphabetSize - 1. */
  readonly alphabetSize: number;
  /** Code `symbol` with `coder` and learn from it. */
  encode(symbol: number, coder: SymbolEncoder): void;
  /** Decode the next symbol from `coder` and learn from it. */
  decode(coder: SymbolDecoder): number;
  /** Forget everything learned: back to the initial state. */
  reset(): void;
  /** Optional fast path: code a whole array (the i.i.d. binary model uses the coders' batch loops). */
  encodeMany?(symbols: Uint8Array, coder: SymbolEncoder): void;
  /** Optional fast path: decode `out.length` symbols into `out`. */
  decodeMany?(out: Uint8Array, coder: SymbolDecoder): void;
}

/**
 * Code every symbol of `symbols` with `model` (its batch path when it has one).
 * @example encodeSymbols(new AdaptiveCountsModel(256, 'kt'), bytes, encoder)
 */
export function encodeSymbols(model: CodingModel, symbols: ArrayLike<number>, coder: SymbolEncoder): void {
  if (model.encodeMany && symbols instanceof Uint8Array) {
    model.encodeMany(symbols, coder);
    return;
  }
  for (let i = 0; i < symbols.length; i++) model.encode(symbols[i], coder);
}

/**
 * Decode `count` symbols with `model` into a new array (Uint8Array for alphabets up to 256).
 * @example const bytes = decodeSymbols(model, decoder, n) as Uint8Array;
 */
export function decodeSymbols(model: CodingModel, coder: SymbolDecoder, count: number): Uint8Array | Uint16Array {
  const out = model.alphabetSize <= 256 ? new Uint8Array(count) : new Uint16Array(count);
  if (model.decodeMany && out instanceof Uint8Array) {
    model.decodeMany(out, coder);
    return out;
  }
  for (let i = 0; i < count; i++) out[i] = model.decode(coder);
  return out;
}
