import { requireInteger, requirePositive } from '../core/errors.js';
import type { PairPotential } from '../models/particles/pair-potential.js';
import { unitSphereArea } from '../models/particles/tail-correction.js';
import { integrate } from './ideal-gas-quadrature.js';

/**
 * The second virial coefficient, the first correction to the ideal gas:
 * P / (rho T) = 1 + B2(T) rho + O(rho^2), with
 *
 *   B2(T) = -(S_d / 2) integral_0^inf (exp(-u(r)/T) - 1) r^(d-1) dr
 *
 * (McQuarrie, Statistical Mechanics, §12-2; S_d = 2 pi, 4 pi). Computed by adaptive
 * Gauss–Kronrod quadrature, split at the hard core, at every jump of u and at the cutoff, so
 * each piece is smooth; inside a hard core the integrand is exactly -r^(d-1).
 *
 * `reference: 'simulated'` integrates the potential as simulated (truncated, maybe shifted):
 * the B2 of the model a Monte Carlo run samples without tail correction. `'full'` integrates
 * the untruncated potential out to infinity (what tail-corrected pressures estimate).
 *
 * @example
 * secondVirialCoefficient(PairPotential.hardSpheres(), 1, 3); // 2 pi / 3 = 2.0944
 */
export function secondVirialCoefficient(pair: PairPotential, temperature: number, dimension: number, reference: 'simulated' | 'full' = 'simulated'): number {
  requirePositive('temperature', temperature);
  requireInteger('dimension', dimension, 2, 3);
  if (pair.isNone) return 0;
  const beta = 1 / temperature;
  const d = dimension;
  const core = pair.hardCore;
  // Inside the hard core: -(S_d/2) * integral_0^core (-1) r^(d-1) dr.
  let integral = -(core ** d) / d;
  const breaks = [core, ...pair.discontinuities.map((x) => x.r), pair.cutoff].filter((r) => r >= core && r <= pair.cutoff);
  const points = [...new Set(breaks)].sort((a, b) => a - b);
  if (points[0] > 0 && core === 0) points.unshift(0);
  const full = reference === 'full' && pair.hasTail;
  const u = (r: number) => (full ? pair.referenceEnergy(r) : pair.energy(r));
  const mayer = (r: number) => Math.expm1(-beta * u(r)) * r ** (d - 1);
  for (let i = 0; i + 1 < points.length; i++) integral += integrate(mayer, points[i], points[i + 1]);
  if (full) integral += integrate(mayer, pair.cutoff, Infinity);
  return -0.5 * unitSphereArea(d) * integral;
}
