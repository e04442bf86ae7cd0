/**
 * Adaptive bit-probability counters packed in a Uint32Array entry: the high 22 bits are
 * P(1) * 2^22, the low 10 bits count observations n (capped at a limit). Each update moves the
 * probability toward the observed bit by 1 / (n + 1.5): a running frequency estimate while n is
 * small, an exponential moving average with rate 1 / (limit + 1.5) afterwards, so the counter
 * follows slowly changing statistics. Integer arithmetic only (exact in doubles).
 */

/** A fresh counter: P(1) = 1/2, n = 0. */
export const COUNTER_INIT = 2 ** 21 * 1024;

const RECIP = new Float64Array(1024);
for (let n = 0; n < 1024; n++) RECIP[n] = Math.floor(65536 / (n + 1.5));

/**
 * The counter's P(1) as a 16-bit probability in [1, 65535].
 * @example counterP16(COUNTER_INIT) // 32768
 */
export function counterP16(entry: number): number {
  const p = entry >>> 16;
  return p === 0 ? 1 : p;
}

/**
 * Update counter `i` of `table` with `bit`; `limit` (<= 1023) caps the count.
 * @example counterUpdate(table, i, 1, 255)
 */
export function counterUpdate(table: Uint32Array, i: number, bit: number, limit: number): void {
  const e = table[i];
  const n = e & 1023;
  let p = e >>> 10;
  p += Math.floor(((bit ? 4194303 : 0) - p) * RECIP[n] * (1 / 65536));
  table[i] = p * 1024 + (n < limit ? n + 1 : n);
}
