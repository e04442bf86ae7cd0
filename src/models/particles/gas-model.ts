import { GibbsError, invalidValue, requireInteger } from '../../core/errors.js';
import { ParticleBox, type ParticleBoxData } from './box.js';
import { ExternalPotential, type ExternalPotentialSpec } from './external-potential.js';
import { PairPotential, type PairPotentialSpec } from './pair-potential.js';

/** Plain-data form of a gas model (structured-cloneable: crosses worker threads, fits in JSON). */
export interface GasModelData {
  particles: number;
  box: ParticleBoxData;
  pair: PairPotentialSpec;
  external: ExternalPotentialSpec;
  tailCorrection: boolean;
}

/** What a gas model is made of. */
export interface GasModelOptions {
  /** Number of particles N. */
  particles: number;
  box: ParticleBox;
  /** Pair potential (default: none, the ideal gas). */
  pair?: PairPotential;
  /** One-body potential (default: none). */
  external?: ExternalPotential;
  /**
   * Report energies and pressures of the untruncated potential by adding the analytic tail
   * corrections (and, for a shifted potential, the shift of every pair inside the cutoff).
   * Needs a fully periodic box and a potential with an inverse-power tail.
   */
  tailCorrection?: boolean;
}

/**
 * N classical particles in continuous space with energy (k_B = 1, reduced units)
 *
 *   E(x_1..x_N) = sum_n E1(x_n) + sum_{n<m} u(|x_n - x_m|)
 *
 * The one-body part E1 alone is the ideal gas, which factorises (src/exact/ideal-gas.ts); the
 * pair part u makes it an interacting fluid, sampled by Monte Carlo (src/mcmc/gas/).
 * Distances use the minimum image along periodic axes, so the cutoff must not exceed half
 * the shortest periodic side.
 *
 * @example
 * const model = new GasModel({
 *   particles: 500,
 *   box: ParticleBox.fromDensity(3, 500, 0.776),
 *   pair: PairPotential.lennardJones({ cutoff: 3 }),
 *   tailCorrection: true,
 * });
 * model.density; // 0.776
 */
export class GasModel {
  readonly particles: number;
  readonly box: ParticleBox;
  readonly pair: PairPotential;
  readonly external: ExternalPotential;
  readonly tailCorrection: boolean;
  readonly dimension: 2 | 3;
  /** N / V (V: the box volume, or the reference region along open axes). */
  readonly density: number;

  constructor(options: GasModelOptions) {
    this.particles = requireInteger('particles', options.particles, 1, 10_000_000);
    if (!(options.box instanceof ParticleBox)) throw invalidValue('box', options.box, 'a ParticleBox');
    this.box = options.box;
    this.dimension = options.box.dimension;
    this.pair = options.pair ?? PairPotential.none();
    this.external = (options.external ?? ExternalPotential.none()).resolve(this.box);
    this.tailCorrection = options.tailCorrection ?? false;
    this.density = this.particles / this.box.volume;
    const half = this.box.shortestPeriod / 2;
    if (!this.pair.isNone && this.pair.cutoff > half) {
      throw new GibbsError(
        `cutoff: got ${+this.pair.cutoff.toPrecision(6)}, expected at most half the shortest periodic box side (${+half.toPrecision(6)}) for the minimum-image convention; use more particles, a lower density or a smaller cutoff`,
        'cutoff',
      );
    }
    if (this.tailCorrection) {
      this.pair.requireTail(this.dimension);
      if (!this.box.fullyPeriodic || !this.external.isNone) {
        throw new GibbsError('--tail-correction: needs a homogeneous fluid (a fully periodic box without an external potential)', '--tail-correction');
      }
    }
  }

  /** Rebuild from {@link GasModel.toData}. */
  static fromData(data: GasModelData): GasModel {
    return new GasModel({
      particles: data.particles,
      box: ParticleBox.fromData(data.box),
      pair: PairPotential.fromSpec(data.pair),
      external: ExternalPotential.fromSpec(data.external),
      tailCorrection: data.tailCorrection,
    });
  }

  /** Plain data (throws when the external potential is a custom function). */
  toData(): GasModelData {
    return { particles: this.particles, box: this.box.toData(), pair: this.pair.toSpec(), external: this.external.toSpec(), tailCorrection: this.tailCorrection };
  }

  /** Whether the fluid is homogeneous: fully periodic, no external potential (pressure, g(r), Widom apply). */
  get homogeneous(): boolean {
    return this.box.fullyPeriodic && this.external.isNone;
  }

  /** Tail correction to the energy per particle (0 unless `tailCorrection`). */
  get tailEnergyPerParticle(): number {
    return this.tailCorrection ? this.pair.tailEnergyPerParticle(this.density, this.dimension) : 0;
  }

  /** Tail correction to the pressure (0 unless `tailCorrection`). */
  get tailPressure(): number {
    return this.tailCorrection ? this.pair.tailPressure(this.density, this.dimension) : 0;
  }

  /** Packing fraction of spheres (disks) of diameter sigma: rho pi sigma^3 / 6 (3D), rho pi sigma^2 / 4 (2D). */
  get packingFraction(): number {
    const s = this.pair.sigma;
    return this.dimension === 3 ? (this.density * Math.PI * s * s * s) / 6 : (this.density * Math.PI * s * s) / 4;
  }

  /** A one-line description. */
  describe(): string {
    const open = this.box.boundaries.includes('open');
    const where = open ? `open space (reference region ${this.box.describe().replace(/^open /, '')})` : `a ${this.box.describe()}`;
    const parts = [`${this.particles} particles in ${where}`, ...(open ? [] : [`density ${+this.density.toPrecision(6)}`]), this.pair.describe()];
    if (!this.external.isNone) parts.push(this.external.describe());
    if (this.tailCorrection) parts.push('tail-corrected');
    return parts.join(', ');
  }
}
