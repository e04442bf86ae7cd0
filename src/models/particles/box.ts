import { invalidValue, requireInteger, requirePositive } from '../../core/errors.js';

/**
 * What happens at the faces of the box along one axis:
 * - `periodic`: the axis wraps around (positions in [0, L), distances by the minimum image);
 * - `wall`: hard walls at 0 and L confine particle centres to [0, L];
 * - `open`: no boundary at all (an open system held together by an external potential such as
 *   a harmonic trap); L then only sets the reference region used for starting positions and
 *   the cell grid.
 */
export type ParticleBoundary = 'periodic' | 'wall' | 'open';

/** The boundary kinds, for validation and help texts. */
export const PARTICLE_BOUNDARIES: readonly ParticleBoundary[] = ['periodic', 'wall', 'open'];

/** Plain-data form of a box. */
export interface ParticleBoxData {
  dimension: 2 | 3;
  lengths: number[];
  boundaries: ParticleBoundary[];
}

/**
 * A rectangular simulation box in 2 or 3 dimensions. Coordinates run from 0 to L along
 * every axis (lengths in units of the pair potential's sigma), and each axis has its own
 * boundary. The usual fluid box is a periodic square or cube: {@link ParticleBox.cubic}.
 *
 * @example
 * const box = ParticleBox.fromDensity(3, 500, 0.8); // periodic cube with N / V = 0.8
 * box.lengths[0]; // (500 / 0.8)^(1/3) = 8.5499
 * const column = new ParticleBox(3, [10, 10, 50], ['periodic', 'periodic', 'wall']); // a gravity column
 */
export class ParticleBox {
  /** 2 (square / rectangle) or 3 (cube / cuboid). */
  readonly dimension: 2 | 3;
  /** Side lengths per axis. */
  readonly lengths: Float64Array;
  /** Boundary per axis. */
  readonly boundaries: readonly ParticleBoundary[];
  /** Product of the side lengths: the volume (area in 2D) of the box or reference region. */
  readonly volume: number;
  /**
   * Per axis, half the period for periodic axes and +Infinity otherwise, so the minimum image
   * `if (dx > half) dx -= L; else if (dx < -half) dx += L` needs no branch on the boundary kind.
   */
  readonly halfPeriods: Float64Array;
  /**
   * Per axis, 1/L for periodic axes and 0 otherwise: the branch-free minimum image
   * `dx -= L * Math.floor(dx * inversePeriods[k] + 0.5)` is a no-op on other axes.
   */
  readonly inversePeriods: Float64Array;

  constructor(dimension: number, lengths: ArrayLike<number>, boundaries: ParticleBoundary | readonly ParticleBoundary[] = 'periodic') {
    if (dimension !== 2 && dimension !== 3) throw invalidValue('dimension', dimension, '2 or 3');
    this.dimension = dimension;
    if (lengths.length !== dimension) throw invalidValue('box lengths', Array.from(lengths), `${dimension} side lengths`);
    this.lengths = Float64Array.from(lengths, (l, k) => requirePositive(`box length [${k}]`, l));
    const list = typeof boundaries === 'string' ? Array.from({ length: dimension }, () => boundaries) : [...boundaries];
    if (list.length !== dimension) throw invalidValue('box boundaries', list, `${dimension} boundaries`);
    for (const b of list) if (!PARTICLE_BOUNDARIES.includes(b)) throw invalidValue('box boundary', b, `one of ${PARTICLE_BOUNDARIES.join(', ')}`);
    this.boundaries = list;
    this.volume = this.lengths.reduce((v, l) => v * l, 1);
    this.halfPeriods = Float64Array.from(this.lengths, (l, k) => (list[k] === 'periodic' ? l / 2 : Infinity));
    this.inversePeriods = Float64Array.from(this.lengths, (l, k) => (list[k] === 'periodic' ? 1 / l : 0));
  }

  /** A square (2D) or cube (3D) of side `length`, periodic by default. */
  static cubic(dimension: 2 | 3, length: number, boundary: ParticleBoundary = 'periodic'): ParticleBox {
    return new ParticleBox(dimension, Array.from({ length: dimension }, () => length), boundary);
  }

  /** The square or cube holding `particles` at number density N / V = `density`. */
  static fromDensity(dimension: 2 | 3, particles: number, density: number, boundary: ParticleBoundary = 'periodic'): ParticleBox {
    requireInteger('particles', particles, 1);
    requirePositive('density', density);
    return ParticleBox.cubic(dimension, (particles / density) ** (1 / dimension), boundary);
  }

  /** Rebuild from {@link ParticleBox.toData}. */
  static fromData(data: ParticleBoxData): ParticleBox {
    return new ParticleBox(data.dimension, data.lengths, data.boundaries);
  }

  /** Plain data (structured-cloneable, JSON). */
  toData(): ParticleBoxData {
    return { dimension: this.dimension, lengths: Array.from(this.lengths), boundaries: [...this.boundaries] };
  }

  /** Whether every axis is periodic (a homogeneous bulk fluid: pressure, g(r) and Widom apply). */
  get fullyPeriodic(): boolean {
    return this.boundaries.every((b) => b === 'periodic');
  }

  /** The shortest periodic side (Infinity when no axis is periodic): the minimum image needs cutoff <= half of it. */
  get shortestPeriod(): number {
    let best = Infinity;
    for (let k = 0; k < this.dimension; k++) if (this.boundaries[k] === 'periodic') best = Math.min(best, this.lengths[k]);
    return best;
  }

  /** The minimum-image separation along `axis` (a no-op on non-periodic axes). */
  minimumImage(dx: number, axis: number): number {
    const half = this.halfPeriods[axis];
    if (dx > half) return dx - 2 * half;
    if (dx < -half) return dx + 2 * half;
    return dx;
  }

  /** Squared minimum-image distance between two points given as coordinate arrays with offsets. */
  distanceSquared(a: ArrayLike<number>, offsetA: number, b: ArrayLike<number>, offsetB: number): number {
    let r2 = 0;
    for (let k = 0; k < this.dimension; k++) {
      const d = this.minimumImage(b[offsetB + k] - a[offsetA + k], k);
      r2 += d * d;
    }
    return r2;
  }

  /** Short description, e.g. "periodic cube L = 8.55". */
  describe(): string {
    const uniform = this.boundaries.every((b) => b === this.boundaries[0]);
    const cubic = this.lengths.every((l) => l === this.lengths[0]);
    const shape = this.dimension === 2 ? (cubic ? 'square' : 'rectangle') : cubic ? 'cube' : 'cuboid';
    const sides = cubic ? `L = ${+this.lengths[0].toPrecision(6)}` : `L = ${Array.from(this.lengths, (l) => +l.toPrecision(6)).join(' x ')}`;
    return `${uniform ? this.boundaries[0] : this.boundaries.join('/')} ${shape} ${sides}`;
  }
}
