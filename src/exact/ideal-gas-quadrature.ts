import { GibbsError } from '../core/errors.js';

// Gauss–Kronrod 7–15 nodes and weights on [-1, 1] (Piessens et al., QUADPACK, 1983, routine
// QK15): the 15-point Kronrod rule reuses the 7 Gauss points, and their difference estimates
// the error of each panel.
const XGK = [
  0.991455371120812639206854697526329, 0.949107912342758524526189684047851, 0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
  0.586087235467691130294144845693013, 0.405845151377397166906606412076961, 0.207784955007898467600689403773245, 0,
];
const WGK = [
  0.02293532201052922496373200805897, 0.063092092629978553290700663189204, 0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
  0.16900472663926790282658342659855, 0.190350578064785409913256402421014, 0.204432940075298892414161999234649, 0.209482141084727828012999174891714,
];
const WG = [0.129484966168869693270611432679082, 0.27970539148927666790146777142378, 0.381830050505118944950369775488975, 0.417959183673469387755102040816327];

/** A finite panel with its Kronrod estimate and error estimate. */
interface Panel {
  a: number;
  b: number;
  value: number;
  error: number;
}

function kronrod(f: (x: number) => number, a: number, b: number): Panel {
  const centre = 0.5 * (a + b);
  const half = 0.5 * (b - a);
  const fc = f(centre);
  let kronrodSum = WGK[7] * fc;
  let gaussSum = WG[3] * fc;
  for (let j = 0; j < 7; j++) {
    const dx = half * XGK[j];
    const pair = f(centre - dx) + f(centre + dx);
    kronrodSum += WGK[j] * pair;
    if (j % 2 === 1) gaussSum += WG[(j - 1) / 2] * pair;
  }
  const value = kronrodSum * half;
  return { a, b, value, error: Math.abs((kronrodSum - gaussSum) * half) };
}

/** Options for {@link integrate}. */
export interface QuadratureOptions {
  /** Relative tolerance on the integral (default 1e-11). */
  relativeTolerance?: number;
  /** Absolute tolerance (default 1e-300). */
  absoluteTolerance?: number;
  /** Most panels before giving up (default 4000). */
  maxPanels?: number;
}

/**
 * Adaptive Gauss–Kronrod (7–15) quadrature of f over [a, b], globally adaptive: the panel
 * with the largest error estimate is halved until the summed error is below the tolerance.
 * Infinite limits are mapped to finite ones (x = a + t / (1 - t) for [a, inf), x = t / (1 - t^2)
 * for the whole line), which suits integrands decaying at least like 1/x^2.
 *
 * @example
 * integrate((x) => Math.exp(-x * x), -Infinity, Infinity); // sqrt(pi)
 */
export function integrate(f: (x: number) => number, a: number, b: number, options: QuadratureOptions = {}): number {
  if (Number.isNaN(a) || Number.isNaN(b)) throw new GibbsError('integrate: limits must not be NaN');
  if (a === b) return 0;
  if (a > b) return -integrate(f, b, a, options);
  if (a === -Infinity && b === Infinity) {
    return finiteIntegral((t) => {
      const d = 1 - t * t;
      return (f(t / d) * (1 + t * t)) / (d * d);
    }, -1, 1, options);
  }
  if (b === Infinity) {
    return finiteIntegral((t) => {
      const d = 1 - t;
      return f(a + t / d) / (d * d);
    }, 0, 1, options);
  }
  if (a === -Infinity) {
    return finiteIntegral((t) => {
      const d = 1 - t;
      return f(b - t / d) / (d * d);
    }, 0, 1, options);
  }
  return finiteIntegral(f, a, b, options);
}

function finiteIntegral(f: (x: number) => number, a: number, b: number, options: QuadratureOptions): number {
  const rel = options.relativeTolerance ?? 1e-11;
  const abs = options.absoluteTolerance ?? 1e-300;
  const maxPanels = options.maxPanels ?? 4000;
  const safe = (x: number) => {
    const y = f(x);
    if (Number.isNaN(y)) throw new GibbsError(`integrate: the integrand is NaN at x = ${x}`);
    return y;
  };
  const panels: Panel[] = [kronrod(safe, a, b)];
  for (;;) {
    let value = 0;
    let error = 0;
    let worst = 0;
    for (let i = 0; i < panels.length; i++) {
      value += panels[i].value;
      error += panels[i].error;
      if (panels[i].error > panels[worst].error) worst = i;
    }
    if (error <= Math.max(abs, rel * Math.abs(value)) || panels.length >= maxPanels) {
      if (!Number.isFinite(value)) throw new GibbsError(`integrate: the integral over [${a}, ${b}] is not finite`);
      return value;
    }
    const p = panels[worst];
    const mid = 0.5 * (p.a + p.b);
    if (!(mid > p.a && mid < p.b)) return value; // cannot split further in double precision
    panels[worst] = kronrod(safe, p.a, mid);
    panels.push(kronrod(safe, mid, p.b));
  }
}

/**
 * Integral over a box in up to 3 dimensions by nested adaptive quadrature: `ranges[k]` are
 * the limits along axis k (infinite limits allowed); f receives a reused coordinate array.
 *
 * @example integrateBox((x) => x[0] * x[1], [[0, 1], [0, 2]]) // 1
 */
export function integrateBox(f: (x: Float64Array) => number, ranges: ReadonlyArray<readonly [number, number]>, options: QuadratureOptions = {}): number {
  const point = new Float64Array(ranges.length);
  // Inner integrals a little tighter than the outer one, so their errors do not dominate.
  const inner: QuadratureOptions = { ...options, relativeTolerance: (options.relativeTolerance ?? 1e-10) * 0.1 };
  const level = (k: number): number =>
    integrate(
      (x) => {
        point[k] = x;
        return k === ranges.length - 1 ? f(point) : level(k + 1);
      },
      ranges[k][0],
      ranges[k][1],
      k === 0 ? { relativeTolerance: 1e-10, ...options } : inner,
    );
  return level(0);
}
