import type { Rng } from '../../core/rng.js';
import type { SweepInfo } from '../kernel.js';
import { type GasState, totalExternalEnergy, totalPairEnergy } from './gas-state.js';
import { particleEnergy, sameCellEnergyChange3 } from './particle-energy.js';

const PERIODIC = 0;
const WALL = 1;
const OPEN = 2;
// (k + 1/2) 2^-32 for k = 0 .. 2^32 - 1: a uniform variate whose grid is symmetric about 1/2,
// so the proposal x -> x + delta (2u - 1) is exactly symmetric, as Metropolis requires.
const HALF_ULP = 0.5 / 4294967296;
const TO_UNIT = 1 / 4294967296;

function boundaryCode(b: string): number {
  return b === 'periodic' ? PERIODIC : b === 'wall' ? WALL : OPEN;
}

/** Put a displaced coordinate back into the box: wrap (periodic), NaN outside walls (reject), unchanged (open). */
function placeCoordinate(x: number, length: number, mode: number): number {
  if (x >= 0 && x < length) return x;
  if (mode === PERIODIC) {
    if (x < 0) {
      x += length;
      return x >= length ? 0 : x;
    }
    return x - length;
  }
  if (mode === WALL) return x < 0 || x > length ? Number.NaN : x;
  return x;
}

/**
 * One sweep of single-particle displacement Metropolis (Metropolis et al., J. Chem. Phys. 21,
 * 1087, 1953): N times, pick a particle uniformly, move it by a uniform displacement in
 * [-delta, delta] per axis, and accept with probability min(1, exp(-beta dE)). dE comes from
 * the particle's energy with its cell-list neighbours at the new and old positions (O(1) per
 * move at fixed density); a new position overlapping a hard core or outside a wall is
 * rejected before anything else is computed. The step size delta only changes during burn-in
 * ({@link adaptStepSize}), so the measured chain is a fixed, reversible Markov kernel.
 */
export function displacementSweep(state: GasState, rng: Rng): SweepInfo {
  const { model, positions: pos, cells, trial } = state;
  const n = model.particles;
  const d = model.dimension;
  const pairless = model.pair.isNone;
  // One fused pass for moves that stay in their cell: 3D image-shifted grids, no hard core.
  const fused = d === 3 && cells.shifted && model.pair.hardCore2 === 0;
  const external = model.external;
  const hasExternal = !external.isNone;
  const beta = state.beta;
  const step = state.stepSize;
  const lx = model.box.lengths[0];
  const ly = model.box.lengths[1];
  const lz = d === 3 ? model.box.lengths[2] : 1;
  const mx = boundaryCode(model.box.boundaries[0]);
  const my = boundaryCode(model.box.boundaries[1]);
  const mz = d === 3 ? boundaryCode(model.box.boundaries[2]) : OPEN;
  let accepted = 0;
  for (let move = 0; move < n; move++) {
    const i = rng.nextInt(n);
    const o = d * i;
    const x = placeCoordinate(pos[o] + step * (2 * ((rng.nextInt32() >>> 0) * TO_UNIT + HALF_ULP) - 1), lx, mx);
    const y = placeCoordinate(pos[o + 1] + step * (2 * ((rng.nextInt32() >>> 0) * TO_UNIT + HALF_ULP) - 1), ly, my);
    const z = d === 3 ? placeCoordinate(pos[o + 2] + step * (2 * ((rng.nextInt32() >>> 0) * TO_UNIT + HALF_ULP) - 1), lz, mz) : 0;
    if (x !== x || y !== y || z !== z) continue; // outside a wall
    let dExternal = 0;
    if (hasExternal) {
      trial[0] = x;
      trial[1] = y;
      trial[2] = z;
      dExternal = external.energyAt(trial, 0, d) - external.energyAt(pos, o, d);
      if (dExternal === Infinity) continue;
    }
    let dPair = 0;
    let cell = -1;
    if (!pairless) {
      cell = cells.cellIndex(x, y, z);
      const self = cells.slotIndex(i);
      if (fused && cell === cells.cellOf[i]) {
        dPair = sameCellEnergyChange3(state, self, pos[o], pos[o + 1], pos[o + 2], x, y, z, cell);
      } else {
        const eNew = particleEnergy(state, self, x, y, z, cell);
        if (eNew === Infinity) continue;
        dPair = eNew - particleEnergy(state, self, pos[o], pos[o + 1], d === 3 ? pos[o + 2] : 0, cells.cellOf[i]);
      }
    }
    const dE = dPair + dExternal;
    if (dE > 0 && rng.nextFloat32Bits() >= Math.exp(-beta * dE)) continue;
    pos[o] = x;
    pos[o + 1] = y;
    if (d === 3) pos[o + 2] = z;
    if (!pairless) {
      cells.update(i, cell, pos, o);
      state.pairEnergy += dPair;
    }
    state.externalEnergy += dExternal;
    accepted++;
  }
  return { accepted, attempted: n };
}

/**
 * Burn-in hook: steer the step size towards the target acceptance rate. Proposals are pooled
 * until at least 2000 (or the burn-in ends), then delta is scaled by acceptance / target
 * (clamped to [0.5, 1.5]) and capped at half the box. Never called after burn-in.
 */
export function adaptStepSize(state: GasState, info: SweepInfo, sweep: number, burnIn: number): void {
  state.windowAccepted += info.accepted;
  state.windowAttempted += info.attempted;
  if (state.windowAttempted < 2000 && sweep < burnIn) return;
  const rate = state.windowAccepted / state.windowAttempted;
  const factor = Math.min(1.5, Math.max(0.5, rate / state.targetAcceptance));
  state.stepSize = Math.min(state.maxStep, state.stepSize * factor);
  state.windowAccepted = 0;
  state.windowAttempted = 0;
}

/**
 * Consistency hook: recompute the pair and one-body energies from scratch, resynchronise the
 * tracked totals and return the absolute drift that had accumulated (round-off only, for a
 * correct kernel).
 */
export function checkEnergyDrift(state: GasState): number {
  const pair = totalPairEnergy(state);
  const external = totalExternalEnergy(state);
  const drift = Math.abs(pair - state.pairEnergy) + Math.abs(external - state.externalEnergy);
  state.pairEnergy = pair;
  state.externalEnergy = external;
  return drift;
}
