/**
 * Tables of bit counters addressed by (byte context, partial byte). A byte is coded as two
 * nibbles; each (context, first nibble so far) pair owns a 16-entry slot holding the 15 nodes
 * of a nibble's binary tree, so the 8 bits of a byte touch two cache lines per context.
 * Small contexts (orders 0 and 1) are indexed directly; larger ones are hashed into 2^bits
 * entries (collisions are not detected: they only cost compression, never correctness).
 */
import { requireInteger } from '../../core/errors.js';
import { COUNTER_INIT } from './counter.js';

/**
 * Counter table with nibble slots.
 *
 * @example
 * const t = ContextTable.hashed(22);
 * let slot = t.slot(contextHash, 0);     // first nibble
 * const entry = t.counters[slot + 1];    // root node
 */
export class ContextTable {
  /** The counters (see counter.ts). */
  readonly counters: Uint32Array;
  private readonly contexts: number; // > 0: direct indexing over this many contexts
  private readonly shift: number;

  private constructor(entries: number, contexts: number, slotBits: number) {
    this.counters = new Uint32Array(entries);
    this.contexts = contexts;
    this.shift = 32 - slotBits;
    this.reset();
  }

  /** Direct table for contexts 0 .. contexts - 1 (17 nibble slots each). */
  static direct(contexts: number): ContextTable {
    return new ContextTable(contexts * 17 * 16, contexts, 0);
  }

  /** Hashed table of 2^bits counters (bits from 12 to 28). */
  static hashed(bits: number): ContextTable {
    requireInteger('tableBits', bits, 12, 28);
    return new ContextTable(2 ** bits, 0, bits - 4);
  }

  /** Start index of the slot for byte context `context` and nibble context `nibble` (0, or 1 + high nibble). */
  slot(context: number, nibble: number): number {
    if (this.contexts > 0) return (context * 17 + nibble) << 4;
    let h = Math.imul(context, 0x9e3779b1) ^ Math.imul(nibble + 0x632be5ab, 0x85ebca6b);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 13;
    return (h >>> this.shift) << 4;
  }

  /** Back to fresh counters. */
  reset(): void {
    this.counters.fill(COUNTER_INIT);
  }
}
