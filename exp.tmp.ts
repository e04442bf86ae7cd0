import { squareModel } from './src/models/index.js';
import { AutoregressiveTrainer } from './src/variational/index.js';
import { readFileSync } from 'node:fs';
const [T, depth, width, batch, steps, lr, anneal, decay] = process.argv.slice(2, 10).map(Number); const masks = (process.argv[10] ?? "graph") as "graph" | "dense";
const fx = JSON.parse(readFileSync('test/variational/fixtures/kaufman-torus.json', 'utf8')).points.find((p: any) => Math.abs(p.temperature - T) < 1e-3);
const model = squareModel(16, 16, { coupling: -1 });
const tr = new AutoregressiveTrainer(model, { temperature: T, depth, width, batch, steps, lr, anneal, decay, masks });
const t0 = Date.now();
while (!tr.done) {
  const info = tr.trainStep();
  if (info.step % 50 === 0 || info.step < 4) console.log(info.step, ((Date.now() - t0) / 1000).toFixed(1), (info.freeEnergy / 256).toFixed(5), ((info.freeEnergy / 256 - fx.freeEnergyPerSpin) / Math.abs(fx.freeEnergyPerSpin)).toExponential(2));
}
const r = tr.result({ samples: 20000 });
console.log('final', (Date.now() - t0) / 1000, 'Fq rel', (r.freeEnergy / 256 - fx.freeEnergyPerSpin) / Math.abs(fx.freeEnergyPerSpin), '+-', r.freeEnergyError / 256 / Math.abs(fx.freeEnergyPerSpin), 'IS rel', (r.freeEnergyImportance.mean / 256 - fx.freeEnergyPerSpin) / Math.abs(fx.freeEnergyPerSpin), '+-', r.freeEnergyImportance.error / 256 / Math.abs(fx.freeEnergyPerSpin), 'ess', r.ess);
