import { GibbsError, invalidValue, requireInteger, requirePositive, requireProbability } from '../../core/errors.js';
import { Rng, type RngState } from '../../core/rng.js';
import { CellList } from '../../models/particles/cell-list.js';
import type { GasModel } from '../../models/particles/gas-model.js';
import { type StartKind, latticePositions, randomPositions } from '../../models/particles/initial-configurations.js';
import { contactWindows, type ContactWindow } from './contact.js';
import { LennardJonesWasm } from './wasm-lennard-jones.js';

/** Options of the gas displacement sampler (plain data: they cross worker threads). */
export interface GasSamplerOptions {
  /** Temperature T (k_B = 1, units of epsilon). */
  temperature: number;
  /** Starting configuration: `lattice` (default), `random` (overlap-free insertion), or explicit coordinates (N * d). */
  start?: StartKind | Float64Array;
  /** Initial maximum displacement per axis (default: a tenth of sigma, or of the mean spacing for the ideal gas). */
  stepSize?: number;
  /** Acceptance rate the burn-in steers the step size towards (default 0.4). */
  targetAcceptance?: number;
  /** Widom test-particle insertions per measurement (default 0: off). */
  widomInsertions?: number;
  /** Bins of g(r) (default 0: off). */
  rdfBins?: number;
  /** Largest r of g(r) (default min(L/2, 5 sigma)). */
  rdfMax?: number;
  /** Bins of the density profile (default 0: off). */
  profileBins?: number;
  /** Axis of the density profile (default: the gravity axis, else 0). */
  profileAxis?: number;
  /** Use the WebAssembly Lennard-Jones loops where they apply (default true; the numbers are identical either way). */
  wasm?: boolean;
}

/** A chain of the gas sampler: positions, cell list, incrementally tracked energies, step size. */
export interface GasState {
  readonly model: GasModel;
  readonly beta: number;
  /** Coordinates x0 y0 [z0] x1 ... (N * d). */
  readonly positions: Float64Array;
  readonly cells: CellList;
  /** Sum of the simulated pair energies, tracked incrementally (resynchronised by `check`). */
  pairEnergy: number;
  /** Sum of the one-body energies, tracked incrementally. */
  externalEnergy: number;
  /** Maximum displacement per axis: tuned during burn-in only, then frozen. */
  stepSize: number;
  /** Largest allowed step: half the shortest side (one wrap suffices and moves stay local). */
  readonly maxStep: number;
  /** Proposals in the current burn-in adaptation window. */
  windowAccepted: number;
  windowAttempted: number;
  readonly targetAcceptance: number;
  /** Generator for measurements (Widom insertions), separate from the chain's so measuring never perturbs the chain. */
  readonly measureRng: Rng;
  /** Where pair counts for the impulsive (contact) pressure are taken. */
  readonly contacts: ContactWindow[];
  /** Scratch: trial coordinates. */
  readonly trial: Float64Array;
  /** The WebAssembly Lennard-Jones loops for this state's cell list, or null (JavaScript loops). */
  readonly lennardJonesWasm: LennardJonesWasm | null;
}

/** The plain-data state saved in checkpoints. */
export interface GasSavedState {
  positions: Float64Array;
  /** Particle indices cell by cell, and each cell's count: restores the exact iteration order. */
  cellOrder: Int32Array;
  cellCounts: Int32Array;
  pairEnergy: number;
  externalEnergy: number;
  stepSize: number;
  windowAccepted: number;
  windowAttempted: number;
  measureRng: RngState;
}

