import { existsSync } from 'node:fs';
import { extname } from 'node:path';
import { type Command, Option } from 'commander';
import { GibbsError, invalidValue } from '../../core/errors.js';
import type { Estimate } from '../../core/estimate.js';
import { resolvePlan } from '../../mcmc/driver.js';
import { chooseAlgorithm, defaultTopTemperature } from '../../mcmc/auto-algorithm.js';
import { ISING_ALGORITHMS, isingKernel } from '../../mcmc/ising-kernels.js';
import type { KernelRef } from '../../mcmc/kernel.js';
import { geometricLadder } from '../../mcmc/ladder.js';
import { multispinLayout } from '../../mcmc/multispin.js';
import type { ChainsResult } from '../../mcmc/run.js';
import type { IsingModel } from '../../models/ising.js';
import { writeFileAtomic } from '../../node/atomic-write.js';
import { loadCheckpoint } from '../../node/checkpoint.js';
import { moduleUrl } from '../../node/module-url.js';
import { runIdentity, runParallelChains } from '../../node/parallel-chains.js';
import { encodePng, spinImage } from '../../node/png.js';
import { defaultWorkerCount } from '../../node/worker-pool.js';
import { parseChoice, parseInteger, parsePositive, parseTemperatures } from '../options.js';
import { createProgress } from '../progress.js';
import { formatNumber, formatTable } from '../table.js';
import { printJson, readModel } from '../io.js';
import { plotOption, plotTarget } from '../plot-option.js';
import { sampleRunFigure } from '../../report/figures/monte-carlo.js';

const ALGORITHMS = ['auto', ...ISING_ALGORITHMS, 'tempering'] as const;
const INNER = ISING_ALGORITHMS;
const ORDERS = ['sequential', 'random', 'checkerboard'] as const;
const STARTS = ['random', 'up', 'down'] as const;
/** Fewer measurements per chain give no error bar, tau or R-hat. */
const MIN_MEASUREMENTS = 8;

interface SampleOptions {
  temperature?: string;
  beta?: string;
  algorithm: string;
  sweeps: string;
  burnIn?: string;
  interval: string;
  chains: string;
  seed: string;
  workers?: string;
  order?: string;
  start: string;
  inner: string;
  replicas: string;
  tMax?: string;
  placeLadder?: boolean;
  correlation?: boolean;
  json?: boolean;
  series?: string;
  snapshot?: string;
  checkpoint?: string;
  checkpointEvery: string;
  resume?: boolean;
  plot?: string;
}

/** Everything a sample run is, resolved from the command line. */
interface RunSetup {
  algorithm: string;
  reason?: string;
  ref: KernelRef;
  kernelOptions: Record<string, unknown>;
  temperature: number;
  beta: number;
}

function setup(model: IsingModel, options: SampleOptions): RunSetup {
  const points = parseTemperatures(options);
  if (points.length !== 1) throw invalidValue(options.temperature !== undefined ? '--temperature' : '--beta', options.temperature ?? options.beta, 'one value (sample runs one temperature)');
  const { temperature, beta } = points[0];
  const requested = parseChoice('--algorithm', options.algorithm, ALGORITHMS);
  let algorithm: string = requested;
  let reason: string | undefined;
  if (requested === 'auto') {
    const choice = chooseAlgorithm(model, temperature);
    algorithm = choice.algorithm;
    reason = choice.reason;
  }
  const start = parseChoice('--start', options.start, STARTS);
  const base: Record<string, unknown> = { start, correlation: options.correlation ?? false };
  if (options.order !== undefined) {
    const order = parseChoice('--order', options.order, ORDERS);
    const inner = algorithm === 'tempering' ? options.inner : algorithm;
    if (inner !== 'metropolis' && inner !== 'heat-bath') throw new GibbsError(`--order: applies to metropolis and heat-bath, not ${inner}`, '--order');
    base.order = order;
  }
  const module = moduleUrl(import.meta.url, '../../mcmc/ising-kernels').href;
  if (algorithm === 'tempering') {
    const inner = parseChoice('--inner', options.inner, INNER);
    const replicas = parseInteger('--replicas', options.replicas, 2, 256);
    const top = options.tMax === undefined ? defaultTopTemperature(model, temperature) : parsePositive('--t-max', options.tMax);
    if (!(top > temperature)) throw invalidValue('--t-max', options.tMax, `a temperature above --temperature ${temperature}`);
    if (inner === 'multispin') multispinLayout(model);
    return {
      algorithm, reason, temperature, beta, ref: { module, exportName: 'isingKernel', args: ['tempering', inner] },
      kernelOptions: { betas: geometricLadder(temperature, top, replicas), inner: { start, order: base.order }, place: options.placeLadder ?? false, correlation: base.correlation },
    };
  }
  if (algorithm === 'multispin') multispinLayout(model);
  return { algorithm, reason, temperature, beta, ref: { module, exportName: 'isingKernel', args: [algorithm] }, kernelOptions: { ...base, beta } };
}

