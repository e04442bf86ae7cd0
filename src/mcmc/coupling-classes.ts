import type { IsingModel } from '../models/ising.js';

/**
 * When every |J_nm| has one value `unit` and every field is the same `h`, the local field
 * h_n + sum_m J_nm s_m equals h + unit * q with an integer q = sum_m sign(J_nm) s_m in
 * [-maxDegree, maxDegree], so acceptance probabilities can be tabulated by q (and s_n).
 * `signs` is null when every coupling has the same sign (then `unit` carries it and q is the
 * plain neighbour sum), else sign(J) per CSR entry.
 */
export interface CouplingClasses {
  unit: number;
  field: number;
  maxDegree: number;
  signs: Int8Array | null;
}

/** The tabulable structure of a model, or null when couplings or fields take many values. */
export function couplingClasses(model: IsingModel): CouplingClasses | null {
  const field = model.uniformField();
  if (field === undefined) return null;
  const { couplings } = model;
  if (couplings.length === 0) return { unit: 0, field, maxDegree: 0, signs: null };
  const uniform = model.uniformCoupling();
  if (uniform !== undefined) return { unit: uniform, field, maxDegree: model.maxDegree(), signs: null };
  const magnitude = Math.abs(couplings[0]);
  const signs = new Int8Array(couplings.length);
  for (let k = 0; k < couplings.length; k++) {
    if (Math.abs(couplings[k]) !== magnitude) return null;
    signs[k] = couplings[k] < 0 ? -1 : 1;
  }
  return { unit: magnitude, field, maxDegree: model.maxDegree(), signs };
}
