/**
 * Empirical conditional entropies of a byte stream:
 *   H_k = -(1 / M_k) sum_{c, s} n(c, s) log2( n(c, s) / n(c) ),  k = 0 .. K,
 * where c runs over the contexts of k preceding bytes, n(c, s) counts (k+1)-grams and M_k is
 * the number of positions with k predecessors. M_k H_k bits is the size of the input under the
 * best static order-k model fitted to it (the model itself not counted): a target for adaptive
 * order-k compressors. (H_k cannot increase with k on a common set of positions; the windows
 * here differ by one position per order, which matters only for tiny inputs.) Counting is streaming (chunks of any size);
 * memory grows with the number of distinct (k+1)-grams, capped at 2^24 per order.
 */
import { GibbsError, invalidValue, requireInteger } from '../../core/errors.js';

/** Largest order supported (6-grams still fit exactly in a double key). */
export const MAX_ENTROPY_ORDER = 5;
const MAX_DISTINCT = 2 ** 24;

/** The entropy of one order. */
export interface EmpiricalEntropy {
  /** Context length k in bytes. */
  order: number;
  /** H_k in bits per byte. */
  bitsPerByte: number;
  /** Positions counted: max(0, N - k). */
  positions: number;
  /** Distinct contexts seen. */
  contexts: number;
  /** Implied size bound: (positions H_k + 8 k) / 8 bytes (the first k bytes sent raw). */
  boundBytes: number;
}

/** Open-addressing counter keyed by exact integers below 2^53. */
class CountTable {
  keys: Float64Array;
  counts: Float64Array;
  size = 0;
  constructor(capacity = 1 << 12) {
    this.keys = new Float64Array(capacity).fill(-1);
    this.counts = new Float64Array(capacity);
  }
  add(key: number, amount: number): void {
    let mask = this.keys.length - 1;
    let i = hashIndex(key, mask);
    for (;;) {
      const k = this.keys[i];
      if (k === key) {
        this.counts[i] += amount;
        return;
      }
      if (k === -1) break;
      i = (i + 1) & mask;
    }
    if (2 * (this.size + 1) > this.keys.length) {
      this.grow();
      mask = this.keys.length - 1;
      i = hashIndex(key, mask);
      while (this.keys[i] !== -1) i = (i + 1) & mask;
    }
    this.keys[i] = key;
    this.counts[i] = amount;
    this.size++;
  }
  private grow(): void {
    if (this.size >= MAX_DISTINCT) throw new GibbsError(`more than ${MAX_DISTINCT} distinct n-grams: use a lower --order`, '--order');
    const { keys, counts } = this;
    this.keys = new Float64Array(keys.length * 2).fill(-1);
    this.counts = new Float64Array(keys.length * 2);
    const mask = this.keys.length - 1;
    for (let j = 0; j < keys.length; j++) {
      if (keys[j] === -1) continue;
      let i = hashIndex(keys[j], mask);
      while (this.keys[i] !== -1) i = (i + 1) & mask;
      this.keys[i] = keys[j];
      this.counts[i] = counts[j];
    }
  }
}

function hashIndex(key: number, mask: number): number {
  const lo = key % 4294967296;
  const hi = (key - lo) / 4294967296;
  let h = Math.imul(lo ^ Math.imul(hi, 0x85ebca6b), 0x9e3779b1);
  h ^= h >>> 16;
  return h & mask;
}

/**
 * Streaming n-gram counter for orders 0..K.
 *
 * @example
 * const c = new EmpiricalEntropyCounter(2);
 * c.update(bytes);
 * c.result(); // [{ order: 0, bitsPerByte: ... }, { order: 1, ... }, { order: 2, ... }]
 */
export class EmpiricalEntropyCounter {
  readonly maxOrder: number;
  private readonly order0 = new Float64Array(256);
  private readonly order1: Float64Array | null;
  private readonly tables: CountTable[] = [];
  private history = 0; // previous bytes as a number (up to MAX_ENTROPY_ORDER of them)
  private seen = 0;

  constructor(maxOrder: number) {
    this.maxOrder = requireInteger('order', maxOrder, 0, MAX_ENTROPY_ORDER);
    this.order1 = maxOrder >= 1 ? new Float64Array(65536) : null;
    for (let k = 2; k <= maxOrder; k++) this.tables.push(new CountTable());
  }

  /** Count the next chunk of the stream. */
  update(chunk: Uint8Array): void {
    const K = this.maxOrder;
    const o1 = this.order1;
    let h = this.history;
    let seen = this.seen;
    const keep = 256 ** MAX_ENTROPY_ORDER;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      this.order0[b]++;
      if (o1 && seen >= 1) o1[(h % 256) * 256 + b]++;
      let scale = 65536;
      for (let k = 2; k <= K && k <= seen; k++) {
        this.tables[k - 2].add((h % scale) * 256 + b, 1);
        scale *= 256;
      }
      h = (h % (keep / 256)) * 256 + b;
      seen++;
    }
    this.history = h;
    this.seen = seen;
  }

  /** Entropies of orders 0..K over everything counted so far. */
  result(): EmpiricalEntropy[] {
    const out: EmpiricalEntropy[] = [];
    for (let k = 0; k <= this.maxOrder; k++) {
      if (k <= 1) {
        const counts = k === 0 ? this.order0 : (this.order1 as Float64Array);
        const keys = Float64Array.from({ length: counts.length }, (_, i) => i);
        out.push(conditionalEntropy(k, keys, counts, this.seen));
      } else {
        const t = this.tables[k - 2];
        out.push(conditionalEntropy(k, t.keys, t.counts, this.seen));
      }
    }
    return out;
  }
}

/** H_k from (k+1)-gram counts: context totals first, then the weighted log ratios. */
function conditionalEntropy(order: number, keys: Float64Array, counts: Float64Array, streamLength: number): EmpiricalEntropy {
  const length = keys.length;
  const contexts = new CountTable();
  let total = 0;
  for (let i = 0; i < length; i++) {
    if (keys[i] < 0 || counts[i] === 0) continue;
    contexts.add(Math.floor(keys[i] / 256), counts[i]);
    total += counts[i];
  }
  let bits = 0;
  for (let i = 0; i < length; i++) {
    const c = counts[i];
    if (keys[i] < 0 || c === 0) continue;
    bits += c * Math.log2(contextCount(contexts, Math.floor(keys[i] / 256)) / c);
  }
  const h = total > 0 ? bits / total : 0;
  return { order, bitsPerByte: h, positions: total, contexts: contexts.size, boundBytes: (bits + 8 * Math.min(order, streamLength)) / 8 };
}

function contextCount(table: CountTable, key: number): number {
  const mask = table.keys.length - 1;
  let i = hashIndex(key, mask);
  while (table.keys[i] !== key) {
    if (table.keys[i] === -1) throw invalidValue('context', key, 'a counted context');
    i = (i + 1) & mask;
  }
  return table.counts[i];
}

/**
 * Empirical entropies of orders 0..maxOrder of a byte array.
 * @example empiricalEntropies(new TextEncoder().encode('abababab'), 1)[1].bitsPerByte // 0
 */
export function empiricalEntropies(bytes: Uint8Array, maxOrder: number): EmpiricalEntropy[] {
  const c = new EmpiricalEntropyCounter(maxOrder);
  c.update(bytes);
  return c.result();
}
