import { GibbsError, invalidValue, requirePositive } from '../../core/errors.js';
import { type PotentialTableData, PotentialSpline, validatePotentialTable } from './tabulated-potential.js';
import { type InversePowerTerm, tailEnergyPerParticle, tailPressure } from './tail-correction.js';

/** The pair potentials gibbs knows, by name. */
export type PairPotentialKind = 'none' | 'lennard-jones' | 'wca' | 'soft-sphere' | 'hard-sphere' | 'square-well' | 'table';

/**
 * Plain-data description of a pair potential (reduced units: lengths in sigma, energies in
 * epsilon; both default to 1).
 * - `lennard-jones`: u = 4 eps [(sigma/r)^12 - (sigma/r)^6] for r < cutoff (default 2.5 sigma),
 *   0 beyond; `shift: true` subtracts u(cutoff) so u is continuous (truncated and shifted).
 * - `wca`: Weeks–Chandler–Andersen, the repulsive part: LJ + eps for r < 2^(1/6) sigma, 0 beyond.
 * - `soft-sphere`: u = eps (sigma/r)^n (exponent n, default 12), truncated at cutoff (default
 *   2.5 sigma), optionally shifted.
 * - `hard-sphere`: u = infinity for r < sigma (the diameter), 0 beyond.
 * - `square-well`: infinity for r < sigma, -eps for sigma <= r < lambda sigma (default lambda 1.5), 0 beyond.
 * - `table`: points (r_k, u_k) joined by a natural cubic spline; infinity below the first point
 *   (a hard core) and 0 beyond the last (the cutoff).
 * - `none`: no interaction (the ideal gas).
 */
export type PairPotentialSpec =
  | { kind: 'none' }
  | { kind: 'lennard-jones'; sigma?: number; epsilon?: number; cutoff?: number; shift?: boolean }
  | { kind: 'wca'; sigma?: number; epsilon?: number }
  | { kind: 'soft-sphere'; sigma?: number; epsilon?: number; exponent?: number; cutoff?: number; shift?: boolean }
  | { kind: 'hard-sphere'; sigma?: number }
  | { kind: 'square-well'; sigma?: number; epsilon?: number; lambda?: number }
  | ({ kind: 'table' } & PotentialTableData);

/**
 * A jump of the potential at distance r: u(r-) = `inner`, u(r+) = `outer`. It adds an
 * impulsive term to the virial pressure; `truncation` marks the artificial jump at a cutoff,
 * which the tail-corrected pressure leaves out (the tail correction stands in for it).
 */
export interface Discontinuity {
  r: number;
  inner: number;
  outer: number;
  truncation: boolean;
}

/** Default cutoff of Lennard-Jones and soft spheres, in units of sigma. */
export const DEFAULT_CUTOFF = 2.5;

const NONE = 0;
const LJ = 1;
const SOFT = 2;
const HARD = 3;
const WELL = 4;
const TABLE = 5;

/**
 * An isotropic pair potential u(r), ready for the Monte Carlo hot loop: every kind is the same
 * class (so call sites stay monomorphic) and `energyR2` works from r^2 (no square root for
 * Lennard-Jones). Energies are in units of epsilon, lengths of sigma (k_B = 1).
 *
 * What the simulation uses is the truncated (and possibly shifted) potential: `energyR2`.
 * `referenceEnergy` is the untruncated form the tail correction and B2 refer to.
 *
 * @example
 * const lj = PairPotential.lennardJones({ cutoff: 3 });
 * lj.energy(2 ** (1 / 6)); // -1 (the minimum)
 * lj.tailEnergyPerParticle(0.8, 3); // (8/3) pi 0.8 [(1/3) 3^-9 - 3^-3] = -0.2480
 * PairPotential.fromSpec({ kind: 'hard-sphere' }).energy(0.9); // Infinity
 */
