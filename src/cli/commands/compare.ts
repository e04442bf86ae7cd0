import type { Command } from 'commander';
import { GibbsError } from '../../core/errors.js';
import { chooseExactMethod } from '../../exact/methods.js';
import type { IsingModel } from '../../models/ising.js';
import { metropolisKernel } from '../../mcmc/metropolis.js';
import { runChains } from '../../mcmc/run.js';
import { runTraining } from '../../node/network-files.js';
import { AutoregressiveTrainer } from '../../variational/autoregressive.js';
import { bethe } from '../../variational/bethe.js';
import { meanField } from '../../variational/mean-field.js';
import type { VariationalResult } from '../../variational/result.js';
import { tap } from '../../variational/tap.js';
import { printJson, readModel } from '../io.js';
import { plotOption, plotTarget } from '../plot-option.js';
import { comparisonFigure } from '../../report/figures/variational.js';
import { type TemperaturePoint, parseInteger, parseTemperatures } from '../options.js';
import { createProgress } from '../progress.js';
import { formatTable } from '../table.js';
import { solveAll } from './exact.js';
import { type VariationalCliOptions, autoregressiveCliOptions } from './variational.js';

/** What a free energy is: exact, a rigorous upper bound, a statistical estimate, or an approximation. */
export type FreeEnergyKind = 'exact' | 'upper bound' | 'estimate' | 'approximation';

/** One line of the comparison: a method's free energy at one temperature. */
export interface ComparisonRow {
  method: string;
  temperature: number;
  /** Total free energy F (energy units). */
  freeEnergy: number;
  kind: FreeEnergyKind;
  /** Standard error of F when it is a statistical estimate (or a bound estimated by sampling). */
  error?: number;
  converged: boolean;
  seconds: number;
}

/** Settings every method entry sees. */
export interface CompareContext {
  json: boolean;
  options: VariationalCliOptions;
}

/**
 * One method of `gibbs compare`: whether it applies to a model (and why not), and how to run it
 * at one temperature. Adding a method (e.g. Monte Carlo or a transfer matrix) is adding one entry.
 */
export interface ComparisonMethod {
  name: string;
  applies(model: IsingModel): { ok: boolean; reason: string };
  run(model: IsingModel, point: TemperaturePoint, context: CompareContext): Promise<Array<Omit<ComparisonRow, 'temperature' | 'seconds'>>>;
}

/** Largest N `compare` enumerates by default (2^N states; larger N takes minutes). */
export const COMPARE_ENUMERATION_LIMIT = 30;

const always = () => ({ ok: true, reason: '' });

/** Gauss–Legendre nodes and weights on [-1, 1] (Newton's method on P_k; Golub–Welsch would do too). */
export function gaussLegendre(k: number): { nodes: Float64Array; weights: Float64Array } {
  const nodes = new Float64Array(k);
  const weights = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (k + 0.5));
    let derivative = 1;
    for (let iteration = 0; iteration < 100; iteration++) {
      let p0 = 1;
      let p1 = x;
      for (let j = 2; j <= k; j++) {
        const p2 = ((2 * j - 1) * x * p1 - (j - 1) * p0) / j;
        p0 = p1;
        p1 = p2;
      }
      derivative = (k * (x * p1 - p0)) / (x * x - 1);
      const step = p1 / derivative;
      x -= step;
      if (Math.abs(step) < 1e-15) break;
    }
    nodes[i] = x;
    weights[i] = 2 / ((1 - x * x) * derivative * derivative);
  }
  return { nodes, weights };
}

/** Quadrature nodes, measured sweeps and burn-in of the Monte Carlo free energy. */
export const THERMODYNAMIC_INTEGRATION = { nodes: 24, sweeps: 2000, burnIn: 500, chains: 4 };

/**
 * Free energy by Monte Carlo thermodynamic integration: log Z(beta) = N log 2 - int_0^beta <E>_b db
 * (Z(0) = 2^N), with <E>_b from Metropolis chains at Gauss–Legendre nodes b in (0, beta). The
 * error combines the chains' error bars (the quadrature error is far smaller for finite N).
 */
