import type { ParticleBox } from './box.js';

/**
 * A cell list (Allen & Tildesley, Computer Simulation of Liquids, 2nd ed., §5.3): the box is cut
 * into cells at least `minWidth` wide, so every particle within `minWidth` of a particle sits in
 * its own cell or one of the 3^d neighbouring cells. A single-particle energy then costs
 * O(neighbours) and a Monte Carlo sweep O(N) at fixed density.
 *
 * Each cell keeps its members, and a copy of their coordinates, in fixed-capacity slices of
 * flat typed arrays (removal swaps the last member in: O(1)), so the hot loop streams through
 * contiguous coordinates instead of gathering them by particle index. Neighbour-cell lists are
 * precomputed per cell. When every periodic axis has at least 3 cells, each neighbour entry
 * also carries the periodic image shift of that cell (`shifted`): a neighbour's coordinates
 * plus the shift are its minimum image, so the hot loop needs no minimum-image branches.
 * A box too small for 3 cells tries half-width cells with a 5^d neighbourhood (`reach` 2,
 * needing 5 cells per periodic axis); failing that, the lists are deduplicated (each pair still
 * seen once) and distances need the minimum image. Along non-periodic axes, positions
 * outside [0, L) are clamped into the edge cells: clamping never moves two points further
 * apart in cell units, so the neighbour guarantee still holds for open systems.
 *
 * The arrays a hot loop reads (counts, neighbour lists and shifts, coordinates) live in one
 * buffer, a WebAssembly memory when the platform has one, so a WebAssembly kernel can read
 * them in place (`memory`, `byteOffsets`); `generation` changes whenever they are reallocated.
 *
 * @example
 * const cells = new CellList(box, 2.5, positions.length / 3);
 * cells.build(positions);
 * const c = cells.cellOf[7]; // cell of particle 7; its neighbours: neighbours[neighbourStart[c] .. neighbourStart[c+1])
 */
export class CellList {
  readonly dimension: number;
  /** Neighbour cells reach this many cells along each axis (1: the 3^d block; 2: 5^d with half-width cells). */
  readonly reach: number;
  /** Cells along each axis (3 entries; 1 for the unused third axis in 2D). */
  readonly cellsPerAxis: Int32Array;
  /** Inverse cell widths per axis. */
  readonly inverseWidths: Float64Array;
  /** Total number of cells. */
  readonly cellCount: number;
  /** Members per cell before the storage grows. */
  capacity: number;
  /** Number of particles in each cell. */
  count!: Int32Array;
  /** Members: cell c holds members[c * capacity .. c * capacity + count[c]). */
  members: Int32Array;
  /** Coordinates of the members, d per slot: slot k of cell c at coords[d * (c * capacity + k)]. */
  coords!: Float64Array;
  /** Cell of each particle. */
  readonly cellOf: Int32Array;
  /** Index of each particle inside its cell's slice. */
  readonly slotOf: Int32Array;
  /** CSR neighbour-cell lists (each cell lists itself too). */
  neighbourStart!: Int32Array;
  neighbours!: Int32Array;
  /** Whether `neighbourShifts` hold the minimum images (else use the minimum-image convention). */
  readonly shifted: boolean;
  /** Per neighbour entry, the image shift (3 numbers) to add to that cell's coordinates. */
  neighbourShifts!: Float64Array;
  /** The WebAssembly memory holding the hot arrays (null where WebAssembly is unavailable). */
  memory: WebAssembly.Memory | null = null;
  /** Byte offsets of the hot arrays in `memory`. */
  byteOffsets = { count: 0, neighbourStart: 0, neighbours: 0, shifts: 0, coords: 0 };
  /** Incremented whenever the hot arrays move (storage growth). */
  generation = 0;

