import { GibbsError } from '../core/errors.js';
import type { IsingModel } from '../models/ising.js';
import { chainComponents } from './chain-components.js';
import { DEFAULT_CORRELATION_LIMIT, MAX_ENUMERATION_SPINS, enumerate } from './enumerate.js';
import { type Thermodynamics, type ExactMethod } from './thermodynamics.js';
import { kaufmanTorus, kaufmanTorusOf, onsagerFor, onsagerReason } from './torus.js';
import { chainTransferMatrix } from './transfer-matrix-chain.js';
import { describeStripPlan, stripPlan, stripTransferMatrix } from './transfer-matrix-strip.js';

/** Whether an exact method applies to a model, and why (not). */
export interface ExactApplicability {
  method: ExactMethod;
  applies: boolean;
  reason: string;
}

function transferMatrixApplicability(model: IsingModel): ExactApplicability {
  const chains = chainComponents(model);
  if (Array.isArray(chains)) {
    const cycles = chains.filter((c) => c.cyclic).length;
    return { method: 'transfer-matrix', applies: true, reason: `chain: ${chains.length - cycles} open path(s), ${cycles} cycle(s); 2x2 matrices, O(N)` };
  }
  const strip = stripPlan(model);
  if ('reason' in strip) return { method: 'transfer-matrix', applies: false, reason: `not a chain (${chains.reason}) nor a uniform square strip of width <= 16 (${strip.reason})` };
  return { method: 'transfer-matrix', applies: true, reason: describeStripPlan(strip) };
}

/**
 * Every exact method with whether it applies to `model` and why (not).
 *
 * @example
 * exactMethodsFor(squareModel(16, 16)).filter((m) => m.applies).map((m) => m.method); // ['transfer-matrix', 'torus', 'onsager']
 */
export function exactMethodsFor(model: IsingModel): ExactApplicability[] {
  const enumerable = model.size <= MAX_ENUMERATION_SPINS;
  const torus = kaufmanTorusOf(model);
  const onsager = onsagerReason(model);
  return [
    { method: 'enumeration', applies: enumerable, reason: enumerable ? `2^${model.size} states` : `${model.size} spins > ${MAX_ENUMERATION_SPINS}` },
    transferMatrixApplicability(model),
    { method: 'torus', applies: !('reason' in torus), reason: 'reason' in torus ? torus.reason : `Kaufman's formula, ${torus.n}x${torus.m} torus in zero field` },
    { method: 'onsager', applies: onsager === undefined, reason: onsager ?? 'infinite square lattice (per site), not this finite model' },
  ];
}

/**
 * The best exact method for a model (`auto`): a chain transfer matrix (O(N), complete);
 * enumeration while it is instant (N <= 24; it also gives <|M|>); Kaufman for square tori in
 * zero field; a strip transfer matrix; enumeration up to N = 36. Onsager is never chosen
 * automatically (it describes the infinite lattice, not the model). Throws a clear error
 * listing why none applies.
 *
 * @example chooseExactMethod(squareModel(64, 64)); // 'torus'
 */
export function chooseExactMethod(model: IsingModel): ExactMethod {
  const methods = exactMethodsFor(model);
  const applies = (method: ExactMethod) => methods.find((m) => m.method === method)?.applies === true;
  if (applies('transfer-matrix') && Array.isArray(chainComponents(model))) return 'transfer-matrix';
  if (applies('enumeration') && model.size <= DEFAULT_CORRELATION_LIMIT) return 'enumeration';
  if (applies('torus')) return 'torus';
  if (applies('transfer-matrix')) return 'transfer-matrix';
  if (applies('enumeration')) return 'enumeration';
  throw new GibbsError(`no exact method applies to this model (${methods.filter((m) => m.method !== 'onsager').map((m) => `${m.method}: ${m.reason}`).join('; ')}); use Monte Carlo or a variational bound`, 'method');
}

/**
 * Check that a user-chosen method applies, with the reason when it does not.
 *
 * @example
 * requireExactMethod(chainModel(10), 'torus'); // throws: torus does not apply (not a square lattice)
 */
export function requireExactMethod(model: IsingModel, method: ExactMethod): void {
  const info = exactMethodsFor(model).find((m) => m.method === method);
  if (!info) throw new GibbsError(`--method: got "${method}", expected one of enumeration, transfer-matrix, torus, onsager`, '--method');
  if (!info.applies) throw new GibbsError(`--method: ${method} does not apply to this model (${info.reason})`, '--method');
}

/**
 * Solve a model exactly at one temperature with a given method (single thread; the CLI runs
 * enumeration on worker threads). Throws a GibbsError when the method does not apply.
 *
 * @example solveExact(chainModel(100), 'transfer-matrix', { temperature: 1 }).logZ;
 */
export function solveExact(model: IsingModel, method: ExactMethod, options: { temperature?: number; beta?: number }): Thermodynamics {
  requireExactMethod(model, method);
  if (method === 'enumeration') return enumerate(model, { ...options, correlations: false });
  if (method === 'torus') return kaufmanTorus(model, options);
  if (method === 'onsager') return onsagerFor(model, options);
  return Array.isArray(chainComponents(model)) ? chainTransferMatrix(model, options) : stripTransferMatrix(model, options);
}