export function monteCarloFreeEnergy(model: IsingModel, beta: number, seed: number, settings = THERMODYNAMIC_INTEGRATION): { freeEnergy: number; error: number; converged: boolean } {
  const { nodes, weights } = gaussLegendre(settings.nodes);
  let integral = 0;
  let variance = 0;
  let converged = true;
  for (let i = 0; i < nodes.length; i++) {
    const b = 0.5 * beta * (nodes[i] + 1);
    const w = 0.5 * beta * weights[i];
    // Random site order: sequential sweeps showed a bias on small tori (reported to the lead).
    const { summary } = runChains(metropolisKernel, model, { beta: b, order: 'random' }, { sweeps: settings.sweeps, burnIn: settings.burnIn }, { seed: seed + i, chains: settings.chains });
    const energy = summary.scalars.energy;
    integral += w * energy.mean;
    variance += w * w * energy.error * energy.error;
    // Only the energy's diagnostics matter here (the magnetisation's R-hat is noisy and irrelevant).
    if (summary.warnings.some((w) => w.startsWith('energy'))) converged = false;
  }
  const logZ = model.size * Math.LN2 - integral;
  return { freeEnergy: -logZ / beta, error: Math.sqrt(variance) / beta, converged };
}

/** A mean-field-like method as a comparison entry (fast, deterministic, applies to every model). */
function fixedPointEntry(name: string, kind: FreeEnergyKind, solve: (model: IsingModel, options: { temperature: number }) => VariationalResult): ComparisonMethod {
  return {
    name,
    applies: always,
    run: async (model, point) => {
      const r = solve(model, { temperature: point.temperature });
      return [{ method: name, freeEnergy: r.freeEnergy, kind, converged: r.converged }];
    },
  };
}

/** The methods `gibbs compare` runs, in table order (exact first: the reference). */
export const COMPARISON_METHODS: ComparisonMethod[] = [
  {
    name: 'exact',
    applies: (model) => {
      try {
        const method = chooseExactMethod(model);
        if (method === 'enumeration' && model.size > COMPARE_ENUMERATION_LIMIT) return { ok: false, reason: `${model.size} spins > ${COMPARE_ENUMERATION_LIMIT} for enumeration` };
        return { ok: true, reason: method };
      } catch (error) {
        if (error instanceof GibbsError) return { ok: false, reason: 'no exact method applies' };
        throw error;
      }
    },
    async run(model, point, context) {
      const method = chooseExactMethod(model);
      const [t] = await solveAll(model, method, [point], { json: context.json }, undefined);
      return [{ method: `exact (${method})`, freeEnergy: t.freeEnergy, kind: 'exact', converged: true }];
    },
  },
  {
    name: 'monte-carlo (thermodynamic integration)',
    applies: always,
    run: async (model, point, context) => {
      const seed = context.options.seed === undefined ? 0 : parseInteger('--seed', context.options.seed);
      const r = monteCarloFreeEnergy(model, point.beta, seed);
      return [{ method: 'monte-carlo (thermodynamic integration)', freeEnergy: r.freeEnergy, error: r.error, kind: 'estimate', converged: r.converged }];
    },
  },
  fixedPointEntry('mean-field', 'upper bound', meanField),
  fixedPointEntry('tap', 'approximation', tap),
  fixedPointEntry('bethe', 'approximation', bethe),
  {
    name: 'autoregressive',
    applies: always,
    async run(model, point, context) {
      const trainer = new AutoregressiveTrainer(model, { ...autoregressiveCliOptions(context.options), temperature: point.temperature });
      const progress = createProgress('training', trainer.settings.steps, { json: context.json, unit: 'steps' });
      try {
        await runTraining(trainer, { onStep: (info) => progress.update(info.step) });
      } finally {
        progress.stop();
      }
      const r = trainer.result({ samples: autoregressiveCliOptions(context.options).samples });
      return [
        { method: 'autoregressive F_q', freeEnergy: r.freeEnergy, error: r.freeEnergyError, kind: 'upper bound', converged: r.converged },
        { method: 'autoregressive IS', freeEnergy: r.freeEnergyImportance.mean, error: r.freeEnergyImportance.error, kind: 'estimate', converged: r.converged },
      ];
    },
  },
];

/** Run every applicable method (or the named ones) at every temperature. */
export async function compareMethods(model: IsingModel, points: TemperaturePoint[], context: CompareContext, only?: string[]): Promise<{ rows: ComparisonRow[]; skipped: Array<{ method: string; reason: string }> }> {
  const rows: ComparisonRow[] = [];
  const skipped: Array<{ method: string; reason: string }> = [];
  const chosen = only ? COMPARISON_METHODS.filter((m) => only.some((name) => m.name.startsWith(name))) : COMPARISON_METHODS;
  for (const method of chosen) {
    const applicable = method.applies(model);
    if (!applicable.ok) skipped.push({ method: method.name, reason: applicable.reason });
  }
  for (const point of points) {
    for (const method of chosen) {
      if (!method.applies(model).ok) continue;
      const start = performance.now();
      const out = await method.run(model, point, context);
      const seconds = (performance.now() - start) / 1000;
      for (const row of out) rows.push({ ...row, temperature: point.temperature, seconds });
    }
  }
  return { rows, skipped };
}

