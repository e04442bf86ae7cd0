/** Bit-level writer and reader, most significant bit first (for the baseline codes). */
import { ByteWriter } from './byte-buffer.js';
import { corruptData } from './corrupt.js';

/**
 * Writes bits MSB first into bytes.
 * @example const w = new BitWriter(); w.writeBits(5, 3); w.finish() // Uint8Array [0b10100000]
 */
export class BitWriter {
  private readonly out = new ByteWriter();
  private current = 0;
  private used = 0;
  /** Bits written so far. */
  bits = 0;

  /** Write one bit. */
  writeBit(bit: number): void {
    this.current = (this.current << 1) | (bit & 1);
    this.bits++;
    if (++this.used === 8) {
      this.out.push(this.current);
      this.current = 0;
      this.used = 0;
    }
  }

  /** Write the low `count` bits of `value` (count <= 32), high bit first. */
  writeBits(value: number, count: number): void {
    for (let i = count - 1; i >= 0; i--) this.writeBit(Math.floor(value / 2 ** i) & 1);
  }

  /** Pad with zero bits to a whole byte and return the bytes. */
  finish(): Uint8Array {
    if (this.used > 0) this.out.push(this.current << (8 - this.used));
    this.current = 0;
    this.used = 0;
    return this.out.toBytes();
  }
}

/**
 * Reads bits MSB first; reading past the end is corrupt data.
 * @example new BitReader(Uint8Array.of(0xa0)).readBits(3) // 5
 */
export class BitReader {
  private readonly bytes: Uint8Array;
  private pos = 0;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }

  /** Read one bit. */
  readBit(): number {
    const byte = this.pos >>> 3;
    if (byte >= this.bytes.length) throw corruptData('bit stream ended early');
    const bit = (this.bytes[byte] >>> (7 - (this.pos & 7))) & 1;
    this.pos++;
    return bit;
  }

  /** Read `count` bits (<= 32) as an unsigned number. */
  readBits(count: number): number {
    let v = 0;
    for (let i = 0; i < count; i++) v = v * 2 + this.readBit();
    return v;
  }

  /** Bits read so far. */
  get position(): number {
    return this.pos;
  }
}
