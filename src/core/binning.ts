import { variance } from './running-stats.js';

/** Error of the mean estimated from blocks of a given size. */
export interface BinningLevel {
  blockSize: number;
  blocks: number;
  /** Standard error of the mean from the block means. */
  error: number;
}

/**
 * Binning (blocking) analysis (Flyvbjerg & Petersen, J. Chem. Phys. 91, 461, 1989): the error
 * of the mean from block averages of size 1, 2, 4, ... while at least `minBlocks` blocks remain.
 * For correlated data the error grows with block size and plateaus at the true error once
 * blocks are longer than a few autocorrelation times.
  *
  * @example
  * binningAnalysis(series).map((level) => level.error); // error estimates at block sizes 1, 2, 4, ...
 */
export function binningAnalysis(series: ArrayLike<number>, minBlocks = 32): BinningLevel[] {
  const levels: BinningLevel[] = [];
  let current = Float64Array.from(series as ArrayLike<number>);
  let blockSize = 1;
  while (current.length >= minBlocks) {
    levels.push({ blockSize, blocks: current.length, error: Math.sqrt(variance(current) / current.length) });
    const next = new Float64Array(current.length >> 1);
    for (let i = 0; i < next.length; i++) next[i] = 0.5 * (current[2 * i] + current[2 * i + 1]);
    current = next;
    blockSize *= 2;
  }
  return levels;
}

/**
 * The binning estimate of the error of the mean: the largest block level's error among the
 * levels that keep at least `minBlocks` blocks (a conservative read of the plateau).
  *
  * @example
  * binnedError(series); // plateau of the binning error estimates
 */
export function binnedError(series: ArrayLike<number>, minBlocks = 32): number {
  const levels = binningAnalysis(series, minBlocks);
  if (levels.length === 0) return series.length > 1 ? Math.sqrt(variance(series) / series.length) : Number.NaN;
  let best = 0;
  for (const level of levels) if (level.error > best) best = level.error;
  return best;
}

/**
 * Block means of `series` cut into `blocks` equal blocks (a trailing remainder is dropped).
 *
 * @example
 * blockMeans(Float64Array.of(1, 3, 5, 7), 2); // [2, 6]
 */
export function blockMeans(series: ArrayLike<number>, blocks: number): Float64Array {
  const size = Math.floor(series.length / blocks);
  const out = new Float64Array(blocks);
  for (let b = 0; b < blocks; b++) {
    let sum = 0;
    for (let i = b * size; i < (b + 1) * size; i++) sum += series[i];
    out[b] = sum / size;
  }
  return out;
}

