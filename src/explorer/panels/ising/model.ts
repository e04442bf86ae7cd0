import { squareModel, triangularModel } from '../../../models/lattices.js';
import type { IsingModel } from '../../../models/ising.js';
import type { IsingParams } from './protocol.js';

/** The periodic lattice model the panel's parameters describe (J = ∓1, uniform field h). */
export function panelModel(params: IsingParams): IsingModel {
  const options = { coupling: params.coupling === 'ferromagnet' ? -1 : 1, field: params.field };
  return params.lattice === 'square' ? squareModel(params.size, params.size, options) : triangularModel(params.size, params.size, options);
}

/** Whether two parameter sets describe the same model (so a change keeps the spins and the state). */
export function sameModel(a: IsingParams, b: IsingParams): boolean {
  return a.size === b.size && a.lattice === b.lattice && a.coupling === b.coupling && a.field === b.field;
}