export class PairPotential {
  readonly kind: PairPotentialKind;
  /** Beyond this distance u = 0 (for hard spheres, the diameter). */
  readonly cutoff: number;
  readonly cutoff2: number;
  /** Below this distance u = infinity (0 when there is no hard core). */
  readonly hardCore: number;
  readonly hardCore2: number;
  /** Length and energy scales (sigma, epsilon). */
  readonly sigma: number;
  readonly epsilon: number;
  /** The constant subtracted inside the cutoff (u_ref(r_c) when shifted; -eps for WCA; else 0). */
  readonly shift: number;
  /** Jumps of the simulated potential (hard cores, well edges, an unshifted cutoff). */
  readonly discontinuities: readonly Discontinuity[];
  /** Inverse-power form beyond the cutoff (empty when the potential has finite range). */
  readonly tailTerms: readonly InversePowerTerm[];
  /** Whether u is Lennard-Jones-shaped (LJ or WCA): hot loops may inline it from `ljCoefficients`. */
  readonly isLennardJones: boolean;
  /**
   * For hot loops (doubles, never re-boxed): [a, b, shift] with u = s^3 (a s^3 - b) - shift,
   * s = 1 / r^2 (a = 4 eps sigma^12, b = 4 eps sigma^6) for Lennard-Jones kinds; zeros otherwise.
   */
  readonly ljCoefficients: Float64Array;
  private readonly spec: PairPotentialSpec;
  private readonly code: number;
  // Coefficients: LJ u = a s^6 - b s^3 with s = 1/r^2 (a = 4 eps sigma^12, b = 4 eps sigma^6);
  // soft spheres u = a r^-n with halfPower = n/2.
  private readonly a: number;
  private readonly b: number;
  private readonly halfPower: number;
  private readonly spline: PotentialSpline | null;

  private constructor(spec: PairPotentialSpec) {
    this.spec = spec;
    this.kind = spec.kind;
    let sigma = 1;
    let epsilon = 1;
    let cutoff = 0;
    let hardCore = 0;
    let shift = 0;
    let a = 0;
    let b = 0;
    let halfPower = 0;
    let spline: PotentialSpline | null = null;
    let code = NONE;
    const discontinuities: Discontinuity[] = [];
    let tailTerms: InversePowerTerm[] = [];
    switch (spec.kind) {
      case 'none':
        break;
      case 'lennard-jones':
      case 'wca': {
        code = LJ;
        sigma = positiveOr('sigma', spec.sigma, 1);
        epsilon = positiveOr('epsilon', spec.epsilon, 1);
        a = 4 * epsilon * sigma ** 12;
        b = 4 * epsilon * sigma ** 6;
        tailTerms = [
          { coefficient: a, power: 12 },
          { coefficient: -b, power: 6 },
        ];
        if (spec.kind === 'wca') {
          cutoff = 2 ** (1 / 6) * sigma;
          shift = -epsilon;
          tailTerms = [];
        } else {
          cutoff = positiveOr('cutoff', spec.cutoff, DEFAULT_CUTOFF * sigma);
          const atCutoff = a / cutoff ** 12 - b / cutoff ** 6;
          if (spec.shift) shift = atCutoff;
          else discontinuities.push({ r: cutoff, inner: atCutoff, outer: 0, truncation: true });
        }
        break;
      }
      case 'soft-sphere': {
        code = SOFT;
        sigma = positiveOr('sigma', spec.sigma, 1);
        epsilon = positiveOr('epsilon', spec.epsilon, 1);
        const power = positiveOr('exponent', spec.exponent, 12);
        halfPower = power / 2;
        a = epsilon * sigma ** power;
        cutoff = positiveOr('cutoff', spec.cutoff, DEFAULT_CUTOFF * sigma);
        tailTerms = [{ coefficient: a, power }];
        const atCutoff = a / cutoff ** power;
        if (spec.shift) shift = atCutoff;
        else discontinuities.push({ r: cutoff, inner: atCutoff, outer: 0, truncation: true });
        break;
      }
      case 'hard-sphere':
        code = HARD;
        sigma = positiveOr('sigma', spec.sigma, 1);
        cutoff = sigma;
        hardCore = sigma;
        discontinuities.push({ r: sigma, inner: Infinity, outer: 0, truncation: false });
        break;
      case 'square-well': {
        code = WELL;
        sigma = positiveOr('sigma', spec.sigma, 1);
        epsilon = positiveOr('epsilon', spec.epsilon, 1);
        const lambda = positiveOr('lambda', spec.lambda, 1.5);
        if (!(lambda > 1)) throw invalidValue('lambda', lambda, 'a well width > 1 (in units of sigma)');
        hardCore = sigma;
        cutoff = lambda * sigma;
        discontinuities.push({ r: sigma, inner: Infinity, outer: -epsilon, truncation: false });
        discontinuities.push({ r: cutoff, inner: -epsilon, outer: 0, truncation: false });
        break;
      }
      case 'table': {
        code = TABLE;
        validatePotentialTable(spec);
        spline = new PotentialSpline(spec);
        hardCore = spec.r[0];
        cutoff = spec.r[spec.r.length - 1];
        sigma = hardCore;
        epsilon = Math.max(1e-300, ...spec.u.map((u) => Math.abs(u)));
        discontinuities.push({ r: hardCore, inner: Infinity, outer: spec.u[0], truncation: false });
        const last = spec.u[spec.u.length - 1];
        if (last !== 0) discontinuities.push({ r: cutoff, inner: last, outer: 0, truncation: true });
        break;
      }
      default:
        throw invalidValue('potential kind', (spec as { kind: unknown }).kind, 'one of none, lennard-jones, wca, soft-sphere, hard-sphere, square-well, table');
    }
    this.code = code;
    this.isLennardJones = code === LJ;
    this.ljCoefficients = Float64Array.of(code === LJ ? a : 0, code === LJ ? b : 0, code === LJ ? shift : 0);
    this.sigma = sigma;
    this.epsilon = epsilon;
    this.cutoff = cutoff;
    this.cutoff2 = cutoff * cutoff;
    this.hardCore = hardCore;
    this.hardCore2 = hardCore * hardCore;
    this.shift = shift;
    this.a = a;
    this.b = b;
    this.halfPower = halfPower;
    this.spline = spline;
    this.discontinuities = discontinuities;
    this.tailTerms = tailTerms;
  }

