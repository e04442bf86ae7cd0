import { type Command, Option } from 'commander';
import { chooseExactMethod, requireExactMethod } from '../../exact/methods.js';
import { type ExactMethod, type Thermodynamics, perSpin } from '../../exact/thermodynamics.js';
import type { IsingModel } from '../../models/ising.js';
import { enumerateParallel } from '../../node/parallel-enumerate.js';
import { parseChoice, parseInteger, parseTemperatures } from '../options.js';
import { createProgress } from '../progress.js';
import { formatTable } from '../table.js';
import { printJson, readModel } from '../io.js';
import { plotOption, plotTarget } from '../plot-option.js';
import { exactSeries, thermodynamicsFigure } from '../../report/figures/thermodynamics.js';

const METHODS = ['auto', 'enumeration'] as const;

interface ExactOptions {
  temperature?: string;
  beta?: string;
  method: string;
  json?: boolean;
  workers?: string;
  plot?: string;
}

/** Solve one temperature point with the chosen method. */
async function solve(model: IsingModel, method: ExactMethod, temperature: number, options: ExactOptions): Promise<Thermodynamics> {
  const workers = options.workers === undefined ? undefined : parseInteger('--workers', options.workers, 1, 256);
  const progress = createProgress('enumerating', 2 ** model.size, { json: options.json, unit: 'states' });
  try {
    return await enumerateParallel(model, temperature, { workers, onProgress: (done) => progress.update(done) });
  } finally {
    progress.stop();
  }
}

/** JSON shape of one result: totals plus the same under perSpin. */
export function exactJson(t: Thermodynamics): Record<string, unknown> {
  return {
    method: t.method,
    temperature: t.temperature,
    beta: t.beta,
    spins: t.spins,
    logZ: t.logZ,
    freeEnergy: t.freeEnergy,
    energy: t.energy,
    entropy: t.entropy,
    heatCapacity: t.heatCapacity,
    magnetization: t.magnetization,
    absMagnetization: t.absMagnetization,
    susceptibility: t.susceptibility,
    perSpin: perSpin(t),
  };
}

/** Aligned table of per-spin results, one row per temperature. */
export function exactTable(results: Thermodynamics[]): string {
  return formatTable(
    ['T', 'beta', 'logZ/N', 'F/N', 'U/N', 'S/N', 'C/N', '<|M|>/N', 'chi/N'],
    results.map((t) => {
      const p = perSpin(t);
      return [t.temperature, t.beta, p.logZ, p.freeEnergy, p.energy, p.entropy, p.heatCapacity, p.absMagnetization, p.susceptibility];
    }),
  );
}

/** `gibbs exact MODEL --temperature T`: exact thermodynamics. */
export function registerExact(program: Command): void {
  program
    .command('exact')
    .description('exact thermodynamics: log Z, F, U, S, C, |M|, chi (totals; per spin in the table)')
    .argument('<model>', 'model file (JSON), or - for stdin')
    .option('-T, --temperature <list>', 'temperature(s): 2.269, a list 1.5,2.0 or a range 1.5:3.5:0.25')
    .option('-b, --beta <list>', 'inverse temperature(s) beta = 1/T, same forms as --temperature')
    .addOption(new Option('-m, --method <method>', 'exact method').choices([...METHODS]).default('auto'))
    .option('--workers <n>', 'worker threads for enumeration (default: one per core)')
    .option('--json', 'print JSON (an object, or an array for several temperatures)')
    .addOption(plotOption())
    .addHelpText('after', '\nExamples:\n  gibbs exact examples/models/sk-20.json --temperature 1\n  gibbs exact examples/models/torus-4.json -T 1.5:3.5:0.5 --json\n  gibbs exact examples/models/torus-4.json -T 1:4:0.05 --plot torus-4.svg')
    .action(async (path: string, options: ExactOptions) => {
      const points = parseTemperatures(options);
      const plot = plotTarget(options.plot);
      const model = readModel(path);
      const requested = parseChoice('--method', options.method, METHODS);
      const method: ExactMethod = requested === 'auto' ? chooseExactMethod(model) : requested;
      if (requested !== 'auto') requireExactMethod(model, method);
      else if (!options.json) process.stderr.write(`method: ${method} (auto)\n`);
      const results: Thermodynamics[] = [];
      for (const point of points) results.push(await solve(model, method, point.temperature, options));
      if (options.json) printJson(results.length === 1 ? exactJson(results[0]) : results.map(exactJson));
      else process.stdout.write(`${model.description}, ${model.size} spins, method ${method}\n${exactTable(results)}\n`);
      await plot?.write(() => thermodynamicsFigure([exactSeries(results, `exact (${method})`)], { title: `${model.description}: exact thermodynamics`, subtitle: `${model.size} spins, method ${method}` }));
    });
}
