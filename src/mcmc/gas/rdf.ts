import { CellList } from '../../models/particles/cell-list.js';
import type { GasModel } from '../../models/particles/gas-model.js';
import { shellVolume } from '../../models/particles/tail-correction.js';
import type { GasState } from './gas-state.js';

/**
 * The radial distribution function of a homogeneous fluid, one configuration at a time:
 *
 *   g(r_b) = n_b / ( [N (N - 1) / (2 V)] * V_shell(b) ),
 *
 * n_b the number of pairs with r in bin b and V_shell the volume of the shell (area in 2D).
 * The N(N-1) normalisation makes g = 1 exactly for an ideal gas at any N (Allen & Tildesley,
 * §8.2). Averaged over measurements by the driver, with batch-means error bars per bin.
 */
export class RadialDistribution {
  readonly bins: number;
  readonly rMax: number;
  readonly width: number;
  /** Bin centres. */
  readonly centres: Float64Array;
  /** 1 / ([N (N-1) / (2V)] V_shell(b)): turns a pair count into g. */
  private readonly normalisation: Float64Array;
  private readonly counts: Float64Array;
  private cells: CellList | null = null;

  constructor(model: GasModel, bins: number, rMax: number) {
    this.bins = bins;
    this.rMax = rMax;
    this.width = rMax / bins;
    const d = model.dimension;
    const pairDensity = (model.particles * (model.particles - 1)) / (2 * model.box.volume);
    this.centres = Float64Array.from({ length: bins }, (_, b) => (b + 0.5) * this.width);
    this.normalisation = Float64Array.from({ length: bins }, (_, b) => 1 / (pairDensity * shellVolume(d, b * this.width, (b + 1) * this.width)));
    this.counts = new Float64Array(bins);
  }

  /** Default range: half the shortest side, at most 5 sigma. */
  static defaultMax(model: GasModel): number {
    return Math.min(model.box.shortestPeriod / 2, 5 * (model.pair.isNone ? 1 : model.pair.sigma));
  }

  /** Add g(r) of the state's current configuration to `sum` (one value per bin). */
  accumulate(state: GasState, sum: Float64Array): void {
    const { model, positions: pos } = state;
    const d = model.dimension;
    if (this.cells === null) this.cells = new CellList(model.box, this.rMax, model.particles);
    const cells = this.cells;
    cells.build(pos);
    const inverse = model.box.inversePeriods;
    const length = model.box.lengths;
    const max2 = this.rMax * this.rMax;
    const inverseWidth = 1 / this.width;
    const counts = this.counts;
    counts.fill(0);
    for (let i = 0; i < model.particles; i++) {
      const cell = cells.cellOf[i];
      for (let q = cells.neighbourStart[cell]; q < cells.neighbourStart[cell + 1]; q++) {
        const c = cells.neighbours[q];
        for (let s = c * cells.capacity; s < c * cells.capacity + cells.count[c]; s++) {
          const j = cells.members[s];
          if (j <= i) continue;
          let r2 = 0;
          for (let k = 0; k < d; k++) {
            let dx = pos[d * j + k] - pos[d * i + k];
            dx -= length[k] * Math.floor(dx * inverse[k] + 0.5);
            r2 += dx * dx;
          }
          if (r2 < max2) counts[Math.min(this.bins - 1, Math.floor(Math.sqrt(r2) * inverseWidth))] += 1;
        }
      }
    }
    for (let b = 0; b < this.bins; b++) sum[b] += counts[b] * this.normalisation[b];
  }
}
