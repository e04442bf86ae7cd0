/**
 * Run-length coding of a binary sequence, the baseline: the sequence is described by the lengths
 * of the runs of its more probable symbol between occurrences of the less probable one, each
 * length written with a Golomb–Rice code (S. W. Golomb, "Run-length encodings", IEEE Trans.
 * IT 12, 1966; R. F. Rice, JPL 1979) whose parameter 2^r is chosen to minimise the total.
 * Good for geometric run lengths (i.i.d. bits), but with a power-of-two parameter and whole
 * bits per run it stays above N·H, increasingly so as p -> 1.
 *
 * Layout: the more probable symbol (1 bit), r (5 bits), then one Rice code per run. The
 * sequence length N is known to the decoder.
 */
import { invalidValue } from '../../core/errors.js';
import { BitReader, BitWriter } from './bit-io.js';
import { corruptData } from './corrupt.js';

/** A run-length code and its parts. */
export interface RunLengthCode {
  /** The more probable symbol, whose runs are coded. */
  symbol: number;
  /** Rice parameter r (runs split as q = floor(len / 2^r) in unary, then r bits). */
  riceBits: number;
  /** Number of runs coded. */
  runs: number;
  /** Code length in bits. */
  bits: number;
  /** The code, zero-padded to whole bytes. */
  bytes: Uint8Array;
}

/**
 * Encode a 0/1 sequence as Rice-coded run lengths.
 * @example runLengthEncode(Uint8Array.of(0, 0, 0, 1, 0, 0)).bits
 */
export function runLengthEncode(bits: Uint8Array): RunLengthCode {
  let ones = 0;
  for (let i = 0; i < bits.length; i++) {
    if (bits[i] > 1) throw invalidValue(`bits[${i}]`, bits[i], '0 or 1');
    ones += bits[i];
  }
  const symbol = ones * 2 >= bits.length ? 1 : 0;
  // Runs of `symbol` ended by the other symbol, plus the final run if the sequence does not end with one.
  const runs: number[] = [];
  let run = 0;
  for (let i = 0; i < bits.length; i++) {
    if (bits[i] === symbol) run++;
    else {
      runs.push(run);
      run = 0;
    }
  }
  if (bits.length === 0 || bits[bits.length - 1] === symbol) runs.push(run);
  let riceBits = 0;
  let best = Infinity;
  for (let r = 0; r < 32; r++) {
    let cost = 0;
    for (const len of runs) cost += Math.floor(len / 2 ** r) + 1 + r;
    if (cost < best) {
      best = cost;
      riceBits = r;
    }
  }
  const w = new BitWriter();
  w.writeBit(symbol);
  w.writeBits(riceBits, 5);
  const unit = 2 ** riceBits;
  for (const len of runs) {
    const q = Math.floor(len / unit);
    for (let i = 0; i < q; i++) w.writeBit(1);
    w.writeBit(0);
    w.writeBits(len - q * unit, riceBits);
  }
  const total = w.bits;
  return { symbol, riceBits, runs: runs.length, bits: total, bytes: w.finish() };
}

/** Decode {@link runLengthEncode}'s bytes for a sequence of length n; malformed input is corrupt data. */
export function runLengthDecode(bytes: Uint8Array, n: number): Uint8Array {
  if (!(Number.isInteger(n) && n >= 0)) throw invalidValue('n', n, 'an integer >= 0');
  const r = new BitReader(bytes);
  const symbol = r.readBit();
  const riceBits = r.readBits(5);
  const unit = 2 ** riceBits;
  const out = new Uint8Array(n);
  let at = 0;
  for (;;) {
    let q = 0;
    while (r.readBit()) if (++q * unit > n - at) throw corruptData('run longer than the sequence');
    const len = q * unit + r.readBits(riceBits);
    if (len > n - at) throw corruptData('run longer than the sequence');
    if (symbol) out.fill(1, at, at + len);
    at += len;
    if (at === n) break;
    out[at++] = 1 - symbol;
    if (at === n) break;
  }
  if (Math.ceil(r.position / 8) !== bytes.length) throw corruptData('run-length code has trailing bytes');
  return out;
}
