// Draw a figure from library results: exact thermodynamics of a 4x4 torus against temperature,
// saved as SVG and PNG into a temporary folder.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { enumerate } from '../src/exact/index.js';
import { squareModel } from '../src/models/index.js';
import { exactSeries, saveFigure, thermodynamicsFigure } from '../src/report/index.js';

const model = squareModel(4, 4, { coupling: -1 }); // ferromagnet: J = -1
const results = [1, 1.5, 2, 2.25, 2.5, 2.75, 3, 3.5, 4].map((temperature) => enumerate(model, { temperature }));
const figure = thermodynamicsFigure([exactSeries(results, 'exact (enumeration)')], { title: '4x4 Ising torus', criticalTemperature: 2 / Math.log(1 + Math.SQRT2) });
const dir = mkdtempSync(join(tmpdir(), 'gibbs-example-'));
await saveFigure(join(dir, 'torus.svg'), figure);
await saveFigure(join(dir, 'torus.png'), figure);
console.log(`wrote ${join(dir, 'torus.svg')} and torus.png`);
