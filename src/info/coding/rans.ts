/**
 * rANS (range asymmetric numeral systems; J. Duda, "Asymmetric numeral systems: entropy coding
 * combining speed of Huffman coding with compression rate of arithmetic coding",
 * arXiv:1311.2540, 2013), last in, first out, streaming with 16-bit words.
 *
 * State x lives in [L, 2^16 L) with L = 2^31, held exactly in a double (x < 2^47). Coding a
 * symbol of frequency f and start c out of M = 2^16:
 *   encode: x -> floor(x / f) * M + (x mod f) + c      (after emitting the low 16 bits while x >= 2^31 f)
 *   decode: x -> f * floor(x / M) + (x mod M) - c       (then read 16 bits while x < 2^31)
 * The large ratio L / M = 2^15 keeps the rounding loss of rANS far below 1e-6 bits per symbol;
 * at most one 16-bit word moves per symbol. Since rANS decodes in the reverse order of encoding,
 * the encoder records the intervals a model gives it and codes them backwards in `finish()`;
 * the decoder then runs forward, in step with the model. The final state is L exactly, which the
 * decoder checks (`finishCheck`), so a damaged stream is caught even without a checksum.
 */
import { ByteWriter } from './byte-buffer.js';
import { corruptData } from './corrupt.js';
import { PROB_ONE, checkInterval, checkP1, type StreamEncoder, type SymbolDecoder } from './interval.js';

const L = 2147483648; // 2^31
const WORD = 65536;
const INV_WORD = 1 / WORD;

/** A run of i.i.d. bits recorded by encodeBits, coded in place during finish(). */
interface BitRun {
  at: number; // number of recorded steps before the run
  bits: Uint8Array;
  p1: number;
}

/**
 * rANS encoder: records intervals, then codes them last-to-first in `finish()`.
 *
 * @example
 * const enc = new RansEncoder();
 * enc.encode(0, 49152);           // P = 3/4
 * enc.encodeBits(new Uint8Array([1, 0, 1]), 32768);
 * const dec = new RansDecoder(enc.finish());
 * dec.consume(0, 49152);          // after dec.target() < 49152
 */
export class RansEncoder implements StreamEncoder {
  private steps: Uint32Array; // start | (freq - 1) << 16
  private count = 0;
  private runs: BitRun[] = [];

  constructor(capacity = 1024) {
    this.steps = new Uint32Array(Math.max(16, Math.ceil(capacity)));
  }

  private push(packed: number): void {
    if (this.count === this.steps.length) {
      const next = new Uint32Array(this.steps.length * 2);
      next.set(this.steps);
      this.steps = next;
    }
    this.steps[this.count++] = packed;
  }

  encode(start: number, freq: number): void {
    checkInterval(start, freq);
    this.push((start + (freq - 1) * WORD) >>> 0);
  }

  encodeBit(bit: number, p1: number): void {
    checkP1(p1);
    this.push(bit ? (p1 - 1) * WORD : (p1 + (PROB_ONE - p1 - 1) * WORD) >>> 0);
  }

  encodeBits(bits: Uint8Array, p1: number): void {
    checkP1(p1);
    this.runs.push({ at: this.count, bits, p1 });
  }

  finish(): Uint8Array {
    const words = new WordStack(this.count + 64);
    let x = L;
    let stepEnd = this.count;
    for (let r = this.runs.length; r >= 0; r--) {
      const run = r < this.runs.length ? this.runs[r] : undefined;
      if (run) {
        x = encodeStepsBackward(this.steps, run.at, stepEnd, x, words);
        x = encodeBitsBackward(run.bits, run.p1, x, words);
        stepEnd = run.at;
      }
    }
    x = encodeStepsBackward(this.steps, 0, stepEnd, x, words);
    // Final state: three 16-bit words (x < 2^47), read first by the decoder.
    const out = new ByteWriter(2 * words.length + 8);
    const high = Math.floor(x / 4294967296);
    const lowWord = x - high * 4294967296;
    out.pushU16(high);
    out.pushU16(lowWord >>> 16);
    out.pushU16(lowWord & 0xffff);
    for (let i = words.length - 1; i >= 0; i--) out.pushU16(words.data[i]);
    return out.toBytes();
  }
}