/** Validate sampler options against a model (clear errors naming the option). */
export function validateGasOptions(model: GasModel, options: GasSamplerOptions): void {
  requirePositive('temperature', options.temperature);
  if (options.stepSize !== undefined) requirePositive('stepSize', options.stepSize);
  if (options.targetAcceptance !== undefined) requireProbability('targetAcceptance', options.targetAcceptance, true);
  if (options.widomInsertions !== undefined) requireInteger('widomInsertions', options.widomInsertions, 0, 1_000_000);
  if (options.rdfBins !== undefined) requireInteger('rdfBins', options.rdfBins, 0, 100_000);
  if (options.profileBins !== undefined) requireInteger('profileBins', options.profileBins, 0, 100_000);
  if (options.profileAxis !== undefined) requireInteger('profileAxis', options.profileAxis, 0, model.dimension - 1);
  if ((options.widomInsertions ?? 0) > 0 && !model.homogeneous) throw new GibbsError('--widom: Widom insertion needs a homogeneous fluid (a fully periodic box without an external potential)', '--widom');
  if ((options.rdfBins ?? 0) > 0) {
    if (!model.homogeneous) throw new GibbsError('--rdf: g(r) needs a homogeneous fluid (a fully periodic box without an external potential)', '--rdf');
    if (model.particles < 2) throw invalidValue('particles', model.particles, 'at least 2 for g(r)');
    if (options.rdfMax !== undefined) {
      requirePositive('rdfMax', options.rdfMax);
      if (options.rdfMax > model.box.shortestPeriod / 2) throw invalidValue('--rdf-max', options.rdfMax, `at most half the box side (${+(model.box.shortestPeriod / 2).toPrecision(6)})`);
    }
  }
  const start = options.start;
  if (start instanceof Float64Array) {
    if (start.length !== model.particles * model.dimension) throw invalidValue('start', `${start.length} coordinates`, `${model.particles * model.dimension} (N * d)`);
    for (const x of start) if (!Number.isFinite(x)) throw invalidValue('start', x, 'finite coordinates');
  } else if (start !== undefined && start !== 'lattice' && start !== 'random') {
    throw invalidValue('--start', start, 'lattice or random');
  }
}

/** Largest step: half the shortest side of the box (or reference region). */
function maximumStep(model: GasModel): number {
  return Math.min(...Array.from(model.box.lengths)) / 2;
}

/** The cell width the sampler needs: the cutoff, widened to cover the contact-pressure windows. */
function cellWidth(model: GasModel, contacts: ContactWindow[]): number {
  let width = model.pair.isNone ? model.box.volume ** (1 / model.dimension) : model.pair.cutoff;
  for (const c of contacts) width = Math.max(width, c.hi);
  return width;
}

function allocateState(model: GasModel, options: GasSamplerOptions, positions: Float64Array, measureRng: Rng): GasState {
  const contacts = contactWindows(model, options.temperature);
  const cells = new CellList(model.box, cellWidth(model, contacts), model.particles);
  const lennardJonesWasm = options.wasm === false ? null : LennardJonesWasm.create(cells, model.pair);
  const spacing = (model.box.volume / model.particles) ** (1 / model.dimension);
  const defaultStep = model.pair.isNone ? 0.5 * spacing : 0.1 * model.pair.sigma;
  return {
    model,
    beta: 1 / options.temperature,
    positions,
    cells,
    pairEnergy: 0,
    externalEnergy: 0,
    stepSize: Math.min(options.stepSize ?? defaultStep, maximumStep(model)),
    maxStep: maximumStep(model),
    windowAccepted: 0,
    windowAttempted: 0,
    targetAcceptance: options.targetAcceptance ?? 0.4,
    measureRng,
    contacts,
    trial: new Float64Array(3),
    lennardJonesWasm,
  };
}

/**
 * Start a chain: build the starting configuration (drawing from `rng` for a random start),
 * the cell list and the energies. A start with overlapping hard cores is refused.
 */
