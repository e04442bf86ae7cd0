import { GibbsError } from '../core/errors.js';
import type { IsingModel } from '../models/ising.js';
import { type IsingModelFile, buildModel, validateModelFile } from '../models/model-file.js';
import { type JsonObject, type JsonValue, canonicalJson, sha256 } from './json.js';
import { modelHash } from './model-hash.js';

/** Version of the job format (bumped if the meaning of a job's inputs ever changes). */
export const JOB_FORMAT = 1;

/**
 * One job: everything its result depends on, as plain JSON (it travels to worker threads and
 * through Redis). `key` is the SHA-256 of the canonical inputs (model hash, method, options,
 * temperature, seed): equal keys mean equal results, so a stored key is never recomputed.
 */
export interface JobSpec {
  format: number;
  key: string;
  modelHash: string;
  /** The validated model file the worker rebuilds the model from. */
  model: IsingModelFile;
  method: string;
  /** Options with defaults filled in and model-dependent choices resolved. */
  options: JsonObject;
  temperature: number;
  /** Seed for stochastic methods; null for deterministic ones. */
  seed: number | null;
}

/** Where a job came from in its study (labels for exports; not part of its identity). */
export interface JobLabels {
  /** The study's name for the model entry. */
  model: string;
  /** Values the entry varied (e.g. { spins: 16, seed: 3 }). */
  params: Record<string, JsonValue>;
  spins: number;
}

/** A job with its study labels. */
export interface StudyJob extends JobSpec {
  labels: JobLabels;
}

/**
 * The job key: SHA-256 of the canonical inputs.
 *
 * @example jobKey({ modelHash, method: 'exact', options: { algorithm: 'enumeration', correlations: false }, temperature: 1, seed: null })
 */
export function jobKey(inputs: { modelHash: string; method: string; options: JsonObject; temperature: number; seed: number | null }): string {
  return sha256(canonicalJson({ format: JOB_FORMAT, model: inputs.modelHash, method: inputs.method, options: inputs.options, temperature: inputs.temperature, seed: inputs.seed }));
}

/**
 * Rebuild a job's model and check it is the model the job was keyed with (guards against a
 * worker whose gibbs builds a different model from the same file, e.g. another version).
 *
 * @example const model = jobModel(job); // throws a GibbsError if the model's hash differs
 */
export function jobModel(job: JobSpec): IsingModel {
  if (job.format !== JOB_FORMAT) throw new GibbsError(`job ${job.key}: format ${job.format}, this gibbs runs format ${JOB_FORMAT}; use the same gibbs version on submitter and workers`, 'job');
  const model = buildModel(validateModelFile(JSON.stringify(job.model), `job ${job.key.slice(0, 12)}`));
  const hash = modelHash(model);
  if (hash !== job.modelHash) {
    throw new GibbsError(`job ${job.key.slice(0, 12)}: this gibbs builds a different model from the job's model file (hash ${hash.slice(0, 12)}, expected ${job.modelHash.slice(0, 12)}); use the same gibbs version on submitter and workers`, 'job');
  }
  return model;
}
