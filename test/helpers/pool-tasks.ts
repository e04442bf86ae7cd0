import { enumerateChunk } from '../../src/exact/enumerate.js';
import { sherringtonKirkpatrickModel } from '../../src/models/disorder.js';

export async function slowSquare(n: number): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 10 * n));
  return n * n;
}

export function failOn(n: number, bad: number): number {
  if (n === bad) throw new Error(`task ${n} failed`);
  return n;
}

export function skChunk(prefix: number) {
  return enumerateChunk(sherringtonKirkpatrickModel(14, { seed: 2, field: 0.1 }), 1, prefix, 2, { spinMeans: true, correlations: false });
}
