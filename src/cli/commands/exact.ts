import { type Command, Option } from 'commander';
import { chooseExactMethod, requireExactMethod, solveExact } from '../../exact/methods.js';
import { type ExactMethod, type Thermodynamics, perSpin, thermodynamicsJson } from '../../exact/thermodynamics.js';
import type { IsingModel } from '../../models/ising.js';
import { enumerateParallel } from '../../node/parallel-enumerate.js';
import { type TemperaturePoint, parseChoice, parseInteger, parseTemperatures } from '../options.js';
import { createProgress } from '../progress.js';
import { formatTable } from '../table.js';
import { printJson, readModel } from '../io.js';
import { plotOption, plotTarget } from '../plot-option.js';
import { exactSeries, thermodynamicsFigure } from '../../report/figures/thermodynamics.js';

const METHODS = ['auto', 'enumeration', 'transfer-matrix', 'torus', 'onsager'] as const;

interface ExactOptions {
  temperature?: string;
  beta?: string;
  method: string;
  json?: boolean;
  workers?: string;
  plot?: string;
}

/** Solve every temperature point with the chosen method (enumeration on worker threads, with a progress bar). */
/** Exact thermodynamics at each point with `method` (enumeration on worker threads, with a progress bar). */
export async function solveAll(model: IsingModel, method: ExactMethod, points: TemperaturePoint[], options: { json?: boolean }, workers: number | undefined): Promise<Thermodynamics[]> {
  if (method !== 'enumeration') return points.map((p) => solveExact(model, method, { beta: p.beta })).map((t, i) => ({ ...t, temperature: points[i].temperature }));
  const progress = createProgress('enumerating', 2 ** model.size * points.length, { json: options.json, unit: 'states' });
  try {
    const temperatures = points.map((p) => p.temperature);
    return await enumerateParallel(model, temperatures, { workers, spinMeans: false, correlations: false, onProgress: (done) => progress.update(done) });
  } finally {
    progress.stop();
  }
}


/** Aligned table of per-spin results, one row per temperature. */
export function exactTable(results: Thermodynamics[]): string {
  return formatTable(
    ['T', 'beta', 'logZ/N', 'F/N', 'U/N', 'S/N', 'C/N', '<M>/N', '<|M|>/N', 'chi/N'],
    results.map((t) => {
      const p = perSpin(t);
      return [t.temperature, t.beta, p.logZ, p.freeEnergy, p.energy, p.entropy, p.heatCapacity, p.magnetization, p.absMagnetization, p.susceptibility];
    }),
  );
}

/** `gibbs exact MODEL --temperature T [--method M]`: exact thermodynamics. */
export function registerExact(program: Command): void {
  program
    .command('exact')
    .description('exact thermodynamics: log Z, F, U, S, C, <M>, <|M|>, chi (totals in JSON; per spin in the table)')
    .argument('<model>', 'model file (JSON), or - for stdin')
    .option('-T, --temperature <list>', 'temperature(s): 2.269, a list 1.5,2.0 or a range 1.5:3.5:0.25')
    .option('-b, --beta <list>', 'inverse temperature(s) beta = 1/T, same forms as --temperature')
    .addOption(new Option('-m, --method <method>', 'exact method (auto picks the best that applies; see gibbs model MODEL)').choices([...METHODS]).default('auto'))
    .option('--workers <n>', 'worker threads for enumeration (default: one per core)')
    .option('--json', 'print JSON (an object, or an array for several temperatures)')
    .addOption(plotOption())
    .addHelpText('after', [
      '',
      'Methods:',
      '  enumeration      all 2^N states (N <= 36), any model; threads; also <|M|>',
      '  transfer-matrix  chains (any fields and couplings, any length) and uniform square strips of width <= 16',
      "  torus            Kaufman's exact formula for an L x M square torus in zero field",
      "  onsager          the infinite square lattice (per site) for a uniform square-lattice model in zero field",
      '',
      'Examples:',
      '  gibbs exact examples/models/sk-20.json --temperature 1',
      '  gibbs exact examples/models/torus-16.json -T 2:2.5:0.1 --method torus',
      '  gibbs exact examples/models/torus-16.json -T 2.269 --method onsager --json',
      '  gibbs exact examples/models/torus-16.json -T 1:4:0.05 --method torus --plot torus-16.svg',
    ].join('\n'))
    .action(async (path: string, options: ExactOptions) => {
      const points = parseTemperatures(options);
      const plot = plotTarget(options.plot);
      const requested = parseChoice('--method', options.method, METHODS);
      const workers = options.workers === undefined ? undefined : parseInteger('--workers', options.workers, 1, 256);
      const model = readModel(path);
      const method: ExactMethod = requested === 'auto' ? chooseExactMethod(model) : requested;
      if (requested === 'auto') process.stderr.write(`method: ${method} (auto)\n`);
      else requireExactMethod(model, method);
      const results = await solveAll(model, method, points, options, workers);
      const header = method === 'onsager'
        ? `${model.description}: infinite-lattice limit (Onsager), values per site; T_c = ${results[0].criticalTemperature}`
        : `${model.description}, ${model.size} spins, method ${method}${results[0].note ? ` (${results[0].note})` : ''}`;
      if (options.json) printJson(results.length === 1 ? thermodynamicsJson(results[0]) : results.map(thermodynamicsJson));
      else process.stdout.write(`${header}\n${exactTable(results)}\n`);
      await plot?.write(() => thermodynamicsFigure([exactSeries(results, `exact (${method})`)], { title: `${model.description}: exact thermodynamics`, subtitle: header }));
    });
}
