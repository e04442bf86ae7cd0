import { existsSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { GibbsError } from '../../core/errors.js';
import type { IsingModel } from '../../models/ising.js';
import { loadTrainingCheckpoint, loadNetwork, runTraining, saveNetwork } from '../../node/network-files.js';
import { type AutoregressiveOptions, type AutoregressiveResult, AutoregressiveTrainer } from '../../variational/autoregressive.js';
import { bethe } from '../../variational/bethe.js';
import type { MadeNetwork } from '../../variational/made.js';
import { meanField } from '../../variational/mean-field.js';
import type { FixedPointOptions, VariationalMethod, VariationalResult } from '../../variational/result.js';
import { tap } from '../../variational/tap.js';
import { printJson, readModel } from '../io.js';
import { plotOption, plotTarget } from '../plot-option.js';
import { variationalFigure, variationalPoint } from '../../report/figures/variational.js';
import { type TemperaturePoint, parseChoice, parseInteger, parseNumber, parsePositive, parseTemperatures } from '../options.js';
import { createProgress } from '../progress.js';
import { formatTable } from '../table.js';

const METHODS = ['mean-field', 'tap', 'bethe', 'autoregressive'] as const;

/** Raw command-line options of `gibbs variational`. */
export interface VariationalCliOptions {
  plot?: string;
  temperature?: string;
  beta?: string;
  method: string;
  json?: boolean;
  damping?: string;
  tolerance?: string;
  maxIterations?: string;
  starts?: string;
  depth?: string;
  width?: string;
  steps?: string;
  batch?: string;
  lr?: string;
  anneal?: string;
  samples?: string;
  seed?: string;
  z2?: boolean;
  masks?: string;
  save?: string;
  load?: string;
  checkpoint?: string;
  resume?: boolean;
}

/** Fixed-point options (mean field, TAP, Bethe) from the command line. */
export function fixedPointCliOptions(options: VariationalCliOptions): FixedPointOptions & { randomStarts?: number; seed?: number } {
  return {
    damping: options.damping === undefined ? undefined : parseNumber('--damping', options.damping),
    tolerance: options.tolerance === undefined ? undefined : parsePositive('--tolerance', options.tolerance),
    maxIterations: options.maxIterations === undefined ? undefined : parseInteger('--max-iterations', options.maxIterations, 1, 1e9),
    randomStarts: options.starts === undefined ? undefined : parseInteger('--starts', options.starts, 0, 1000),
    seed: options.seed === undefined ? undefined : parseInteger('--seed', options.seed),
  };
}

/** Autoregressive training options from the command line (validated again by the library). */
export function autoregressiveCliOptions(options: VariationalCliOptions): AutoregressiveOptions & { samples?: number } {
  const int = (flag: string, text: string | undefined, min: number, max: number) => (text === undefined ? undefined : parseInteger(flag, text, min, max));
  const unit = (flag: string, text: string | undefined) => {
    if (text === undefined) return undefined;
    const value = parseNumber(flag, text);
    if (!(value >= 0 && value < 1)) throw new GibbsError(`${flag}: got ${text}, expected a number in [0, 1)`, flag);
    return value;
  };
  return {
    depth: int('--depth', options.depth, 0, 16),
    width: int('--width', options.width, 1, 65536),
    steps: int('--steps', options.steps, 0, 1e9),
    batch: int('--batch', options.batch, 2, 1e6),
    lr: options.lr === undefined ? undefined : parsePositive('--lr', options.lr),
    anneal: unit('--anneal', options.anneal),
    samples: int('--samples', options.samples, 2, 1e8),
    seed: int('--seed', options.seed, 0, Number.MAX_SAFE_INTEGER),
    z2: options.z2,
    masks: options.masks === undefined ? undefined : parseChoice('--masks', options.masks, ['dense', 'graph'] as const),
  };
}

/** Check flags that only make sense with some methods or a single temperature. */
function checkFlags(method: VariationalMethod, options: VariationalCliOptions, points: TemperaturePoint[]): void {
  const networkFlags = ['save', 'load', 'checkpoint', 'resume', 'depth', 'width', 'masks', 'steps', 'batch', 'lr', 'anneal', 'samples', 'z2'] as const;
  const fixedFlags = ['damping', 'tolerance', 'maxIterations', 'starts'] as const;
  const dashed = (flag: string) => `--${flag.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  const misplaced = method === 'autoregressive' ? fixedFlags.find((f) => options[f] !== undefined) : networkFlags.find((f) => options[f] !== undefined);
  if (misplaced) throw new GibbsError(`${dashed(misplaced)}: does not apply to --method ${method}`, dashed(misplaced));
  if (options.resume && !options.checkpoint) throw new GibbsError('--resume: needs --checkpoint FILE (the file to resume from)', '--resume');
  if (points.length > 1 && (options.save || options.checkpoint)) throw new GibbsError(`--${options.save ? 'save' : 'checkpoint'}: needs a single temperature (got ${points.length})`, options.save ? '--save' : '--checkpoint');
  if (options.load && options.resume) throw new GibbsError('--load: give --load FILE or --resume, not both', '--load');
  const fixedByFile = (['depth', 'width', 'masks', 'z2'] as const).find((f) => options[f] !== undefined);
  if (options.load && fixedByFile) throw new GibbsError(`--${fixedByFile}: the loaded network ${options.load} fixes its architecture; drop --${fixedByFile}`, `--${fixedByFile}`);
}

/** Train (or resume, or load) and evaluate one autoregressive point, with progress and checkpoints. */
async function runAutoregressive(model: IsingModel, point: TemperaturePoint, options: VariationalCliOptions, previous: MadeNetwork | undefined): Promise<{ result: AutoregressiveResult; network: MadeNetwork }> {
  const cli = autoregressiveCliOptions(options);
  const settings = { ...cli, temperature: point.temperature };
  let trainer: AutoregressiveTrainer;
  if (options.resume && options.checkpoint && existsSync(options.checkpoint)) {
    const checkpoint = loadTrainingCheckpoint(options.checkpoint, model);
    if (Math.abs(checkpoint.settings.beta - point.beta) > 1e-12 * point.beta) {
      throw new GibbsError(`--resume: checkpoint ${options.checkpoint} trains at beta = ${checkpoint.settings.beta}, not ${point.beta}`, '--resume');
    }
    if (cli.steps !== undefined) checkpoint.settings.steps = cli.steps;
    trainer = AutoregressiveTrainer.resume(model, checkpoint);
    if (!options.json) process.stderr.write(`resuming from ${options.checkpoint} at step ${trainer.step} of ${trainer.settings.steps}\n`);
  } else if (options.load) {
    const loaded = loadNetwork(options.load, model);
    if (!loaded.sameModel && !options.json) process.stderr.write(`note: ${options.load} was trained for another model of the same size\n`);
    trainer = new AutoregressiveTrainer(model, { ...settings, steps: cli.steps ?? 0 }, loaded.network);
  } else {
    trainer = new AutoregressiveTrainer(model, settings, previous);
  }
  const progress = createProgress('training', trainer.settings.steps, { json: options.json, unit: 'steps' });
  const finished = await runTraining(trainer, {
    checkpoint: options.checkpoint,
    onStep: (info) => progress.update(info.step),
  }).finally(() => progress.stop());
  if (!finished) {
    // Wait for the message to reach a pipe before exiting (process.exit drops pending writes).
    const message = `gibbs: interrupted at step ${trainer.step}${options.checkpoint ? `; checkpoint saved to ${options.checkpoint} (continue with --resume)` : ''}\n`;
    await new Promise((resolve) => process.stderr.write(message, resolve));
    process.exit(130);
  }
  if (options.save) saveNetwork(options.save, trainer.network, model, point.beta);
  return { result: trainer.result({ samples: cli.samples }), network: trainer.network };
}

/** Solve every temperature point; fixed-point methods continue from the previous solution. */
export async function solveVariational(model: IsingModel, method: VariationalMethod, points: TemperaturePoint[], options: VariationalCliOptions): Promise<VariationalResult[]> {
  checkFlags(method, options, points);
  const results: VariationalResult[] = [];
  let network: MadeNetwork | undefined;
  for (const point of points) {
    if (method === 'autoregressive') {
      const run = await runAutoregressive(model, point, options, network);
      network = run.network;
      results.push(run.result);
      continue;
    }
    const fixed = { ...fixedPointCliOptions(options), temperature: point.temperature, initial: results.at(-1)?.magnetization };
    results.push(method === 'mean-field' ? meanField(model, fixed) : method === 'tap' ? tap(model, fixed) : bethe(model, fixed));
  }
  return results;
}

/** JSON shape of one variational result (totals; per-spin values under perSpin). */
export function variationalJson(model: IsingModel, r: VariationalResult): Record<string, unknown> {
  const n = r.spins;
  const out: Record<string, unknown> = {
    method: r.method,
    temperature: r.temperature,
    beta: r.beta,
    spins: n,
    freeEnergy: r.freeEnergy,
    bound: r.bound,
    logZ: r.logZ,
    energy: r.energy,
    entropy: r.entropy,
    magnetization: Array.from(r.magnetization),
    converged: r.converged,
    iterations: r.iterations,
    perSpin: { freeEnergy: r.freeEnergy / n, logZ: r.logZ / n, energy: r.energy / n, entropy: r.entropy / n },
  };
  if ('start' in r) out.start = r.start;
  if (r.method === 'autoregressive') {
    const a = r as AutoregressiveResult;
    Object.assign(out, { freeEnergyError: a.freeEnergyError, logZImportance: a.logZImportance, freeEnergyImportance: a.freeEnergyImportance, ess: a.ess, samples: a.samples });
  }
  if (r.method === 'bethe' && 'pairCorrelations' in r) {
    const c = r.pairCorrelations as Float64Array;
    const pairs: Array<[number, number, number]> = [];
    for (let i = 0; i < model.size; i++) for (let k = model.offsets[i]; k < model.offsets[i + 1]; k++) if (model.neighbors[k] > i) pairs.push([i, model.neighbors[k], c[k]]);
    out.pairCorrelations = pairs;
  }
  return out;
}

function meanAbs(values: Float64Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += Math.abs(values[i]);
  return s / values.length;
}

/** Aligned table of per-spin results, one row per temperature. */
export function variationalTable(results: VariationalResult[]): string {
  const autoregressive = results.some((r) => r.method === 'autoregressive');
  const headers = ['T', 'beta', 'F/N', 'bound', 'U/N', 'S/N', 'mean |<s>|', 'converged', 'iterations'];
  if (autoregressive) headers.push('F_q error/N', 'F_IS/N', 'F_IS error/N', 'ESS');
  return formatTable(
    headers,
    results.map((r) => {
      const n = r.spins;
      const row: Array<string | number | undefined> = [r.temperature, r.beta, r.freeEnergy / n, r.bound, r.energy / n, r.entropy / n, meanAbs(r.magnetization), r.converged ? 'yes' : 'NO', r.iterations];
      if (r.method === 'autoregressive') {
        const a = r as AutoregressiveResult;
        row.push(a.freeEnergyError / n, a.freeEnergyImportance.mean / n, a.freeEnergyImportance.error / n, a.ess);
      }
      return row;
    }),
  );
}

/** `gibbs variational MODEL --method M --temperature T`: variational free energies. */
export function registerVariational(program: Command): void {
  program
    .command('variational')
    .description('variational free energy: mean field and autoregressive networks (upper bounds on F), TAP and Bethe (approximations)')
    .argument('<model>', 'model file (JSON), or - for stdin')
    .addOption(new Option('-m, --method <method>', 'variational method').choices([...METHODS]).default('mean-field'))
    .option('-T, --temperature <list>', 'temperature(s): 2.269, a list 1.5,2.0 or a range 1.5:3.5:0.25')
    .option('-b, --beta <list>', 'inverse temperature(s) beta = 1/T, same forms as --temperature')
    .option('--json', 'print JSON (an object, or an array for several temperatures)')
    .addOption(plotOption())
    .option('--damping <d>', 'mean field / TAP / Bethe: damping in [0, 1) (default 0 for mean field, 0.5 otherwise)')
    .option('--tolerance <x>', 'mean field / TAP / Bethe: convergence tolerance (default 1e-10)')
    .option('--max-iterations <n>', 'mean field / TAP / Bethe: sweeps per start (default 10000 for mean field, 1000 for TAP and Bethe)')
    .option('--starts <n>', 'mean field / TAP / Bethe: random starts besides all up and all down (default 1)')
    .option('--depth <n>', 'autoregressive: hidden layers (default 1)')
    .option('--width <n>', 'autoregressive: hidden units per layer (dense) or per site and layer (graph); default max(8, 2N) dense, 4 graph')
    .option('--masks <kind>', 'autoregressive: graph (each conditional sees only the spins separating past from future; default for sparse models) or dense (MADE)')
    .option('--steps <n>', 'autoregressive: training steps (default 1000; 0 with --load)')
    .option('--batch <n>', 'autoregressive: samples per step (default 500)')
    .option('--lr <x>', 'autoregressive: Adam learning rate (default 1e-3)')
    .option('--anneal <r>', 'autoregressive: beta annealing rate r in [0, 1), step t at beta (1 - r^t) (default 0: off)')
    .option('--samples <n>', 'autoregressive: fresh samples for F_q and importance sampling (default max(10000, 10 batch))')
    .option('--seed <n>', 'random seed (default 0)')
    .option('--z2', 'autoregressive: Z2-symmetric network, q(s) = q(-s) (default when all fields are zero)')
    .option('--no-z2', 'autoregressive: no Z2 symmetrisation')
    .option('--save <file>', 'autoregressive: save the trained network to FILE')
    .option('--load <file>', 'autoregressive: start from (or just evaluate) a saved network')
    .option('--checkpoint <file>', 'autoregressive: write a training checkpoint to FILE every 30 s and at the end')
    .option('--resume', 'autoregressive: continue from --checkpoint FILE if it exists')
    .addHelpText(
      'after',
      '\nF_q (mean field, autoregressive) is an upper bound on F; TAP and Bethe are approximations (bound: none).\n' +
        'Examples:\n  gibbs variational examples/models/torus-4.json -T 1:6:0.5\n' +
        '  gibbs variational examples/models/sk-20.json --method bethe -b 0.5 --json\n' +
        '  gibbs variational examples/models/sk-20.json --method autoregressive -b 1 --steps 2000 --save sk20.net.json',
    )
    .action(async (path: string, options: VariationalCliOptions) => {
      const points = parseTemperatures(options);
      const plot = plotTarget(options.plot);
      const method = parseChoice('--method', options.method, METHODS);
      const model = readModel(path);
      const results = await solveVariational(model, method, points, options);
      await plot?.write(() => variationalFigure(results.map(variationalPoint), model.description));
      if (options.json) printJson(results.length === 1 ? variationalJson(model, results[0]) : results.map((r) => variationalJson(model, r)));
      else process.stdout.write(`${model.description}, ${model.size} spins, method ${method}\n${variationalTable(results)}\n`);
      const unconverged = results.filter((r) => !r.converged).length;
      if (unconverged > 0 && !options.json) process.stderr.write(`warning: ${unconverged} point(s) did not converge; their numbers are the last iterate, not a solution\n`);
    });
}
