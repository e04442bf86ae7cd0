import { z } from 'zod';
import { GibbsError } from '../../core/errors.js';
import { enumerate } from '../../exact/enumerate.js';
import { exactMethodsFor } from '../../exact/methods.js';
import type { ExactMethod, Thermodynamics } from '../../exact/thermodynamics.js';
import type { IsingModel } from '../../models/ising.js';
import { exactJson } from '../../cli/commands/exact.js';
import type { JobExecutor } from '../executor.js';
import type { JsonObject } from '../json.js';

/** Exact solvers a sweep job can call, single-threaded (a sweep parallelises over jobs). */
const SOLVERS: Partial<Record<ExactMethod, (model: IsingModel, temperature: number, correlations: boolean) => Thermodynamics>> = {
  enumeration: (model, temperature, correlations) => enumerate(model, { temperature, correlations }),
};
const SOLVER_NAMES = Object.keys(SOLVERS) as ExactMethod[];

const options = z.strictObject({
  /** Which exact method; `auto` is resolved per model before the job is keyed. */
  algorithm: z.enum(['auto', ...SOLVER_NAMES] as [string, ...string[]]).default('auto'),
  /** Store the N x N matrix <s_n s_m> too (large: off by default). */
  correlations: z.boolean().default(false),
});
type ExactOptions = z.infer<typeof options> & JsonObject;

/**
 * `"method": "exact"`: exact thermodynamics at one temperature. The result has the keys of
 * `gibbs exact --json` (method, temperature, beta, spins, logZ, freeEnergy, energy, entropy,
 * heatCapacity, magnetization, absMagnetization, susceptibility, perSpin) plus `spinMeans`
 * (<s_n> for every n) and, with `"correlations": true`, `correlations` (<s_n s_m>, row-major).
 */
export const exactExecutor: JobExecutor<ExactOptions> = {
  method: 'exact',
  summary: `exact thermodynamics (algorithm: auto, ${SOLVER_NAMES.join(', ')})`,
  stochastic: false,
  options: options as unknown as z.ZodType<ExactOptions>,
  prepare(model, opts) {
    const candidates = exactMethodsFor(model).filter((m) => m.method in SOLVERS);
    const chosen = opts.algorithm === 'auto' ? candidates.find((m) => m.applies) : candidates.find((m) => m.method === opts.algorithm);
    if (!chosen || !chosen.applies) {
      throw new GibbsError(`exact: no exact algorithm applies to this model (${candidates.map((m) => `${m.method}: ${m.reason}`).join('; ')})`, 'algorithm');
    }
    return { ...opts, algorithm: chosen.method };
  },
  run(model, temperature, opts) {
    const t = (SOLVERS[opts.algorithm as ExactMethod] as NonNullable<(typeof SOLVERS)['enumeration']>)(model, temperature, opts.correlations);
    const json: JsonObject = { ...(exactJson(t) as JsonObject), spinMeans: Array.from(t.spinMeans ?? []) };
    if (opts.correlations && t.correlations) json.correlations = Array.from(t.correlations);
    return json;
  },
};
