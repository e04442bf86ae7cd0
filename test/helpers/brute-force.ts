import type { IsingModel } from '../../src/models/ising.js';

/**
 * Independent reference: loop over all 2^N states in binary order, computing each energy from
 * scratch with model.energy (no Gray code, no incremental updates, no log-domain tricks beyond
 * one max shift). Slow, obviously correct; for N <= ~16.
 */
export function bruteForce(model: IsingModel, beta: number) {
  const n = model.size;
  const states = 2 ** n;
  const energies = new Float64Array(states);
  const mags = new Float64Array(states);
  const s = new Int8Array(n);
  for (let x = 0; x < states; x++) {
    for (let i = 0; i < n; i++) s[i] = (x >> i) & 1 ? -1 : 1;
    energies[x] = model.energy(s);
    mags[x] = model.magnetization(s);
  }
  const emin = Math.min(...energies);
  let z = 0;
  let e = 0;
  let e2 = 0;
  let m = 0;
  let m2 = 0;
  let mAbs = 0;
  const single = new Float64Array(n);
  const pair = new Float64Array(n * n);
  for (let x = 0; x < states; x++) {
    const w = Math.exp(-beta * (energies[x] - emin));
    z += w;
    e += w * energies[x];
    e2 += w * energies[x] ** 2;
    m += w * mags[x];
    m2 += w * mags[x] ** 2;
    mAbs += w * Math.abs(mags[x]);
    for (let i = 0; i < n; i++) {
      const si = (x >> i) & 1 ? -1 : 1;
      single[i] += w * si;
      for (let j = 0; j < n; j++) pair[i * n + j] += w * si * ((x >> j) & 1 ? -1 : 1);
    }
  }
  const energy = e / z;
  return {
    logZ: Math.log(z) - beta * emin,
    energy,
    heatCapacity: beta * beta * (e2 / z - energy * energy),
    magnetization: m / z,
    absMagnetization: mAbs / z,
    susceptibility: beta * (m2 / z - (m / z) ** 2),
    spinMeans: single.map((v) => v / z),
    correlations: pair.map((v) => v / z),
  };
}
