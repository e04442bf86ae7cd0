import { readFileSync } from 'node:fs';
import { IsingModel, type Coupling } from '../../src/models/ising.js';
import { squareModel } from '../../src/models/lattices.js';
import type { Boundary } from '../../src/models/ising.js';

/** Relative difference |a - b| / |b| (absolute when b = 0). */
export const rel = (a: number | undefined, b: number | undefined): number => Math.abs((a ?? NaN) - (b ?? NaN)) / (b === 0 ? 1 : Math.abs(b ?? NaN));

interface FixtureResult {
  temperature: number;
  logZ: number;
  energy: number;
  heatCapacity: number;
  magnetization: number;
  absMagnetization: number;
  susceptibility: number;
}
interface FixtureModel {
  name: string;
  lattice?: [number, number];
  boundary?: [Boundary, Boundary];
  coupling?: number;
  field?: number;
  spins?: number;
  couplings?: Coupling[];
  fields?: number[];
  results: FixtureResult[];
}

/** Reference values from test/exact/fixtures/make_exact_fixtures.py (mpmath, 60 digits). */
export const fixtures = JSON.parse(readFileSync(new URL('./fixtures/exact-fixtures.json', import.meta.url), 'utf8')) as {
  models: FixtureModel[];
  chains: Array<{ spins: number; coupling: number; field: number; temperature: number; logZ: number; energy: number; heatCapacity: number; magnetization: number; susceptibility: number }>;
  kaufman: Array<{ n: number; m: number; temperature: number; logZ: number; energy: number; heatCapacity: number }>;
  onsager: Array<{ temperature: number; logZ: number }>;
};

/** Build the model a fixture describes. */
export function fixtureModel(f: FixtureModel): IsingModel {
  if (f.lattice) return squareModel(f.lattice[0], f.lattice[1], { coupling: f.coupling, field: f.field, boundary: f.boundary });
  return IsingModel.fromCouplings(f.spins as number, f.couplings as Coupling[], f.fields);
}
