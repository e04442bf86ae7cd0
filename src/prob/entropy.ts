/**
 * Information measures of discrete distributions given as arrays of probabilities:
 * entropy, cross-entropy, Kullback–Leibler and Jensen–Shannon divergences, mutual information.
 * Natural logarithms (nats) by default; pass 'bits' for base 2. Conventions (Cover & Thomas,
 * "Elements of Information Theory", ch. 2): 0 log 0 = 0, 0 log(0/q) = 0, p log(p/0) = +Infinity.
 */
import { GibbsError, invalidValue } from '../core/errors.js';

/** Unit of information: natural logarithms or base 2. */
export type InformationUnit = 'nats' | 'bits';

const TOLERANCE = 1e-9;

function scale(unit: InformationUnit): number {
  if (unit === 'nats') return 1;
  if (unit === 'bits') return 1 / Math.LN2;
  throw invalidValue('unit', unit, "'nats' or 'bits'");
}

/**
 * Throw unless `p` is a probability vector: every entry finite and >= 0, summing to 1 within 1e-9
 * per entry. Returns `p`.
 * @example requireDistribution('p', [0.5, 0.5])
 */
export function requireDistribution(field: string, p: ArrayLike<number>): ArrayLike<number> {
  if (p.length === 0) throw invalidValue(field, [], 'a non-empty array of probabilities');
  let sum = 0;
  for (let i = 0; i < p.length; i++) {
    const v = p[i];
    if (typeof v !== 'number' || !(v >= 0) || v === Infinity) throw invalidValue(`${field}[${i}]`, v, 'a probability >= 0');
    sum += v;
  }
  if (Math.abs(sum - 1) > TOLERANCE * Math.max(1, p.length)) throw new GibbsError(`${field}: probabilities sum to ${sum}, expected 1 (normalise first)`, field);
  return p;
}

function requireSameLength(p: ArrayLike<number>, q: ArrayLike<number>): void {
  if (p.length !== q.length) throw new GibbsError(`q: has ${q.length} entries but p has ${p.length}; both must cover the same outcomes`, 'q');
}

/**
 * Shannon entropy H(p) = -sum_i p_i log p_i.
 * @example entropy([0.5, 0.5], 'bits') // 1
 */
export function entropy(p: ArrayLike<number>, unit: InformationUnit = 'nats'): number {
  requireDistribution('p', p);
  let h = 0;
  for (let i = 0; i < p.length; i++) if (p[i] > 0) h -= p[i] * Math.log(p[i]);
  return h * scale(unit);
}

/**
 * Entropy of a Bernoulli(p) variable, -p log p - (1-p) log(1-p).
 * @example binaryEntropy(0.5, 'bits') // 1
 */
export function binaryEntropy(p: number, unit: InformationUnit = 'nats'): number {
  if (!(p >= 0 && p <= 1)) throw invalidValue('p', p, 'a probability from 0 to 1');
  let h = 0;
  if (p > 0) h -= p * Math.log(p);
  if (p < 1) h -= (1 - p) * Math.log1p(-p);
  return h * scale(unit);
}

/**
 * Cross-entropy H(p, q) = -sum_i p_i log q_i = H(p) + D(p||q): the expected code length when
 * data from p are coded for q. +Infinity when q gives zero probability to an outcome p can produce.
 * @example crossEntropy([0.5, 0.5], [0.25, 0.75], 'bits') // 1.2075...
 */
export function crossEntropy(p: ArrayLike<number>, q: ArrayLike<number>, unit: InformationUnit = 'nats'): number {
  requireDistribution('p', p);
  requireDistribution('q', q);
  requireSameLength(p, q);
  let h = 0;
  for (let i = 0; i < p.length; i++) {
    if (p[i] === 0) continue;
    if (q[i] === 0) return Infinity;
    h -= p[i] * Math.log(q[i]);
  }
  return h * scale(unit);
}

