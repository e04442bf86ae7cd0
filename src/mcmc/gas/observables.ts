import { defaultProfileAxis } from '../../exact/ideal-gas.js';
import type { GasModel } from '../../models/particles/gas-model.js';
import type { DerivedObservable, ObservableSet, VectorObservable } from '../kernel.js';
import type { GasSamplerOptions, GasState } from './gas-state.js';
import { accumulatePairSums, createPairSums, impulsivePressure } from './pair-sums.js';
import { RadialDistribution } from './rdf.js';
import { widomWeight } from './widom.js';

/**
 * The density profile along one axis: per bin, the fraction of particles in it (its average
 * is the exact one-particle probability of the bin). Range [0, L) of the box or reference region.
 */
export class DensityProfileObservable implements VectorObservable<GasState> {
  readonly name = 'densityProfile';
  readonly length: number;
  readonly axis: number;
  readonly edges: Float64Array;
  private readonly lo: number;
  private readonly inverseWidth: number;

  constructor(model: GasModel, bins: number, axis: number) {
    this.length = bins;
    this.axis = axis;
    const length = model.box.lengths[axis];
    this.lo = 0;
    this.inverseWidth = bins / length;
    this.edges = Float64Array.from({ length: bins + 1 }, (_, b) => (b * length) / bins);
  }

  accumulate(state: GasState, sum: Float64Array): void {
    const { model, positions } = state;
    const d = model.dimension;
    const weight = 1 / model.particles;
    for (let i = 0; i < model.particles; i++) {
      const b = Math.floor((positions[d * i + this.axis] - this.lo) * this.inverseWidth);
      if (b >= 0 && b < this.length) sum[b] += weight;
    }
  }
}

/** g(r) as a vector observable. */
class RdfObservable implements VectorObservable<GasState> {
  readonly name = 'rdf';
  readonly length: number;
  constructor(readonly rdf: RadialDistribution) {
    this.length = rdf.bins;
  }
  accumulate(state: GasState, sum: Float64Array): void {
    this.rdf.accumulate(state, sum);
  }
}

/** Names of the scalar observables of the gas kernel. */
export const GAS_SCALARS = { energy: 'energyPerParticle', pressure: 'pressure', widom: 'widomWeight' } as const;

/**
 * What a gas chain measures:
 * - `energyPerParticle`: (pair + one-body energy) / N; with the tail correction, the
 *   untruncated potential's: + shift x (pairs inside the cutoff) / N + u_tail;
 * - `pressure` (homogeneous fluids only): the virial pressure
 *   P = N T / V + (1 / (d V)) sum_pairs w(r) + impulsive terms at the potential's jumps
 *   (src/mcmc/gas/contact.ts) + P_tail when tail-corrected (which then replaces the jump at
 *   the cutoff);
 * - `widomWeight` (with insertions): the mean Boltzmann factor of ghost insertions, and the
 *   derived `excessChemicalPotential` = -T log <weight> (+ 2 u_tail when tail-corrected);
 * - vectors `rdf` (g(r)) and `densityProfile` when asked for.
 */
export function gasObservables(model: GasModel, options: GasSamplerOptions): ObservableSet<GasState> {
  const homogeneous = model.homogeneous;
  const insertions = options.widomInsertions ?? 0;
  const scalars: string[] = [GAS_SCALARS.energy];
  if (homogeneous) scalars.push(GAS_SCALARS.pressure);
  if (insertions > 0) scalars.push(GAS_SCALARS.widom);
  const temperature = options.temperature;
  const n = model.particles;
  const d = model.dimension;
  const volume = model.box.volume;
  const tailEnergy = model.tailEnergyPerParticle;
  const tailPressure = model.tailPressure;
  const shift = model.tailCorrection ? model.pair.shift : 0;
  const needPairs = !model.pair.isNone && (homogeneous || shift !== 0);
  let sums: ReturnType<typeof createPairSums> | null = null;
  const measure = (state: GasState, out: Float64Array) => {
    if (needPairs) {
      sums ??= createPairSums(state);
      accumulatePairSums(state, sums);
    }
    let k = 0;
    out[k++] = (state.pairEnergy + state.externalEnergy + shift * (sums?.pairsInCutoff ?? 0)) / n + tailEnergy;
    if (homogeneous) {
      const virial = sums === null ? 0 : sums.virial / (d * volume) + impulsivePressure(state, sums);
      out[k++] = (n * temperature) / volume + virial + tailPressure;
    }
    if (insertions > 0) out[k] = widomWeight(state, insertions);
  };
  const vectors: VectorObservable<GasState>[] = [];
  if ((options.rdfBins ?? 0) > 0) vectors.push(new RdfObservable(new RadialDistribution(model, options.rdfBins as number, options.rdfMax ?? RadialDistribution.defaultMax(model))));
  if ((options.profileBins ?? 0) > 0) vectors.push(new DensityProfileObservable(model, options.profileBins as number, options.profileAxis ?? defaultProfileAxis(model)));
  const derived: DerivedObservable[] = [];
  if (insertions > 0) {
    const tailMu = 2 * tailEnergy;
    derived.push({ name: 'excessChemicalPotential', inputs: [GAS_SCALARS.widom], compute: ([w]) => -temperature * Math.log(w) + tailMu });
  }
  return { scalars, measure, vectors, derived };
}
