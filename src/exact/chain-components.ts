import type { IsingModel } from '../models/ising.js';

/**
 * One connected piece of a model whose coupling graph has maximum degree 2: an open path or a
 * closed cycle, with its spins in walking order. `bonds[i]` couples sites[i] and sites[i+1];
 * for a cycle the last entry couples sites[n-1] back to sites[0].
 */
export interface ChainComponent {
  sites: Int32Array;
  /** Fields h of the sites, in walking order. */
  fields: Float64Array;
  /** n - 1 bonds for a path, n for a cycle. */
  bonds: Float64Array;
  cyclic: boolean;
}

/**
 * Split a model into chains (paths and cycles) when every spin has at most two coupled
 * neighbours; otherwise return a reason why the chain transfer matrix does not apply.
 * A single spin is a path of length 1. Works for any site numbering.
 *
 * @example
 * chainComponents(chainModel(5, { boundary: 'periodic' })); // one cycle of 5 sites
 */
export function chainComponents(model: IsingModel): ChainComponent[] | { reason: string } {
  const n = model.size;
  for (let i = 0; i < n; i++) {
    if (model.degree(i) > 2) return { reason: `spin ${i} has ${model.degree(i)} coupled neighbours (a chain has at most 2)` };
  }
  const { offsets, neighbors, couplings, fields } = model;
  const visited = new Uint8Array(n);
  const components: ChainComponent[] = [];
  const sites = new Int32Array(n);
  const bonds = new Float64Array(n);
  const walk = (start: number, cyclic: boolean): void => {
    let length = 0;
    let bondCount = 0;
    let previous = -1;
    let current = start;
    for (;;) {
      visited[current] = 1;
      sites[length++] = current;
      let next = -1;
      let coupling = 0;
      for (let q = offsets[current]; q < offsets[current + 1]; q++) {
        const m = neighbors[q];
        if (m === previous) continue;
        if (!visited[m]) {
          next = m;
          coupling = couplings[q];
          break;
        }
        // Closing a cycle: back to the start from its last site.
        if (cyclic && m === start && length > 2) {
          next = m;
          coupling = couplings[q];
        }
      }
      if (next === -1) break;
      bonds[bondCount++] = coupling;
      if (next === start) break;
      previous = current;
      current = next;
    }
    const own = sites.slice(0, length);
    const ownFields = new Float64Array(length);
    for (let i = 0; i < length; i++) ownFields[i] = fields[own[i]];
    components.push({ sites: own, fields: ownFields, bonds: bonds.slice(0, bondCount), cyclic });
  };
  // Paths start at their ends (degree <= 1); whatever is left is made of cycles.
  for (let i = 0; i < n; i++) if (!visited[i] && model.degree(i) <= 1) walk(i, false);
  for (let i = 0; i < n; i++) if (!visited[i]) walk(i, true);
  return components;
}
