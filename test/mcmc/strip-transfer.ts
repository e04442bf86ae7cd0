/**
 * Exact thermodynamics of a W x Ly Ising torus (W = 1: a ring of Ly spins) with uniform J and h
 * by a row transfer matrix at fixed beta, written independently of src/exact so that it can
 * check lattices too large to enumerate (e.g. 4 x 32, the smallest strip multi-spin lattice).
 * Rows are periodic along x for W >= 3 (W = 2 would double the bonds and is refused).
 * The state of the recursion is (first row, current row, magnetisation so far), carrying the
 * Boltzmann weight sum z and the weighted sums of E and E^2, so <E>, C and <|M|> are exact.
 */
export function stripTorus(width: number, rows: number, j: number, h: number, beta: number) {
  if (width === 2) throw new Error('width 2 doubles the horizontal bonds');
  const configs = 1 << width;
  const spin = (c: number, x: number) => ((c >> x) & 1 ? -1 : 1);
  const rowEnergy = new Float64Array(configs);
  const rowM = new Int32Array(configs);
  for (let c = 0; c < configs; c++) {
    let e = 0;
    let m = 0;
    for (let x = 0; x < width; x++) {
      m += spin(c, x);
      e += h * spin(c, x);
      if (width >= 3) e += j * spin(c, x) * spin(c, (x + 1) % width);
    }
    rowEnergy[c] = e;
    rowM[c] = m;
  }
  const vertical = (a: number, b: number) => {
    let e = 0;
    for (let x = 0; x < width; x++) e += j * spin(a, x) * spin(b, x);
    return e;
  };
  const stepE = new Float64Array(configs * configs);
  const stepW = new Float64Array(configs * configs);
  for (let a = 0; a < configs; a++) {
    for (let b = 0; b < configs; b++) {
      stepE[a * configs + b] = rowEnergy[b] + vertical(a, b);
      stepW[a * configs + b] = Math.exp(-beta * stepE[a * configs + b]);
    }
  }
  const n = width * rows;
  const mSize = 2 * n + 1;
  let z = 0;
  let zE = 0;
  let zE2 = 0;
  let zAbsM = 0;
  for (let first = 0; first < configs; first++) {
    // arrays indexed [current row][M + n]
    let cz = new Float64Array(configs * mSize);
    let cE = new Float64Array(configs * mSize);
    let cE2 = new Float64Array(configs * mSize);
    const e0 = rowEnergy[first];
    cz[first * mSize + rowM[first] + n] = Math.exp(-beta * e0);
    cE[first * mSize + rowM[first] + n] = e0 * Math.exp(-beta * e0);
    cE2[first * mSize + rowM[first] + n] = e0 * e0 * Math.exp(-beta * e0);
    for (let y = 1; y < rows; y++) {
      const nz = new Float64Array(configs * mSize);
      const nE = new Float64Array(configs * mSize);
      const nE2 = new Float64Array(configs * mSize);
      for (let a = 0; a < configs; a++) {
        for (let m = 0; m < mSize; m++) {
          const w = cz[a * mSize + m];
          if (w === 0) continue;
          const we = cE[a * mSize + m];
          const we2 = cE2[a * mSize + m];
          for (let b = 0; b < configs; b++) {
            const e = stepE[a * configs + b];
            const f = stepW[a * configs + b];
            const k = b * mSize + m + rowM[b];
            nz[k] += w * f;
            nE[k] += (we + w * e) * f;
            nE2[k] += (we2 + 2 * we * e + w * e * e) * f;
          }
        }
      }
      cz = nz;
      cE = nE;
      cE2 = nE2;
    }
    for (let a = 0; a < configs; a++) {
      const e = rows > 1 ? vertical(a, first) : 0;
      const f = Math.exp(-beta * e);
      for (let m = 0; m < mSize; m++) {
        const w = cz[a * mSize + m];
        if (w === 0) continue;
        const we = cE[a * mSize + m];
        const we2 = cE2[a * mSize + m];
        z += w * f;
        zE += (we + w * e) * f;
        zE2 += (we2 + 2 * we * e + w * e * e) * f;
        zAbsM += Math.abs(m - n) * w * f;
      }
    }
  }
  const energy = zE / z;
  return { energy, heatCapacity: beta * beta * (zE2 / z - energy * energy), absMagnetization: zAbsM / z, logZ: Math.log(z) };
}
