/**
 * A strip of the square lattice seen by a transfer matrix: `length` rows of `width` spins,
 * uniform coupling J on every nearest-neighbour bond and uniform field h.
 * E = J sum_<nm> s_n s_m + h sum_n s_n (ferromagnet J < 0).
 *
 * Across a periodic row the last spin couples to the first (for width 2 that is a second bond
 * between the same two spins, matching model files, which merge it into 2J); along a periodic
 * strip the last row couples to the first (likewise for length 2).
 */
export interface Strip {
  width: number;
  length: number;
  acrossPeriodic: boolean;
  alongPeriodic: boolean;
  coupling: number;
  field: number;
}

/** Largest strip width the transfer matrices accept (state vectors of 2^width entries). */
export const MAX_STRIP_WIDTH = 16;

/**
 * Row energies and magnetisations of every row configuration x (bit i set = spin i is -1):
 * E_row(x) = J sum_i s_i s_{i+1} (+ J s_{W-1} s_0 across a periodic row) + h sum_i s_i.
  *
  * @example
  * rowTables({ width: 2, length: 1, acrossPeriodic: false, alongPeriodic: false, coupling: -1, field: 0 }).energy; // [-1, 1, 1, -1]
 */
export function rowTables(strip: Strip): { energy: Float64Array; magnetization: Float64Array } {
  const { width, coupling, field, acrossPeriodic } = strip;
  const size = 2 ** width;
  const energy = new Float64Array(size);
  const magnetization = new Float64Array(size);
  for (let x = 0; x < size; x++) {
    let e = 0;
    let m = 0;
    for (let i = 0; i < width; i++) {
      const si = (x >> i) & 1 ? -1 : 1;
      m += si;
      if (i + 1 < width) e += coupling * si * ((x >> (i + 1)) & 1 ? -1 : 1);
    }
    if (acrossPeriodic && width > 1) e += coupling * ((x >> (width - 1)) & 1 ? -1 : 1) * (x & 1 ? -1 : 1);
    energy[x] = e + field * m;
    magnetization[x] = m;
  }
  return { energy, magnetization };
}

/**
 * sum_i s_i(x) s_i(y) for two rows of `width` spins: width - 2 popcount(x xor y).
 *
 * @example
 * rowOverlap(0b01, 0b11, 2); // 0: one spin agrees, one differs
 */
export function rowOverlap(x: number, y: number, width: number): number {
  let d = 0;
  for (let v = x ^ y; v; v &= v - 1) d++;
  return width - 2 * d;
}
