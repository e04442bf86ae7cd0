import { z } from 'zod';
import { GibbsError } from '../../core/errors.js';
import { enumerate } from '../../exact/enumerate.js';
import { chooseExactMethod, exactMethodsFor, solveExact } from '../../exact/methods.js';
import type { ExactMethod } from '../../exact/thermodynamics.js';
import { exactJson } from '../../cli/commands/exact.js';
import type { JobExecutor } from '../executor.js';
import type { JsonObject } from '../json.js';

const ALGORITHMS = ['enumeration', 'transfer-matrix', 'torus', 'onsager'] as const satisfies readonly ExactMethod[];

const options = z.strictObject({
  /** Which exact method; `auto` is resolved per model (as `gibbs exact` does) before the job is keyed. */
  algorithm: z.enum(['auto', ...ALGORITHMS]).default('auto'),
  /** Store the N x N matrix <s_n s_m> too (enumeration only; large, so off by default). */
  correlations: z.boolean().default(false),
});
type ExactOptions = z.infer<typeof options> & JsonObject;

/**
 * `"method": "exact"`: exact thermodynamics at one temperature with any exact method of
 * src/exact. The result has the keys of `gibbs exact --json` (method, temperature, beta,
 * spins, logZ, freeEnergy, energy, entropy, heatCapacity, magnetization, ..., perSpin); the
 * enumeration also stores `spinMeans` (<s_n> for every n) and, with `"correlations": true`,
 * `correlations` (<s_n s_m>, row-major).
 */
export const exactExecutor: JobExecutor<ExactOptions> = {
  method: 'exact',
  summary: `exact thermodynamics (algorithm: auto, ${ALGORITHMS.join(', ')})`,
  stochastic: false,
  options: options as unknown as z.ZodType<ExactOptions>,
  prepare(model, opts) {
    const methods = exactMethodsFor(model);
    let algorithm: ExactMethod;
    if (opts.algorithm === 'auto') {
      try {
        algorithm = chooseExactMethod(model);
      } catch {
        throw new GibbsError(`exact: no exact algorithm applies to this model (${methods.filter((m) => m.method !== 'onsager').map((m) => `${m.method}: ${m.reason}`).join('; ')})`, 'algorithm');
      }
    } else {
      algorithm = opts.algorithm as ExactMethod;
      const info = methods.find((m) => m.method === algorithm);
      if (!info?.applies) throw new GibbsError(`exact: algorithm ${algorithm} does not apply to this model (${info?.reason ?? 'unknown'})`, 'algorithm');
    }
    if (opts.correlations && algorithm !== 'enumeration') throw new GibbsError(`exact: "correlations": true needs algorithm enumeration, this model gets ${algorithm}`, 'correlations');
    return { ...opts, algorithm };
  },
  run(model, temperature, opts) {
    if (opts.algorithm !== 'enumeration') return exactJson(solveExact(model, opts.algorithm as ExactMethod, { temperature })) as JsonObject;
    const t = enumerate(model, { temperature, correlations: opts.correlations });
    const json: JsonObject = { ...(exactJson(t) as JsonObject), spinMeans: Array.from(t.spinMeans ?? []) };
    if (opts.correlations && t.correlations) json.correlations = Array.from(t.correlations);
    return json;
  },
};
