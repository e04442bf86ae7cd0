import { integrate } from '../../exact/ideal-gas-quadrature.js';
import type { GasModel } from '../../models/particles/gas-model.js';
import { unitSphereArea } from '../../models/particles/tail-correction.js';

/**
 * Impulsive pressure at a jump of the pair potential. With g(r) = y(r) exp(-u(r)/T) and the
 * cavity function y continuous, a jump at r = a adds to the virial pressure
 *
 *   P_a = (T / (d V)) S_d a^d * [N(N-1)/(2V)] g(a+) * (1 - exp(-(u(a-) - u(a+)) / T))
 *
 * (for hard spheres in 3D this is the familiar rho T (2 pi / 3) rho sigma^3 g(sigma+);
 * Hansen & McDonald, Theory of Simple Liquids, §2.5). The contact value g(a+) is estimated
 * from the pairs found just outside the jump, a <= r < a + delta, in BINS shells: a quadratic
 * in (r - a) fitted by least squares to the pair counts (each count is the integral of the
 * model over its shell, so the fit has no binning bias for a quadratic g) and evaluated at a.
 * The estimate is a fixed linear combination of the counts, so it can be computed per
 * measurement and its error bar comes from the same time series as the rest of the pressure.
 */
export interface ContactWindow {
  /** Where the potential jumps. */
  a: number;
  /** End of the counting window. */
  hi: number;
  a2: number;
  hi2: number;
  /** Shell width. */
  width: number;
  /** Pressure per pair counted in each shell: P_a = sum_k weights[k] * count_k. */
  weights: Float64Array;
}

/** Shells per contact window. */
export const CONTACT_BINS = 6;
/** Window length relative to the jump's distance (narrowed if another jump is closer). */
const RELATIVE_WINDOW = 0.05;

/**
 * The jumps that contribute to the pressure: every jump of the simulated potential, except the
 * artificial one at a cutoff when the tail correction stands in for it. Only for homogeneous
 * fluids (where the virial pressure applies).
 */
export function contactWindows(model: GasModel, temperature: number): ContactWindow[] {
  if (!model.homogeneous || model.pair.isNone) return [];
  const d = model.dimension;
  const jumps = model.pair.discontinuities.filter((j) => !(j.truncation && model.tailCorrection));
  const all = model.pair.discontinuities.map((j) => j.r);
  return jumps.map((jump) => {
    const a = jump.r;
    const next = Math.min(Infinity, ...all.filter((r) => r > a));
    const delta = Math.min(RELATIVE_WINDOW * a, (next - a) / 2);
    const width = delta / CONTACT_BINS;
    // Design matrix: I[k][j] = S_d * integral over shell k of (r - a)^j r^(d-1) dr.
    const design = Array.from({ length: CONTACT_BINS }, (_, k) =>
      [0, 1, 2].map((j) => unitSphereArea(d) * integrate((r) => (r - a) ** j * r ** (d - 1), a + k * width, a + (k + 1) * width)),
    );
    // Least squares: c = (I^T I)^-1 I^T n; the intercept c0 estimates [N(N-1)/(2V)] g(a+).
    const normal = [0, 1, 2].map((p) => [0, 1, 2].map((q) => design.reduce((s, row) => s + row[p] * row[q], 0)));
    const inverse = invert3(normal);
    const factor = jump.inner === Infinity ? 1 : -Math.expm1(-(jump.inner - jump.outer) / temperature);
    const scale = (temperature * unitSphereArea(d) * a ** d * factor) / (d * model.box.volume);
    const weights = Float64Array.from(design, (row) => scale * (inverse[0][0] * row[0] + inverse[0][1] * row[1] + inverse[0][2] * row[2]));
    return { a, hi: a + delta, a2: a * a, hi2: (a + delta) * (a + delta), width, weights };
  });
}

function invert3(m: number[][]): number[][] {
  const [[a, b, c], [d, e, f], [g, h, i]] = m;
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  return [
    [A / det, -(b * i - c * h) / det, (b * f - c * e) / det],
    [B / det, (a * i - c * g) / det, -(a * f - c * d) / det],
    [C / det, -(a * h - b * g) / det, (a * e - b * d) / det],
  ];
}
