import { type Thermodynamics, completeThermodynamics } from './thermodynamics.js';

/**
 * Summary of the Boltzmann weights of a set of states at one beta, mergeable across blocks,
 * chunks and threads without losing precision:
 * - weights are stored relative to a reference energy `eref` (w = exp(-beta (E - eref)) <= 1
 *   for the states seen, so nothing overflows), and `z` is their sum;
 * - energy and magnetisation are kept as weighted means and centred second moments
 *   (M2 = sum w (x - mean)^2), merged with Chan, Golub & LeVeque's pairwise formula, so the
 *   variance never comes from <E^2> - <E>^2 of large numbers.
 */
export interface EnumerationSums {
  beta: number;
  spins: number;
  eref: number;
  /** sum of w */
  z: number;
  energyMean: number;
  /** sum of w (E - energyMean)^2 */
  energyM2: number;
  magMean: number;
  /** sum of w (M - magMean)^2 */
  magM2: number;
  /** weighted mean of |M| */
  absMagMean: number;
  /** sum of w s_n (length N, or 0 when spin means were not requested) */
  single: Float64Array;
  /** sum of w s_n s_m for n < m at n*N + m (only with correlations; else length 0) */
  pair: Float64Array;
}

/**
 * An empty summary (z = 0) for `spins` spins; `single`/`pair` sized by what is gathered.
 *
 * @example
 * const sums = emptySums(1, 10, true, false);
 */
export function emptySums(beta: number, spins: number, spinMeans: boolean, correlations: boolean): EnumerationSums {
  return {
    beta, spins, eref: Infinity, z: 0, energyMean: 0, energyM2: 0, magMean: 0, magM2: 0, absMagMean: 0,
    single: new Float64Array(spinMeans || correlations ? spins : 0),
    pair: new Float64Array(correlations ? spins * spins : 0),
  };
}

/**
 * Multiply every weight by f = exp(-beta (eref - newRef)) <= 1 and move the reference down.
 *
 * @example
 * rescaleSums(sums, -12.5); // weights now relative to E = -12.5
 */
export function rescaleSums(sums: EnumerationSums, newRef: number): void {
  if (sums.z === 0) {
    sums.eref = newRef;
    return;
  }
  const f = Math.exp(-sums.beta * (sums.eref - newRef));
  sums.z *= f;
  sums.energyM2 *= f;
  sums.magM2 *= f;
  for (let i = 0; i < sums.single.length; i++) sums.single[i] *= f;
  for (let i = 0; i < sums.pair.length; i++) sums.pair[i] *= f;
  sums.eref = newRef;
}

/**
 * Add a block of states to `sums`: its weight z (relative to `eref`), energy and magnetisation
 * means and centred second moments, and mean |M|. Spin sums are added by the caller (scaled by
 * the factor this returns: the block's weights expressed relative to sums.eref).
  *
  * @example
  * addBlock(sums, -10, 3.2, -9.1, 0.8, 0.5, 2.1, 1.3); // returns the factor applied to the block
 */
export function addBlock(
  sums: EnumerationSums, eref: number, z: number,
  energyMean: number, energyM2: number, magMean: number, magM2: number, absMagMean: number,
): number {
  if (eref < sums.eref) rescaleSums(sums, eref);
  const f = Math.exp(-sums.beta * (eref - sums.eref));
  const zb = z * f;
  if (!(zb > 0)) return f;
  const total = sums.z + zb;
  const wb = zb / total;
  const wa = sums.z / total;
  const de = energyMean - sums.energyMean;
  const dm = magMean - sums.magMean;
  sums.energyM2 += energyM2 * f + de * de * sums.z * wb;
  sums.magM2 += magM2 * f + dm * dm * sums.z * wb;
  sums.energyMean = wa * sums.energyMean + wb * energyMean;
  sums.magMean = wa * sums.magMean + wb * magMean;
  sums.absMagMean = wa * sums.absMagMean + wb * absMagMean;
  sums.z = total;
  return f;
}

/**
 * Merge `b` into `a` (same beta); returns `a`.
 *
 * @example
 * const total = chunks.reduce(mergeEnumerationSums);
 */
export function mergeEnumerationSums(a: EnumerationSums, b: EnumerationSums): EnumerationSums {
  if (b.z === 0) return a;
  const f = addBlock(a, b.eref, b.z, b.energyMean, b.energyM2, b.magMean, b.magM2, b.absMagMean);
  for (let i = 0; i < a.single.length; i++) a.single[i] += f * b.single[i];
  for (let i = 0; i < a.pair.length; i++) a.pair[i] += f * b.pair[i];
  return a;
}

/**
 * Complete a zero-field summary of the half of state space with s_{N-1} = +1 into the whole
 * space: E(-s) = E(s) when every h_n = 0, so the flipped half has the same weights and energies
 * and opposite magnetisation. Z doubles, <M> = 0, sum w M^2 doubles, <s_n> = 0, <s_n s_m> stays.
  *
  * @example
  * completeSpinFlip(halfSums); // the whole state space of a zero-field model
 */
export function completeSpinFlip(sums: EnumerationSums): EnumerationSums {
  sums.magM2 = 2 * (sums.magM2 + sums.z * sums.magMean * sums.magMean);
  sums.magMean = 0;
  sums.z *= 2;
  sums.energyM2 *= 2;
  sums.single.fill(0);
  for (let i = 0; i < sums.pair.length; i++) sums.pair[i] *= 2;
  return sums;
}

/**
 * Turn a summary of all 2^N states into thermodynamics.
 *
 * @example
 * enumerationResult(enumerateChunk(model, 1, 0, 0, { spinMeans: true, correlations: false }), 1).logZ;
 */
export function enumerationResult(sums: EnumerationSums, temperature: number): Thermodynamics {
  const { beta, z, spins: n } = sums;
  const energyVariance = sums.energyM2 / z;
  const magVariance = sums.magM2 / z;
  const spinMeans = sums.single.length ? sums.single.map((x) => x / z) : undefined;
  let correlations: Float64Array | undefined;
  if (sums.pair.length) {
    correlations = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      correlations[i * n + i] = 1;
      for (let j = i + 1; j < n; j++) {
        const v = sums.pair[i * n + j] / z;
        correlations[i * n + j] = v;
        correlations[j * n + i] = v;
      }
    }
  }
  return completeThermodynamics({
    method: 'enumeration', temperature, beta, spins: n,
    logZ: Math.log(z) - beta * sums.eref,
    energy: sums.energyMean,
    heatCapacity: beta * beta * energyVariance,
    magnetization: sums.magMean,
    absMagnetization: sums.absMagMean,
    magnetizationSquared: magVariance + sums.magMean * sums.magMean,
    susceptibility: beta * magVariance,
    spinMeans,
    correlations,
  });
}
