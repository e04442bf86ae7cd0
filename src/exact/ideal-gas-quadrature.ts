import { GibbsError } from '../core/errors.js';

// Gauss–Kronrod 7–15 nodes and weights on [-1, 1] (Piessens et al., QUADPACK, 1983, routine
// QK15): the 15-point Kronrod rule reuses the 7 Gauss points, and their difference estimates
// the error of each panel (the published 33-digit values, rounded to doubles).
const XGK = [0.9914553711208126, 0.9491079123427585, 0.8648644233597691, 0.7415311855993945, 0.5860872354676911, 0.4058451513773972, 0.20778495500789848, 0];
const WGK = [0.022935322010529224, 0.06309209262997856, 0.10479001032225019, 0.14065325971552592, 0.1690047266392679, 0.19035057806478542, 0.20443294007529889, 0.20948214108472782];
const WG = [0.1294849661688697, 0.27970539148927664, 0.3818300505051189, 0.4179591836734694];

/** A vector-valued integrand: writes its m values at x into `out`. */
export type VectorIntegrand = (x: number, out: Float64Array) => void;

/** Options for {@link integrate} and {@link integrateVector}. */
export interface QuadratureOptions {
  /** Relative tolerance (default 1e-11). */
  relativeTolerance?: number;
  /** Most panels before giving up (default 4000). */
  maxPanels?: number;
  /** For infinite ranges: where the integrand's mass sits and how wide it is (default 0 and 1). */
  centre?: number;
  scale?: number;
}

/** A finite panel with its Kronrod values and error estimates (one per component). */
interface Panel {
  a: number;
  b: number;
  value: Float64Array;
  error: Float64Array;
}

function kronrod(f: VectorIntegrand, m: number, a: number, b: number, scratch: Float64Array): Panel {
  const centre = 0.5 * (a + b);
  const half = 0.5 * (b - a);
  const values = new Float64Array(15 * m);
  const k = new Float64Array(m);
  const g = new Float64Array(m);
  let node = 0;
  const add = (x: number, wk: number, wg: number) => {
    f(x, scratch);
    for (let c = 0; c < m; c++) {
      if (Number.isNaN(scratch[c])) throw new GibbsError(`integrate: the integrand is NaN at x = ${x}`);
      values[node * m + c] = scratch[c];
      k[c] += wk * scratch[c];
      g[c] += wg * scratch[c];
    }
    node++;
  };
  const weights: number[] = [WGK[7]];
  add(centre, WGK[7], WG[3]);
  for (let j = 0; j < 7; j++) {
    const dx = half * XGK[j];
    const wg = j % 2 === 1 ? WG[(j - 1) / 2] : 0;
    add(centre - dx, WGK[j], wg);
    add(centre + dx, WGK[j], wg);
    weights.push(WGK[j], WGK[j]);
  }
  // QUADPACK's error estimate (QK15): |K - G| scaled by (200 |K - G| / resasc)^1.5, where
  // resasc measures the variation of f over the panel; far less pessimistic for smooth f.
  const error = new Float64Array(m);
  for (let c = 0; c < m; c++) {
    const meanValue = 0.5 * k[c];
    let resasc = 0;
    for (let q = 0; q < 15; q++) resasc += weights[q] * Math.abs(values[q * m + c] - meanValue);
    resasc *= Math.abs(half);
    let err = Math.abs((k[c] - g[c]) * half);
    if (resasc !== 0 && err !== 0) err = resasc * Math.min(1, (200 * err / resasc) ** 1.5);
    error[c] = err;
    k[c] *= half;
  }
  return { a, b, value: k, error };
}

/** Map an infinite range onto a finite one, returning the transformed integrand and limits. */
function finiteForm(f: VectorIntegrand, m: number, a: number, b: number, options: QuadratureOptions): { g: VectorIntegrand; a: number; b: number } {
  if (Number.isFinite(a) && Number.isFinite(b)) return { g: f, a, b };
  const c = options.centre ?? 0;
  const s = options.scale ?? 1;
  const inner = new Float64Array(m);
  const scaled = (x: number, jacobian: number, out: Float64Array) => {
    f(x, inner);
    for (let k = 0; k < m; k++) out[k] = jacobian === 0 ? 0 : inner[k] * jacobian;
  };
  if (a === -Infinity && b === Infinity) {
    // x = c + s t / (1 - t^2), t in (-1, 1)
    return { g: (t, out) => scaled(c + (s * t) / (1 - t * t), (s * (1 + t * t)) / (1 - t * t) ** 2, out), a: -1, b: 1 };
  }
  if (b === Infinity) return { g: (t, out) => scaled(a + (s * t) / (1 - t), s / (1 - t) ** 2, out), a: 0, b: 1 };
  return { g: (t, out) => scaled(b - (s * t) / (1 - t), s / (1 - t) ** 2, out), a: 0, b: 1 };
}

