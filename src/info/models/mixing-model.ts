/**
 * Context-mixing model for bytes: several adaptive context models (orders 0, 1, 2, 3, 4, 6,
 * a word context and a match model) each predict the next bit; a gated linear mixer combines
 * their predictions in the logistic domain,
 *   p = squash( sum_i w_i stretch(p_i) ),
 * and learns the weights online by gradient descent on coding cost, w_i += lr (bit - p) stretch(p_i)
 * (M. Mahoney, "Adaptive weighing of context models for lossless data compression", 2005; the
 * architecture of PAQ/lpaq). The weight set is selected by the partial byte and the match
 * length; two adaptive probability maps refine the result. Integer arithmetic throughout, so
 * the encoder and decoder agree on every probability on every platform.
 */
import { requireInteger } from '../../core/errors.js';
import { Apm } from './apm.js';
import { BitwiseByteModel } from './bitwise.js';
import { ContextTable } from './context-table.js';
import { counterUpdate } from './counter.js';
import { SQUASH, STRETCH } from './logistic.js';
import { MatchModel } from './match-model.js';

const CONTEXTS = 7; // order 0, 1, 2, 3, 4, 6, word
const INPUTS = CONTEXTS + 2; // + match model + bias
const LIMITS = [1023, 1023, 255, 255, 255, 255, 255];
const WEIGHT_SETS = 256 * 4;
const LEARNING_RATE = 6;

/** Options of {@link MixingModel}. */
export interface MixingModelOptions {
  /** log2 of the counters in each hashed context table (orders 2, 3, 4, 6, word); default 22 (16 MiB each). */
  tableBits?: number;
}

/**
 * Logistic mixing of orders 0-4 and 6, a word model and a match model.
 *
 * @example
 * const model = new MixingModel();
 * for (const b of text) model.encode(b, encoder);
 */
export class MixingModel extends BitwiseByteModel {
  readonly tableBits: number;
  private readonly tables: ContextTable[];
  private readonly counters: Uint32Array[];
  private readonly match: MatchModel;
  private readonly weights = new Int32Array(WEIGHT_SETS * INPUTS);
  private readonly inputs = new Int32Array(INPUTS);
  private readonly contexts = new Int32Array(CONTEXTS);
  private readonly slots = new Int32Array(CONTEXTS);
  private readonly indices = new Int32Array(CONTEXTS);
  private readonly apmOrder0 = new Apm(256);
  private readonly apmOrder1: Apm;
  private readonly apmMask: number;
  private history = 0; // previous 4 bytes
  private history2 = 0; // the 2 bytes before those
  private word = 0; // hash of the current word's letters
  private previousWord = 0;
  private partial = 1;
  private bits = 0;
  private node = 1;
  private weightBase = 0;
  private mixed = 32768;

  constructor(options: MixingModelOptions = {}) {
    super();
    this.tableBits = requireInteger('tableBits', options.tableBits ?? 22, 16, 24);
    this.tables = [ContextTable.direct(1), ContextTable.direct(256)];
    for (let i = 2; i < CONTEXTS; i++) this.tables.push(ContextTable.hashed(this.tableBits));
    this.counters = this.tables.map((t) => t.counters);
    this.match = new MatchModel(Math.min(22, this.tableBits), Math.min(20, this.tableBits - 2));
    // (order-1 byte, partial byte) contexts; small tables (tests, tiny inputs) fold the byte.
    this.apmMask = 2 ** Math.min(16, this.tableBits - 6) - 1;
    this.apmOrder1 = new Apm(this.apmMask + 1);
    this.reset();
  }

  reset(): void {
    for (const t of this.tables) t.reset();
    this.match.reset();
    this.weights.fill(Math.round(65536 * 0.3));
    this.apmOrder0.reset();
    this.apmOrder1.reset();
    this.history = 0;
    this.history2 = 0;
    this.word = 0;
    this.previousWord = 0;
    this.startByte();
  }

