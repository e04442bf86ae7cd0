/**
 * A "coder" that writes nothing and adds up the ideal code length -sum log2(freq / 2^16) of the
 * intervals it is given: the information content of a sequence under a model's quantized
 * probabilities q, against which real code lengths are measured.
 */
import { PROB_BITS, PROB_ONE, type SymbolEncoder } from './interval.js';

/**
 * Information content meter: drive it with a model like an encoder, then read `bits`.
 *
 * @example
 * const meter = new CostMeter();
 * meter.encodeBit(1, 16384);   // P(1) = 1/4
 * meter.bits;                  // 2
 */
export class CostMeter implements SymbolEncoder {
  /** Total information content so far, in bits. */
  bits = 0;

  encode(_start: number, freq: number): void {
    this.bits += PROB_BITS - Math.log2(freq);
  }

  encodeBit(bit: number, p1: number): void {
    this.bits += PROB_BITS - Math.log2(bit ? p1 : PROB_ONE - p1);
  }

  encodeBits(bits: Uint8Array, p1: number): void {
    let ones = 0;
    for (let i = 0; i < bits.length; i++) ones += bits[i];
    this.bits += ones * (PROB_BITS - Math.log2(p1)) + (bits.length - ones) * (PROB_BITS - Math.log2(PROB_ONE - p1));
  }
}

/**
 * An encoder that discards everything: replays data through a model (to keep its state in step)
 * without coding it, e.g. after a block stored uncompressed.
 *
 * @example model.encode(byte, DISCARD);
 */
export const DISCARD: SymbolEncoder = {
  encode() {},
  encodeBit() {},
  encodeBits() {},
};