function exactFor(rows: ComparisonRow[], temperature: number): number | undefined {
  return rows.find((r) => r.kind === 'exact' && r.temperature === temperature)?.freeEnergy;
}

/** `gibbs compare MODEL -T T`: every applicable method side by side. */
export function registerCompare(program: Command): void {
  program
    .command('compare')
    .description('free energy per spin from every applicable method (exact, variational) in one table, with errors against exact')
    .argument('<model>', 'model file (JSON), or - for stdin')
    .option('-T, --temperature <list>', 'temperature(s): 2.269, a list 1.5,2.0 or a range 1.5:3.5:0.25')
    .option('-b, --beta <list>', 'inverse temperature(s) beta = 1/T, same forms as --temperature')
    .option('--methods <list>', `comma-separated subset of: ${COMPARISON_METHODS.map((m) => m.name.split(' ')[0]).join(', ')}`)
    .option('--json', 'print JSON: an array of rows')
    .addOption(plotOption())
    .option('--depth <n>', 'autoregressive: hidden layers (default 1)')
    .option('--width <n>', 'autoregressive: hidden units per layer (dense) or per site and layer (graph)')
    .option('--masks <kind>', 'autoregressive: graph or dense (default: graph for sparse models)')
    .option('--steps <n>', 'autoregressive: training steps (default 1000)')
    .option('--batch <n>', 'autoregressive: samples per step (default 500)')
    .option('--lr <x>', 'autoregressive: Adam learning rate (default 1e-3)')
    .option('--samples <n>', 'autoregressive: fresh samples for the estimates')
    .option('--seed <n>', 'autoregressive: random seed (default 0)')
    .addHelpText('after', '\nKinds: exact; upper bound (F_q >= F); estimate (± one standard error); approximation (no guarantee).\nExamples:\n  gibbs compare examples/models/sk-20.json -b 1\n  gibbs compare examples/models/torus-4.json -T 2,2.5 --steps 500 --json')
    .action(async (path: string, options: VariationalCliOptions & { methods?: string }) => {
      const points = parseTemperatures(options);
      const plot = plotTarget(options.plot);
      const known = COMPARISON_METHODS.map((m) => m.name.split(' ')[0]);
      const only = options.methods?.split(',').map((s) => s.trim());
      for (const name of only ?? []) if (!known.includes(name)) throw new GibbsError(`--methods: got "${name}", expected a comma-separated subset of ${known.join(', ')}`, '--methods');
      if (options.seed !== undefined) parseInteger('--seed', options.seed);
      const model = readModel(path);
      const { rows, skipped } = await compareMethods(model, points, { json: Boolean(options.json), options: { ...options, method: 'autoregressive' } }, only);
      const n = model.size;
      await plot?.write(() => comparisonFigure(rows.map((r) => ({ method: r.method, temperature: r.temperature, freeEnergyPerSpin: r.freeEnergy / n, errorPerSpin: r.error === undefined ? undefined : r.error / n, exact: r.kind === 'exact' })), model.description));
      if (options.json) {
        printJson(rows.map((r) => {
          const exact = exactFor(rows, r.temperature);
          return { ...r, freeEnergyPerSpin: r.freeEnergy / n, errorPerSpin: r.error === undefined ? undefined : r.error / n, errorVsExact: exact === undefined ? undefined : (r.freeEnergy - exact) / n, relativeErrorVsExact: exact === undefined ? undefined : (r.freeEnergy - exact) / Math.abs(exact) };
        }));
        return;
      }
      const table = formatTable(
        ['T', 'method', 'F/N', 'kind', '± error/N', 'F/N - exact', 'relative', 'converged', 'seconds'],
        rows.map((r) => {
          const exact = exactFor(rows, r.temperature);
          return [r.temperature, r.method, r.freeEnergy / n, r.kind, r.error === undefined ? undefined : r.error / n, exact === undefined ? undefined : (r.freeEnergy - exact) / n, exact === undefined ? undefined : (r.freeEnergy - exact) / Math.abs(exact), r.converged ? 'yes' : 'NO', Number(r.seconds.toFixed(3))];
        }),
      );
      process.stdout.write(`${model.description}, ${n} spins\n${table}\n`);
      for (const s of skipped) process.stderr.write(`skipped ${s.method}: ${s.reason}\n`);
    });
}
