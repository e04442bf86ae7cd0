/**
 * Standard compressors (gzip, bzip2, xz, zstd) run as external programs on the same bytes, for
 * side-by-side comparisons in `gibbs coin` and the benchmarks. Absent programs are skipped.
 */
import { spawnSync } from 'node:child_process';

/** An external compressor at a given level. */
export interface ExternalCompressor {
  name: string;
  command: string;
  compressArgs: string[];
  decompressArgs: string[];
}

/** gzip -9, bzip2 -9, xz -9 and zstd -19. */
export const EXTERNAL_COMPRESSORS: ExternalCompressor[] = [
  { name: 'gzip -9', command: 'gzip', compressArgs: ['-9', '-c'], decompressArgs: ['-d', '-c'] },
  { name: 'bzip2 -9', command: 'bzip2', compressArgs: ['-9', '-c'], decompressArgs: ['-d', '-c'] },
  { name: 'xz -9', command: 'xz', compressArgs: ['-9', '-c', '-T1'], decompressArgs: ['-d', '-c'] },
  { name: 'zstd -19', command: 'zstd', compressArgs: ['-19', '-c', '-q', '--single-thread'], decompressArgs: ['-d', '-c', '-q'] },
];

/** Result of running an external compressor on some bytes. */
export interface ExternalResult {
  name: string;
  bytes: number;
  compressSeconds: number;
  decompressSeconds: number;
  roundTrip: boolean;
}

/**
 * Compress and decompress `input` with `c`; null when the program is not installed.
 * @example runExternal(EXTERNAL_COMPRESSORS[0], bytes)?.bytes
 */
export function runExternal(c: ExternalCompressor, input: Uint8Array): ExternalResult | null {
  let t = process.hrtime.bigint();
  const packed = spawnSync(c.command, c.compressArgs, { input, maxBuffer: 2 ** 31 - 1 });
  const compressSeconds = Number(process.hrtime.bigint() - t) / 1e9;
  if (packed.error || packed.status !== 0) return null;
  t = process.hrtime.bigint();
  const unpacked = spawnSync(c.command, c.decompressArgs, { input: packed.stdout, maxBuffer: 2 ** 31 - 1 });
  const decompressSeconds = Number(process.hrtime.bigint() - t) / 1e9;
  const roundTrip = unpacked.status === 0 && Buffer.compare(unpacked.stdout, Buffer.from(input.buffer, input.byteOffset, input.length)) === 0;
  return { name: c.name, bytes: packed.stdout.length, compressSeconds, decompressSeconds, roundTrip };
}
