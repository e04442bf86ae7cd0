import { GibbsError, requireInteger, requirePositive } from '../core/errors.js';
import type { GasModel } from '../models/particles/gas-model.js';
import { type AxisRange, integrate, integrateBox } from './ideal-gas-quadrature.js';
import erfc from '@stdlib/math-base-special-erfc';

/** Standard normal cdf, accurate in both tails (erfc from stdlib.js). */
function normalCdf(z: number): number {
  return z < 0 ? 0.5 * erfc(-z / Math.SQRT2) : 1 - 0.5 * erfc(z / Math.SQRT2);
}

/** A density profile along one axis: bins [edges[b], edges[b+1]). */
export interface DensityProfile {
  axis: number;
  edges: Float64Array;
  /** Probability that a given particle lies in each bin. */
  probability: Float64Array;
  /** Linear density: particles per unit length along the axis (integrated over the other axes), N p_b / width_b. */
  density: Float64Array;
}

/** The pressure on the two walls across one axis: T times the contact density. */
export interface WallPressure {
  axis: number;
  /** On the wall at x_axis = 0. */
  lower: number;
  /** On the wall at x_axis = L. */
  upper: number;
}

/**
 * Exact thermodynamics of the ideal gas (no pair potential) in its box and external potential,
 * configurational part only: Z = Z1^N with Z1 = integral of exp(-beta E1(x)) d^d x (no 1/N!, no
 * thermal wavelength; add -T log(1/N!) and the kinetic (d/2) N T to U yourself if you need
 * them). Totals are extensive; `perParticle` divides by N.
 */
export interface IdealGasResult {
  method: 'closed-form' | 'quadrature';
  temperature: number;
  beta: number;
  particles: number;
  dimension: number;
  /** log Z1: the one-particle configurational partition function. */
  singleParticleLogZ: number;
  /** N log Z1. */
  logZ: number;
  /** F = -T log Z. */
  freeEnergy: number;
  /** U = N <E1> (potential energy). */
  energy: number;
  /** S = (U - F) / T. */
  entropy: number;
  /** C = N beta^2 Var(E1) (configurational heat capacity). */
  heatCapacity: number;
  perParticle: { logZ: number; freeEnergy: number; energy: number; entropy: number; heatCapacity: number };
  /** N T / V for a fully periodic box without external potential (null otherwise: the fluid is not homogeneous). */
  pressure: number | null;
  /** Pressure on each pair of walls (axes with walls, when every other axis is bounded). */
  wallPressures: WallPressure[];
  profile: DensityProfile;
}

/** One axis of a separable E1 = sum_k e_k(x_k): its Boltzmann factor's integral and moments. */
interface AxisFactor {
  /** log of the integral of exp(-beta e_k) over the axis. */
  logZ: number;
  mean: number;
  variance: number;
  /** Probability of [x0, x1). */
  probability(x0: number, x1: number): number;
  /** Normalised weight exp(-beta e_k(x)) / z_k at a point (for contact densities). */
  weightAt(x: number): number;
}

function freeAxis(length: number): AxisFactor {
  return {
    logZ: Math.log(length),
    mean: 0,
    variance: 0,
    probability: (x0, x1) => (Math.min(x1, length) - Math.max(x0, 0)) / length,
    weightAt: () => 1 / length,
  };
}

/** e = (k/2)(x - c)^2 on the whole line: a Gaussian of variance T/k. */
function openHarmonicAxis(k: number, c: number, beta: number): AxisFactor {
  const s = 1 / Math.sqrt(beta * k);
  return {
    logZ: 0.5 * Math.log((2 * Math.PI) / (beta * k)),
    mean: 1 / (2 * beta),
    variance: 1 / (2 * beta * beta),
    probability: (x0, x1) => normalCdf((x1 - c) / s) - normalCdf((x0 - c) / s),
    weightAt: (x) => Math.exp(-0.5 * ((x - c) / s) ** 2) / (s * Math.sqrt(2 * Math.PI)),
  };
}

