/**
 * Streaming compression and decompression in constant memory: input arrives in chunks of any
 * size, output leaves block by block (at most one block of input and one of output held).
 * Pure TypeScript, so it runs in Node (see src/node/compress-file.ts) and in browsers alike.
 */
import { invalidValue, requireInteger } from '../../core/errors.js';
import { crc32, crc32Update } from '../checksum/crc32.js';
import { corruptData } from '../coding/corrupt.js';
import type { CoderName } from '../coding/interval.js';
import type { CodingModel } from '../models/model.js';
import { decodeBlock, encodeBlock, replayStoredBlock } from './block.js';
import { BLOCK_HEADER_SIZE, HEADER_SIZE, TRAILER_SIZE, checkMagicPrefix, readHeader, writeHeader, type ContainerHeader } from './header.js';
import { createModel, modelSpec, MODEL_NAMES, type ModelName } from './models.js';

/** Options of {@link StreamCompressor} and {@link compress}. */
export interface CompressOptions {
  /** Byte model (default 'order2'). */
  model?: ModelName;
  /** Entropy coder (default 'rans'). */
  coder?: CoderName;
  /** log2 of the block size, 10..24 (default 20: 1 MiB blocks). */
  blockBits?: number;
  /** log2 counters per hashed context table, for order2..order4 and mix (16..24, default 22). */
  tableBits?: number;
}

const FLAG_STORED = 1;
const MAX_SAFE_LENGTH = Number.MAX_SAFE_INTEGER;

/**
 * Compress a stream chunk by chunk.
 *
 * @example
 * const c = new StreamCompressor({ model: 'mix', coder: 'range' });
 * const parts = [c.start(), ...c.write(chunk1), ...c.write(chunk2), ...c.end()];
 */
export class StreamCompressor {
  private readonly header: ContainerHeader;
  private readonly model: CodingModel | null;
  private readonly block: Uint8Array;
  private filled = 0;
  private total = 0;
  private crc = 0;
  private started = false;
  private ended = false;

  constructor(options: CompressOptions = {}) {
    const name = options.model ?? 'order2';
    if (!(MODEL_NAMES as readonly string[]).includes(name)) throw invalidValue('model', name, `one of ${MODEL_NAMES.join(', ')}`);
    const coder = options.coder ?? 'rans';
    if (coder !== 'range' && coder !== 'rans') throw invalidValue('coder', coder, 'range or rans');
    const blockBits = requireInteger('blockBits', options.blockBits ?? 20, 10, 24);
    const tableBits = requireInteger('tableBits', options.tableBits ?? 22, 16, 24);
    this.header = { coder, model: modelSpec(name, tableBits), blockBits };
    this.model = createModel(this.header.model);
    this.block = new Uint8Array(2 ** blockBits);
  }

  /** The header: the first bytes of the compressed stream. */
  start(): Uint8Array {
    if (this.started) throw new Error('StreamCompressor.start called twice');
    this.started = true;
    return writeHeader(this.header);
  }

  /** Add input; returns the compressed blocks it completed (possibly none). */
  write(chunk: Uint8Array): Uint8Array[] {
    if (!this.started || this.ended) throw new Error('StreamCompressor.write outside start() .. end()');
    const out: Uint8Array[] = [];
    let offset = 0;
    while (offset < chunk.length) {
      const take = Math.min(chunk.length - offset, this.block.length - this.filled);
      this.block.set(chunk.subarray(offset, offset + take), this.filled);
      this.filled += take;
      offset += take;
      if (this.filled === this.block.length) out.push(this.flushBlock());
    }
    return out;
  }

  /** Finish: the last partial block, the end marker and the trailer. */
  end(): Uint8Array[] {
    if (!this.started || this.ended) throw new Error('StreamCompressor.end outside start() .. end()');
    this.ended = true;
    const out: Uint8Array[] = [];
    if (this.filled > 0) out.push(this.flushBlock());
    const trailer = new Uint8Array(4 + TRAILER_SIZE);
    const view = new DataView(trailer.buffer);
    view.setUint32(0, 0, true);
    view.setUint32(4, this.total % 4294967296, true);
    view.setUint32(8, Math.floor(this.total / 4294967296), true);
    view.setUint32(12, this.crc, true);
    out.push(trailer);
    return out;
  }

  /** Bytes of input consumed so far. */
  get bytesIn(): number {
    return this.total + this.filled;
  }

  private flushBlock(): Uint8Array {
    const data = this.block.subarray(0, this.filled);
    const blockCrc = crc32(data);
    this.crc = crc32Update(this.crc, data);
    this.total += data.length;
    const coded = encodeBlock(data, this.model, this.header.coder);
    const payload = coded ?? data;
    const out = new Uint8Array(BLOCK_HEADER_SIZE + payload.length + 4);
    const view = new DataView(out.buffer);
    view.setUint32(0, data.length, true);
    out[4] = coded ? 0 : FLAG_STORED;
    view.setUint32(5, payload.length, true);
    out.set(payload, BLOCK_HEADER_SIZE);
    view.setUint32(BLOCK_HEADER_SIZE + payload.length, blockCrc, true);
    this.filled = 0;
    return out;
  }
}

