import type { VariationalResult } from '../../variational/result.js';
import type { Figure, Series } from '../figure.js';
import { TEMPERATURE_AXIS, type ThermoSeries, thermodynamicsFigure } from './thermodynamics.js';

/** Per-spin summary of a variational result (plain data: it crosses worker threads). */
export interface VariationalPoint {
  method: VariationalResult['method'];
  temperature: number;
  spins: number;
  freeEnergy: number;
  energy: number;
  /** |sum_n <s_n>| / N under the approximation. */
  absMagnetization: number;
  bound: VariationalResult['bound'];
  converged: boolean;
  /** Autoregressive only: the error of F_q, and the importance-sampling free energy with its error. */
  freeEnergyError?: number;
  importance?: { mean: number; error: number; ess: number };
}

/** Reduce a variational result to its per-spin point. */
export function variationalPoint(r: VariationalResult & { freeEnergyError?: number; freeEnergyImportance?: { mean: number; error: number }; ess?: number }): VariationalPoint {
  let m = 0;
  for (let i = 0; i < r.magnetization.length; i++) m += r.magnetization[i];
  const n = r.spins;
  return {
    method: r.method,
    temperature: r.temperature,
    spins: n,
    freeEnergy: r.freeEnergy / n,
    energy: r.energy / n,
    absMagnetization: Math.abs(m) / n,
    bound: r.bound,
    converged: r.converged,
    ...(r.freeEnergyError !== undefined ? { freeEnergyError: r.freeEnergyError / n } : {}),
    ...(r.freeEnergyImportance ? { importance: { mean: r.freeEnergyImportance.mean / n, error: r.freeEnergyImportance.error / n, ess: r.ess ?? Number.NaN } } : {}),
  };
}

/**
 * Heat capacity of an approximation from its energy curve, C = dU/dT by central differences
 * (one-sided at the ends); NaN across a jump wider than the grid can resolve is not smoothed.
 */
export function heatCapacityFromEnergy(temperature: ArrayLike<number>, energy: ArrayLike<number>): number[] {
  const n = temperature.length;
  return Array.from({ length: n }, (_, i) => {
    const a = Math.max(0, i - 1);
    const b = Math.min(n - 1, i + 1);
    return b > a ? (energy[b] - energy[a]) / (temperature[b] - temperature[a]) : Number.NaN;
  });
}

/**
 * Variational fixed points (sorted by temperature) as a dashed thermodynamics series: F, U and
 * |sum <s_n>|/N per spin, and C = dU/dT. Say which way a bound points in `name`.
 */
export function variationalSeries(points: VariationalPoint[], name: string, color: string): ThermoSeries {
  const sorted = [...points].sort((a, b) => a.temperature - b.temperature);
  const temperature = sorted.map((p) => p.temperature);
  const energy = sorted.map((p) => p.energy);
  return {
    name,
    style: 'dashed',
    color,
    temperature,
    values: { freeEnergy: sorted.map((p) => p.freeEnergy), energy, absMagnetization: sorted.map((p) => p.absMagnetization), heatCapacity: heatCapacityFromEnergy(temperature, energy) },
  };
}

/**
 * A sampled variational free energy (the autoregressive network's F_q with its error bar) as
 * points. Only F: a Z2-symmetric network has sum <s_n> = 0, so |M| would need samples.
 */
export function sampledFreeEnergySeries(points: VariationalPoint[], name: string, color: string): ThermoSeries {
  const sorted = [...points].sort((a, b) => a.temperature - b.temperature);
  return {
    name,
    style: 'points',
    color,
    temperature: sorted.map((p) => p.temperature),
    values: { freeEnergy: sorted.map((p) => p.freeEnergy) },
    errors: { freeEnergy: sorted.map((p) => p.freeEnergyError ?? Number.NaN) },
  };
}

/**
 * Each approximation's free energy minus the exact one, per spin, against temperature: an upper
 * bound stays at or above zero (Gibbs–Bogoliubov), a method without a bound may cross it.
 */
