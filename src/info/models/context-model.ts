/**
 * Order-k context model for bytes (k = 0..4): the probability of each bit of the next byte is
 * learned separately for every combination of the previous k bytes and the bits of the
 * current byte seen so far: an adaptive estimate of P(x_t | x_{t-k} .. x_{t-1}).
 */
import { requireInteger } from '../../core/errors.js';
import { BitwiseByteModel } from './bitwise.js';
import { ContextTable } from './context-table.js';
import { counterP16, counterUpdate } from './counter.js';

/** Options of {@link ContextModel}. */
export interface ContextModelOptions {
  /** log2 of the number of counters for hashed orders (k >= 2); default 22 (16 MiB). */
  tableBits?: number;
  /** Count cap of the counters (1..1023): larger adapts more slowly and fits stationary data better; default 255. */
  limit?: number;
}

/**
 * Adaptive order-k context model over bytes.
 *
 * @example
 * const model = new ContextModel(2);
 * for (const b of text) model.encode(b, encoder);
 */
export class ContextModel extends BitwiseByteModel {
  readonly order: number;
  readonly tableBits: number;
  private readonly limit: number;
  private readonly table: ContextTable;
  private readonly counters: Uint32Array;
  private history = 0; // previous 4 bytes, most recent in the low byte
  private context = 0;
  private slot = 0;
  private node = 1; // position in the current nibble's tree (1..15)
  private bits = 0; // bits of the current byte coded so far
  private partial = 1; // bits of the current byte with a leading 1
  private index = 0;

  constructor(order: number, options: ContextModelOptions = {}) {
    super();
    this.order = requireInteger('order', order, 0, 4);
    this.tableBits = requireInteger('tableBits', options.tableBits ?? 22, 12, 24);
    this.limit = requireInteger('limit', options.limit ?? 255, 1, 1023);
    this.table = order === 0 ? ContextTable.direct(1) : order === 1 ? ContextTable.direct(256) : ContextTable.hashed(this.tableBits);
    this.counters = this.table.counters;
    this.reset();
  }

  reset(): void {
    this.table.reset();
    this.history = 0;
    this.startByte();
  }

  private startByte(): void {
    const k = this.order;
    this.context = k === 0 ? 0 : k === 4 ? this.history >>> 0 : this.history & ((1 << (8 * k)) - 1);
    this.slot = this.table.slot(this.context, 0);
    this.node = 1;
    this.bits = 0;
    this.partial = 1;
  }

  protected predictBit(): number {
    this.index = this.slot + this.node;
    return counterP16(this.counters[this.index]);
  }

  protected updateBit(bit: number): void {
    counterUpdate(this.counters, this.index, bit, this.limit);
    this.partial = (this.partial << 1) | bit;
    this.node = (this.node << 1) | bit;
    if (++this.bits === 4) {
      this.slot = this.table.slot(this.context, this.partial - 15);
      this.node = 1;
    } else if (this.bits === 8) {
      this.history = ((this.history << 8) | (this.partial & 0xff)) >>> 0;
      this.startByte();
    }
  }
}
