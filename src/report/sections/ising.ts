import { kaufmanTorus } from '../../exact/torus.js';
import { onsager, onsagerCriticalTemperature } from '../../exact/onsager.js';
import type { Thermodynamics } from '../../exact/thermodynamics.js';
import { squareModel } from '../../models/lattices.js';
import { monteCarloSeries } from '../figures/monte-carlo.js';
import { exactSeries, thermodynamicsFigure } from '../figures/thermodynamics.js';
import { type VariationalPoint, freeEnergyGapFigure, sampledFreeEnergySeries, variationalSeries } from '../figures/variational.js';
import { type IsingPoint, isingPointWorkerTask } from '../monte-carlo.js';
import { reportTask, runReportTasks } from '../tasks.js';
import type { ReportSection, SectionOptions, SectionResult } from './section.js';

/** Onsager's critical temperature of the square lattice, T_c = 2 / ln(1 + sqrt 2) (|J| = k_B = 1). */
export const SQUARE_TC = onsagerCriticalTemperature(-1);

/** Temperatures from `from` to `to` inclusive in `count` equal steps. */
export function temperatureGrid(from: number, to: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => Number((from + ((to - from) * i) / (count - 1)).toPrecision(12)));
}

/** "mean ± error" with the error to two significant digits. */
export function formatEstimate(mean: number, error: number): string {
  const digits = Math.max(0, Math.min(8, 1 - Math.floor(Math.log10(Math.abs(error) || 1e-12))));
  return `${mean.toFixed(digits)} ± ${error.toFixed(digits)}`;
}

const COLORS = { exact: '#222222', onsager: '#9c9c9c', mc: '#e15759', meanField: '#f28e2b', bethe: '#59a14f', autoregressive: '#b07aa1', importance: '#4e79a7' };