  private startByte(): void {
    const h = this.history;
    const c = this.contexts;
    c[0] = 0;
    c[1] = h & 0xff;
    c[2] = h & 0xffff;
    c[3] = h & 0xffffff;
    c[4] = h;
    c[5] = Math.imul(h, 0x2f0b4ab3) ^ Math.imul(this.history2 + 0x10000, 0x6b43a9b5);
    c[6] = this.word ^ Math.imul(this.previousWord, 0x1b873593);
    for (let i = 0; i < CONTEXTS; i++) this.slots[i] = this.tables[i].slot(c[i], 0);
    this.partial = 1;
    this.bits = 0;
    this.node = 1;
  }

  protected predictBit(): number {
    const inputs = this.inputs;
    const node = this.node;
    const slots = this.slots;
    const indices = this.indices;
    const counters = this.counters;
    for (let i = 0; i < CONTEXTS; i++) {
      const index = slots[i] + node;
      indices[i] = index;
      inputs[i] = STRETCH[counters[i][index] >>> 20];
    }
    inputs[CONTEXTS] = this.match.stretchInput(this.partial, this.bits);
    inputs[CONTEXTS + 1] = 256;
    const length = this.match.matchLength;
    const lengthBucket = length === 0 ? 0 : length < 16 ? 1 : length < 32 ? 2 : 3;
    const base = (lengthBucket * 256 + this.partial) * INPUTS;
    this.weightBase = base;
    const w = this.weights;
    let dot = 0;
    for (let i = 0; i < INPUTS; i++) dot += inputs[i] * w[base + i];
    let x = Math.floor(dot * (1 / 65536));
    x = x > 2047 ? 2047 : x < -2047 ? -2047 : x;
    const p = SQUASH[x + 2048];
    this.mixed = p;
    const p0 = this.apmOrder0.refine(p, this.partial);
    const p1 = this.apmOrder1.refine(p, (this.partial | ((this.history & 0xff) << 8)) & this.apmMask);
    return (2 * p + p0 + p1 + 2) >> 2;
  }

  protected updateBit(bit: number): void {
    const counters = this.counters;
    const indices = this.indices;
    for (let i = 0; i < CONTEXTS; i++) counterUpdate(counters[i], indices[i], bit, LIMITS[i]);
    this.match.update(bit);
    this.apmOrder0.update(bit);
    this.apmOrder1.update(bit);
    // Mixer: gradient step on the coding cost, in exact integer arithmetic.
    const err = (bit ? 65536 : 0) - this.mixed;
    const base = this.weightBase;
    const inputs = this.inputs;
    const w = this.weights;
    for (let i = 0; i < INPUTS; i++) {
      const next = w[base + i] + Math.floor(inputs[i] * err * LEARNING_RATE * (1 / 1048576));
      w[base + i] = next > 8388607 ? 8388607 : next < -8388608 ? -8388608 : next;
    }
    this.partial = (this.partial << 1) | bit;
    this.node = (this.node << 1) | bit;
    if (++this.bits === 4) {
      for (let i = 0; i < CONTEXTS; i++) this.slots[i] = this.tables[i].slot(this.contexts[i], this.partial - 15);
      this.node = 1;
    } else if (this.bits === 8) {
      this.endByte(this.partial & 0xff);
    }
  }

  private endByte(byte: number): void {
    this.history2 = ((this.history2 << 8) | (this.history >>> 24)) & 0xffff;
    this.history = ((this.history << 8) | byte) >>> 0;
    const lower = byte >= 65 && byte <= 90 ? byte + 32 : byte;
    if ((lower >= 97 && lower <= 122) || byte >= 128) {
      this.word = Math.imul(this.word ^ lower, 0x01000193) + 1;
    } else if (this.word !== 0) {
      this.previousWord = this.word;
      this.word = 0;
    }
    this.match.endByte(byte);
    this.startByte();
  }
}