function perSpin(e: Estimate, n: number): Estimate {
  return { ...e, mean: e.mean / n, error: e.error / n };
}

const OBSERVABLES: Array<[key: string, source: 'scalars' | 'derived', name: string, extensive: boolean]> = [
  ['energy', 'scalars', 'energy', true],
  ['magnetization', 'scalars', 'magnetization', true],
  ['absMagnetization', 'scalars', 'absMagnetization', true],
  ['heatCapacity', 'derived', 'heatCapacity', true],
  ['susceptibility', 'derived', 'susceptibility', true],
  ['binder', 'derived', 'binder', false],
];

function resultJson(model: IsingModel, run: RunSetup, result: ChainsResult, extra: Record<string, unknown>): Record<string, unknown> {
  const { summary, stats } = result;
  const out: Record<string, unknown> = { algorithm: run.algorithm };
  if (run.reason) out.autoReason = run.reason;
  Object.assign(out, { temperature: run.temperature, beta: run.beta, spins: model.size, ...extra, chains: summary.chains, acceptance: summary.acceptance });
  const per: Record<string, Estimate> = {};
  for (const [key, source, name, extensive] of OBSERVABLES) {
    const e = summary[source][name];
    out[key] = e;
    if (extensive) per[key] = perSpin(e, model.size);
  }
  out.perSpin = per;
  if (summary.vectors.correlation) {
    const g = summary.vectors.correlation;
    out.correlation = { r: Array.from(g.mean, (_, r) => r), mean: g.mean, error: g.error };
  }
  if (stats.some((s) => Object.keys(s).length)) out.stats = stats;
  out.maxDrift = summary.maxDrift;
  out.warnings = summary.warnings;
  return out;
}

function resultTable(model: IsingModel, run: RunSetup, result: ChainsResult): string {
  const { summary } = result;
  const rows = OBSERVABLES.map(([key, source, name, extensive]) => {
    const e = summary[source][name];
    return [key, e.mean, e.error, extensive ? e.mean / model.size : undefined, extensive ? e.error / model.size : undefined, e.tau, e.ess, e.rHat];
  });
  const head = `${model.description}, ${model.size} spins; ${run.algorithm}${run.reason ? ` (auto: ${run.reason})` : ''}\nT = ${formatNumber(run.temperature)}, beta = ${formatNumber(run.beta)}, ${summary.chains} chains x ${summary.sweeps} sweeps, acceptance ${formatNumber(summary.acceptance, 4)}`;
  return `${head}\n${formatTable(['observable', 'total', 'error', 'per spin', 'error', 'tau', 'ess', 'R-hat'], rows)}`;
}