/** Emitted 16-bit words, in encoding order (the decoder reads them in reverse). */
class WordStack {
  data: Uint16Array;
  length = 0;
  constructor(capacity: number) {
    this.data = new Uint16Array(Math.max(16, capacity));
  }
  grow(): void {
    const next = new Uint16Array(this.data.length * 2);
    next.set(this.data);
    this.data = next;
  }
}

/** Code recorded steps [from, to) last to first, starting from state x; returns the new state. */
function encodeStepsBackward(steps: Uint32Array, from: number, to: number, x: number, words: WordStack): number {
  for (let i = to - 1; i >= from; i--) {
    const packed = steps[i];
    const start = packed & 0xffff;
    const freq = (packed >>> 16) + 1;
    if (x >= freq * L) {
      if (words.length === words.data.length) words.grow();
      const q = Math.floor(x * INV_WORD);
      words.data[words.length++] = x - q * WORD;
      x = q;
    }
    const q = Math.floor(x / freq);
    x = q * WORD + (x - q * freq) + start;
  }
  return x;
}

/** Runs of at least this many i.i.d. bits are coded with two interleaved rANS states. */
const INTERLEAVE_MIN = 64;

/** Push the low 16 bits of x onto the word stack; returns floor(x / 2^16). */
function emitWord(x: number, words: WordStack): number {
  if (words.length === words.data.length) words.grow();
  const q = Math.floor(x * INV_WORD);
  words.data[words.length++] = x - q * WORD;
  return q;
}

/**
 * Code a run of i.i.d. bits (bit 1 owns [0, p1)) last to first; returns the new state.
 * Long runs alternate between the stream's state (even positions) and a second state (odd
 * positions), two independent dependency chains that the CPU overlaps (F. Giesen, "Interleaved
 * entropy coders", arXiv:1402.3392, 2014); the second state starts at L and is flushed in three
 * words at the start of the run, where the decoder picks it up.
 */
function encodeBitsBackward(bits: Uint8Array, p1: number, x: number, words: WordStack): number {
  const c = new BitCoder(p1);
  const m = bits.length;
  if (m < INTERLEAVE_MIN) {
    for (let i = m - 1; i >= 0; i--) x = c.encode(x, bits[i], words);
    return x;
  }
  // Even positions use the stream's state a, odd positions a second state b.
  let a = x;
  let b = L;
  let i = m - 1;
  if (i % 2 === 1) b = c.encode(b, bits[i--], words);
  for (; i >= 1; i -= 2) {
    a = c.encode(a, bits[i], words);
    b = c.encode(b, bits[i - 1], words);
  }
  a = c.encode(a, bits[0], words);
  for (let k = 0; k < 3; k++) b = emitWord(b, words);
  return a;
}

/** One binary rANS encoding step with a fixed P(1) (precomputed limits and reciprocals). */
class BitCoder {
  private readonly p1: number;
  private readonly p0: number;
  private readonly max1: number;
  private readonly max0: number;
  private readonly inv1: number;
  private readonly inv0: number;

  constructor(p1: number) {
    this.p1 = p1;
    this.p0 = PROB_ONE - p1;
    this.max1 = p1 * L;
    this.max0 = this.p0 * L;
    this.inv1 = 1 / p1;
    this.inv0 = 1 / this.p0;
  }

  /** Encode `bit` into state x (renormalising into `words` first); returns the new state. */
  encode(x: number, bit: number, words: WordStack): number {
    const freq = bit ? this.p1 : this.p0;
    if (x >= (bit ? this.max1 : this.max0)) x = emitWord(x, words);
    // floor(x / freq) by a precomputed reciprocal, corrected by one if rounding missed.
    let q = Math.floor(x * (bit ? this.inv1 : this.inv0));
    let r = x - q * freq;
    if (r < 0) {
      q--;
      r += freq;
    } else if (r >= freq) {
      q++;
      r -= freq;
    }
    return q * WORD + r + (bit ? 0 : this.p1);
  }
}

/**
 * rANS decoder for a stream written by {@link RansEncoder}. Reading past the end of the stream,
 * a state outside [2^31, 2^47) or a final state other than 2^31 is reported as corrupt data.
 */
