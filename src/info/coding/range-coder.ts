/**
 * Range coder: arithmetic coding with integer arithmetic, first in, first out.
 *
 * The state is the interval [low, low + range) with range in [2^24, 2^32), renormalised a byte
 * at a time; carries into bytes already decided are resolved with the cache / pending-0xFF
 * scheme of G. N. N. Martin, "Range encoding" (1979) as used in LZMA. Unlike the common
 * `(range >>> 16) * freq` shortcut, the interval is split exactly: the boundaries are
 * floor(range * c / 2^16), computed as exact integer products below 2^48 in doubles, so no
 * range is wasted and the code length stays within a few bytes of -sum log2(freq / 2^16).
 */
import { ByteWriter } from './byte-buffer.js';
import { corruptData } from './corrupt.js';
import { PROB_ONE, checkInterval, checkP1, type StreamEncoder, type SymbolDecoder } from './interval.js';

const TOP = 16777216; // 2^24: renormalise when range falls below
const TWO32 = 4294967296;
const INV_ONE = 1 / PROB_ONE; // exact power of two, so products by it are exact

/**
 * Range encoder. Feed it intervals (directly or through a model), then call `finish()`.
 *
 * @example
 * const enc = new RangeEncoder();
 * for (const bit of [1, 0, 0, 1]) enc.encodeBit(bit, 16384); // P(1) = 1/4
 * const bytes = enc.finish();
 * const dec = new RangeDecoder(bytes);
 * dec.decodeBit(16384); // 1
 */
export class RangeEncoder implements StreamEncoder {
  private low = 0;
  private range = TWO32 - 1;
  private cache = 0;
  private pending = 1; // bytes held back: the cache byte plus 0xFF bytes a carry may still change
  private first = true; // the first cache byte is always 0 (the interval never passes 1): not written
  private readonly out: ByteWriter;

  constructor(capacity = 1024) {
    this.out = new ByteWriter(capacity);
  }

  encode(start: number, freq: number): void {
    checkInterval(start, freq);
    const r = this.range;
    const lo = Math.floor(r * start * INV_ONE);
    this.low += lo;
    this.range = Math.floor(r * (start + freq) * INV_ONE) - lo;
    while (this.range < TOP) {
      this.range *= 256;
      this.shiftLow();
    }
  }

  encodeBit(bit: number, p1: number): void {
    checkP1(p1);
    const bound = Math.floor(this.range * p1 * INV_ONE);
    if (bit) {
      this.range = bound;
    } else {
      this.low += bound;
      this.range -= bound;
    }
    while (this.range < TOP) {
      this.range *= 256;
      this.shiftLow();
    }
  }

  encodeBits(bits: Uint8Array, p1: number): void {
    checkP1(p1);
    const scaled = p1 * INV_ONE;
    let low = this.low;
    let range = this.range;
    const n = bits.length;
    for (let i = 0; i < n; i++) {
      const bound = Math.floor(range * scaled);
      if (bits[i]) {
        range = bound;
      } else {
        low += bound;
        range -= bound;
      }
      if (range < TOP) {
        this.low = low;
        do {
          range *= 256;
          this.shiftLow();
        } while (range < TOP);
        low = this.low;
      }
    }
    this.low = low;
    this.range = range;
  }

  /** Emit the top byte of low, resolving a carry into bytes held back. */
  private shiftLow(): void {
    const low = this.low;
    if (low < 0xff000000 || low >= TWO32) {
      const carry = low >= TWO32 ? 1 : 0;
      if (this.first) {
        this.first = false;
      } else {
        this.out.push(this.cache + carry);
      }
      for (; this.pending > 1; this.pending--) this.out.push((0xff + carry) & 0xff);
      this.pending = 0;
      this.cache = (low >>> 24) & 0xff; // ToUint32 drops the carry bit
    }
    this.pending++;
    this.low = (low & 0xffffff) * 256;
  }

  finish(): Uint8Array {
    // Pick the value in [low, low + range) with the most trailing zero bits, emit it, and drop
    // trailing zero bytes: the decoder reads zeros past the end of the stream.
    const high = this.low + this.range - 1;
    for (let shift = 32; shift >= 0; shift--) {
      const unit = 2 ** shift;
      const v = Math.floor(high / unit) * unit;
      if (v >= this.low) {
        this.low = v;
        break;
      }
    }
    for (let i = 0; i < 5; i++) this.shiftLow();
    let end = this.out.length;
    while (end > 0 && this.out.at(end - 1) === 0) end--;
    this.out.truncate(end);
    return this.out.toBytes();
  }
}

/**
 * Range decoder for a stream written by {@link RangeEncoder}. Reading past the end yields zero
 * bytes; a stream that is not a valid range code is reported by `target()` (corrupt data) or,
 * for binary steps, caught by the container's checksum.
 */
export class RangeDecoder implements SymbolDecoder {
  private code = 0; // value - low, in [0, range) for a valid stream
  private range = TWO32 - 1;
  private pos = 0;
  private readonly bytes: Uint8Array;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    for (let i = 0; i < 4; i++) this.code = this.code * 256 + this.nextByte();
  }

  private nextByte(): number {
    return this.pos < this.bytes.length ? this.bytes[this.pos++] : (this.pos++, 0);
  }

  /** Bytes consumed so far (may exceed the stream length: the tail reads as zeros). */
  get position(): number {
    return this.pos;
  }

  target(): number {
    // The largest t with floor(range * t / 2^16) <= code, by exact integer division.
    const a = this.code * PROB_ONE + (PROB_ONE - 1);
    const r = this.range;
    let t = Math.floor(a / r);
    const rem = a - t * r;
    if (rem < 0) t--;
    else if (rem >= r) t++;
    if (!(t >= 0 && t < PROB_ONE)) throw corruptData('range decoder left its interval');
    return t;
  }

  consume(start: number, freq: number): void {
    const r = this.range;
    const lo = Math.floor(r * start * INV_ONE);
    this.code -= lo;
    this.range = Math.floor(r * (start + freq) * INV_ONE) - lo;
    while (this.range < TOP) {
      this.range *= 256;
      this.code = this.code * 256 + this.nextByte();
    }
  }

  decodeBit(p1: number): number {
    const bound = Math.floor(this.range * p1 * INV_ONE);
    let bit: number;
    if (this.code < bound) {
      this.range = bound;
      bit = 1;
    } else {
      this.code -= bound;
      this.range -= bound;
      bit = 0;
    }
    while (this.range < TOP) {
      this.range *= 256;
      this.code = this.code * 256 + this.nextByte();
    }
    return bit;
  }

  decodeBits(out: Uint8Array, p1: number): void {
    const scaled = p1 * INV_ONE;
    let code = this.code;
    let range = this.range;
    const bytes = this.bytes;
    const length = bytes.length;
    let pos = this.pos;
    const n = out.length;
    for (let i = 0; i < n; i++) {
      const bound = Math.floor(range * scaled);
      if (code < bound) {
        range = bound;
        out[i] = 1;
      } else {
        code -= bound;
        range -= bound;
        out[i] = 0;
      }
      while (range < TOP) {
        range *= 256;
        code = code * 256 + (pos < length ? bytes[pos] : 0);
        pos++;
      }
    }
    this.code = code;
    this.range = range;
    this.pos = pos;
  }
}