function seriesCsv(result: ChainsResult, names: readonly string[], burnIn: number, interval: number): string {
  const lines = [['chain', 'measurement', 'sweep', ...names].join(',')];
  for (const chain of result.snapshots) {
    for (let m = 0; m < chain.measurements; m++) {
      lines.push([chain.index, m, burnIn + (m + 1) * interval, ...chain.series.map((s) => s[m])].join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}

/** `gibbs sample MODEL --temperature T`: Monte Carlo estimates with error bars. */
export function registerSample(program: Command): void {
  program
    .command('sample')
    .description('Monte Carlo sampling: E, M, |M|, C, chi, Binder cumulant with errors, tau, ESS and R-hat over several chains')
    .argument('<model>', 'model file (JSON), or - for stdin')
    .option('-T, --temperature <T>', 'temperature T > 0')
    .option('-b, --beta <B>', 'inverse temperature beta = 1/T')
    .addOption(new Option('-a, --algorithm <name>', 'sampler; auto picks clusters near T_c for ferromagnets and tempering for frustrated models').choices([...ALGORITHMS]).default('auto'))
    .option('--sweeps <n>', 'measured sweeps per chain', '10000')
    .option('--burn-in <n>', 'sweeps discarded first (default: sweeps / 10)')
    .option('--interval <n>', 'measure every n sweeps', '1')
    .option('--chains <n>', 'independent chains (chain k uses stream k of the seed)', '4')
    .option('--seed <n>', 'random seed (same seed, same numbers, any thread count)', '1')
    .option('--workers <n>', 'worker threads (default: min(chains, cores)); results do not depend on it')
    .option('--order <order>', 'site order for metropolis / heat-bath: sequential, random, checkerboard')
    .option('--start <start>', 'initial spins: random, up, down', 'random')
    .option('--inner <name>', `kernel inside tempering: ${INNER.join(', ')}`, 'metropolis')
    .option('--replicas <n>', 'tempering: number of temperatures', '8')
    .option('--t-max <T>', 'tempering: highest temperature (default: max(2T, 1.5 x local-field scale))')
    .option('--place-ladder', 'tempering: move temperatures during burn-in toward uniform swap rates')
    .option('--correlation', 'also measure the spin-spin correlation function G(r) (lattices)')
    .option('--json', 'print JSON')
    .addOption(plotOption())
    .option('--series <file>', 'write every measurement of every chain to a CSV file')
    .option('--snapshot <file.png>', "write chain 0's final spins as a PNG, one pixel per spin (lattices)")
    .option('--checkpoint <file>', 'save the run state to this file periodically (atomic writes)')
    .option('--checkpoint-every <seconds>', 'seconds between checkpoints', '60')
    .option('--resume', 'continue the run saved in --checkpoint (same arguments)')
    .addHelpText('after', '\nExamples:\n  gibbs sample examples/models/torus-4.json -T 2.269 --algorithm wolff\n  gibbs sample examples/models/sk-20.json -T 0.5 --algorithm tempering --place-ladder --json\n  gibbs sample model.json -T 2.3 --sweeps 100000 --checkpoint run.ckpt --resume')
    .action(async (path: string, options: SampleOptions) => {
      const model = readModel(path);
      const run = setup(model, options);
      const sweeps = parseInteger('--sweeps', options.sweeps, 1);
      const burnIn = options.burnIn === undefined ? Math.floor(sweeps / 10) : parseInteger('--burn-in', options.burnIn, 0);
      const interval = parseInteger('--interval', options.interval, 1, sweeps);
      if (Math.floor(sweeps / interval) < MIN_MEASUREMENTS) {
        throw invalidValue('--sweeps', options.sweeps, `at least ${MIN_MEASUREMENTS} measurements per chain (sweeps / interval >= ${MIN_MEASUREMENTS}) for error bars`);
      }
      const chains = parseInteger('--chains', options.chains, 1, 1024);
      const seed = parseInteger('--seed', options.seed, 0);
      const workers = options.workers === undefined ? Math.min(chains, defaultWorkerCount()) : parseInteger('--workers', options.workers, 1, 256);
      const checkpointSeconds = parsePositive('--checkpoint-every', options.checkpointEvery);
      const plot = plotTarget(options.plot);
      if (options.snapshot !== undefined) {
        if (extname(options.snapshot).toLowerCase() !== '.png') throw invalidValue('--snapshot', options.snapshot, 'a file name ending in .png');
        spinImage([], model.lattice);
      }
      if (options.resume && !options.checkpoint) throw new GibbsError('--resume: needs --checkpoint FILE (the run to continue)', '--resume');
      const plan = resolvePlan({ sweeps, burnIn, interval, checkInterval: 1000 });
      const parallel = { kernel: run.ref, model, options: run.kernelOptions, plan, chains, seed, workers, checkpoint: options.checkpoint, checkpointSeconds };
      let resume;
      if (options.checkpoint) {
        const identity = runIdentity(parallel, model.toData());
        if (options.resume) {
          resume = loadCheckpoint(options.checkpoint, identity)?.chains;
          if (!resume && !options.json) process.stderr.write(`checkpoint ${options.checkpoint} does not exist yet: starting a new run\n`);
        } else if (existsSync(options.checkpoint)) {
          throw new GibbsError(`--checkpoint ${options.checkpoint}: file exists; pass --resume to continue that run, or remove it`, '--checkpoint');
        }
      }
      if (run.reason && !options.json) process.stderr.write(`algorithm: ${run.algorithm} (auto: ${run.reason})\n`);
      const progress = createProgress('sampling', chains * (sweeps + burnIn), { json: options.json, unit: 'sweeps' });
      const started = Date.now();
      let result: ChainsResult;
      try {
        result = await runParallelChains({ ...parallel, resume, onProgress: (done) => progress.update(done) });
      } finally {
        progress.stop();
      }
      const kernel = isingKernel(String(run.ref.args?.[0]), String(run.ref.args?.[1] ?? 'metropolis'));
      if (options.series) writeFileAtomic(options.series, seriesCsv(result, kernel.observables(model, run.kernelOptions).scalars, burnIn, interval));
      if (options.snapshot) {
        const state = kernel.restore(model, run.kernelOptions, result.snapshots[0].state);
        writeFileAtomic(options.snapshot, encodePng(spinImage(kernel.configuration?.(state) ?? [], model.lattice)));
      }
      await plot?.write(() => sampleRunFigure(result, kernel.observables(model, run.kernelOptions).scalars, model.size, { title: `${model.description}: ${run.algorithm} at T = ${run.temperature}`, interval, lattice: model.lattice, configuration: kernel.configuration?.(kernel.restore(model, run.kernelOptions, result.snapshots[0].state)) }));
      for (const warning of result.summary.warnings) process.stderr.write(`warning: ${warning}\n`);
      if (options.json) printJson(resultJson(model, run, result, { sweeps, burnIn, interval, seed }));
      else {
        process.stdout.write(`${resultTable(model, run, result)}\n`);
        process.stderr.write(`done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
      }
    });
}
