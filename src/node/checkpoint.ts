import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { GibbsError } from '../core/errors.js';
import type { ChainSnapshot } from '../mcmc/driver.js';
import { writeFileAtomic } from './atomic-write.js';

const TYPED = {
  Int8Array, Uint8Array, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array,
} as const;
type TypedName = keyof typeof TYPED;

/**
 * JSON replacer/reviver pair that keeps typed arrays exact: a typed array becomes
 * { "$typed": "Float64Array", "base64": "..." } holding its raw bytes (little-endian), so every
 * double survives bit for bit (plain numbers already do: JSON prints the shortest round-trip form).
 */
export function encodePlain(value: unknown): string {
  return JSON.stringify(value, (_key, v) => {
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
      const name = v.constructor.name;
      if (!(name in TYPED)) throw new Error(`cannot encode ${name}`);
      return { $typed: name, base64: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') };
    }
    if (typeof v === 'number' && !Number.isFinite(v)) return { $number: String(v) };
    return v;
  });
}

/** Inverse of {@link encodePlain}. */
export function decodePlain(text: string): unknown {
  return JSON.parse(text, (_key, v) => {
    if (v && typeof v === 'object' && typeof v.$typed === 'string') {
      const Ctor = TYPED[v.$typed as TypedName];
      if (!Ctor) throw new Error(`unknown typed array ${v.$typed}`);
      const bytes = Buffer.from(v.base64 as string, 'base64');
      const copy = new Uint8Array(bytes.length);
      copy.set(bytes);
      return new Ctor(copy.buffer, 0, bytes.length / Ctor.BYTES_PER_ELEMENT);
    }
    if (v && typeof v === 'object' && typeof v.$number === 'string' && Object.keys(v).length === 1) return Number(v.$number);
    return v;
  });
}

/** A short fingerprint (SHA-256 hex prefix) of any plain data, e.g. a model, for identity checks. */
export function fingerprint(value: unknown): string {
  return createHash('sha256').update(encodePlain(value)).digest('hex').slice(0, 32);
}

const FORMAT = 'gibbs-mcmc-checkpoint';
const VERSION = 1;

/**
 * A checkpoint of a Monte Carlo run: `identity` says which run it belongs to (kernel, options,
 * plan, seed, chain count, model fingerprint: anything that changes the numbers); `chains` are
 * the chain snapshots (spins, RNG state, accumulated series).
 */
export interface Checkpoint {
  identity: Record<string, unknown>;
  chains: ChainSnapshot[];
}

/** Save a checkpoint atomically (temp file + fsync + rename): a kill leaves the old or the new one. */
export function saveCheckpoint(path: string, checkpoint: Checkpoint): void {
  writeFileAtomic(path, encodePlain({ format: FORMAT, version: VERSION, ...checkpoint }));
}

function describeDifference(saved: Record<string, unknown>, wanted: Record<string, unknown>): string {
  const keys = [...new Set([...Object.keys(saved), ...Object.keys(wanted)])];
  const differing = keys.filter((k) => encodePlain(saved[k]) !== encodePlain(wanted[k]));
  return differing.map((k) => `${k}: checkpoint has ${encodePlain(saved[k]).slice(0, 60)}, this run has ${encodePlain(wanted[k]).slice(0, 60)}`).join('; ');
}

/**
 * Load a checkpoint written by {@link saveCheckpoint} and check that it belongs to the run
 * described by `identity`; a mismatch (other seed, model, options...) is a GibbsError naming
 * what differs. Returns undefined when the file does not exist.
 */
export function loadCheckpoint(path: string, identity: Record<string, unknown>): Checkpoint | undefined {
  if (!existsSync(path)) return undefined;
  let data: { format?: string; version?: number; identity?: Record<string, unknown>; chains?: ChainSnapshot[] };
  try {
    data = decodePlain(readFileSync(path, 'utf8')) as typeof data;
  } catch (error) {
    throw new GibbsError(`--checkpoint ${path}: not a readable checkpoint (${(error as Error).message})`, '--checkpoint');
  }
  if (data?.format !== FORMAT || data.version !== VERSION || !data.identity || !Array.isArray(data.chains)) {
    throw new GibbsError(`--checkpoint ${path}: not a gibbs Monte Carlo checkpoint (version ${VERSION})`, '--checkpoint');
  }
  if (encodePlain(data.identity) !== encodePlain(identity)) {
    throw new GibbsError(`--checkpoint ${path}: written by a different run (${describeDifference(data.identity, identity)}); use the same arguments, or another file`, '--checkpoint');
  }
  return { identity: data.identity, chains: data.chains };
}
