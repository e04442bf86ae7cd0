// Exact thermodynamics of a 4x4 ferromagnetic torus by enumeration, at the critical temperature.
import { enumerate } from '../src/exact/index.js';
import { squareModel } from '../src/models/index.js';

const model = squareModel(4, 4, { coupling: -1 }); // E = -sum_<nm> s_n s_m (J = -1: ferromagnet)
const t = enumerate(model, { temperature: 2 / Math.log(1 + Math.SQRT2) });
console.log(`log Z = ${t.logZ.toFixed(6)}, U/N = ${(t.energy / 16).toFixed(6)}, C/N = ${(t.heatCapacity / 16).toFixed(6)}`);
