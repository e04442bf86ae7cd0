import { GibbsError } from '../core/errors.js';
import type { IsingModel } from '../models/ising.js';
import { MAX_ENUMERATION_SPINS } from './enumerate.js';
import type { ExactMethod } from './thermodynamics.js';

/** Whether an exact method applies to a model, and why (not). */
export interface ExactApplicability {
  method: ExactMethod;
  applies: boolean;
  reason: string;
}

/** Every exact method, in the order `auto` prefers them when several apply. */
export function exactMethodsFor(model: IsingModel): ExactApplicability[] {
  const enumerable = model.size <= MAX_ENUMERATION_SPINS;
  return [
    {
      method: 'enumeration',
      applies: enumerable,
      reason: enumerable ? `2^${model.size} states` : `${model.size} spins > ${MAX_ENUMERATION_SPINS}`,
    },
  ];
}

/** The best exact method for a model (`auto`), or a clear error listing why none applies. */
export function chooseExactMethod(model: IsingModel): ExactMethod {
  const methods = exactMethodsFor(model);
  const best = methods.find((m) => m.applies);
  if (!best) {
    throw new GibbsError(`no exact method applies to this model (${methods.map((m) => `${m.method}: ${m.reason}`).join('; ')}); use Monte Carlo (gibbs sample) or a variational bound`, 'method');
  }
  return best.method;
}

/** Check that a user-chosen method applies, with the reason when it does not. */
export function requireExactMethod(model: IsingModel, method: ExactMethod): void {
  const info = exactMethodsFor(model).find((m) => m.method === method);
  if (!info) throw new GibbsError(`--method: got "${method}", which this build does not provide`, '--method');
  if (!info.applies) throw new GibbsError(`--method: ${method} does not apply to this model (${info.reason})`, '--method');
}
