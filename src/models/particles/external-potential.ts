import { GibbsError, invalidValue, requireFinite, requireInteger, requireNonNegative, requirePositive } from '../../core/errors.js';
import type { ParticleBox } from './box.js';

/** The built-in one-body (external) potentials, by name; `custom` is a user function (API only). */
export type ExternalPotentialKind = 'none' | 'harmonic' | 'gravity' | 'custom';

/**
 * Plain-data description of a built-in one-body energy E1(x) (energies in epsilon, k_B = 1):
 * - `none`: E1 = 0 (a free gas in its box);
 * - `harmonic`: E1 = sum_k (k_k / 2) (x_k - c_k)^2, stiffness k (one number or one per axis),
 *   centre c (default: the centre of the box);
 * - `gravity`: E1 = m g x_axis, the potential energy in a uniform field along `axis` (default
 *   the last), measured from the bottom wall x_axis = 0; `strength` = m g (default 1).
 */
export type ExternalPotentialSpec =
  | { kind: 'none' }
  | { kind: 'harmonic'; stiffness?: number | number[]; center?: number[] }
  | { kind: 'gravity'; strength?: number; axis?: number };

/** A user-supplied one-body energy: receives the position (length d, reused: do not keep it). */
export type OneBodyFunction = (position: Float64Array) => number;

const NONE = 0;
const HARMONIC = 1;
const GRAVITY = 2;
const CUSTOM = 3;

/**
 * A one-body energy E1(x) acting on every particle, total E = sum_n E1(x_n) (+ pair terms).
 * Built-in kinds are plain data (they cross worker threads and go into checkpoints); a custom
 * function works through the API in one thread.
 *
 * @example
 * const trap = ExternalPotential.harmonic({ stiffness: 2, center: [0, 0, 0] });
 * trap.energy([1, 0, 0]); // (2/2) * 1^2 = 1
 * const g = ExternalPotential.gravity({ strength: 0.5 }); // E1 = 0.5 z in 3D
 * const ring = ExternalPotential.custom((x) => (Math.hypot(x[0], x[1]) - 3) ** 2, 'ring');
 */
export class ExternalPotential {
  readonly kind: ExternalPotentialKind;
  /** Harmonic stiffness per axis (empty for other kinds; length 1 means "every axis"). */
  readonly stiffness: Float64Array;
  /** Harmonic centre (empty until resolved against a box, see {@link ExternalPotential.resolve}). */
  readonly center: Float64Array;
  /** Gravity: m g. */
  readonly strength: number;
  /** Gravity: the axis it pulls along (-1: the last axis of the box). */
  readonly axis: number;
  /** Name of a custom function, for descriptions. */
  readonly name: string;
  private readonly code: number;
  private readonly fn: OneBodyFunction | null;
  private readonly scratch2 = new Float64Array(2);
  private readonly scratch3 = new Float64Array(3);

  private constructor(kind: ExternalPotentialKind, fields: { stiffness?: Float64Array; center?: Float64Array; strength?: number; axis?: number; fn?: OneBodyFunction; name?: string }) {
    this.kind = kind;
    this.code = kind === 'harmonic' ? HARMONIC : kind === 'gravity' ? GRAVITY : kind === 'custom' ? CUSTOM : NONE;
    this.stiffness = fields.stiffness ?? new Float64Array(0);
    this.center = fields.center ?? new Float64Array(0);
    this.strength = fields.strength ?? 0;
    this.axis = fields.axis ?? -1;
    this.fn = fields.fn ?? null;
    this.name = fields.name ?? kind;
  }

  /** No external potential. */
  static none(): ExternalPotential {
    return new ExternalPotential('none', {});
  }

  /** A harmonic trap (see {@link ExternalPotentialSpec}). */
  static harmonic(options: { stiffness?: number | number[]; center?: number[] } = {}): ExternalPotential {
    const raw = options.stiffness ?? 1;
    const list = typeof raw === 'number' ? [raw] : raw;
    if (!Array.isArray(list) || list.length === 0 || list.length > 3) throw invalidValue('stiffness', raw, 'a number or one number per axis');
    const stiffness = Float64Array.from(list, (k, i) => requireNonNegative(`stiffness[${i}]`, k));
    const center = options.center === undefined ? undefined : Float64Array.from(options.center, (c, i) => requireFinite(`center[${i}]`, c));
    return new ExternalPotential('harmonic', { stiffness, center });
  }

  /** Uniform gravity E1 = strength * x_axis (see {@link ExternalPotentialSpec}). */
  static gravity(options: { strength?: number; axis?: number } = {}): ExternalPotential {
    const strength = options.strength === undefined ? 1 : requirePositive('gravity strength', options.strength);
    const axis = options.axis === undefined ? -1 : requireInteger('gravity axis', options.axis, 0, 2);
    return new ExternalPotential('gravity', { strength, axis });
  }

  /**
   * A user function of the position (API only: it cannot cross worker threads or be saved in
   * a checkpoint). Exact ideal-gas results for it come from adaptive quadrature.
   */
  static custom(fn: OneBodyFunction, name = 'custom'): ExternalPotential {
    if (typeof fn !== 'function') throw invalidValue('external potential', fn, 'a function (position) => energy');
    return new ExternalPotential('custom', { fn, name });
  }

