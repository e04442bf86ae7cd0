/**
 * The evidence lower bound for models with a discrete latent variable per point (mixtures):
 * log p(x) >= ELBO(x, q) = sum_i sum_k q_ik (log p(x_i, z_i = k) - log q_ik), equality iff
 * q_i = p(z_i | x_i) (Bishop, PRML, eq. 9.70-9.72; the gap is sum_i KL(q_i || p(z_i | x_i))).
 */
import { GibbsError, invalidValue } from '../core/errors.js';

/**
 * ELBO from an n x K matrix of log joints log p(x_i, k) and an n x K matrix q of probabilities
 * (rows summing to 1). Terms with q_ik = 0 contribute 0.
 * @example discreteLatentElbo(Float64Array.of(Math.log(0.3), Math.log(0.1)), Float64Array.of(0.75, 0.25), 2) // log 0.4
 */
export function discreteLatentElbo(logJoint: Float64Array, q: ArrayLike<number>, k: number): number {
  if (q.length !== logJoint.length) throw new GibbsError(`q: has ${q.length} entries, expected points x components = ${logJoint.length / k} x ${k}`, 'q');
  let elbo = 0;
  for (let i = 0; i < logJoint.length; i += k) {
    let rowSum = 0;
    for (let c = 0; c < k; c++) {
      const p = q[i + c];
      if (!(p >= 0 && p <= 1)) throw invalidValue(`q[${i / k}][${c}]`, p, 'a probability from 0 to 1');
      rowSum += p;
      if (p > 0) elbo += p * (logJoint[i + c] - Math.log(p));
    }
    if (Math.abs(rowSum - 1) > 1e-9) throw new GibbsError(`q[${i / k}]: sums to ${rowSum}, expected 1`, 'q');
  }
  return elbo;
}

/** Turn each row of an n x K matrix of logs into probabilities (softmax per row), in place. */
export function normalizeLogRows(logs: Float64Array, k: number): Float64Array {
  for (let i = 0; i < logs.length; i += k) {
    let max = -Infinity;
    for (let c = 0; c < k; c++) if (logs[i + c] > max) max = logs[i + c];
    let s = 0;
    for (let c = 0; c < k; c++) s += logs[i + c] = Math.exp(logs[i + c] - max);
    for (let c = 0; c < k; c++) logs[i + c] /= s;
  }
  return logs;
}
