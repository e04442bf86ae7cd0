/**
 * Non-uniform random variates built on the library's explicit {@link Rng}.
 * Gamma: Marsaglia & Tsang, "A simple method for generating gamma variables",
 * ACM TOMS 26(3), 2000: squeeze-and-reject on a cubed normal, about 1.03 normals per variate
 * for shape >= 1; shapes below 1 use their boost G(a) = G(a + 1) U^(1/a) (same paper, sec. 6),
 * done in logs so that tiny shapes do not underflow to 0.
 */
import type { Rng } from '../core/rng.js';

/** log of a Gamma(shape, rate 1) variate; finite even when the variate itself underflows (shape << 1). */
export function logGammaVariate(rng: Rng, shape: number): number {
  if (shape < 1) {
    const u = 1 - rng.nextDouble(); // in (0, 1]
    return logGammaVariate(rng, shape + 1) + Math.log(u) / shape;
  }
  return Math.log(marsagliaTsang(rng, shape));
}

/**
 * A Gamma(shape, rate 1) variate (mean = variance = shape). Divide by a rate to rescale.
 * @example gammaVariate(Rng.fromSeed(1), 2.5)
 */
export function gammaVariate(rng: Rng, shape: number): number {
  if (shape < 1) return Math.exp(logGammaVariate(rng, shape));
  return marsagliaTsang(rng, shape);
}

function marsagliaTsang(rng: Rng, shape: number): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = rng.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.nextDouble();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (u > 0 && Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** A chi-square variate with `df` degrees of freedom (= 2 Gamma(df/2)). */
export function chiSquareVariate(rng: Rng, df: number): number {
  return 2 * gammaVariate(rng, df / 2);
}

/** A Beta(a, b) variate as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b), formed in logs (safe for tiny a, b). */
export function betaVariate(rng: Rng, a: number, b: number): number {
  const lx = logGammaVariate(rng, a);
  const ly = logGammaVariate(rng, b);
  // x / (x + y) = 1 / (1 + exp(ly - lx))
  return 1 / (1 + Math.exp(ly - lx));
}

/** Index k drawn with probability weights[k] / sum(weights) (linear scan; weights >= 0, sum > 0). */
export function categoricalVariate(rng: Rng, weights: ArrayLike<number>, total?: number): number {
  let sum = total;
  if (sum === undefined) {
    sum = 0;
    for (let k = 0; k < weights.length; k++) sum += weights[k];
  }
  const u = rng.nextDouble() * sum;
  let acc = 0;
  let last = 0;
  for (let k = 0; k < weights.length; k++) {
    if (weights[k] > 0) {
      acc += weights[k];
      last = k;
      if (u < acc) return k;
    }
  }
  return last; // rounding: u landed at the very top
}
