/**
 * The logistic ("stretch") domain of context-mixing compressors (M. Mahoney, "Adaptive weighing
 * of context models for lossless data compression", Florida Tech TR CS-2005-16):
 *   stretch(p) = ln(p / (1 - p)),  squash(x) = 1 / (1 + e^-x).
 * Both are integer tables: x is in units of 1/256 on [-2047, 2047]; probabilities are 16-bit.
 * Only the squash table uses Math.exp, once, and no entry lies within 1e-6 of a rounding
 * boundary (checked by a test), so every JavaScript engine builds identical tables; stretch is
 * the exact integer inverse of squash. Encoder and decoder therefore agree bit for bit.
 */

/** squash: index x + 2048 (x in [-2048, 2047]) -> P(1) * 2^16, clamped to [1, 65535]. */
export const SQUASH = new Int32Array(4096);
/** stretch: index p12 = floor(P(1) * 4096) in [0, 4095] -> x in [-2047, 2047]. */
export const STRETCH = new Int32Array(4096);

for (let i = 0; i < 4096; i++) {
  const x = i - 2048;
  SQUASH[i] = Math.min(65535, Math.max(1, Math.round(65536 / (1 + Math.exp(-x / 256)))));
}
for (let p = 0, x = -2047; p < 4096; p++) {
  // The smallest x whose squash reaches the middle of the 12-bit cell p.
  const target = p * 16 + 8;
  while (x < 2047 && SQUASH[x + 2048] < target) x++;
  STRETCH[p] = x;
}

/**
 * squash(x) as a 16-bit probability; x is clamped to [-2047, 2047].
 * @example squash(0) // 32768
 */
export function squash(x: number): number {
  return SQUASH[(x > 2047 ? 2047 : x < -2047 ? -2047 : x) + 2048];
}

/**
 * stretch(p16 / 2^16) in units of 1/256.
 * @example stretch(32768) // 0 (or within one unit of it)
 */
export function stretch(p16: number): number {
  return STRETCH[p16 >>> 4];
}
