/**
 * Adaptive probability map (secondary symbol estimation): refines a probability p given a small
 * context by interpolating a learned curve p -> p' over 33 knots in the stretch domain, one
 * curve per context. It corrects systematic over- or under-confidence of the mixer in
 * contexts where the mixer's inputs are misleading. Integer arithmetic only.
 */
import { SQUASH, STRETCH } from './logistic.js';

/**
 * APM over `contexts` contexts.
 *
 * @example
 * const apm = new Apm(256);
 * const refined = apm.refine(p16, c0);
 * apm.update(bit);
 */
export class Apm {
  private readonly table: Int32Array;
  private readonly rate: number;
  private index = 0;

  /** `rate`: the knot moves 1/2^rate of the way to the observed bit. */
  constructor(contexts: number, rate = 7) {
    this.table = new Int32Array(contexts * 33);
    this.rate = rate;
    this.reset();
  }

  reset(): void {
    // The identity curve in every context: one row, then doubling copies.
    for (let k = 0; k < 33; k++) this.table[k] = SQUASH[Math.min(4095, k * 128)];
    for (let filled = 33; filled < this.table.length; filled *= 2) this.table.copyWithin(filled, 0, Math.min(filled, this.table.length - filled));
  }

  /** Refined P(1) (16-bit) of `p16` in context `context`; remembers the knot to update. */
  refine(p16: number, context: number): number {
    const s = STRETCH[p16 >>> 4] + 2048; // 1 .. 4095
    const lo = s >> 7;
    const w = s & 127;
    const base = context * 33 + lo;
    this.index = w < 64 ? base : base + 1;
    const p = (this.table[base] * (128 - w) + this.table[base + 1] * w) >> 7;
    return p < 1 ? 1 : p > 65535 ? 65535 : p;
  }

  /** Move the nearest knot of the last refinement toward `bit`. */
  update(bit: number): void {
    const i = this.index;
    this.table[i] += ((bit ? 65535 : 0) - this.table[i]) >> this.rate;
  }
}