export function initGasState(model: GasModel, options: GasSamplerOptions, rng: Rng): GasState {
  validateGasOptions(model, options);
  const start = options.start ?? 'lattice';
  const positions = start instanceof Float64Array ? start.slice() : start === 'random' ? randomPositions(model, rng) : latticePositions(model);
  // The measurement generator is seeded from the chain's stream, so runs stay reproducible.
  const measureRng = Rng.fromSeed(BigInt(rng.nextUint32()) * 4294967296n + BigInt(rng.nextUint32()));
  const state = allocateState(model, options, positions, measureRng);
  state.cells.build(positions);
  state.pairEnergy = totalPairEnergy(state);
  state.externalEnergy = totalExternalEnergy(state);
  if (!Number.isFinite(state.pairEnergy) || !Number.isFinite(state.externalEnergy)) {
    throw new GibbsError(
      `--start: the starting configuration has infinite energy (overlapping hard cores, or a particle where the external potential is infinite); packing fraction ${+model.packingFraction.toPrecision(3)}`,
      '--start',
    );
  }
  return state;
}

/** Plain-data copy of a state for checkpoints and threads. */
export function saveGasState(state: GasState): GasSavedState {
  const { cells } = state;
  const cellOrder = new Int32Array(state.model.particles);
  let k = 0;
  for (let c = 0; c < cells.cellCount; c++) for (let s = 0; s < cells.count[c]; s++) cellOrder[k++] = cells.members[c * cells.capacity + s];
  return {
    positions: state.positions.slice(),
    cellOrder,
    cellCounts: cells.count.slice(),
    pairEnergy: state.pairEnergy,
    externalEnergy: state.externalEnergy,
    stepSize: state.stepSize,
    windowAccepted: state.windowAccepted,
    windowAttempted: state.windowAttempted,
    measureRng: state.measureRng.getState(),
  };
}

/** Rebuild a state from {@link saveGasState}: it continues bit for bit (same cell order, same sums). */
export function restoreGasState(model: GasModel, options: GasSamplerOptions, saved: GasSavedState): GasState {
  const positions = Float64Array.from(saved.positions);
  if (positions.length !== model.particles * model.dimension) throw new GibbsError('checkpoint: the saved positions do not match the model (different N or dimension)');
  const state = allocateState(model, options, positions, Rng.fromState(saved.measureRng));
  const { cells } = state;
  if (saved.cellCounts.length !== cells.cellCount) throw new GibbsError('checkpoint: the saved cell list does not match the model');
  let k = 0;
  for (let c = 0; c < cells.cellCount; c++) {
    for (let s = 0; s < saved.cellCounts[c]; s++) {
      const i = saved.cellOrder[k++];
      cells.insert(i, c, positions, model.dimension * i);
    }
  }
  state.pairEnergy = saved.pairEnergy;
  state.externalEnergy = saved.externalEnergy;
  state.stepSize = saved.stepSize;
  state.windowAccepted = saved.windowAccepted;
  state.windowAttempted = saved.windowAttempted;
  return state;
}

/**
 * Energy of a particle placed at (x, y, z), in cell `cell`, with every particle stored in the
 * cell list except the one in flat slot `self` (the particle being moved; -1 for a ghost).
 * Returns +Infinity on a hard-core overlap as soon as one is found. This is the hot loop of
 * the sampler: it streams through the cells' coordinate copies, uses image-shifted neighbour
 * cells (no minimum-image branches) and inlines Lennard-Jones.
 */
export function particleEnergy(state: GasState, self: number, x: number, y: number, z: number, cell: number): number {
  const cells = state.cells;
  const pair = state.model.pair;
  if (state.lennardJonesWasm !== null) return state.lennardJonesWasm.energy(self, x, y, z, cell);
  if (!cells.shifted) return particleEnergyMinimumImage(state, self, x, y, z, cell);
  if (state.model.dimension === 3) return shiftedEnergy3(state, self, x, y, z, cell);
  const coords = cells.coords;
  const capacity = cells.capacity;
  const count = cells.count;
  const neighbours = cells.neighbours;
  const shifts = cells.neighbourShifts;
  const cutoff2 = pair.cutoff2;
  const core2 = pair.hardCore2;
  const end = cells.neighbourStart[cell + 1];
  const skip = 2 * self;
  let e = 0;
  for (let q = cells.neighbourStart[cell]; q < end; q++) {
    const c = neighbours[q];
    const sx = shifts[3 * q] - x;
    const sy = shifts[3 * q + 1] - y;
    const base = 2 * c * capacity;
    const stop = base + 2 * count[c];
    for (let s = base; s < stop; s += 2) {
      if (s === skip) continue;
      const dx = coords[s] + sx;
      const dy = coords[s + 1] + sy;
      const r2 = dx * dx + dy * dy;
      if (r2 < cutoff2) {
        if (r2 < core2) return Infinity;
        e += pair.energyR2(r2);
      }
    }
  }
  return e;
}