  constructor(box: ParticleBox, minWidth: number, particles: number) {
    const d = box.dimension;
    this.dimension = d;
    // Cap the grid at about 2N cells so memory stays O(N) even for a tiny range in a dilute gas.
    const maxCells = Math.max(1, Math.ceil((2 * particles) ** (1 / d)));
    const grid = (reach: number) => Array.from({ length: d }, (_, k) => Math.max(1, Math.min(maxCells, Math.floor((reach * box.lengths[k]) / minWidth))));
    // Image shifts need 2 reach + 1 distinct cells along every periodic axis. A small box with
    // only 1 or 2 cells of width >= minWidth can still have them with half-width cells and a
    // reach of 2 (a 5^d neighbourhood) before falling back to minimum images.
    const fits = (n: number[], reach: number) => n.every((c, k) => box.boundaries[k] !== 'periodic' || c >= 2 * reach + 1);
    let reach = 1;
    let n = grid(1);
    if (!fits(n, 1) && fits(grid(2), 2)) {
      reach = 2;
      n = grid(2);
    }
    this.reach = reach;
    this.cellsPerAxis = new Int32Array([1, 1, 1]);
    this.inverseWidths = new Float64Array(3);
    for (let k = 0; k < d; k++) {
      this.cellsPerAxis[k] = n[k];
      this.inverseWidths[k] = n[k] / box.lengths[k];
    }
    this.cellCount = this.cellsPerAxis[0] * this.cellsPerAxis[1] * this.cellsPerAxis[2];
    this.capacity = Math.max(8, 2 * Math.ceil(particles / this.cellCount) + 4);
    this.members = new Int32Array(this.cellCount * this.capacity);
    this.cellOf = new Int32Array(particles).fill(-1);
    this.slotOf = new Int32Array(particles);
    this.shifted = fits(n, reach);
    const { start, list, shifts } = neighbourCells(box, this.cellsPerAxis, this.shifted, reach);
    this.allocateHot(this.capacity, new Int32Array(this.cellCount), start, list, shifts, new Float64Array(0), this.capacity);
  }

  /**
   * Lay out the hot arrays (counts, neighbour lists, shifts, coordinates for `capacity` members
   * per cell) in one fresh buffer and copy the given contents in (coordinates re-strided from
   * `oldCapacity`).
   */
  private allocateHot(capacity: number, count: Int32Array, start: Int32Array, list: Int32Array, shifts: Float64Array, coords: Float64Array, oldCapacity: number): void {
    const d = this.dimension;
    const align = (bytes: number) => Math.ceil(bytes / 8) * 8;
    const o = { count: 0, neighbourStart: 0, neighbours: 0, shifts: 0, coords: 0 };
    let at = 0;
    o.count = at;
    at += align(4 * this.cellCount);
    o.neighbourStart = at;
    at += align(4 * (this.cellCount + 1));
    o.neighbours = at;
    at += align(4 * list.length);
    o.shifts = at;
    at += 8 * shifts.length;
    o.coords = at;
    at += 8 * this.cellCount * capacity * d;
    let buffer: ArrayBuffer;
    if (typeof WebAssembly !== 'undefined' && typeof WebAssembly.Memory === 'function') {
      this.memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(at / 65536)) });
      buffer = this.memory.buffer;
    } else {
      this.memory = null;
      buffer = new ArrayBuffer(at);
    }
    this.count = new Int32Array(buffer, o.count, this.cellCount);
    this.count.set(count);
    this.neighbourStart = new Int32Array(buffer, o.neighbourStart, this.cellCount + 1);
    this.neighbourStart.set(start);
    this.neighbours = new Int32Array(buffer, o.neighbours, list.length);
    this.neighbours.set(list);
    this.neighbourShifts = new Float64Array(buffer, o.shifts, shifts.length);
    this.neighbourShifts.set(shifts);
    this.coords = new Float64Array(buffer, o.coords, this.cellCount * capacity * d);
    for (let c = 0; c < this.cellCount && coords.length > 0; c++) {
      this.coords.set(coords.subarray(d * c * oldCapacity, d * (c * oldCapacity + count[c])), d * c * capacity);
    }
    this.byteOffsets = o;
    this.generation++;
  }

  /** Cell index of the point (x, y, z); z is ignored in 2D. */
  cellIndex(x: number, y: number, z: number): number {
    const n = this.cellsPerAxis;
    const w = this.inverseWidths;
    let cx = Math.floor(x * w[0]);
    cx = cx < 0 ? 0 : cx >= n[0] ? n[0] - 1 : cx;
    let cy = Math.floor(y * w[1]);
    cy = cy < 0 ? 0 : cy >= n[1] ? n[1] - 1 : cy;
    if (this.dimension === 2) return cx + n[0] * cy;
    let cz = Math.floor(z * w[2]);
    cz = cz < 0 ? 0 : cz >= n[2] ? n[2] - 1 : cz;
    return cx + n[0] * (cy + n[1] * cz);
  }

  /** Put every particle into its cell (from scratch), in particle order. */
  build(positions: Float64Array): void {
    const d = this.dimension;
    this.count.fill(0);
    this.cellOf.fill(-1);
    for (let i = 0; i < this.cellOf.length; i++) {
      const o = d * i;
      this.insert(i, this.cellIndex(positions[o], positions[o + 1], d === 3 ? positions[o + 2] : 0), positions, o);
    }
  }

  /** Add particle i to cell c, with its coordinates read from `source[offset ..]`. */
  insert(i: number, c: number, source: ArrayLike<number>, offset: number): void {
    if (this.count[c] === this.capacity) this.grow();
    const slot = this.count[c]++;
    const at = c * this.capacity + slot;
    this.members[at] = i;
    for (let k = 0; k < this.dimension; k++) this.coords[this.dimension * at + k] = source[offset + k];
    this.cellOf[i] = c;
    this.slotOf[i] = slot;
  }

  /** Remove particle i from its cell (the cell's last member takes its slot). */
  remove(i: number): void {
    const d = this.dimension;
    const c = this.cellOf[i];
    const base = c * this.capacity;
    const last = base + --this.count[c];
    const at = base + this.slotOf[i];
    const moved = this.members[last];
    this.members[at] = moved;
    for (let k = 0; k < d; k++) this.coords[d * at + k] = this.coords[d * last + k];
    this.slotOf[moved] = this.slotOf[i];
    this.cellOf[i] = -1;
  }

  /** Particle i moved to the coordinates at `source[offset ..]`, which lie in cell c. */
  update(i: number, c: number, source: ArrayLike<number>, offset: number): void {
    if (this.cellOf[i] !== c) {
      this.remove(i);
      this.insert(i, c, source, offset);
      return;
    }
    const at = this.dimension * (c * this.capacity + this.slotOf[i]);
    for (let k = 0; k < this.dimension; k++) this.coords[at + k] = source[offset + k];
  }

  /** Flat slot index of particle i (its coordinates start at coords[d * slotIndex(i)]). */
  slotIndex(i: number): number {
    return this.cellOf[i] * this.capacity + this.slotOf[i];
  }

  /** Double the per-cell capacity (rare: only when a cell overflows). */
  private grow(): void {
    this.reserve(2 * this.capacity);
  }

  /** Make room for at least `capacity` members per cell (moves the hot arrays: `generation` changes). */
  reserve(capacity: number): void {
    const old = this.capacity;
    if (capacity <= old) return;
    const members = new Int32Array(this.cellCount * capacity);
    for (let c = 0; c < this.cellCount; c++) members.set(this.members.subarray(c * old, c * old + this.count[c]), c * capacity);
    this.members = members;
    this.allocateHot(capacity, this.count.slice(), this.neighbourStart.slice(), this.neighbours.slice(), this.neighbourShifts.slice(), this.coords.slice(), old);
    this.capacity = capacity;
  }
}