  /** Build from plain data (validated: a bad parameter is a GibbsError naming it). */
  static fromSpec(spec: PairPotentialSpec): PairPotential {
    if (spec === null || typeof spec !== 'object') throw invalidValue('potential', spec, 'an object with a "kind"');
    return new PairPotential(spec);
  }

  /** No interaction: the ideal gas. */
  static none(): PairPotential {
    return new PairPotential({ kind: 'none' });
  }

  /** Lennard-Jones truncated at `cutoff` (default 2.5 sigma), optionally shifted to 0 there. */
  static lennardJones(options: { sigma?: number; epsilon?: number; cutoff?: number; shift?: boolean } = {}): PairPotential {
    return new PairPotential({ kind: 'lennard-jones', ...options });
  }

  /** The Weeks–Chandler–Andersen potential (purely repulsive Lennard-Jones). */
  static wca(options: { sigma?: number; epsilon?: number } = {}): PairPotential {
    return new PairPotential({ kind: 'wca', ...options });
  }

  /** Soft spheres eps (sigma/r)^n truncated at `cutoff`. */
  static softSpheres(options: { sigma?: number; epsilon?: number; exponent?: number; cutoff?: number; shift?: boolean } = {}): PairPotential {
    return new PairPotential({ kind: 'soft-sphere', ...options });
  }

  /** Hard spheres (disks in 2D) of diameter sigma. */
  static hardSpheres(options: { sigma?: number } = {}): PairPotential {
    return new PairPotential({ kind: 'hard-sphere', ...options });
  }

  /** Square well: hard core sigma, depth eps out to lambda sigma. */
  static squareWell(options: { sigma?: number; epsilon?: number; lambda?: number } = {}): PairPotential {
    return new PairPotential({ kind: 'square-well', ...options });
  }

  /** A tabulated potential (see {@link parsePotentialTable} for the file format). */
  static table(table: PotentialTableData): PairPotential {
    return new PairPotential({ kind: 'table', ...table });
  }

  /** The plain data this potential was built from. */
  toSpec(): PairPotentialSpec {
    return structuredClone(this.spec);
  }

  /** Whether there is no interaction at all. */
  get isNone(): boolean {
    return this.code === NONE;
  }

  /** Whether a tail correction exists (an inverse-power form beyond the cutoff). */
  get hasTail(): boolean {
    return this.tailTerms.length > 0;
  }

  /**
   * The simulated pair energy at squared distance r2: 0 at and beyond the cutoff, +Infinity
   * inside a hard core. This is the hot-loop entry point.
   */
  energyR2(r2: number): number {
    if (r2 >= this.cutoff2) return 0;
    switch (this.code) {
      case LJ: {
        const s = 1 / r2;
        const s3 = s * s * s;
        return s3 * (this.a * s3 - this.b) - this.shift;
      }
      case SOFT:
        return this.a * r2 ** -this.halfPower - this.shift;
      case HARD:
        return Infinity;
      case WELL:
        return r2 < this.hardCore2 ? Infinity : -this.epsilon;
      case TABLE:
        return r2 < this.hardCore2 ? Infinity : (this.spline as PotentialSpline).value(Math.sqrt(r2));
      default:
        return 0;
    }
  }

