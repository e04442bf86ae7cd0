import { invalidValue } from '../../core/errors.js';
import type { Thermodynamics } from '../../exact/thermodynamics.js';
import type { Axis, Figure, LinePlot, ReferenceLine, Series } from '../figure.js';

/** Per-spin thermodynamic quantities that figures plot against temperature. */
export type ThermoQuantity = 'freeEnergy' | 'energy' | 'heatCapacity' | 'absMagnetization' | 'entropy' | 'susceptibility';

/** The y axis of each quantity: name, symbol, unit (energies in units of |J|, k_B = 1). */
export const QUANTITY_AXES: Record<ThermoQuantity, Axis> = {
  freeEnergy: { label: 'free energy per spin', symbol: 'F/N', unit: '|J|' },
  energy: { label: 'energy per spin', symbol: 'U/N', unit: '|J|' },
  heatCapacity: { label: 'heat capacity per spin', symbol: 'C/N', unit: 'k_B' },
  absMagnetization: { label: 'magnetisation per spin', symbol: '⟨|M|⟩/N' },
  entropy: { label: 'entropy per spin', symbol: 'S/N', unit: 'k_B' },
  susceptibility: { label: 'susceptibility per spin', symbol: 'χ/N', unit: '1/|J|' },
};

/** The x axis of every temperature plot. */
export const TEMPERATURE_AXIS: Axis = { label: 'temperature', symbol: 'T', unit: '|J|/k_B' };

/**
 * One method's results across temperature, per spin. `style` says how it is drawn: `curve` for
 * exact solutions, `dashed` for bounds and limits (say which way a bound points in `name`),
 * `points` for estimates, with error bars from `errors` (one standard error).
 */
export interface ThermoSeries {
  name: string;
  style: 'curve' | 'dashed' | 'points';
  temperature: ArrayLike<number>;
  values: Partial<Record<ThermoQuantity, ArrayLike<number>>>;
  errors?: Partial<Record<ThermoQuantity, ArrayLike<number>>>;
  color?: string;
}

/**
 * Exact results (one per temperature) as a curve of per-spin values.
 * @example exactSeries(temperatures.map((T) => enumerate(model, { temperature: T })), 'exact (enumeration)')
 */
export function exactSeries(results: Thermodynamics[], name: string, color = '#222222'): ThermoSeries {
  const pick = (f: (t: Thermodynamics) => number | undefined) => results.map((t) => (f(t) ?? Number.NaN) / t.spins);
  return {
    name,
    style: 'curve',
    color,
    temperature: results.map((t) => t.temperature),
    values: {
      freeEnergy: pick((t) => t.freeEnergy),
      energy: pick((t) => t.energy),
      heatCapacity: pick((t) => t.heatCapacity),
      absMagnetization: pick((t) => t.absMagnetization),
      entropy: pick((t) => t.entropy),
      susceptibility: pick((t) => t.susceptibility),
    },
  };
}

/** The temperature range covered by any series (so that panels of one figure share their x axis). */
function temperatureDomain(series: ThermoSeries[]): [number, number] | undefined {
  const all = series.flatMap((s) => Array.from(s.temperature)).filter(Number.isFinite);
  return all.length > 1 ? [Math.min(...all), Math.max(...all)] : undefined;
}

/**
 * The line plot of one quantity: every series that has it. Its title names the quantity and the
 * y axis shows the symbol and unit (a rotated long label would overflow the panel).
 */
export function quantityPlot(series: ThermoSeries[], quantity: ThermoQuantity, references: ReferenceLine[] = []): LinePlot {
  const drawn: Series[] = [];
  for (const s of series) {
    const y = s.values[quantity];
    if (!y || !Array.from(y).some(Number.isFinite)) continue;
    if (y.length !== s.temperature.length) throw invalidValue(`${s.name}: values.${quantity}.length`, y.length, `${s.temperature.length} (one per temperature)`);
    if (s.style === 'points') drawn.push({ kind: 'points', name: s.name, x: s.temperature, y, error: s.errors?.[quantity], color: s.color });
    else drawn.push({ kind: 'line', name: s.name, x: s.temperature, y, dash: s.style === 'dashed', color: s.color });
  }
  const axis = QUANTITY_AXES[quantity];
  const domain = temperatureDomain(series);
  return {
    type: 'line',
    title: `${axis.label[0].toUpperCase()}${axis.label.slice(1)}`,
    x: { ...TEMPERATURE_AXIS, ...(domain ? { domain } : {}) },
    y: { label: axis.symbol ?? axis.label, unit: axis.unit },
    series: drawn,
    references,
    width: 340,
    height: 220,
  };
}

/**
 * The natural figure of a temperature study: one panel per quantity (in the order given, those
 * that some series has), each with every method's curve, bound or points with error bars.
 * @example thermodynamicsFigure([exactSeries(results, 'exact')], { title: '4x4 torus', criticalTemperature: 2.269 })
 */
export function thermodynamicsFigure(
  series: ThermoSeries[],
  options: { title?: string; subtitle?: string; quantities?: ThermoQuantity[]; criticalTemperature?: number } = {},
): Figure {
  const quantities = options.quantities ?? ['energy', 'heatCapacity', 'absMagnetization', 'freeEnergy'];
  const references: ReferenceLine[] = options.criticalTemperature === undefined ? [] : [{ label: 'T_c', value: options.criticalTemperature, orientation: 'vertical' }];
  const panels = quantities.map((q) => quantityPlot(series, q, references)).filter((p) => p.series.length > 0);
  if (panels.length === 0) throw invalidValue('series', series.map((s) => s.name), `at least one series with values of ${quantities.join(', ')}`);
  if (panels.length === 1) return { ...panels[0], title: options.title ?? panels[0].title, subtitle: options.subtitle };
  return { type: 'grid', title: options.title, subtitle: options.subtitle, columns: 2, figures: panels, sharedLegend: true };
}
