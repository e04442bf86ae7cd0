/**
 * A growable byte buffer for coder output: amortised O(1) appends, one copy at the end.
 *
 * @example
 * const w = new ByteWriter();
 * w.push(7); w.pushU32(1234);
 * const bytes = w.toBytes();
 */
export class ByteWriter {
  private buffer: Uint8Array;
  /** Bytes written so far. */
  length = 0;

  constructor(capacity = 1024) {
    this.buffer = new Uint8Array(Math.max(16, Math.ceil(capacity)));
  }

  /** Make room for `extra` more bytes. */
  reserve(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.length + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
  }

  /** Append one byte (the low 8 bits of `value`). */
  push(value: number): void {
    if (this.length === this.buffer.length) this.reserve(1);
    this.buffer[this.length++] = value;
  }

  /** Append a little-endian unsigned 16-bit integer. */
  pushU16(value: number): void {
    this.reserve(2);
    this.buffer[this.length++] = value & 0xff;
    this.buffer[this.length++] = (value >>> 8) & 0xff;
  }

  /** Append a little-endian unsigned 32-bit integer. */
  pushU32(value: number): void {
    this.reserve(4);
    for (let i = 0; i < 4; i++) this.buffer[this.length++] = (value >>> (8 * i)) & 0xff;
  }

  /** Append a little-endian unsigned integer below 2^53 in 8 bytes. */
  pushU64(value: number): void {
    this.pushU32(value % 4294967296);
    this.pushU32(Math.floor(value / 4294967296));
  }

  /** Append bytes. */
  pushBytes(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }

  /** Drop bytes from the end (used to trim a coder's trailing zero bytes). */
  truncate(length: number): void {
    this.length = Math.min(this.length, length);
  }

  /** The byte at index i (i < length). */
  at(i: number): number {
    return this.buffer[i];
  }

  /** A copy of the bytes written. */
  toBytes(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}
