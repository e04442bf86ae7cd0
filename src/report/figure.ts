/**
 * Figures as plain data: what to draw, not how. A {@link Figure} is a small JSON-serialisable
 * description (axes with their symbols and units, named series, bins, cells); `renderSvg` and
 * `renderPng` turn it into pictures through Vega-Lite. Keeping our own description between the
 * numbers and the plotting library means every figure in gibbs gets the same look, legends and
 * checks, and the library could be swapped without touching a caller.
 */

/** One axis: a label, the symbol of the quantity and its unit, e.g. "heat capacity per spin", "C/N", "k_B". */
export interface Axis {
  /** What the quantity is, in words. */
  label: string;
  /** Its symbol, e.g. "T" or "U/N". */
  symbol?: string;
  /** Its unit, e.g. "J/k_B"; omitted for dimensionless quantities. */
  unit?: string;
  /**
   * Linear (default), logarithmic (every value > 0) or symmetric-logarithmic (`symlog`: linear
   * near 0, logarithmic beyond, for signed values that span decades, such as errors).
   */
  scale?: 'linear' | 'log' | 'symlog';
  /** For `symlog`: the half-width of the linear zone around 0 (default 1e-4). */
  symlogLinear?: number;
  /** Tick values to label (default: chosen by the plotting library). */
  ticks?: number[];
  /** Fixed range [min, max]; by default the range fits the data. */
  domain?: [number, number];
  /** Whether the automatic range must include 0 (default false). */
  zero?: boolean;
}

/** A curve through (x, y): an exact solution, a bound, a density. `dash` draws it dashed (bounds, limits). */
export interface LineSeries {
  kind: 'line';
  name: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  dash?: boolean;
  /** A CSS colour; by default the next colour of the palette. */
  color?: string;
}

/** Markers at (x, y), optionally with symmetric error bars y ± error (one standard error). */
export interface PointSeries {
  kind: 'points';
  name: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  error?: ArrayLike<number>;
  color?: string;
}

/** A shaded band between lower(x) and upper(x): a credible interval, a confidence region. */
export interface BandSeries {
  kind: 'band';
  name: string;
  x: ArrayLike<number>;
  lower: ArrayLike<number>;
  upper: ArrayLike<number>;
  color?: string;
}

/** Anything a line plot can hold. */
export type Series = LineSeries | PointSeries | BandSeries;

/** A labelled reference line across the plot, e.g. T_c (vertical) or N·H (horizontal). */
export interface ReferenceLine {
  label: string;
  value: number;
  orientation: 'vertical' | 'horizontal';
}

/** Common fields of every figure. Sizes are of the plotting area, in CSS pixels. */
interface FigureBase {
  title?: string;
  subtitle?: string;
  width?: number;
  height?: number;
}

/** Curves, points with error bars and bands against a common x axis. */
export interface LinePlot extends FigureBase {
  type: 'line';
  x: Axis;
  y: Axis;
  series: Series[];
  references?: ReferenceLine[];
  /** Where the legend goes (default right; bottom suits panels side by side). */
  legend?: 'right' | 'bottom';
}

/** A bar chart over named categories; several groups draw side by side, with optional error bars. */
export interface BarChart extends FigureBase {
  type: 'bar';
  /** Axis title of the categories. */
  categoryLabel: string;
  categories: string[];
  y: Axis;
  groups: Array<{ name: string; values: ArrayLike<number>; errors?: ArrayLike<number>; color?: string }>;
  references?: ReferenceLine[];
}

/** Histograms over shared or separate bin edges (counts or densities), overlaid with transparency. */
export interface Histogram extends FigureBase {
  type: 'histogram';
  x: Axis;
  y: Axis;
  series: Array<{ name: string; edges: ArrayLike<number>; heights: ArrayLike<number>; color?: string }>;
  references?: ReferenceLine[];
}

/** A polyline drawn over a scatter plot (an ellipse, a decision boundary); `closed` joins the ends. */
export interface Curve {
  name: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  closed?: boolean;
}

/** Contour segments of a scalar field at one level (from {@link contourSegments}). */
export interface ContourLevel {
  level: number;
  /** Segments as [x1, y1, x2, y2] quadruples, flattened. */
  segments: ArrayLike<number>;
}

/** Points coloured by group, with optional curves and contour lines on top. */
export interface ScatterPlot extends FigureBase {
  type: 'scatter';
  x: Axis;
  y: Axis;
  points: { x: ArrayLike<number>; y: ArrayLike<number>; group?: ArrayLike<number | string> };
  /** Legend title of the point groups. */
  groupLabel?: string;
  curves?: Curve[];
  contours?: { label: string; levels: ContourLevel[] };
}

/** A grid of cells coloured by value: a spin configuration, a matrix, a density on a grid. */
export interface Heatmap extends FigureBase {
  type: 'heatmap';
  columns: number;
  rows: number;
  /** Row-major values, index = column + columns * row; row 0 is drawn at the top. */
  values: ArrayLike<number>;
  /** `spins`: -1 white, +1 black, no legend. `diverging`/`sequential`: a colour bar titled `label`. */
  color: { scheme: 'spins' | 'diverging' | 'sequential'; label?: string; domain?: [number, number] };
  /** Axis titles; omitted axes are hidden (pictures of lattices need none). */
  x?: Axis;
  y?: Axis;
}

/** Several figures in rows of `columns`, each with its own axes and legend. */
export interface FigureGrid extends FigureBase {
  type: 'grid';
  columns: number;
  figures: Figure[];
  /** One legend for all panels, when they show the same named series in the same colours. */
  sharedLegend?: boolean;
}

/** Any figure gibbs can draw. */
export type Figure = LinePlot | BarChart | Histogram | ScatterPlot | Heatmap | FigureGrid;

/**
 * The title of an axis: "label symbol (unit)", e.g. "temperature T (J/k_B)".
 * @example axisTitle({ label: 'energy per spin', symbol: 'U/N', unit: 'J' }) // "energy per spin U/N (J)"
 */
export function axisTitle(axis: Axis): string {
  const symbol = axis.symbol ? ` ${axis.symbol}` : '';
  const unit = axis.unit ? ` (${axis.unit})` : '';
  return `${axis.label}${symbol}${unit}`;
}
