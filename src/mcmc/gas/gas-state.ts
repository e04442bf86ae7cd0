import { GibbsError, invalidValue, requireInteger, requirePositive, requireProbability } from '../../core/errors.js';
import { Rng, type RngState } from '../../core/rng.js';
import { CellList } from '../../models/particles/cell-list.js';
import type { GasModel } from '../../models/particles/gas-model.js';
import { type StartKind, latticePositions, randomPositions } from '../../models/particles/initial-configurations.js';
import { contactWindows, type ContactWindow } from './contact.js';
import { particleEnergy } from './particle-energy.js';
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
