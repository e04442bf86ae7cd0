import type { z } from 'zod';
import { GibbsError } from '../core/errors.js';
import type { IsingModel } from '../models/ising.js';
import { zodToGibbsError } from '../models/zod-errors.js';
import type { JsonObject, JsonValue } from './json.js';

/**
 * How one method runs as a sweep job. A job is a pure function of (model, temperature,
 * options, seed): the same inputs give the same JSON, bit for bit, in any thread, process or
 * machine, which is what lets a sweep cache results by their inputs and run them anywhere.
 *
 * Adding a method is one small file that builds this object and one line in
 * `executors/index.ts`.
 *
 * @example
 * registerExecutor({
 *   method: 'energy-of-all-up',
 *   summary: 'E(s) with every s_n = +1',
 *   stochastic: false,
 *   options: z.strictObject({}),
 *   run: (model) => ({ energy: model.energy(new Int8Array(model.size).fill(1)) }),
 * });
 */
export interface JobExecutor<O extends JsonObject = JsonObject> {
  /** Name used in study files (`"method": "exact"`). */
  method: string;
  /** One line for help texts and errors. */
  summary: string;
  /** Whether the result depends on the seed. Deterministic methods get seed null (one job, not one per seed). */
  stochastic: boolean;
  /** Validates the options object of a study and fills defaults (the filled-in form is part of the job's identity). */
  options: z.ZodType<O>;
  /**
   * Checks that the method applies to this model and resolves model-dependent choices (such
   * as `auto`) before any job runs, so a bad study fails at once with one clear line.
   */
  prepare?(model: IsingModel, options: O): O;
  /** Runs one job. Must not read clocks, environment or global state: only its inputs. */
  run(model: IsingModel, temperature: number, options: O, seed: number | null): JsonValue | Promise<JsonValue>;
}

const registry = new Map<string, JobExecutor>();

/**
 * Add a method to the registry (the name must be new).
 *
 * @example registerExecutor(exactExecutor)
 */
export function registerExecutor<O extends JsonObject>(executor: JobExecutor<O>): void {
  if (registry.has(executor.method)) throw new Error(`sweep: method "${executor.method}" registered twice`);
  registry.set(executor.method, executor as unknown as JobExecutor);
}

/**
 * Names of every registered method.
 *
 * @example executorMethods() // ['exact', 'sample']
 */
export function executorMethods(): string[] {
  return [...registry.keys()];
}

/**
 * The executor of a method, or a one-line error listing the methods there are.
 *
 * @example getExecutor('exact').stochastic // false
 */
export function getExecutor(method: string, field = 'method'): JobExecutor {
  const executor = registry.get(method);
  if (!executor) throw new GibbsError(`${field}: got ${JSON.stringify(method)}, expected one of ${executorMethods().map((m) => `"${m}"`).join(', ')}`, field);
  return executor;
}

/**
 * Validate a method's options from a study file and fill in defaults; `source` prefixes
 * errors (e.g. `study.json: methods[1].options`).
 *
 * @example normalizeOptions(getExecutor('exact'), {}, 'study.json') // { algorithm: 'auto', correlations: false }
 */
export function normalizeOptions(executor: JobExecutor, options: unknown, source: string): JsonObject {
  const parsed = executor.options.safeParse(options ?? {});
  if (!parsed.success) throw zodToGibbsError(parsed.error, options ?? {}, source);
  return parsed.data;
}
