import { invalidValue } from '../core/errors.js';
import type { AnyKernel } from './kernel.js';
import { heatBathKernel } from './heat-bath.js';
import { metropolisKernel } from './metropolis.js';
import { multispinKernel } from './multispin.js';
import { temperingKernel } from './tempering.js';
import { swendsenWangKernel } from './swendsen-wang.js';
import { wolffKernel } from './wolff.js';

/** The Ising sampling algorithms, by their CLI names. */
export const ISING_ALGORITHMS = ['metropolis', 'heat-bath', 'multispin', 'wolff', 'swendsen-wang'] as const;
/** One of {@link ISING_ALGORITHMS}. */
export type IsingAlgorithm = (typeof ISING_ALGORITHMS)[number];

const KERNELS: Record<IsingAlgorithm, AnyKernel> = {
  metropolis: metropolisKernel,
  'heat-bath': heatBathKernel,
  multispin: multispinKernel,
  wolff: wolffKernel,
  'swendsen-wang': swendsenWangKernel,
};

/**
 * The kernel for an algorithm name (the worker-thread entry of {@link KernelRef}s for Ising runs);
 * 'tempering' wraps the `inner` kernel (default Metropolis) in parallel tempering.
 * @example isingKernel('metropolis') === metropolisKernel; isingKernel('tempering', 'heat-bath')
 */
export function isingKernel(name: string, inner = 'metropolis'): AnyKernel {
  if (name === 'tempering') return temperingKernel(isingKernel(inner));
  const kernel = (KERNELS as Record<string, AnyKernel>)[name];
  if (!kernel) throw invalidValue('algorithm', name, `one of ${[...ISING_ALGORITHMS, 'tempering'].join(', ')}`);
  return kernel;
}
