/** Row-major data sets for the mixture models: n rows (points) of d columns (dimensions). */
import { GibbsError, invalidValue } from '../core/errors.js';

/** n points in d dimensions, row-major (point i is data[i*d .. i*d + d - 1]). */
export interface DataMatrix {
  data: Float64Array;
  rows: number;
  cols: number;
}

/**
 * Build a DataMatrix from nested arrays or a flat array, checking shape and finiteness.
 * @example toDataMatrix([[0, 1], [2, 3]]) // { rows: 2, cols: 2, data: [0, 1, 2, 3] }
 */
export function toDataMatrix(points: ArrayLike<number>[] | DataMatrix, field = 'data'): DataMatrix {
  if (!Array.isArray(points)) {
    const m = points as DataMatrix;
    requireDataMatrix(m, field);
    return m;
  }
  const rows = points.length;
  if (rows === 0) throw invalidValue(field, [], 'at least one point');
  const cols = points[0].length;
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    if (points[i].length !== cols) throw new GibbsError(`${field}[${i}]: has ${points[i].length} coordinates, expected ${cols} like ${field}[0]`, field);
    for (let j = 0; j < cols; j++) data[i * cols + j] = points[i][j];
  }
  const m = { data, rows, cols };
  requireDataMatrix(m, field);
  return m;
}

/** Throw unless the matrix is non-empty with consistent shape and finite entries. */
export function requireDataMatrix(m: DataMatrix, field = 'data'): DataMatrix {
  if (!Number.isInteger(m.rows) || !Number.isInteger(m.cols) || m.rows < 1 || m.cols < 1) throw invalidValue(`${field} shape`, `${m.rows} x ${m.cols}`, 'at least 1 row and 1 column');
  if (m.data.length !== m.rows * m.cols) throw new GibbsError(`${field}: has ${m.data.length} numbers, expected rows x cols = ${m.rows} x ${m.cols}`, field);
  for (let i = 0; i < m.data.length; i++) {
    if (!Number.isFinite(m.data[i])) throw invalidValue(`${field}[${Math.floor(i / m.cols)}][${i % m.cols}]`, m.data[i], 'a finite number');
  }
  return m;
}

/** Row i as a view (no copy). */
export function row(m: DataMatrix, i: number): Float64Array {
  return m.data.subarray(i * m.cols, (i + 1) * m.cols);
}