export function freeEnergyGapFigure(exactFreeEnergy: (temperature: number) => number, methods: Array<{ name: string; points: VariationalPoint[]; color: string; importance?: boolean }>, title: string): Figure {
  const series: Series[] = [];
  for (const m of methods) {
    const pts = [...m.points].sort((a, b) => a.temperature - b.temperature);
    const x = pts.map((p) => p.temperature);
    const exact = pts.map((p) => exactFreeEnergy(p.temperature));
    if (m.importance) {
      series.push({ kind: 'points', name: m.name, x, y: pts.map((p, i) => (p.importance?.mean ?? Number.NaN) - exact[i]), error: pts.map((p) => p.importance?.error ?? Number.NaN), color: m.color });
    } else if (pts.some((p) => p.freeEnergyError !== undefined)) {
      series.push({ kind: 'points', name: m.name, x, y: pts.map((p, i) => p.freeEnergy - exact[i]), error: pts.map((p) => p.freeEnergyError ?? Number.NaN), color: m.color });
    } else {
      series.push({ kind: 'line', name: m.name, x, y: pts.map((p, i) => p.freeEnergy - exact[i]), dash: true, color: m.color });
    }
  }
  // A symmetric-log axis: errors from 1e-4 (a trained network) to 0.3 (mean field near T_c) all show.
  let largest = 1e-3;
  for (const sr of series) if (sr.kind !== 'band') for (let i = 0; i < sr.y.length; i++) if (Number.isFinite(sr.y[i])) largest = Math.max(largest, Math.abs(sr.y[i]));
  const decades = [1e-3, 1e-2, 1e-1, 1].filter((d) => d <= 2 * largest);
  return {
    type: 'line',
    title,
    subtitle: 'symmetric-log axis: linear within ±10⁻⁴, logarithmic beyond',
    x: TEMPERATURE_AXIS,
    y: { label: '(F_approx − F)/N', unit: '|J|', scale: 'symlog', domain: [-1.5 * largest, 1.5 * largest], ticks: [...decades.map((d) => -d).reverse(), 0, ...decades] },
    series,
    references: [{ label: 'exact', value: 0, orientation: 'horizontal' }],
    width: 520,
    height: 280,
  };
}

/** One method's free energy per spin at one temperature (a row of `gibbs compare` or the SK section). */
export interface FreeEnergyRow {
  method: string;
  temperature: number;
  freeEnergyPerSpin: number;
  /** One standard error, for sampled estimates. */
  errorPerSpin?: number;
  /** The exact value, against which the others are measured. */
  exact?: boolean;
}

const METHOD_COLORS: Array<[RegExp, string]> = [[/^exact/, '#222222'], [/mean/, '#f28e2b'], [/TAP|tap/, '#76b7b2'], [/Bethe|bethe/, '#59a14f'], [/import/, '#4e79a7'], [/network|autoregressive/, '#b07aa1']];

function methodColor(method: string, index: number): string {
  return METHOD_COLORS.find(([pattern]) => pattern.test(method))?.[1] ?? ['#e15759', '#edc948', '#9c755f'][index % 3];
}

function rowsByMethod(rows: FreeEnergyRow[]) {
  const temperatures = [...new Set(rows.map((r) => r.temperature))].sort((a, b) => a - b);
  const methods = [...new Set(rows.map((r) => r.method))];
  const at = (method: string, t: number) => rows.find((r) => r.method === method && r.temperature === t);
  return { temperatures, methods, at, categories: temperatures.map((t) => `T = ${t}`) };
}