/**
 * Adaptive Gauss–Kronrod (7–15) quadrature of a vector-valued integrand over [a, b]: the
 * panel with the largest (relative) error is halved until every component's error is below
 * the tolerance (relative to its value, with a floor at 1e-10 of the largest one). Infinite
 * limits are mapped to finite ones (x = c + s t/(1 - t^2) for the whole line, x = a + s t/(1 - t)
 * for a half line), which suits integrands decaying at least like 1/x^2 around c on scale s.
 * Sharing the nodes, the m components cost one adaptive pass.
 */
export function integrateVector(f: VectorIntegrand, m: number, a: number, b: number, options: QuadratureOptions = {}): Float64Array {
  if (Number.isNaN(a) || Number.isNaN(b)) throw new GibbsError('integrate: limits must not be NaN');
  if (a === b) return new Float64Array(m);
  if (a > b) return integrateVector(f, m, b, a, options).map((v) => -v);
  const rel = options.relativeTolerance ?? 1e-11;
  const maxPanels = options.maxPanels ?? 4000;
  const form = finiteForm(f, m, a, b, options);
  const scratch = new Float64Array(m);
  const panels: Panel[] = [kronrod(form.g, m, form.a, form.b, scratch)];
  const value = new Float64Array(m);
  const error = new Float64Array(m);
  for (;;) {
    value.fill(0);
    error.fill(0);
    for (const p of panels) {
      for (let c = 0; c < m; c++) {
        value[c] += p.value[c];
        error[c] += p.error[c];
      }
    }
    let largest = 0;
    for (let c = 0; c < m; c++) largest = Math.max(largest, Math.abs(value[c]));
    const floor = 1e-10 * largest;
    const scale = Float64Array.from(value, (v) => Math.max(Math.abs(v), floor, 1e-300));
    let converged = true;
    for (let c = 0; c < m; c++) if (error[c] > rel * scale[c]) converged = false;
    if (converged || panels.length >= maxPanels) break;
    // Halve the panel contributing most relative error.
    let worst = 0;
    let worstError = -1;
    panels.forEach((p, i) => {
      let e = 0;
      for (let c = 0; c < m; c++) e = Math.max(e, p.error[c] / scale[c]);
      if (e > worstError) {
        worstError = e;
        worst = i;
      }
    });
    const p = panels[worst];
    const mid = 0.5 * (p.a + p.b);
    if (!(mid > p.a && mid < p.b)) break; // cannot split further in double precision
    panels[worst] = kronrod(form.g, m, p.a, mid, scratch);
    panels.push(kronrod(form.g, m, mid, p.b, scratch));
  }
  for (let c = 0; c < m; c++) if (!Number.isFinite(value[c])) throw new GibbsError(`integrate: the integral over [${a}, ${b}] is not finite`);
  return value;
}

/**
 * Adaptive Gauss–Kronrod quadrature of a scalar f over [a, b] (see {@link integrateVector}).
 *
 * @example
 * integrate((x) => Math.exp(-x * x), -Infinity, Infinity); // sqrt(pi)
 */
export function integrate(f: (x: number) => number, a: number, b: number, options: QuadratureOptions = {}): number {
  return integrateVector((x, out) => {
    out[0] = f(x);
  }, 1, a, b, options)[0];
}

/** Limits and, for infinite ones, the centre and scale of the map along one axis. */
export interface AxisRange {
  lo: number;
  hi: number;
  centre?: number;
  scale?: number;
}

/**
 * Integral of a vector-valued f over a box in up to 3 dimensions by nested adaptive
 * quadrature (axis 0 outermost); f receives a reused coordinate array and writes m values.
 *
 * @example integrateBox((x, out) => { out[0] = x[0] * x[1]; }, 1, [{ lo: 0, hi: 1 }, { lo: 0, hi: 2 }])[0] // 1
 */
export function integrateBox(f: (x: Float64Array, out: Float64Array) => void, m: number, ranges: readonly AxisRange[], relativeTolerance = 1e-7): Float64Array {
  const point = new Float64Array(ranges.length);
  const level = (k: number): Float64Array => {
    const { lo, hi, centre, scale } = ranges[k];
    // Every level at the same tolerance: the Kronrod error estimate is so conservative for smooth
    // integrands that the true inner errors are orders of magnitude below it.
    const tolerance = relativeTolerance;
    return integrateVector(
      (x, out) => {
        point[k] = x;
        if (k === ranges.length - 1) f(point, out);
        else out.set(level(k + 1));
      },
      m,
      lo,
      hi,
      { relativeTolerance: tolerance, centre, scale },
    );
  };
  return level(0);
}