export class RansDecoder implements SymbolDecoder {
  private x: number;
  private quotient = 0;
  private slot = 0;
  private pos: number;
  private readonly bytes: Uint8Array;

  constructor(bytes: Uint8Array) {
    if (bytes.length < 6 || bytes.length % 2 !== 0) throw corruptData(`rANS stream of ${bytes.length} bytes (expected an even number >= 6)`);
    this.bytes = bytes;
    const w0 = bytes[0] | (bytes[1] << 8);
    const w1 = bytes[2] | (bytes[3] << 8);
    const w2 = bytes[4] | (bytes[5] << 8);
    this.x = w0 * 4294967296 + w1 * WORD + w2;
    this.pos = 6;
    if (this.x < L || this.x >= L * WORD) throw corruptData('rANS initial state out of range');
  }

  private nextWord(): number {
    const pos = this.pos;
    if (pos + 1 >= this.bytes.length) throw corruptData('rANS stream ended early');
    this.pos = pos + 2;
    return this.bytes[pos] | (this.bytes[pos + 1] << 8);
  }

  target(): number {
    const q = Math.floor(this.x * INV_WORD);
    this.quotient = q;
    this.slot = this.x - q * WORD;
    return this.slot;
  }

  consume(start: number, freq: number): void {
    let x = freq * this.quotient + this.slot - start;
    if (x < L) x = x * WORD + this.nextWord();
    this.x = x;
  }

  decodeBit(p1: number): number {
    const x = this.x;
    const q = Math.floor(x * INV_WORD);
    const slot = x - q * WORD;
    let bit: number;
    let next: number;
    if (slot < p1) {
      bit = 1;
      next = p1 * q + slot;
    } else {
      bit = 0;
      next = (PROB_ONE - p1) * q + slot - p1;
    }
    if (next < L) next = next * WORD + this.nextWord();
    this.x = next;
    return bit;
  }

  decodeBits(out: Uint8Array, p1: number): void {
    // States are carried split as x = q * 2^16 + slot: after a renormalisation the new word is
    // the next slot and the old state the next quotient, so no division is needed there.
    const interleaved = out.length >= INTERLEAVE_MIN;
    let qa = Math.floor(this.x * INV_WORD);
    let sa = this.x - qa * WORD;
    let qb = 0;
    let sb = 0;
    if (interleaved) {
      const high = this.nextWord();
      const mid = this.nextWord();
      const second = high * 4294967296 + mid * WORD + this.nextWord();
      if (second < L || second >= L * WORD) throw corruptData('rANS second state out of range');
      qb = Math.floor(second * INV_WORD);
      sb = second - qb * WORD;
    }
    const p0 = PROB_ONE - p1;
    const bytes = this.bytes;
    const end = bytes.length - 1;
    let pos = this.pos;
    const n = out.length;
    for (let i = 0; i < n; i++) {
      let next: number;
      if (sa < p1) {
        out[i] = 1;
        next = p1 * qa + sa;
      } else {
        out[i] = 0;
        next = p0 * qa + sa - p1;
      }
      if (next < L) {
        if (pos >= end) {
          this.pos = pos;
          throw corruptData('rANS stream ended early');
        }
        qa = next;
        sa = bytes[pos] | (bytes[pos + 1] << 8);
        pos += 2;
      } else {
        qa = Math.floor(next * INV_WORD);
        sa = next - qa * WORD;
      }
      if (interleaved) {
        const tq = qa;
        const ts = sa;
        qa = qb;
        sa = sb;
        qb = tq;
        sb = ts;
      }
    }
    this.pos = pos;
    if (interleaved) {
      // n even: the stream state is back in a; n odd: in b. The other must have returned to L.
      const stream = n % 2 === 0 ? qa * WORD + sa : qb * WORD + sb;
      const second = n % 2 === 0 ? qb * WORD + sb : qa * WORD + sa;
      if (second !== L) throw corruptData('rANS second state did not return to its initial value');
      this.x = stream;
    } else {
      this.x = qa * WORD + sa;
    }
  }

  /** Throw unless the whole stream was consumed and the state returned to its initial value. */
  finishCheck(): void {
    if (this.x !== L || this.pos !== this.bytes.length) throw corruptData('rANS stream did not end where expected');
  }
}
