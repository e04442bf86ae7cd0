import { enumerate } from './src/exact/index.js';
import { squareModel, sherringtonKirkpatrickModel, chainModel, IsingModel } from './src/models/index.js';
import { meanField, tap, bethe } from './src/variational/index.js';
const cases = [
  ['torus4 T=2.5', squareModel(4,4,{coupling:-1}), 2.5],
  ['torus4 T=2', squareModel(4,4,{coupling:-1}), 2],
  ['sk16 b=0.5', sherringtonKirkpatrickModel(16,{seed:3, field: 0.1}), 2],
  ['sk16 b=1', sherringtonKirkpatrickModel(16,{seed:3}), 1],
  ['chain open', chainModel(12,{coupling:-1, field:0.3, boundary:'open'}), 1],
] as const;
for (const [name, model, T] of cases) {
  const ex = enumerate(model, {temperature: T});
  const mf = meanField(model, {temperature: T}); const tp = tap(model,{temperature:T}); const bp = bethe(model,{temperature:T});
  console.log(name, ex.freeEnergy.toFixed(6), 'mf', mf.freeEnergy.toFixed(6), mf.converged, mf.iterations, 'tap', tp.freeEnergy.toFixed(6), tp.converged, 'bethe', bp.freeEnergy.toFixed(6), bp.converged, bp.iterations, 'U', ex.energy.toFixed(4), bp.energy.toFixed(4));
}