/**
 * Decompress a stream chunk by chunk, checking everything: magic, version, header checksum,
 * every block's lengths and checksum, the total length and checksum, and that nothing follows.
 * Any problem throws a CorruptDataError (a GibbsError) naming what is wrong.
 *
 * @example
 * const d = new StreamDecompressor();
 * const parts = [...d.write(chunk1), ...d.write(chunk2)];
 * d.end(); // throws if the stream was incomplete
 */
export class StreamDecompressor {
  private pending: Uint8Array = new Uint8Array(0);
  private header: ContainerHeader | null = null;
  private model: CodingModel | null = null;
  private blockIndex = 0;
  private total = 0;
  private crc = 0;
  private done = false;

  /** Add compressed bytes; returns the decompressed blocks completed (possibly none). */
  write(chunk: Uint8Array): Uint8Array[] {
    if (chunk.length === 0) return [];
    if (this.done) throw corruptData('unexpected data after the end of the compressed stream');
    // Copy: the caller may reuse its chunk buffer.
    this.pending = this.pending.length === 0 ? chunk.slice() : concat(this.pending, chunk);
    const out: Uint8Array[] = [];
    let block: Uint8Array | null;
    while ((block = this.next()) !== null) if (block.length > 0) out.push(block);
    return out;
  }

  /** Declare the input finished; throws unless a complete, valid stream was read. */
  end(): void {
    if (!this.done) {
      if (!this.header) readHeader(this.pending); // reports "not gibbs" or "ends inside the header"
      throw corruptData(`stream ends early (inside block ${this.blockIndex + 1} or before the trailer)`);
    }
  }

  /** The header, once read. */
  get info(): ContainerHeader | null {
    return this.header;
  }

  /** Parse the next unit (header, block or trailer) if it is complete; null when more input is needed. */
  private next(): Uint8Array | null {
    const p = this.pending;
    if (this.done) {
      if (p.length > 0) throw corruptData('unexpected data after the end of the compressed stream');
      return null;
    }
    if (!this.header) {
      if (p.length < HEADER_SIZE) {
        checkMagicPrefix(p); // a foreign file is reported at once, not at the end
        return null;
      }
      this.header = readHeader(p.subarray(0, HEADER_SIZE));
      this.model = createModel(this.header.model);
      this.pending = p.subarray(HEADER_SIZE);
      return new Uint8Array(0);
    }
    if (p.length < 4) return null;
    const view = new DataView(p.buffer, p.byteOffset, p.length);
    const rawLength = view.getUint32(0, true);
    if (rawLength === 0) {
      if (p.length < 4 + TRAILER_SIZE) return null;
      const length = view.getUint32(4, true) + view.getUint32(8, true) * 4294967296;
      if (length > MAX_SAFE_LENGTH || length !== this.total) throw corruptData(`trailer gives length ${length}, but ${this.total} bytes were decoded`);
      if (view.getUint32(12, true) !== this.crc) throw corruptData('checksum of the whole output does not match');
      this.pending = p.subarray(4 + TRAILER_SIZE);
      this.done = true;
      if (this.pending.length > 0) throw corruptData('unexpected data after the end of the compressed stream');
      return null;
    }
    const blockSize = 2 ** this.header.blockBits;
    const index = this.blockIndex + 1;
    if (rawLength > blockSize) throw corruptData(`block ${index}: length ${rawLength} exceeds the block size ${blockSize}`);
    if (p.length < BLOCK_HEADER_SIZE) return null;
    const flags = p[4];
    const codedLength = view.getUint32(5, true);
    if (flags > 1) throw corruptData(`block ${index}: unknown flags ${flags}`);
    const stored = flags === 1;
    if (stored ? codedLength !== rawLength : codedLength >= rawLength) throw corruptData(`block ${index}: coded length ${codedLength} inconsistent with raw length ${rawLength}`);
    const end = BLOCK_HEADER_SIZE + codedLength + 4;
    if (p.length < end) return null;
    const payload = p.subarray(BLOCK_HEADER_SIZE, BLOCK_HEADER_SIZE + codedLength);
    let data: Uint8Array;
    if (stored) {
      data = payload.slice();
      replayStoredBlock(data, this.model);
    } else {
      data = decodeBlock(payload, rawLength, this.model, this.header.coder);
    }
    if (view.getUint32(BLOCK_HEADER_SIZE + codedLength, true) !== crc32(data)) throw corruptData(`block ${index}: checksum mismatch`);
    this.crc = crc32Update(this.crc, data);
    this.total += data.length;
    this.blockIndex = index;
    // Copy the remainder so the big input chunk can be freed (constant memory).
    this.pending = p.length - end > 0 ? p.slice(end) : new Uint8Array(0);
    return data;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/**
 * Compress bytes in memory into a gibbs container.
 * @example const packed = compress(new TextEncoder().encode('hello hello hello'), { model: 'mix' });
 */
export function compress(data: Uint8Array, options: CompressOptions = {}): Uint8Array {
  const c = new StreamCompressor(options);
  return concatAll([c.start(), ...c.write(data), ...c.end()]);
}

/**
 * Decompress a whole gibbs container in memory (throws CorruptDataError on any damage).
 * @example const original = decompress(packed);
 */
export function decompress(data: Uint8Array): Uint8Array {
  const d = new StreamDecompressor();
  const parts = d.write(data);
  d.end();
  return concatAll(parts);
}

function concatAll(parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