/**
 * 3D with image-shifted cells. Lennard-Jones is inlined (the benchmark's loop); other kinds go
 * through `energyR2`. The kind test sits inside the cutoff branch and never changes within a
 * call, so it costs a well-predicted branch on the ~15% of candidates inside the cutoff.
 */
function shiftedEnergy3(state: GasState, self: number, x: number, y: number, z: number, cell: number): number {
  const cells = state.cells;
  const pair = state.model.pair;
  const lennardJones = pair.isLennardJones;
  const coefficients = pair.ljCoefficients;
  const a = coefficients[0];
  const b = coefficients[1];
  const shift = coefficients[2];
  const cutoff2 = pair.cutoff2;
  const core2 = pair.hardCore2;
  const coords = cells.coords;
  const capacity3 = 3 * cells.capacity;
  const count = cells.count;
  const neighbours = cells.neighbours;
  const shifts = cells.neighbourShifts;
  const end = cells.neighbourStart[cell + 1];
  const skip = 3 * self;
  let e = 0;
  for (let q = cells.neighbourStart[cell]; q < end; q++) {
    const c = neighbours[q];
    const sx = shifts[3 * q] - x;
    const sy = shifts[3 * q + 1] - y;
    const sz = shifts[3 * q + 2] - z;
    const base = c * capacity3;
    const stop = base + 3 * count[c];
    for (let s = base; s < stop; s += 3) {
      const dx = coords[s] + sx;
      const dy = coords[s + 1] + sy;
      const dz = coords[s + 2] + sz;
      const r2 = dx * dx + dy * dy + dz * dz;
      if (r2 < cutoff2 && s !== skip) {
        if (lennardJones) {
          const inverse = 1 / r2;
          const s3 = inverse * inverse * inverse;
          e += s3 * (a * s3 - b) - shift;
        } else {
          if (r2 < core2) return Infinity;
          e += pair.energyR2(r2);
        }
      }
    }
  }
  return e;
}

/**
 * Energy change of a Lennard-Jones-type particle (no hard core) moved from (ox, oy, oz) to
 * (x, y, z) within the same cell of a 3D image-shifted grid: one pass over the neighbours
 * computes both distances from each coordinate load (most moves stay in their cell).
 * Returns E(new) - E(old).
 */
export function sameCellEnergyChange3(state: GasState, self: number, ox: number, oy: number, oz: number, x: number, y: number, z: number, cell: number): number {
  if (state.lennardJonesWasm !== null) return state.lennardJonesWasm.change(self, ox, oy, oz, x, y, z, cell);
  const cells = state.cells;
  const pair = state.model.pair;
  const lennardJones = pair.isLennardJones;
  const coefficients = pair.ljCoefficients;
  const a = coefficients[0];
  const b = coefficients[1];
  const cutoff2 = pair.cutoff2;
  const coords = cells.coords;
  const capacity3 = 3 * cells.capacity;
  const count = cells.count;
  const neighbours = cells.neighbours;
  const shifts = cells.neighbourShifts;
  const end = cells.neighbourStart[cell + 1];
  const skip = 3 * self;
  // The shift constant cancels between old and new pairs except when one side is inside the
  // cutoff and the other is not: count those with signs.
  const shift = coefficients[2];
  let delta = 0;
  for (let q = cells.neighbourStart[cell]; q < end; q++) {
    const c = neighbours[q];
    const sx = shifts[3 * q];
    const sy = shifts[3 * q + 1];
    const sz = shifts[3 * q + 2];
    const nx = sx - x;
    const ny = sy - y;
    const nz = sz - z;
    const px = sx - ox;
    const py = sy - oy;
    const pz = sz - oz;
    const base = c * capacity3;
    const stop = base + 3 * count[c];
    for (let s = base; s < stop; s += 3) {
      const cx = coords[s];
      const cy = coords[s + 1];
      const cz = coords[s + 2];
      const dx = cx + nx;
      const dy = cy + ny;
      const dz = cz + nz;
      const r2 = dx * dx + dy * dy + dz * dz;
      const ex = cx + px;
      const ey = cy + py;
      const ez = cz + pz;
      const q2 = ex * ex + ey * ey + ez * ez;
      if (r2 < cutoff2 && s !== skip) {
        if (lennardJones) {
          const inverse = 1 / r2;
          const s3 = inverse * inverse * inverse;
          delta += s3 * (a * s3 - b) - shift;
        } else delta += pair.energyR2(r2);
      }
      if (q2 < cutoff2 && s !== skip) {
        if (lennardJones) {
          const inverse = 1 / q2;
          const s3 = inverse * inverse * inverse;
          delta -= s3 * (a * s3 - b) - shift;
        } else delta -= pair.energyR2(q2);
      }
    }
  }
  return delta;
}

