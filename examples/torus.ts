// Kaufman's exact torus approaching Onsager's infinite lattice: specific heat per site near T_c.
import { kaufmanTorus, onsager, onsagerCriticalTemperature } from '../src/exact/index.js';
import { squareModel } from '../src/models/index.js';

console.log(`T_c = ${onsagerCriticalTemperature(-1)} (= 2 / ln(1 + sqrt 2) for J = -1)`);
// Just above T_c the torus C grows like log L while the infinite lattice diverges (log |T - T_c|).
for (const t of [2.0, 2.27, 2.5]) {
  const sizes = [16, 64, 256, 1024].map((l) => kaufmanTorus(squareModel(l, l, { coupling: -1 }), { temperature: t }));
  const limit = onsager(-1, { temperature: t });
  const row = sizes.map((r) => (r.heatCapacity / r.spins).toFixed(6)).join('  ');
  console.log(`T = ${t.toFixed(6)}  C/N for L = 16, 64, 256, 1024: ${row}   infinite lattice: ${limit.heatCapacity.toFixed(6)}`);
}
