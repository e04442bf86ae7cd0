import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { z } from 'zod';
import { GibbsError } from '../core/errors.js';
import type { IsingModel } from '../models/ising.js';
import { buildModel, validateModelFile } from '../models/model-file.js';
import { zodToGibbsError } from '../models/zod-errors.js';
import { parseNumberList } from '../cli/options.js';
import { getExecutor, normalizeOptions } from './executor.js';
import './executors/index.js';
import { type JobLabels, type StudyJob, JOB_FORMAT, jobKey } from './job.js';
import type { JsonObject, JsonValue } from './json.js';
import { modelHash } from './model-hash.js';

/*
 * A study file (JSON) lists models, temperatures, methods and seeds; it expands into the
 * product models x methods x temperatures x seeds (seeds only for stochastic methods):
 * {
 *   "name": "sk-disorder",
 *   "models": [
 *     { "name": "sk", "model": { "kind": "ising", "generator": "sk", "spins": 12, "seed": 0 },
 *       "vary": { "spins": [8, 12], "seed": "1:20:1" } },
 *     { "file": "models/torus-4.json", "temperatures": "1.5:3.5:0.5" }
 *   ],
 *   "temperatures": [0.5, 1, 1.5],
 *   "methods": [{ "method": "exact" }],
 *   "seeds": "1:4:1"
 * }
 */

/** A list of numbers: an array, one number, or the CLI's text forms ("1,2", "1:3:0.5"). */
const numberList = z.union([z.array(z.number()).min(1), z.number(), z.string()]);
const modelEntrySchema = z.strictObject({
  name: z.string().min(1).optional(),
  file: z.string().min(1).optional(),
  model: z.record(z.string(), z.unknown()).optional(),
  vary: z.record(z.string(), z.union([z.array(z.unknown()).min(1), z.string()])).optional(),
  temperatures: numberList.optional(),
});
const methodSchema = z.strictObject({ method: z.string(), options: z.record(z.string(), z.unknown()).optional() });
const studySchema = z.strictObject({
  name: z.string().optional(),
  description: z.string().optional(),
  database: z.string().min(1).optional(),
  models: z.array(modelEntrySchema).min(1),
  temperatures: numberList.optional(),
  methods: z.array(methodSchema).min(1),
  seeds: numberList.optional(),
});

/** A study file as written (validated). */
export type StudyFile = z.infer<typeof studySchema>;

/** A study expanded into jobs. */
export interface Study {
  /** Path of the study file ('' for an in-memory study). */
  path: string;
  file: StudyFile;
  /** Distinct jobs, in expansion order (duplicate inputs appear once). */
  jobs: StudyJob[];
  /** Where results go unless the command line says otherwise. */
  database: string;
}

/** Default results database name, created beside the study file. */
export const DEFAULT_DATABASE = 'gibbs-results.sqlite';
/** Refuse studies larger than this many jobs (a typo in a range should not fill a disk). */
export const MAX_STUDY_JOBS = 1_000_000;

function tooLarge(source: string): GibbsError {
  return new GibbsError(`${source}: more than ${MAX_STUDY_JOBS} jobs; split the study or shorten its ranges`, 'models');
}

function listOf(field: string, value: number | number[] | string): number[] {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value)) return value;
  return parseNumberList(field, value);
}

function temperatureList(field: string, value: number | number[] | string): number[] {
  const values = listOf(field, value);
  for (const t of values) if (!(Number.isFinite(t) && t > 0)) throw new GibbsError(`${field}: got ${t}, expected temperatures T > 0`, field);
  return values;
}

function seedList(field: string, value: number | number[] | string): number[] {
  const values = listOf(field, value);
  for (const s of values) if (!Number.isSafeInteger(s) || s < 0) throw new GibbsError(`${field}: got ${s}, expected integers >= 0`, field);
  return values;
}

/** Set a dotted path ("lattice.size") in a copy of a model-file object. */
function withValue(model: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(model);
  const keys = path.split('.');
  let target: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) {
    const next = target[key];
    target[key] = next !== null && typeof next === 'object' && !Array.isArray(next) ? next : {};
    target = target[key] as Record<string, unknown>;
  }
  target[keys[keys.length - 1]] = value;
  return copy;
}

/** Every combination of the varied values, in order (the last key varies fastest). */
function combinations(vary: Record<string, JsonValue[]>): Array<Record<string, JsonValue>> {
  let out: Array<Record<string, JsonValue>> = [{}];
  for (const [key, values] of Object.entries(vary)) out = out.flatMap((combo) => values.map((v) => ({ ...combo, [key]: v })));
  return out;
}

function readJsonFile(path: string, what: string): unknown {
  if (!existsSync(path)) throw new GibbsError(`${what} ${path}: no such file`, what);
  if (statSync(path).isDirectory()) throw new GibbsError(`${what} ${path}: is a directory, expected a JSON file`, what);
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new GibbsError(`${what} ${path}: not valid JSON (${(error as Error).message})`, what);
  }
}

/**
 * The models of one study entry: its model (inline or from a file) with every combination of
 * its "vary" values set, validated and built. `jobsPerModel` and `jobsSoFar` bound the study
 * size before anything is built.
 */
