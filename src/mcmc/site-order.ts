import { GibbsError } from '../core/errors.js';
import type { IsingModel } from '../models/ising.js';

/** Order of single-site updates within a sweep. */
export type SiteOrder = 'sequential' | 'random' | 'checkerboard';

/**
 * The checkerboard visit order of a bipartite graph: every site of colour 0, then every site
 * of colour 1 (colours from a breadth-first 2-colouring, so no two neighbours share one).
 * Throws a GibbsError for graphs with odd cycles (triangular lattices, odd periodic lengths).
 */
export function siteOrder(model: IsingModel, order: SiteOrder): Int32Array {
  const n = model.size;
  if (order !== 'checkerboard') return Int32Array.from({ length: n }, (_, i) => i);
  const colour = new Int8Array(n).fill(-1);
  const queue = new Int32Array(n);
  for (let root = 0; root < n; root++) {
    if (colour[root] >= 0) continue;
    colour[root] = 0;
    let head = 0;
    let tail = 0;
    queue[tail++] = root;
    while (head < tail) {
      const i = queue[head++];
      for (let k = model.offsets[i]; k < model.offsets[i + 1]; k++) {
        const j = model.neighbors[k];
        if (colour[j] < 0) {
          colour[j] = 1 - colour[i];
          queue[tail++] = j;
        } else if (colour[j] === colour[i]) {
          throw new GibbsError('order: checkerboard needs a bipartite graph (no odd cycles); this model has one; use "sequential" or "random"', 'order');
        }
      }
    }
  }
  const out = new Int32Array(n);
  let k = 0;
  for (const c of [0, 1]) for (let i = 0; i < n; i++) if (colour[i] === c) out[k++] = i;
  return out;
}