/** Free energy per spin by method (bars grouped by temperature, error bars on sampled estimates). */
export function freeEnergyBarsFigure(rows: FreeEnergyRow[], title: string): Figure {
  const { temperatures, methods, at, categories } = rowsByMethod(rows);
  return {
    type: 'bar',
    title,
    categoryLabel: 'temperature',
    categories,
    y: { label: 'free energy per spin', symbol: 'F/N', unit: '|J|' },
    groups: methods.map((m, i) => ({ name: m, values: temperatures.map((t) => at(m, t)?.freeEnergyPerSpin ?? Number.NaN), errors: temperatures.map((t) => at(m, t)?.errorPerSpin ?? 0), color: methodColor(m, i) })),
    width: 520,
  };
}

/**
 * Each method's free energy minus the exact one, per spin, by temperature, on a symmetric-log
 * axis (undefined when no row is exact): a bound points one way, an approximation either way.
 */
export function freeEnergyErrorFigure(rows: FreeEnergyRow[], title: string): Figure | undefined {
  const { temperatures, methods, at, categories } = rowsByMethod(rows);
  const exact = temperatures.map((t) => rows.find((r) => r.exact && r.temperature === t)?.freeEnergyPerSpin);
  if (exact.every((e) => e === undefined)) return undefined;
  const others = methods.filter((m) => !rows.some((r) => r.method === m && r.exact));
  const gaps = others.map((m) => temperatures.map((t, i) => (at(m, t)?.freeEnergyPerSpin ?? Number.NaN) - (exact[i] ?? Number.NaN)));
  const largest = Math.max(1e-3, ...gaps.flat().map(Math.abs).filter(Number.isFinite));
  const decades = [1e-3, 1e-2, 1e-1, 1].filter((d) => d <= 2 * largest);
  return {
    type: 'bar',
    title,
    subtitle: 'symmetric-log axis: linear within ±10⁻⁴, logarithmic beyond',
    categoryLabel: 'temperature',
    categories,
    y: { label: '(F_approx − F)/N', unit: '|J|', scale: 'symlog', domain: [-1.5 * largest, 1.5 * largest], ticks: [...decades.map((d) => -d).reverse(), 0, ...decades] },
    groups: others.map((m, k) => ({ name: m, values: gaps[k], errors: temperatures.map((t) => at(m, t)?.errorPerSpin ?? 0), color: methodColor(m, k) })),
    references: [{ label: 'exact', value: 0, orientation: 'horizontal' }],
    width: 520,
  };
}

/** The natural figure of `gibbs compare`: F/N by method, and (when exact is known) each method's error. */
export function comparisonFigure(rows: FreeEnergyRow[], description: string): Figure {
  const levels = freeEnergyBarsFigure(rows, `Free energy per spin by method: ${description}`);
  const errors = freeEnergyErrorFigure(rows, 'Error of each method against the exact value');
  return errors ? { type: 'grid', columns: 1, figures: [levels, errors] } : levels;
}

/**
 * The natural figure of `gibbs variational`: the method's F, U and |sum <s_n>| per spin (and
 * C = dU/dT) against temperature, dashed for a fixed-point method, points with error bars for
 * the sampled network (F only: its F_q and the importance-sampling estimate).
 */
export function variationalFigure(points: VariationalPoint[], description: string): Figure {
  const method = points[0]?.method ?? 'mean-field';
  const bound = points[0]?.bound === 'upper' ? 'F_q ≥ F' : 'no bound';
  const title = `${method}: ${description}`;
  if (method === 'autoregressive') {
    const importance = points.map((p) => ({ ...p, freeEnergy: p.importance?.mean ?? Number.NaN, freeEnergyError: p.importance?.error }));
    return thermodynamicsFigure([sampledFreeEnergySeries(points, `F_q ± 1 s.e. (${bound})`, '#b07aa1'), sampledFreeEnergySeries(importance, 'importance sampling ± 1 s.e.', '#4e79a7')], { title, quantities: ['freeEnergy'] });
  }
  const series = variationalSeries(points, `${method} (${bound})`, '#f28e2b');
  // One or two temperatures make no curve: draw them as points.
  return thermodynamicsFigure([points.length < 3 ? { ...series, style: 'points' as const } : series], { title });
}
