/**
 * The one place where models and coders meet (DESIGN.md: "models and coders meet at integers").
 *
 * Every coding step is a half-open interval [start, start + freq) of the integers [0, 2^16):
 * a symbol of probability freq / 2^16. Models compute these quantized cumulative frequencies
 * with integer (or exactly reproducible) arithmetic; coders see nothing else. So any model
 * drives any coder, and an encoder and decoder that see the same intervals agree bit for bit.
 */

/** Bits of precision of every coding interval: totals are always 2^PROB_BITS. */
export const PROB_BITS = 16;
/** The total of every quantized distribution, 2^16. */
export const PROB_ONE = 1 << PROB_BITS;

/**
 * What a model sees of an encoder. Binary steps use the convention: P(bit = 1) = p1 / 2^16 with
 * 1 <= p1 <= 2^16 - 1, bit 1 owns [0, p1) and bit 0 owns [p1, 2^16), so
 * `encodeBit(b, p1)` is the same step as `encode(b ? 0 : p1, b ? p1 : 2^16 - p1)`.
 *
 * @example
 * const enc = new RangeEncoder();
 * enc.encode(0, 32768);        // a symbol of probability 1/2
 * enc.encodeBit(1, 6554);      // a 1 with P(1) = 0.1
 * const bytes = enc.finish();
 */
export interface SymbolEncoder {
  /** Code the interval [start, start + freq) of [0, 2^16); freq >= 1. */
  encode(start: number, freq: number): void;
  /** Code one bit with P(1) = p1 / 2^16. */
  encodeBit(bit: number, p1: number): void;
  /** Code every bit of `bits` (values 0/1) with the same P(1) = p1 / 2^16: the fast path for i.i.d. bits. */
  encodeBits(bits: Uint8Array, p1: number): void;
}

/**
 * What a model sees of a decoder: `target()` names a point of [0, 2^16) inside the next
 * symbol's interval; the model finds the symbol whose interval holds it and calls
 * `consume(start, freq)` with that interval before asking for the next target.
 */
export interface SymbolDecoder {
  /** A value in [0, 2^16) inside the interval of the next symbol. */
  target(): number;
  /** Remove the interval of the symbol just identified by `target()`. */
  consume(start: number, freq: number): void;
  /** Decode one bit coded with P(1) = p1 / 2^16. */
  decodeBit(p1: number): number;
  /** Decode `out.length` bits coded with the same P(1) = p1 / 2^16 into `out`. */
  decodeBits(out: Uint8Array, p1: number): void;
}

/** A whole-stream encoder: a SymbolEncoder that produces its bytes at the end. */
export interface StreamEncoder extends SymbolEncoder {
  /** Flush and return the coded bytes; the encoder cannot be used afterwards. */
  finish(): Uint8Array;
}

/** The coders gibbs ships: range coder (first in, first out) and rANS (last in, first out). */
export type CoderName = 'range' | 'rans';

/** Throw if a binary probability is outside [1, 2^16 - 1] (an internal bug in a model). @example checkP1(58982) */
export function checkP1(p1: number): void {
  if (!(p1 >= 1 && p1 < PROB_ONE)) throw new RangeError(`binary probability p1 = ${p1} outside [1, 65535]`);
}

/** Throw if an interval is not a non-empty part of [0, 2^16) (an internal bug in a model). @example checkInterval(0, 32768) */
export function checkInterval(start: number, freq: number): void {
  if (!(start >= 0 && freq >= 1 && start + freq <= PROB_ONE)) throw new RangeError(`coding interval [${start}, ${start + freq}) outside [0, 65536) or empty`);
}
