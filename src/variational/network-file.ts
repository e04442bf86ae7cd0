import { z } from 'zod';
import { GibbsError, describeValue } from '../core/errors.js';
import type { IsingModel } from '../models/ising.js';
import { zodToGibbsError } from '../models/zod-errors.js';
import { type AutoregressiveCheckpoint, type AutoregressiveSettings, networkFor } from './autoregressive.js';
import { MadeNetwork } from './made.js';

/** The `format` tag of network and checkpoint files. */
export const NETWORK_FORMAT = 'gibbs-autoregressive-network';
/** The `format` tag of training checkpoint files. */
export const CHECKPOINT_FORMAT = 'gibbs-autoregressive-checkpoint';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * Float64 values as base64 of their little-endian bytes (exact, and ~3x smaller than decimal JSON).
 * @example decodeFloat64(encodeFloat64(Float64Array.of(0.1, -2)), 2, 'x'); // Float64Array [0.1, -2]
 */
export function encodeFloat64(values: Float64Array): string {
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat64(i * 8, values[i], true);
  const parts: string[] = [];
  let chunk = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i];
    const b = i + 1 < bytes.length ? bytes[i + 1] : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2] : 0;
    chunk += BASE64[a >> 2] + BASE64[((a & 3) << 4) | (b >> 4)] + (i + 1 < bytes.length ? BASE64[((b & 15) << 2) | (c >> 6)] : '=') + (i + 2 < bytes.length ? BASE64[c & 63] : '=');
    if (chunk.length >= 8192) {
      parts.push(chunk);
      chunk = '';
    }
  }
  parts.push(chunk);
  return parts.join('');
}

/**
 * Inverse of {@link encodeFloat64}; `field` names the value in errors. Rejects non-finite numbers.
 * @example decodeFloat64('AAAAAAAA8D8=', 1, 'x'); // Float64Array [1]
 */
export function decodeFloat64(text: string, expected: number, field: string): Float64Array {
  const clean = text.replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/]*$/.test(clean)) throw new GibbsError(`${field}: not base64 data`, field);
  const byteLength = Math.floor((clean.length * 3) / 4);
  if (byteLength !== expected * 8) throw new GibbsError(`${field}: holds ${Math.floor(byteLength / 8)} numbers, expected ${expected}`, field);
  const lookup = new Int16Array(128).fill(-1);
  for (let i = 0; i < 64; i++) lookup[BASE64.charCodeAt(i)] = i;
  const bytes = new Uint8Array(byteLength);
  let o = 0;
  for (let i = 0; i < clean.length; i += 4) {
    const a = lookup[clean.charCodeAt(i)];
    const b = lookup[clean.charCodeAt(i + 1)];
    const c = i + 2 < clean.length ? lookup[clean.charCodeAt(i + 2)] : 0;
    const d = i + 3 < clean.length ? lookup[clean.charCodeAt(i + 3)] : 0;
    if (o < byteLength) bytes[o++] = (a << 2) | (b >> 4);
    if (o < byteLength) bytes[o++] = ((b & 15) << 4) | (c >> 2);
    if (o < byteLength) bytes[o++] = ((c & 3) << 6) | d;
  }
  const view = new DataView(bytes.buffer);
  const out = new Float64Array(expected);
  for (let i = 0; i < expected; i++) {
    out[i] = view.getFloat64(i * 8, true);
    if (!Number.isFinite(out[i])) throw new GibbsError(`${field}: value ${i} is ${out[i]}, expected finite numbers`, field);
  }
  return out;
}

/**
 * A short fingerprint of a model's fields and couplings (FNV-1a over their bytes), so a
 * checkpoint or network is not silently applied to a different model of the same size.
 * @example modelFingerprint(squareModel(4, 4)); // 8 hex digits
 */
export function modelFingerprint(model: IsingModel): string {
  let hash = 0x811c9dc5;
  const mix = (values: ArrayLike<number>, float: boolean) => {
    const view = new DataView(new ArrayBuffer(8));
    for (let i = 0; i < values.length; i++) {
      if (float) view.setFloat64(0, values[i], true);
      else view.setInt32(0, values[i], true);
      for (let k = 0; k < (float ? 8 : 4); k++) hash = Math.imul(hash ^ view.getUint8(k), 0x01000193);
    }
  };
  mix([model.size], false);
  mix(model.fields, true);
  mix(model.offsets, false);
  mix(model.neighbors, false);
  mix(model.couplings, true);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

const architectureSchema = z.strictObject({
  spins: z.number().int().min(1),
  depth: z.number().int().min(0).max(16),
  width: z.number().int().min(1).max(65536),
  z2: z.boolean(),
  conditioning: z.array(z.array(z.number().int().min(0))).optional(),
});

const networkSchema = z.strictObject({
  format: z.literal(NETWORK_FORMAT),
  version: z.literal(1),
  activation: z.literal('tanh'),
  architecture: architectureSchema,
  model: z.strictObject({ description: z.string(), fingerprint: z.string() }).optional(),
  beta: z.number().positive().optional(),
  parameters: z.string(),
});

const settingsSchema = z.strictObject({
  beta: z.number().positive(),
  depth: z.number().int().min(0).max(16),
  width: z.number().int().min(1).max(65536),
  z2: z.boolean(),
  masks: z.enum(['dense', 'graph']),
  steps: z.number().int().min(0),
  batch: z.number().int().min(2),
  lr: z.number().positive(),
  anneal: z.number().min(0).lt(1),
  decay: z.number().min(0).max(1),
  init: z.enum(['couplings', 'random']),
  seed: z.number().int().min(0),
});

const checkpointSchema = z.strictObject({
  format: z.literal(CHECKPOINT_FORMAT),
  version: z.literal(1),
  model: z.strictObject({ description: z.string(), fingerprint: z.string() }),
  settings: settingsSchema,
  step: z.number().int().min(0),
  parameters: z.string(),
  adam: z.strictObject({ step: z.number().int().min(0), m: z.string(), v: z.string() }),
  rng: z.strictObject({ words: z.tuple([z.number().int(), z.number().int(), z.number().int(), z.number().int()]), spareNormal: z.number().nullable() }),
});

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new GibbsError(`${source}: not valid JSON (${(error as Error).message})`);
  }
}

