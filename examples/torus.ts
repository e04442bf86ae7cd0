// Kaufman's exact torus approaching Onsager's infinite lattice: specific heat per site near T_c.
import { kaufmanLogZ, kaufmanTorus, onsager, onsagerCriticalTemperature } from '../src/exact/index.js';
import { squareModel } from '../src/models/index.js';

console.log(`T_c = ${onsagerCriticalTemperature(-1)} (= 2 / ln(1 + sqrt 2) for J = -1)`);

// From a model: the 16 x 16 torus (E = -sum_<nm> s_n s_m, J = -1).
const small = kaufmanTorus(squareModel(16, 16, { coupling: -1 }), { temperature: 2.27 });
console.log(`16 x 16 torus at T = 2.27: U/N = ${(small.energy / small.spins).toFixed(8)}, C/N = ${(small.heatCapacity / small.spins).toFixed(8)}`);

// Straight from the formula (no model needed): C/N = K^2 d^2 log Z / dK^2 / N with K = |J| / T.
// Just above T_c the torus C grows like log L while the infinite lattice's diverges as log |T - T_c|.
for (const t of [2.0, 2.27, 2.5]) {
  const k = 1 / t;
  const perSite = [16, 64, 256, 1024].map((l) => ((k * k * kaufmanLogZ(l, l, k).d2) / (l * l)).toFixed(6)).join('  ');
  console.log(`T = ${t.toFixed(2)}  C/N for L = 16, 64, 256, 1024: ${perSite}   infinite lattice: ${onsager(-1, { temperature: t }).heatCapacity.toFixed(6)}`);
}