async function run(options: SectionOptions): Promise<SectionResult> {
  const quick = options.quick;
  const side = quick ? 16 : 32;
  const model = squareModel(side, side, { coupling: -1 });
  const temperatures = temperatureGrid(1, 4, quick ? 7 : 37);
  const mcTemperatures = quick ? [1.8, 2.269, 3] : [1.5, 1.8, 2, 2.1, 2.2, 2.269, 2.35, 2.5, 2.75, 3, 3.5];
  const arTemperatures = quick ? [3] : [2, 2.269, 3];
  const algorithm = 'wolff';
  const algorithmName = `${algorithm[0].toUpperCase()}${algorithm.slice(1)}`;
  const plan = quick ? { sweeps: 300, burnIn: 100 } : { sweeps: 4000, burnIn: 500 };
  const arOptions = quick ? { steps: 10, batch: 16, samples: 200, seed: options.seed } : { steps: 150, batch: 64, samples: 2000, seed: options.seed };
  const exact = temperatures.map((temperature) => kaufmanTorus(model, { temperature }));
  const limit = temperatures.map((temperature) => onsager(-1, { temperature }));
  options.progress(`Kaufman and Onsager at ${temperatures.length} temperatures; worker threads: ${algorithm} Monte Carlo at ${mcTemperatures.length}, mean field and Bethe at ${temperatures.length}, an autoregressive network at ${arTemperatures.length}`);
  // Longest tasks first, so two cores stay busy to the end.
  const odd = temperatures.filter((_, i) => i % 2 === 1);
  const even = temperatures.filter((_, i) => i % 2 === 0);
  const tasks = [
    ...arTemperatures.map((t) => reportTask('autoregressiveTask', [model.toData(), t, arOptions])),
    reportTask('betheTask', [model.toData(), even]),
    reportTask('betheTask', [model.toData(), odd]),
    reportTask('meanFieldTask', [model.toData(), temperatures]),
    // Cold starts below T_c (the ordered phase is the equilibrium there), random ones above.
    ...mcTemperatures.map((t) => isingPointWorkerTask(algorithm, model, t, plan, options.seed, 2, t < SQUARE_TC ? 'up' : 'random')),
  ];
  const results = await runReportTasks(tasks);
  const ar = results.slice(0, arTemperatures.length) as VariationalPoint[];
  const bethePoints = [...(results[arTemperatures.length] as VariationalPoint[]), ...(results[arTemperatures.length + 1] as VariationalPoint[])];
  const meanFieldPoints = results[arTemperatures.length + 2] as VariationalPoint[];
  const mc = results.slice(arTemperatures.length + 3) as IsingPoint[];
  const exactFreeEnergy = (temperature: number) => kaufmanTorus(model, { temperature }).freeEnergy / model.size;

  const series = [
    exactSeries(exact, `exact ${side}×${side} (Kaufman)`, COLORS.exact),
    { ...exactSeries(limit, 'infinite lattice (Onsager, Yang)', COLORS.onsager), style: 'dashed' as const },
    monteCarloSeries(mc, `Monte Carlo (${algorithmName}), ± 1 s.e.`, COLORS.mc),
    variationalSeries(meanFieldPoints, 'mean field (F_q ≥ F)', COLORS.meanField),
    variationalSeries(bethePoints, 'Bethe (no bound)', COLORS.bethe),
    sampledFreeEnergySeries(ar, 'autoregressive network F_q ± 1 s.e. (≥ F)', COLORS.autoregressive),
  ];
  const figure = thermodynamicsFigure(series, { title: `2D Ising ferromagnet on a ${side}×${side} torus`, subtitle: 'E = −Σ⟨nm⟩ s_n s_m (J = −1); per-spin values against temperature', criticalTemperature: SQUARE_TC });
  const gap = freeEnergyGapFigure(
    exactFreeEnergy,
    [
      { name: 'mean field (F_q ≥ F)', points: meanFieldPoints, color: COLORS.meanField },
      { name: 'Bethe (no bound)', points: bethePoints, color: COLORS.bethe },
      { name: 'autoregressive F_q ± 1 s.e. (≥ F)', points: ar, color: COLORS.autoregressive },
      { name: 'autoregressive, importance sampling', points: ar, color: COLORS.importance, importance: true },
    ],
    `Free energy of each approximation minus Kaufman's exact value (${side}×${side})`,
  );

  const exactAt = (t: number): Thermodynamics => kaufmanTorus(model, { temperature: t });
  const z = (estimate: { mean: number; error: number }, exactValue: number) => Math.abs(estimate.mean - exactValue) / estimate.error;
  const worst = Math.max(...mc.flatMap((p) => [z(p.energy, exactAt(p.temperature).energy), z(p.heatCapacity, exactAt(p.temperature).heatCapacity)]));
  const meanFieldGap = Math.min(...meanFieldPoints.map((p) => p.freeEnergy - exactAt(p.temperature).freeEnergy / p.spins));
  const importance = ar.filter((p) => p.importance).map((p) => ({ gap: (p.importance as { mean: number }).mean - exactFreeEnergy(p.temperature), error: (p.importance as { error: number }).error }));
  const importanceGap = Math.max(...importance.map((i) => Math.abs(i.gap)));
  const importanceZ = Math.max(...importance.map((i) => Math.abs(i.gap) / i.error));
  const peak = exact.reduce((best, t) => (t.heatCapacity > best.heatCapacity ? t : best));
  const arAtTc = ar.find((p) => Math.abs(p.temperature - 2.269) < 1e-9) ?? ar[0];
  return {
    summary:
      `Energy, heat capacity, magnetisation and free energy per spin of the ${side}×${side} ferromagnetic torus: Kaufman's exact solution and Onsager's infinite-lattice limit (curves), ${algorithmName} Monte Carlo with one-standard-error bars (points, ${worst < 4 ? 'on the exact curves within their error bars' : `up to ${worst.toFixed(1)} error bars off the exact curves`}), and the mean-field, Bethe and autoregressive-network approximations. ` +
      'The second figure draws each approximation\u2019s free energy against the exact one: mean field and the network\u2019s F_q stay above it, as the Gibbs–Bogoliubov bound requires, while Bethe has no bound; ' +
      `the network\u2019s importance-sampling estimate lies within ${importanceGap.toExponential(1)} per spin of the exact value (at most ${importanceZ.toFixed(1)} of its error bars).`,
    figures: [
      { figure, caption: `Thermodynamics of the ${side}×${side} torus by every method; the dashed vertical line marks Onsager's T_c. Mean field orders at T = 4 (z|J|) and Bethe at 2/ln 2 ≈ 2.885, both above the true T_c; heat capacities of the approximations are dU/dT of their energies.` },
      { figure: gap, caption: `Free-energy error per spin against the exact Kaufman value (symmetric-log axis): zero is exact; an upper bound (F_q ≥ F) never goes below zero. The network was trained for ${arOptions.steps} steps of ${arOptions.batch} samples per temperature (the report's time budget), its estimates use ${arOptions.samples} fresh samples.` },
    ],
    highlights: [
      { label: `C/N peak (exact, ${side}×${side})`, value: `${(peak.heatCapacity / peak.spins).toFixed(4)} at T = ${peak.temperature}` },
      { label: `${algorithmName} vs exact (E, C)`, value: `within ${worst.toFixed(1)} error bars at ${mc.length} temperatures` },
      { label: 'mean-field F_q − F (min over T)', value: `${meanFieldGap.toExponential(2)} ≥ 0: the bound holds` },
      { label: `network F_q − F at T = ${arAtTc.temperature}`, value: `${formatEstimate(arAtTc.freeEnergy - exactFreeEnergy(arAtTc.temperature), arAtTc.freeEnergyError ?? 0)} per spin` },
    ],
  };
}

/** The 2D Ising model across temperature by every method of the library. */
export const isingSection: ReportSection = { id: 'ising', title: '2D Ising model across temperature', run };
