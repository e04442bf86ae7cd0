// Variational free energies of a 4x4 ferromagnetic torus: naive mean field and the autoregressive
// network give upper bounds on F; TAP and Bethe are approximations; enumeration is exact.
import { enumerate } from '../src/exact/index.js';
import { squareModel } from '../src/models/index.js';
import { autoregressive, bethe, meanField, tap } from '../src/variational/index.js';

const model = squareModel(4, 4, { coupling: -1 }); // E = -sum_<nm> s_n s_m (J = -1: ferromagnet)
const temperature = 2.5;
const exact = enumerate(model, { temperature }).freeEnergy;
const perSpin = (f: number) => (f / model.size).toFixed(5);

console.log(`exact           F/N = ${perSpin(exact)}`);
for (const r of [meanField(model, { temperature }), tap(model, { temperature }), bethe(model, { temperature })]) {
  console.log(`${r.method.padEnd(15)} F/N = ${perSpin(r.freeEnergy)}  bound: ${r.bound}, converged: ${r.converged}`);
}
const van = autoregressive(model, { temperature, steps: 300, batch: 200, seed: 1 });
console.log(`autoregressive   F_q/N = ${perSpin(van.freeEnergy)} ± ${(van.freeEnergyError / model.size).toFixed(5)} (upper bound)`);
console.log(`importance-sampled F/N = ${perSpin(van.freeEnergyImportance.mean)} ± ${(van.freeEnergyImportance.error / model.size).toFixed(5)}, ESS ${Math.round(van.ess)} of ${van.samples}`);