/** e = g x on [0, H] (barometric): closed forms with a = beta g. */
function gravityAxis(g: number, height: number, beta: number): AxisFactor {
  const a = beta * g;
  const aH = a * height;
  const z = -Math.expm1(-aH) / a;
  const meanX = 1 / a - height / Math.expm1(aH);
  // integral_0^H x^2 e^{-ax} dx = (2/a^3) [1 - e^{-aH} (1 + aH + (aH)^2/2)]
  const second = ((2 / (a * a * a)) * (-Math.expm1(-aH) - Math.exp(-aH) * (aH + 0.5 * aH * aH))) / z;
  return {
    logZ: Math.log(z),
    mean: g * meanX,
    variance: g * g * (second - meanX * meanX),
    probability: (x0, x1) => {
      const lo = Math.max(0, x0);
      const hi = Math.min(height, x1);
      return hi <= lo ? 0 : (Math.exp(-a * lo) - Math.exp(-a * hi)) / -Math.expm1(-aH);
    },
    weightAt: (x) => Math.exp(-a * x) / z,
  };
}

/** Any one-dimensional e(x) on [lo, hi] (possibly infinite) by adaptive quadrature. */
function quadratureAxis(e: (x: number) => number, lo: number, hi: number, beta: number): AxisFactor {
  // Shift by the minimum on a coarse grid so the weights neither overflow nor vanish.
  const e0 = coarseMinimum(e, lo, hi);
  const w = (x: number) => Math.exp(-beta * (e(x) - e0));
  const z = integrate(w, lo, hi);
  const mean = integrate((x) => (e(x) - e0) * w(x), lo, hi) / z;
  const second = integrate((x) => (e(x) - e0) ** 2 * w(x), lo, hi) / z;
  return {
    logZ: Math.log(z) - beta * e0,
    mean: mean + e0,
    variance: Math.max(0, second - mean * mean),
    probability: (x0, x1) => {
      const a = Math.max(lo, x0);
      const b = Math.min(hi, x1);
      return b <= a ? 0 : integrate(w, a, b) / z;
    },
    weightAt: (x) => w(x) / z,
  };
}

function coarseMinimum(e: (x: number) => number, lo: number, hi: number): number {
  const a = Number.isFinite(lo) ? lo : Number.isFinite(hi) ? hi - 100 : -100;
  const b = Number.isFinite(hi) ? hi : a + 200;
  let best = Infinity;
  for (let i = 0; i <= 400; i++) best = Math.min(best, e(a + ((b - a) * i) / 400));
  return Number.isFinite(best) ? best : 0;
}

/** Options for {@link idealGas}. */
export interface IdealGasOptions {
  temperature: number;
  /** Axis of the density profile (default: the gravity axis, else 0). */
  profileAxis?: number;
  /** Number of profile bins (default 40). */
  profileBins?: number;
  /** Profile range (default: the box along periodic and wall axes; for an open axis, the reference region). */
  profileRange?: [number, number];
}

/** Default profile axis of a model: the gravity axis, else 0. */
export function defaultProfileAxis(model: GasModel): number {
  return model.external.kind === 'gravity' ? model.external.axis : 0;
}

/**
 * Exact ideal-gas thermodynamics of a model whose pair potential is `none` (see
 * {@link IdealGasResult}). Closed forms for the free gas, the harmonic trap along open axes
 * and gravity; adaptive Gauss–Kronrod quadrature for a harmonic trap between walls and for
 * custom one-body functions (nested over the axes when they do not separate).
 *
 * @example
 * const model = new GasModel({ particles: 100, box: ParticleBox.cubic(3, 10, 'open'), external: ExternalPotential.harmonic() });
 * idealGas(model, { temperature: 2 }).energy; // (3/2) N T = 300
 */
