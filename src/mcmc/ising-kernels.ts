import { invalidValue } from '../core/errors.js';
import type { AnyKernel } from './kernel.js';
import { metropolisKernel } from './metropolis.js';

/** The Ising sampling algorithms, by their CLI names. */
export const ISING_ALGORITHMS = ['metropolis'] as const;
export type IsingAlgorithm = (typeof ISING_ALGORITHMS)[number];

const KERNELS: Record<IsingAlgorithm, AnyKernel> = {
  metropolis: metropolisKernel,
};

/**
 * The kernel for an algorithm name (the worker-thread entry of {@link KernelRef}s for Ising runs).
 * @example isingKernel('metropolis') === metropolisKernel
 */
export function isingKernel(name: string): AnyKernel {
  const kernel = (KERNELS as Record<string, AnyKernel>)[name];
  if (!kernel) throw invalidValue('algorithm', name, `one of ${ISING_ALGORITHMS.join(', ')}`);
  return kernel;
}