  /**
   * The pair virial w(r) = -r du/dr of the continuous part at squared distance r2 (0 beyond
   * the cutoff and inside a hard core; the jumps are handled as impulsive terms).
   */
  virialR2(r2: number): number {
    if (r2 >= this.cutoff2 || r2 < this.hardCore2) return 0;
    switch (this.code) {
      case LJ: {
        const s = 1 / r2;
        const s3 = s * s * s;
        return s3 * (12 * this.a * s3 - 6 * this.b);
      }
      case SOFT:
        return 2 * this.halfPower * this.a * r2 ** -this.halfPower;
      case TABLE: {
        const r = Math.sqrt(r2);
        return -r * (this.spline as PotentialSpline).derivative(r);
      }
      default:
        return 0;
    }
  }

  /** The simulated pair energy at distance r. */
  energy(r: number): number {
    return this.energyR2(r * r);
  }

  /** The pair virial -r du/dr at distance r (continuous part). */
  virial(r: number): number {
    return this.virialR2(r * r);
  }

  /**
   * The untruncated, unshifted potential: Lennard-Jones and soft spheres continue as inverse
   * powers beyond the cutoff; every other kind equals the simulated potential.
   */
  referenceEnergy(r: number): number {
    if (this.code === LJ && this.kind === 'lennard-jones') {
      const s3 = 1 / (r * r * r * r * r * r);
      return s3 * (this.a * s3 - this.b);
    }
    if (this.code === SOFT) return this.a * r ** (-2 * this.halfPower);
    return this.energy(r);
  }

  /** Tail correction to the energy per particle at number density rho in d dimensions (0 without a tail). */
  tailEnergyPerParticle(density: number, dimension: number): number {
    return this.hasTail ? tailEnergyPerParticle(this.tailTerms, this.cutoff, dimension, density) : 0;
  }

  /** Tail correction to the pressure at number density rho in d dimensions (0 without a tail). */
  tailPressure(density: number, dimension: number): number {
    return this.hasTail ? tailPressure(this.tailTerms, this.cutoff, dimension, density) : 0;
  }

  /** Throw unless the tail correction converges in d dimensions (every power > d). */
  requireTail(dimension: number): void {
    if (!this.hasTail) throw new GibbsError(`--tail-correction: the ${this.kind} potential has no long-range tail to correct (it is exactly 0 beyond its range)`, '--tail-correction');
    for (const t of this.tailTerms) {
      if (!(t.power > dimension)) throw invalidValue('--tail-correction', `exponent ${t.power}`, `an exponent > ${dimension} (the tail integral diverges otherwise)`);
    }
  }

  /**
   * A distance below which two particles are treated as overlapping when placing them at
   * random: the hard core, or where the potential first exceeds 10 eps.
   */
  get overlapDistance(): number {
    if (this.code === NONE) return 0;
    if (this.code === HARD || this.code === WELL) return this.hardCore;
    let lo = this.hardCore;
    let hi = this.cutoff;
    if (this.energy(hi * (1 - 1e-12)) > 10 * this.epsilon) return hi;
    for (let i = 0; i < 60; i++) {
      const mid = 0.5 * (lo + hi);
      if (this.energy(mid) > 10 * this.epsilon) lo = mid;
      else hi = mid;
    }
    return hi;
  }

  /** A short description, e.g. "Lennard-Jones, truncated at 2.5 sigma". */
  describe(): string {
    const s = this.spec;
    switch (s.kind) {
      case 'none':
        return 'no pair interaction (ideal gas)';
      case 'lennard-jones':
        return `Lennard-Jones, truncated${s.shift ? ' and shifted' : ''} at ${fmt(this.cutoff)} sigma`;
      case 'wca':
        return 'WCA (Lennard-Jones repulsion, cut at 2^(1/6) sigma and shifted)';
      case 'soft-sphere':
        return `soft spheres r^-${fmt(2 * this.halfPower)}, truncated${s.shift ? ' and shifted' : ''} at ${fmt(this.cutoff)} sigma`;
      case 'hard-sphere':
        return `hard spheres, diameter ${fmt(this.sigma)}`;
      case 'square-well':
        return `square well, lambda ${fmt(this.cutoff / this.sigma)}, depth ${fmt(this.epsilon)}`;
      case 'table':
        return `table ${s.source ?? ''} (${s.r.length} points, r from ${fmt(this.hardCore)} to ${fmt(this.cutoff)})`.replace('  ', ' ');
    }
  }
}

function positiveOr(field: string, value: number | undefined, fallback: number): number {
  return value === undefined ? fallback : requirePositive(field, value);
}

function fmt(x: number): string {
  return String(+x.toPrecision(6));
}