export function idealGas(model: GasModel, options: IdealGasOptions): IdealGasResult {
  if (!model.pair.isNone) throw new GibbsError(`exact ideal gas: the model has a pair potential (${model.pair.describe()}); exact results need --ideal (no interaction)`);
  const temperature = requirePositive('temperature', options.temperature);
  const beta = 1 / temperature;
  const { particles: n, dimension: d, box, external } = model;
  const axis = requireInteger('profile axis', options.profileAxis ?? defaultProfileAxis(model), 0, d - 1);
  const bins = requireInteger('profile bins', options.profileBins ?? 40, 1, 100_000);
  const range = options.profileRange ?? [0, box.lengths[axis]];
  const edges = Float64Array.from({ length: bins + 1 }, (_, b) => range[0] + ((range[1] - range[0]) * b) / bins);

  let logZ1: number;
  let mean: number;
  let variance: number;
  let probability: Float64Array;
  let method: IdealGasResult['method'] = 'closed-form';
  const wallPressures: WallPressure[] = [];
  const limits = (k: number): [number, number] => (box.boundaries[k] === 'open' ? [-Infinity, Infinity] : [0, box.lengths[k]]);

  if (external.kind === 'custom') {
    method = 'quadrature';
    const custom = customPotentialIntegrals(model, beta, axis, edges);
    logZ1 = custom.logZ;
    mean = custom.mean;
    variance = custom.variance;
    probability = custom.probability;
    for (const w of custom.wallWeights) {
      const area = box.volume / box.lengths[w.axis];
      wallPressures.push({ axis: w.axis, lower: (temperature * n * w.lower) / area, upper: (temperature * n * w.upper) / area });
    }
  } else {
    const factors: AxisFactor[] = [];
    for (let k = 0; k < d; k++) {
      const [lo, hi] = limits(k);
      if (external.kind === 'harmonic' && external.stiffness[k] > 0) {
        const kk = external.stiffness[k];
        const c = external.center[k];
        if (box.boundaries[k] === 'open') factors.push(openHarmonicAxis(kk, c, beta));
        else {
          method = 'quadrature';
          factors.push(quadratureAxis((x) => 0.5 * kk * (x - c) * (x - c), lo, hi, beta));
        }
      } else if (external.kind === 'gravity' && k === external.axis) {
        factors.push(gravityAxis(external.strength, box.lengths[k], beta));
      } else {
        factors.push(freeAxis(box.lengths[k]));
      }
    }
    logZ1 = factors.reduce((s, f) => s + f.logZ, 0);
    mean = factors.reduce((s, f) => s + f.mean, 0);
    variance = factors.reduce((s, f) => s + f.variance, 0);
    probability = Float64Array.from({ length: bins }, (_, b) => factors[axis].probability(edges[b], edges[b + 1]));
    for (let k = 0; k < d; k++) {
      if (box.boundaries[k] !== 'wall' || !otherAxesBounded(model, k)) continue;
      const area = box.volume / box.lengths[k];
      const f = factors[k];
      wallPressures.push({ axis: k, lower: (temperature * n * f.weightAt(0)) / area, upper: (temperature * n * f.weightAt(box.lengths[k])) / area });
    }
  }

  const logZ = n * logZ1;
  const freeEnergy = -temperature * logZ;
  const energy = n * mean;
  const entropy = (energy - freeEnergy) / temperature;
  const heatCapacity = n * beta * beta * variance;
  const density = Float64Array.from(probability, (p, b) => (n * p) / (edges[b + 1] - edges[b]));
  return {
    method,
    temperature,
    beta,
    particles: n,
    dimension: d,
    singleParticleLogZ: logZ1,
    logZ,
    freeEnergy,
    energy,
    entropy,
    heatCapacity,
    perParticle: { logZ: logZ1, freeEnergy: freeEnergy / n, energy: mean, entropy: entropy / n, heatCapacity: heatCapacity / n },
    pressure: model.homogeneous ? (n * temperature) / box.volume : null,
    wallPressures,
    profile: { axis, edges, probability, density },
  };
}

function otherAxesBounded(model: GasModel, axis: number): boolean {
  return model.box.boundaries.every((b, k) => k === axis || b !== 'open');
}

/**
 * The quadrature range of one axis: the box, or for an open axis the whole line, mapped around
 * where the Boltzmann weight lives: a scan through the reference region (tripled) with the
 * other coordinates at its centre finds where beta (E1 - e0) < 40, and the map's centre and
 * scale follow it (so the inner integrals need few panels).
 */
function axisRange(model: GasModel, k: number, beta: number, e0: number): AxisRange {
  const length = model.box.lengths[k];
  if (model.box.boundaries[k] !== 'open') return { lo: 0, hi: length };
  const x = Float64Array.from(model.box.lengths, (l) => l / 2);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i <= 600; i++) {
    x[k] = -length + (3 * length * i) / 600;
    if (beta * (model.external.energy(x) - e0) < 40) {
      lo = Math.min(lo, x[k]);
      hi = Math.max(hi, x[k]);
    }
  }
  if (!(hi > lo)) return { lo: -Infinity, hi: Infinity, centre: length / 2, scale: length / 4 };
  return { lo: -Infinity, hi: Infinity, centre: (lo + hi) / 2, scale: (hi - lo) / 4 };
}