/**
 * The 3^d neighbourhood of every cell, wrapping along periodic axes only. With `shifted`, each
 * entry keeps its image shift (no duplicates can occur with >= 3 cells per periodic axis);
 * otherwise duplicates are removed and shifts are zero.
 */
function neighbourCells(box: ParticleBox, n: Int32Array, shifted: boolean, reach: number): { start: Int32Array; list: Int32Array; shifts: Float64Array } {
  const d = box.dimension;
  const total = n[0] * n[1] * n[2];
  const start = new Int32Array(total + 1);
  const list: number[] = [];
  const shifts: number[] = [];
  const offsets = Array.from({ length: 2 * reach + 1 }, (_, i) => i - reach);
  const range = (k: number) => (k < d ? offsets : [0]);
  const cell = [0, 0, 0];
  for (let cz = 0; cz < n[2]; cz++) {
    for (let cy = 0; cy < n[1]; cy++) {
      for (let cx = 0; cx < n[0]; cx++) {
        const c = cx + n[0] * (cy + n[1] * cz);
        const entries = new Map<number, number[]>();
        for (const dz of range(2)) {
          for (const dy of range(1)) {
            for (const dx of range(0)) {
              const offset = [dx, dy, dz];
              const shift = [0, 0, 0];
              let inside = true;
              for (let k = 0; k < 3; k++) {
                let x = [cx, cy, cz][k] + offset[k];
                if (x < 0 || x >= n[k]) {
                  if (k >= d || box.boundaries[k] !== 'periodic') inside = false;
                  else {
                    // The image of cell x lies one period away: its particles appear shifted by -+L.
                    shift[k] = x < 0 ? -box.lengths[k] : box.lengths[k];
                    x = ((x % n[k]) + n[k]) % n[k];
                  }
                }
                cell[k] = x;
              }
              if (!inside) continue;
              const index = cell[0] + n[0] * (cell[1] + n[1] * cell[2]);
              entries.set(shifted ? entries.size : index, [index, ...(shifted ? shift : [0, 0, 0])]);
            }
          }
        }
        const sorted = [...entries.values()].sort((a, b) => a[0] - b[0]);
        for (const [index, sx, sy, sz] of sorted) {
          list.push(index);
          shifts.push(sx, sy, sz);
        }
        start[c + 1] = list.length;
      }
    }
  }
  return { start, list: Int32Array.from(list), shifts: Float64Array.from(shifts) };
}