  /** Build a built-in potential from plain data. */
  static fromSpec(spec: ExternalPotentialSpec): ExternalPotential {
    switch (spec?.kind) {
      case 'none':
        return ExternalPotential.none();
      case 'harmonic':
        return ExternalPotential.harmonic(spec);
      case 'gravity':
        return ExternalPotential.gravity(spec);
      default:
        throw invalidValue('external potential kind', (spec as { kind?: unknown })?.kind, 'one of none, harmonic, gravity (custom functions only through the API)');
    }
  }

  /** Plain data (throws for a custom function, which cannot be serialised). */
  toSpec(): ExternalPotentialSpec {
    switch (this.kind) {
      case 'none':
        return { kind: 'none' };
      case 'harmonic':
        return { kind: 'harmonic', stiffness: Array.from(this.stiffness), ...(this.center.length ? { center: Array.from(this.center) } : {}) };
      case 'gravity':
        return { kind: 'gravity', strength: this.strength, ...(this.axis >= 0 ? { axis: this.axis } : {}) };
      default:
        throw new GibbsError(`external potential ${this.name}: a custom function cannot be serialised (run it in one thread, without checkpoints)`);
    }
  }

  /** Whether it is serialisable plain data (not a custom function). */
  get serialisable(): boolean {
    return this.code !== CUSTOM;
  }

  /** Whether there is any external potential. */
  get isNone(): boolean {
    return this.code === NONE;
  }

  /**
   * Fill in what depends on the box (the trap centre, per-axis stiffness, the gravity axis) and
   * check that every axis is confined: an open axis needs a trap along it, gravity needs a wall
   * along its axis, and a harmonic trap cannot act along a periodic axis (it would jump at the
   * boundary). Returns a new, resolved potential.
   */
  resolve(box: ParticleBox): ExternalPotential {
    const d = box.dimension;
    if (this.code === HARMONIC) {
      if (this.stiffness.length !== 1 && this.stiffness.length !== d) throw invalidValue('stiffness', Array.from(this.stiffness), `one number or ${d} numbers (one per axis)`);
      if (this.center.length !== 0 && this.center.length !== d) throw invalidValue('center', Array.from(this.center), `${d} coordinates`);
      const stiffness = Float64Array.from({ length: d }, (_, k) => this.stiffness[this.stiffness.length === 1 ? 0 : k]);
      const center = this.center.length ? this.center.slice() : Float64Array.from(box.lengths, (l) => l / 2);
      for (let k = 0; k < d; k++) {
        if (stiffness[k] > 0 && box.boundaries[k] === 'periodic') throw invalidValue(`box boundary [${k}]`, 'periodic', 'wall or open along an axis with a harmonic trap');
        if (stiffness[k] === 0 && box.boundaries[k] === 'open') throw invalidValue(`stiffness[${k}]`, 0, 'a stiffness > 0 along an open axis (else particles escape)');
      }
      return new ExternalPotential('harmonic', { stiffness, center });
    }
    if (this.code === GRAVITY) {
      const axis = this.axis < 0 ? d - 1 : this.axis;
      if (axis >= d) throw invalidValue('gravity axis', axis, `an axis from 0 to ${d - 1}`);
      if (box.boundaries[axis] !== 'wall') throw invalidValue(`box boundary [${axis}]`, box.boundaries[axis], 'wall along the gravity axis (a floor and a ceiling)');
      for (let k = 0; k < d; k++) if (box.boundaries[k] === 'open') throw invalidValue(`box boundary [${k}]`, 'open', 'periodic or wall (gravity does not confine this axis)');
      return new ExternalPotential('gravity', { strength: this.strength, axis });
    }
    if (this.code === NONE) {
      for (let k = 0; k < d; k++) if (box.boundaries[k] === 'open') throw invalidValue(`box boundary [${k}]`, 'open', 'periodic or wall (without an external potential nothing confines an open axis)');
    }
    return this;
  }

  /**
   * E1 at the point stored in `coords[offset .. offset + d)`. Hot loop entry point: the
   * potential must have been resolved against the box (see {@link ExternalPotential.resolve}).
   */
  energyAt(coords: ArrayLike<number>, offset: number, dimension: number): number {
    switch (this.code) {
      case HARMONIC: {
        let e = 0;
        for (let k = 0; k < dimension; k++) {
          const dx = coords[offset + k] - this.center[k];
          e += 0.5 * this.stiffness[k] * dx * dx;
        }
        return e;
      }
      case GRAVITY:
        return this.strength * coords[offset + this.axis];
      case CUSTOM: {
        const x = dimension === 2 ? this.scratch2 : this.scratch3;
        for (let k = 0; k < dimension; k++) x[k] = coords[offset + k];
        const e = (this.fn as OneBodyFunction)(x);
        if (typeof e !== 'number' || Number.isNaN(e)) throw new GibbsError(`external potential ${this.name}: returned ${String(e)} at [${Array.from(x).join(', ')}], expected a number (Infinity is allowed)`);
        return e;
      }
      default:
        return 0;
    }
  }

  /** E1 at a position given as an array of d coordinates. */
  energy(position: ArrayLike<number>): number {
    return this.energyAt(position, 0, position.length);
  }

  /** A short description. */
  describe(): string {
    switch (this.kind) {
      case 'none':
        return 'no external potential';
      case 'harmonic':
        return `harmonic trap, stiffness ${Array.from(this.stiffness, (k) => +k.toPrecision(6)).join(', ')}`;
      case 'gravity':
        return `gravity m g = ${+this.strength.toPrecision(6)}${this.axis >= 0 ? ` along axis ${this.axis}` : ''}`;
      default:
        return `custom one-body potential ${this.name}`;
    }
  }
}
