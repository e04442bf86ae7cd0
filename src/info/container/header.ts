/**
 * The gibbs container header (16 bytes, little-endian):
 *
 *   0  magic        0x89 'G' 'B' 'Z'  (the high first byte catches 7-bit and text-mode damage)
 *   4  version      1
 *   5  coder        0 = range coder, 1 = rANS
 *   6  model id     0 = iid (per block), 1 = adaptive KT, 2 = order-k context, 3 = mixing
 *   7  order        k for model 2, else 0
 *   8  table bits   log2 counters per hashed table (models 2, 3), else 0
 *   9  reserved     0, 0
 *  11  block bits   log2 of the largest block (10..24)
 *  12  CRC-32 of bytes 0..11
 *
 * Then blocks, each: raw length u32 (1..block size; 0 ends the stream), flags u8 (bit 0: stored
 * uncompressed), coded length u32, the coded bytes, CRC-32 of the raw block u32. After the
 * end marker: original length u64 and CRC-32 of the whole original u32, then end of file.
 */
import { invalidValue, requireInteger } from '../../core/errors.js';
import { crc32 } from '../checksum/crc32.js';
import { corruptData } from '../coding/corrupt.js';
import type { CoderName } from '../coding/interval.js';
import { specFromHeader, type ModelSpec } from './models.js';

/** The container's magic bytes. */
export const MAGIC = Uint8Array.of(0x89, 0x47, 0x42, 0x5a);
/** The container version this code writes and reads. */
export const FORMAT_VERSION = 1;
/** Size of the file header in bytes. */
export const HEADER_SIZE = 16;
/** Size of a block header (raw length, flags, coded length). */
export const BLOCK_HEADER_SIZE = 9;
/** Size of the trailer after the end marker (length u64, CRC-32). */
export const TRAILER_SIZE = 12;

const CODERS: readonly CoderName[] = ['range', 'rans'];

/** Everything the header says. */
export interface ContainerHeader {
  coder: CoderName;
  model: ModelSpec;
  blockBits: number;
}

/**
 * Serialise a header.
 * @example writeHeader({ coder: 'rans', model: modelSpec('order2'), blockBits: 20 })
 */
export function writeHeader(header: ContainerHeader): Uint8Array {
  requireInteger('blockBits', header.blockBits, 10, 24);
  const coder = CODERS.indexOf(header.coder);
  if (coder < 0) throw invalidValue('coder', header.coder, CODERS.join(' or '));
  const out = new Uint8Array(HEADER_SIZE);
  out.set(MAGIC, 0);
  out[4] = FORMAT_VERSION;
  out[5] = coder;
  out[6] = header.model.id;
  out[7] = header.model.order;
  out[8] = header.model.tableBits;
  out[11] = header.blockBits;
  new DataView(out.buffer).setUint32(12, crc32(out.subarray(0, 12)), true);
  return out;
}

/** Throw if the bytes available so far already differ from the magic bytes. @example checkMagicPrefix(firstChunk) */
export function checkMagicPrefix(bytes: Uint8Array): void {
  for (let i = 0; i < Math.min(4, bytes.length); i++) if (bytes[i] !== MAGIC[i]) throw corruptData('not a gibbs compressed file (no gibbs magic bytes)');
}

/** Parse and check a header (the first 16 bytes of a stream); damage is a CorruptDataError. @example readHeader(bytes.subarray(0, 16)).coder */
export function readHeader(bytes: Uint8Array): ContainerHeader {
  if (bytes.length === 0) throw corruptData('empty input (not a gibbs compressed file)');
  checkMagicPrefix(bytes);
  if (bytes.length < HEADER_SIZE) throw corruptData(`file ends inside the ${HEADER_SIZE}-byte header (${bytes.length} bytes)`);
  if (bytes[4] !== FORMAT_VERSION) throw corruptData(`format version ${bytes[4]} (this gibbs reads version ${FORMAT_VERSION})`);
  const stored = new DataView(bytes.buffer, bytes.byteOffset, HEADER_SIZE).getUint32(12, true);
  if (stored !== crc32(bytes.subarray(0, 12))) throw corruptData('header checksum mismatch');
  if (bytes[5] >= CODERS.length) throw corruptData(`unknown coder id ${bytes[5]}`);
  if (bytes[9] !== 0 || bytes[10] !== 0) throw corruptData('reserved header bytes are not zero');
  const blockBits = bytes[11];
  if (blockBits < 10 || blockBits > 24) throw corruptData(`block size 2^${blockBits} outside 2^10..2^24`);
  return { coder: CODERS[bytes[5]], model: specFromHeader(bytes[6], bytes[7], bytes[8]), blockBits };
}
