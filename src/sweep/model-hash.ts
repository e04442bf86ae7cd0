import { endianness } from 'node:os';
import type { IsingModel } from '../models/ising.js';
import { canonicalJson, sha256 } from './json.js';

function littleEndianBytes(array: Float64Array | Int32Array): Uint8Array {
  const bytes = Buffer.from(array.buffer, array.byteOffset, array.byteLength);
  if (endianness() === 'LE') return bytes;
  const copy = Buffer.from(bytes);
  return array instanceof Float64Array ? copy.swap64() : copy.swap32();
}

/**
 * Content hash of a model: SHA-256 over N, the fields, the CSR couplings and the lattice
 * geometry (not the description). Two files that build the same model (say an SK generator
 * with seed 3 and the same couplings written out explicitly) hash the same, so a sweep never
 * recomputes a job whose model it has already solved under another name.
 *
 * @example modelHash(sherringtonKirkpatrickModel(16, { seed: 1 })) // 64 hex digits
 */
export function modelHash(model: IsingModel): string {
  return sha256(
    `gibbs-ising/1 N=${model.size} lattice=${canonicalJson(model.lattice ?? null)}\n`,
    littleEndianBytes(model.fields),
    littleEndianBytes(model.offsets),
    littleEndianBytes(model.neighbors),
    littleEndianBytes(model.couplings),
  );
}
