import { invalidValue, requireFinite } from '../core/errors.js';
import { completeEllipticIntegrals } from './elliptic.js';
import { SQUARE_CRITICAL_COUPLING, distanceToCritical } from './kaufman.js';
import { tanhSinh } from './quadrature.js';
import { type Thermodynamics, completeThermodynamics, temperaturePair } from './thermodynamics.js';

/**
 * Critical temperature of the infinite square-lattice Ising model, T_c = 2 |J| / ln(1 + sqrt 2)
 * (about 2.269 |J|), for ferromagnet (J < 0) and antiferromagnet (J > 0) alike.
 *
 * @example onsagerCriticalTemperature(-1); // 2.269185314213022
 */
export function onsagerCriticalTemperature(coupling: number): number {
  return Math.abs(requireFinite('coupling', coupling)) / SQUARE_CRITICAL_COUPLING;
}

/** Options for {@link onsager}. */
export interface OnsagerOptions {
  temperature?: number;
  beta?: number;
}

/**
 * Exact per-site thermodynamics of the infinite square lattice in zero field with coupling J
 * (Onsager 1944; Yang 1952 for the magnetisation). With K = beta |J|, k = 2 sinh 2K / cosh^2 2K:
 *
 *   -beta f = ln(2 cosh 2K) + (1/pi) int_0^{pi/2} ln[(1 + sqrt(1 - k^2 sin^2 t)) / 2] dt
 *   u = -|J| coth 2K [1 + (2/pi)(2 tanh^2 2K - 1) K(k)]
 *   c = du/dT = -K^2 d(u/|J|)/dK, differentiated analytically with dK(k)/dk = E/(k k'^2) - K/k:
 *     d(u/|J|)/dK = 2/s^2 + (4/pi)(s^2-1)K/(s^2 C^2) - (2/pi)[8K/C^2 - 2E C^2/s^2 + 2K(1-s^2)^2/(s^2 C^2)]
 *     with s = sinh 2K, C = cosh 2K (the (1 - s^2) factors cancel analytically, so T_c is safe)
 *   m_0 = (1 - sinh^{-4} 2K)^{1/8} below T_c, 0 above (Yang)
 *
 * K(k), E(k): complete elliptic integrals (AGM, with k' = |1 - sinh^2 2K| / cosh^2 2K computed
 * directly); the integral by tanh-sinh quadrature. The result has `spins` = 1: every extensive
 * quantity is per site. `absMagnetization` is the limit of <|M|>/N: Yang's m_0 for a ferromagnet,
 * 0 for an antiferromagnet (whose staggered magnetisation is m_0; see `note`). C diverges
 * (logarithmically) at T_c exactly: heatCapacity is then Infinity. Susceptibility has no closed
 * form and is omitted.
 *
 * @example
 * const t = onsager(-1, { temperature: 2 });
 * t.energy;            // internal energy per site
 * t.absMagnetization;  // spontaneous magnetisation 0.9113...
 */
export function onsager(coupling: number, options: OnsagerOptions): Thermodynamics {
  const { temperature, beta } = temperaturePair(options);
  const j = Math.abs(requireFinite('coupling', coupling));
  const tc = onsagerCriticalTemperature(coupling);
  const base = { method: 'onsager' as const, temperature, beta, spins: 1, magnetization: 0, criticalTemperature: tc };
  if (j === 0) {
    return completeThermodynamics({ ...base, logZ: Math.LN2, energy: 0, heatCapacity: 0, absMagnetization: 0, note: 'infinite square lattice, per site: free spins (J = 0)' });
  }
  const k = beta * j;
  if (!Number.isFinite(Math.cosh(2 * k))) throw invalidValue('temperature', temperature, `a temperature above ${(2 * j) / 700} for J = ${coupling} (cosh 2K overflows)`);
  const s = Math.sinh(2 * k);
  const c2 = Math.cosh(2 * k);
  const kappa = (2 * s) / (c2 * c2);
  // 1 - s^2 = (1 - s)(1 + s), with 1 - s = sinh 2K_c - sinh 2K computed without cancellation.
  const oneMinusS = -2 * Math.cosh(k + SQUARE_CRITICAL_COUPLING) * Math.sinh(distanceToCritical(k));
  const kappaPrime = Math.abs(oneMinusS * (1 + s)) / (c2 * c2);
  const integral = tanhSinh((_t, _fromA, toB) => {
    // 1 - k^2 sin^2 t = k'^2 + k^2 cos^2 t, with cos t = sin(pi/2 - t) from the distance to the end.
    const cos = Math.sin(toB);
    return Math.log1p(Math.sqrt(kappaPrime * kappaPrime + kappa * kappa * cos * cos)) - Math.LN2;
  }, 0, Math.PI / 2);
  const logZ = Math.log(2 * c2) + integral / Math.PI;
  const th = Math.tanh(2 * k);
  const coth = 1 / th;
  const kpp = 2 * th * th - 1;
  const critical = kappaPrime === 0;
  const { K, E } = critical ? { K: Infinity, E: 1 } : completeEllipticIntegrals(kappa, kappaPrime);
  // At T_c exactly kpp = 0 and K = inf: their product vanishes (x log x), so u = -|J| coth 2K_c.
  const energy = -j * coth * (1 + (critical ? 0 : (2 / Math.PI) * kpp * K));
  const s2 = s * s;
  const c22 = c2 * c2;
  const oneMinusS2 = oneMinusS * (1 + s);
  const dUdK = 2 / s2 - (4 / Math.PI) * (oneMinusS2 * K) / (s2 * c22) - (2 / Math.PI) * ((8 * K) / c22 - (2 * E * c22) / s2 + (2 * K * oneMinusS2 * oneMinusS2) / (s2 * c22));
  const heatCapacity = critical ? Infinity : -k * k * dUdK;
  const m0 = s > 1 ? Math.pow(1 - 1 / s ** 4, 1 / 8) : 0;
  const ferro = coupling < 0;
  return completeThermodynamics({
    ...base,
    logZ,
    energy,
    heatCapacity,
    absMagnetization: ferro ? m0 : 0,
    spontaneousMagnetization: m0,
    note: `infinite square lattice (Onsager), values per site; T_c = ${tc}; ${ferro ? 'spontaneous' : 'staggered (antiferromagnet)'} magnetisation m_0 = ${m0}`,
  });
}
