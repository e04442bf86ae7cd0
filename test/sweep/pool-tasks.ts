import { GibbsError } from '../../src/core/errors.js';

export function double(n: number): number {
  return 2 * n;
}

export function userError(field: string): never {
  throw new GibbsError(`${field}: got something bad`, field);
}

/** Ends its worker thread (as a crashing native addon or a stray process.exit would). */
export function die(): never {
  process.exit(3);
}

export async function sleep(ms: number): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, ms));
  return ms;
}