/**
 * {@link particleEnergy} for grids with fewer than 3 cells along a periodic axis (small boxes):
 * minimum images, computed without branches as dx - L floor(dx / L + 1/2) (a rounding
 * instruction; unpredictable compare-and-wrap branches cost twice as much here).
 */
function particleEnergyMinimumImage(state: GasState, self: number, x: number, y: number, z: number, cell: number): number {
  const { cells, model } = state;
  const pair = model.pair;
  const d = model.dimension;
  const length = model.box.lengths;
  const inverse = model.box.inversePeriods;
  const lx = length[0];
  const ly = length[1];
  const lz = d === 3 ? length[2] : 0;
  const ix = inverse[0];
  const iy = inverse[1];
  const iz = d === 3 ? inverse[2] : 0;
  const cutoff2 = pair.cutoff2;
  const core2 = pair.hardCore2;
  const coords = cells.coords;
  const capacity = cells.capacity;
  const skip = d * self;
  let e = 0;
  for (let q = cells.neighbourStart[cell]; q < cells.neighbourStart[cell + 1]; q++) {
    const c = cells.neighbours[q];
    const base = d * c * capacity;
    const stop = base + d * cells.count[c];
    for (let s = base; s < stop; s += d) {
      let dx = coords[s] - x;
      dx -= lx * Math.floor(dx * ix + 0.5);
      let dy = coords[s + 1] - y;
      dy -= ly * Math.floor(dy * iy + 0.5);
      let r2 = dx * dx + dy * dy;
      if (d === 3) {
        let dz = coords[s + 2] - z;
        dz -= lz * Math.floor(dz * iz + 0.5);
        r2 += dz * dz;
      }
      if (r2 < cutoff2 && s !== skip) {
        if (r2 < core2) return Infinity;
        e += pair.energyR2(r2);
      }
    }
  }
  return e;
}

/** Sum of the simulated pair energies from scratch (each pair once, through the cell list). */
export function totalPairEnergy(state: GasState): number {
  const { model, positions: pos, cells } = state;
  if (model.pair.isNone) return 0;
  const d = model.dimension;
  let total = 0;
  for (let i = 0; i < model.particles; i++) {
    const o = d * i;
    // Half of each particle's energy with all others counts each pair once.
    total += particleEnergy(state, cells.slotIndex(i), pos[o], pos[o + 1], d === 3 ? pos[o + 2] : 0, cells.cellOf[i]);
  }
  return 0.5 * total;
}

/** Sum of the one-body energies from scratch. */
export function totalExternalEnergy(state: GasState): number {
  const { model, positions } = state;
  if (model.external.isNone) return 0;
  let total = 0;
  for (let i = 0; i < model.particles; i++) total += model.external.energyAt(positions, model.dimension * i, model.dimension);
  return total;
}