/**
 * Z1, <E1>, Var(E1), the profile's bin probabilities and the contact weights on walls for a
 * custom (non-separable) one-body potential, by nested adaptive quadrature of the vector
 * [w, E1 w, E1^2 w] with w = exp(-beta (E1 - e0)) (e0: the lowest E1 seen on a coarse grid,
 * so nothing overflows). The profile axis is the outermost one and is split at the bin edges,
 * so each bin's mass is a smooth integral of its own.
 */
function customPotentialIntegrals(model: GasModel, beta: number, axis: number, edges: Float64Array) {
  const { dimension: d, box, external } = model;
  const e0 = coarseMinimumEnergy(model);
  const order = [axis, ...Array.from({ length: d }, (_, k) => k).filter((k) => k !== axis)];
  const ranges = order.map((k) => axisRange(model, k, beta, e0));
  const x = new Float64Array(d);
  const moments = (point: Float64Array, out: Float64Array) => {
    for (let q = 0; q < d; q++) x[order[q]] = point[q];
    const e = external.energy(x);
    const w = Math.exp(-beta * (e - e0));
    out[0] = w;
    out[1] = w === 0 ? 0 : (e - e0) * w;
    out[2] = w === 0 ? 0 : (e - e0) * (e - e0) * w;
  };
  // Pieces of the profile axis: below the first edge, each bin, above the last edge.
  const outer = ranges[0];
  const cuts = [outer.lo, ...Array.from(edges).filter((c) => c > outer.lo && c < outer.hi), outer.hi];
  const totals = new Float64Array(3);
  const probability = new Float64Array(edges.length - 1);
  for (let p = 0; p + 1 < cuts.length; p++) {
    const piece = integrateBox(moments, 3, [{ ...outer, lo: cuts[p], hi: cuts[p + 1] }, ...ranges.slice(1)]);
    for (let c = 0; c < 3; c++) totals[c] += piece[c];
    const bin = edges.findIndex((e, b) => b < edges.length - 1 && cuts[p] >= e && cuts[p + 1] <= edges[b + 1]);
    if (bin >= 0) probability[bin] += piece[0];
  }
  const z = totals[0];
  if (!(z > 0) || !Number.isFinite(z)) throw new GibbsError(`exact ideal gas: the one-particle integral of exp(-E1/T) is ${z}; the custom potential must confine every open axis`);
  for (let b = 0; b < probability.length; b++) probability[b] /= z;
  const shiftedMean = totals[1] / z;
  const wallWeights: Array<{ axis: number; lower: number; upper: number }> = [];
  for (let k = 0; k < d; k++) {
    if (box.boundaries[k] !== 'wall' || box.boundaries.some((b, j) => j !== k && b === 'open')) continue;
    const others = Array.from({ length: d }, (_, j) => j).filter((j) => j !== k);
    const face = (value: number) =>
      integrateBox(
        (point, out) => {
          others.forEach((j, q) => {
            x[j] = point[q];
          });
          x[k] = value;
          out[0] = Math.exp(-beta * (external.energy(x) - e0));
        },
        1,
        others.map((j) => axisRange(model, j, beta, e0)),
      )[0] / z;
    wallWeights.push({ axis: k, lower: face(0), upper: face(box.lengths[k]) });
  }
  return {
    logZ: Math.log(z) - beta * e0,
    mean: shiftedMean + e0,
    variance: Math.max(0, totals[2] / z - shiftedMean * shiftedMean),
    probability,
    wallWeights,
  };
}

/** The lowest E1 on a coarse grid over the box (or reference region): a safe exponent shift. */
function coarseMinimumEnergy(model: GasModel): number {
  const { dimension: d, box, external } = model;
  const points = d === 3 ? 24 : 96;
  const x = new Float64Array(d);
  let best = Infinity;
  const visit = (k: number) => {
    if (k === d) {
      best = Math.min(best, external.energy(x));
      return;
    }
    for (let i = 0; i <= points; i++) {
      x[k] = (box.lengths[k] * i) / points;
      visit(k + 1);
    }
  };
  visit(0);
  return Number.isFinite(best) ? best : 0;
}
