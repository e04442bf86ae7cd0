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
  const walk = (start: number, cyclic: boolean) => {
    const sites: number[] = [];
    const bonds: number[] = [];
    let previous = -1;
    let current = start;
    for (;;) {
      visited[current] = 1;
      sites.push(current);
      let next = -1;
      let coupling = 0;
      for (let q = offsets[current]; q < offsets[current + 1]; q++) {
        const m = neighbors[q];
        if (m !== previous && (!visited[m] || (cyclic && m === start && sites.length > 2))) {
          next = m;
          coupling = couplings[q];
          if (!visited[m]) break;
        }
      }
      if (next === -1) break;
      bonds.push(coupling);
      if (next === start) break;
      previous = current;
      current = next;
    }
    components.push({
      sites: Int32Array.from(sites),
      fields: Float64Array.from(sites, (s) => fields[s]),
      bonds: Float64Array.from(bonds),
      cyclic,
    });
  };
  // Paths start at their ends (degree <= 1); whatever is left is made of cycles.
  for (let i = 0; i < n; i++) if (!visited[i] && model.degree(i) <= 1) walk(i, false);
  for (let i = 0; i < n; i++) if (!visited[i]) walk(i, true);
  return components;
}