function* entryModels(entry: StudyFile['models'][number], index: number, dir: string, jobsPerModel: number, jobsSoFar: number, source: string) {
  const where = `${source}: models[${index}]`;
  if ((entry.file === undefined) === (entry.model === undefined)) throw new GibbsError(`${where}: give exactly one of "file" (a model file) or "model" (a model object)`, 'models');
  const base = (entry.file !== undefined ? readJsonFile(resolve(dir, entry.file), 'model') : entry.model) as Record<string, unknown>;
  if (base === null || typeof base !== 'object' || Array.isArray(base)) throw new GibbsError(`${where}: the model must be a JSON object with "kind": "ising"`, 'models');
  const name = entry.name ?? (entry.file !== undefined ? basename(entry.file).replace(/\.json$/i, '') : `model${index + 1}`);
  const vary: Record<string, JsonValue[]> = {};
  for (const [key, values] of Object.entries(entry.vary ?? {})) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(key)) throw new GibbsError(`${where}.vary: key ${JSON.stringify(key)} is not a model-file field path like "seed" or "lattice.size"`, 'vary');
    vary[key] = typeof values === 'string' ? parseNumberList(`${where}.vary.${key}`, values) : (values as JsonValue[]);
  }
  // Count before building anything: a typo in a range must not allocate billions of jobs.
  if (jobsSoFar + Object.values(vary).reduce((n, v) => n * v.length, 1) * jobsPerModel > MAX_STUDY_JOBS) throw tooLarge(source);
  for (const params of combinations(vary)) {
    let object = base;
    for (const [key, value] of Object.entries(params)) object = withValue(object, key, value);
    const label = Object.keys(params).length ? `${where} (${Object.entries(params).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')})` : where;
    const modelFile = validateModelFile(JSON.stringify(object), label);
    let model: IsingModel;
    try {
      model = buildModel(modelFile);
    } catch (error) {
      if (error instanceof GibbsError) throw new GibbsError(`${label}: ${error.message}`, error.field);
      throw error;
    }
    const labels: JobLabels = { model: name, params, spins: model.size };
    yield { label, modelFile, model, labels };
  }
}

/**
 * Read, validate and expand a study file. Errors name the file and field.
 *
 * @example const study = loadStudy('examples/studies/sk-disorder.json'); study.jobs.length // 200
 */
export function loadStudy(path: string): Study {
  return expandStudy(readJsonFile(path, 'study'), path);
}

/**
 * Validate a study (parsed JSON) and expand it into jobs. `path` locates model files and the
 * default database and prefixes errors. Every model is built and every method's options are
 * checked against every model before anything runs.
 *
 * @example expandStudy({ models: [{ model: { kind: 'ising', generator: 'sk', spins: 8, seed: 1 } }], temperatures: [1], methods: [{ method: 'exact' }] }).jobs.length // 1
 */
export function expandStudy(input: unknown, path = ''): Study {
  const source = path || 'study';
  const parsed = studySchema.safeParse(input);
  if (!parsed.success) throw zodToGibbsError(parsed.error, input, source);
  const file = parsed.data;
  const dir = path ? dirname(resolve(path)) : process.cwd();
  const executors = file.methods.map((m, i) => getExecutor(m.method, `${source}: methods[${i}].method`));
  const rawOptions = file.methods.map((m, i) => normalizeOptions(executors[i], m.options, `${source}: methods[${i}].options`));
  const globalTemperatures = file.temperatures === undefined ? undefined : temperatureList(`${source}: temperatures`, file.temperatures);
  const seeds = file.seeds === undefined ? [1] : seedList(`${source}: seeds`, file.seeds);

  const jobs: StudyJob[] = [];
  const seen = new Set<string>();
  file.models.forEach((entry, i) => {
    const where = `${source}: models[${i}]`;
    const entryTemperatures = entry.temperatures === undefined ? globalTemperatures : temperatureList(`${where}.temperatures`, entry.temperatures);
    if (!entryTemperatures) throw new GibbsError(`${where}: no temperatures; give "temperatures" in the study or in this model entry`, 'temperatures');
    for (const { label, modelFile, model, labels } of entryModels(entry, i, dir, entryTemperatures.length * executors.length, jobs.length, source)) {
      const hash = modelHash(model);
      executors.forEach((executor, m) => {
        let options: JsonObject;
        try {
          options = executor.prepare ? executor.prepare(model, rawOptions[m]) : rawOptions[m];
        } catch (error) {
          if (error instanceof GibbsError) throw new GibbsError(`${label}, methods[${m}] (${executor.method}): ${error.message}`, error.field);
          throw error;
        }
        for (const temperature of entryTemperatures) {
          for (const seed of executor.stochastic ? seeds : [null]) {
            const key = jobKey({ modelHash: hash, method: executor.method, options, temperature, seed });
            if (seen.has(key)) continue;
            seen.add(key);
            jobs.push({ format: JOB_FORMAT, key, modelHash: hash, model: modelFile, method: executor.method, options, temperature, seed, labels });
            if (jobs.length > MAX_STUDY_JOBS) throw tooLarge(source);
          }
        }
      });
    }
  });
  const database = file.database !== undefined ? resolve(dir, file.database) : resolve(dir, DEFAULT_DATABASE);
  return { path, file, jobs, database };
}