function validate<T>(schema: z.ZodType<T>, text: string, source: string, format: string): T {
  const input = parseJson(text, source);
  const tag = (input as { format?: unknown } | null)?.format;
  if (tag !== format) throw new GibbsError(`${source}: format: got ${describeValue(tag)}, expected "${format}"`, 'format');
  const result = schema.safeParse(input);
  if (!result.success) throw zodToGibbsError(result.error, input, source);
  return result.data;
}

/**
 * A trained network as JSON text (architecture, parameters as base64 float64, and the model it
 * was trained for). {@link decodeNetwork} restores it exactly.
 * @example const text = encodeNetwork(trainer.network, model, 1);
 */
export function encodeNetwork(network: MadeNetwork, model?: IsingModel, beta?: number): string {
  return JSON.stringify({
    format: NETWORK_FORMAT,
    version: 1,
    activation: 'tanh',
    architecture: network.architecture,
    model: model ? { description: model.description, fingerprint: modelFingerprint(model) } : undefined,
    beta,
    parameters: encodeFloat64(network.params),
  });
}

/**
 * Parse a network file; with `model`, also check that it was trained for that model (same size;
 * a different fingerprint is allowed, e.g. to start from a network trained on a similar model,
 * and reported through `sameModel`).
 * @example const { network } = decodeNetwork(text, 'net.json', model);
 */
export function decodeNetwork(text: string, source = 'network', model?: IsingModel): { network: MadeNetwork; beta?: number; sameModel: boolean } {
  const file = validate(networkSchema, text, source, NETWORK_FORMAT);
  const architecture = file.architecture;
  if (model && architecture.spins !== model.size) throw new GibbsError(`${source}: network has ${architecture.spins} spins, but the model has ${model.size}`, 'architecture.spins');
  let network: MadeNetwork;
  try {
    network = new MadeNetwork(architecture);
  } catch (error) {
    if (error instanceof GibbsError) throw new GibbsError(`${source}: architecture.${error.message}`, error.field);
    throw error;
  }
  network.params.set(decodeFloat64(file.parameters, network.params.length, `${source}: parameters`));
  const sameModel = model !== undefined && file.model?.fingerprint === modelFingerprint(model);
  return { network, beta: file.beta, sameModel };
}

/**
 * A training checkpoint as JSON text.
 * @example const text = encodeCheckpoint(trainer.checkpoint(), model);
 */
export function encodeCheckpoint(checkpoint: AutoregressiveCheckpoint, model: IsingModel): string {
  return JSON.stringify({
    format: CHECKPOINT_FORMAT,
    version: 1,
    model: { description: model.description, fingerprint: modelFingerprint(model) },
    settings: checkpoint.settings,
    step: checkpoint.step,
    parameters: encodeFloat64(checkpoint.params),
    adam: { step: checkpoint.adam.step, m: encodeFloat64(checkpoint.adam.m), v: encodeFloat64(checkpoint.adam.v) },
    rng: checkpoint.rng,
  });
}

/**
 * Parse a checkpoint and check it belongs to `model` (same fingerprint).
 * @example AutoregressiveTrainer.resume(model, decodeCheckpoint(text, 'ckpt.json', model));
 */
export function decodeCheckpoint(text: string, source: string, model: IsingModel): AutoregressiveCheckpoint {
  const file = validate(checkpointSchema, text, source, CHECKPOINT_FORMAT);
  if (file.model.fingerprint !== modelFingerprint(model)) {
    throw new GibbsError(`${source}: checkpoint was written for another model ("${file.model.description}"); use a new --checkpoint file or the same model`, 'checkpoint');
  }
  const settings = file.settings as AutoregressiveSettings;
  const size = networkFor(model, settings).params.length;
  return {
    settings,
    step: file.step,
    params: decodeFloat64(file.parameters, size, `${source}: parameters`),
    adam: { step: file.adam.step, m: decodeFloat64(file.adam.m, size, `${source}: adam.m`), v: decodeFloat64(file.adam.v, size, `${source}: adam.v`) },
    rng: { words: file.rng.words, spareNormal: file.rng.spareNormal },
  };
}