/** A divergence value with the reason when it is infinite. */
export interface DivergenceResult {
  /** The divergence (>= 0), possibly +Infinity. */
  value: number;
  /** Why the value is infinite (the first outcome p reaches and q does not), or null when finite. */
  reason: string | null;
}

/**
 * Kullback–Leibler divergence D(p||q) = sum_i p_i log(p_i / q_i) with the reason when it is
 * infinite: the support of p is not covered by q.
 * @example klDivergenceExplained([0.5, 0.5], [1, 0]).reason // 'q[1] = 0 but p[1] = 0.5 > 0: ...'
 */
export function klDivergenceExplained(p: ArrayLike<number>, q: ArrayLike<number>, unit: InformationUnit = 'nats'): DivergenceResult {
  requireDistribution('p', p);
  requireDistribution('q', q);
  requireSameLength(p, q);
  let d = 0;
  for (let i = 0; i < p.length; i++) {
    if (p[i] === 0) continue;
    if (q[i] === 0) {
      return { value: Infinity, reason: `q[${i}] = 0 but p[${i}] = ${p[i]} > 0: the support of p is not covered by q, so D(p||q) is infinite` };
    }
    d += p[i] * (Math.log(p[i]) - Math.log(q[i]));
  }
  // Rounding can leave -1e-17 for p = q; the divergence is never negative.
  return { value: Math.max(0, d) * scale(unit), reason: null };
}

/**
 * Kullback–Leibler divergence D(p||q) >= 0, zero iff p = q; +Infinity when some p_i > 0 has
 * q_i = 0 (use {@link klDivergenceExplained} for the reason).
 * @example klDivergence([0.5, 0.5], [0.25, 0.75], 'bits') // 0.2075...
 */
export function klDivergence(p: ArrayLike<number>, q: ArrayLike<number>, unit: InformationUnit = 'nats'): number {
  return klDivergenceExplained(p, q, unit).value;
}

/**
 * Jensen–Shannon divergence JS(p, q) = D(p||m)/2 + D(q||m)/2 with m = (p + q)/2: symmetric,
 * always finite, at most log 2 (1 bit).
 * @example jensenShannon([1, 0], [0, 1], 'bits') // 1
 */
export function jensenShannon(p: ArrayLike<number>, q: ArrayLike<number>, unit: InformationUnit = 'nats'): number {
  requireDistribution('p', p);
  requireDistribution('q', q);
  requireSameLength(p, q);
  let d = 0;
  for (let i = 0; i < p.length; i++) {
    const m = 0.5 * (p[i] + q[i]);
    if (p[i] > 0) d += 0.5 * p[i] * (Math.log(p[i]) - Math.log(m));
    if (q[i] > 0) d += 0.5 * q[i] * (Math.log(q[i]) - Math.log(m));
  }
  return Math.min(Math.max(0, d), Math.LN2) * scale(unit);
}

/**
 * Mutual information I(X;Y) = sum_xy p(x,y) log(p(x,y) / (p(x) p(y))) of a joint distribution
 * given as a rows x cols table (row-major; rows index X, columns Y). Zero iff X and Y are independent.
 * @example mutualInformation([0.5, 0, 0, 0.5], 2, 2, 'bits') // 1
 */
export function mutualInformation(joint: ArrayLike<number>, rows: number, cols: number, unit: InformationUnit = 'nats'): number {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 1 || cols < 1 || rows * cols !== joint.length) {
    throw new GibbsError(`joint: has ${joint.length} entries, expected rows x cols = ${rows} x ${cols}`, 'joint');
  }
  requireDistribution('joint', joint);
  const px = new Float64Array(rows);
  const py = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      px[i] += joint[i * cols + j];
      py[j] += joint[i * cols + j];
    }
  }
  let mi = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const p = joint[i * cols + j];
      if (p > 0) mi += p * (Math.log(p) - Math.log(px[i]) - Math.log(py[j]));
    }
  }
  return Math.max(0, mi) * scale(unit);
}
