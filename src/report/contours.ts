import { invalidValue } from '../core/errors.js';
import type { ContourLevel } from './figure.js';

/** A scalar field sampled on a regular grid: values[i + nx * j] at x = x0 + i dx, y = y0 + j dy. */
export interface GridField {
  x0: number;
  y0: number;
  dx: number;
  dy: number;
  nx: number;
  ny: number;
  values: ArrayLike<number>;
}

/**
 * Sample f(x, y) on an nx x ny grid covering [xMin, xMax] x [yMin, yMax].
 * @example sampleGrid((x, y) => x * x + y * y, [-1, 1], [-1, 1], 50, 50)
 */
export function sampleGrid(f: (x: number, y: number) => number, xRange: [number, number], yRange: [number, number], nx: number, ny: number): GridField {
  if (!Number.isInteger(nx) || nx < 2) throw invalidValue('nx', nx, 'an integer >= 2');
  if (!Number.isInteger(ny) || ny < 2) throw invalidValue('ny', ny, 'an integer >= 2');
  const dx = (xRange[1] - xRange[0]) / (nx - 1);
  const dy = (yRange[1] - yRange[0]) / (ny - 1);
  const values = new Float64Array(nx * ny);
  for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) values[i + nx * j] = f(xRange[0] + i * dx, yRange[0] + j * dy);
  return { x0: xRange[0], y0: yRange[0], dx, dy, nx, ny, values };
}

/**
 * Line segments of the level set {f = level} by marching squares (Lorensen & Cline's idea in 2D):
 * each grid cell whose corners straddle the level contributes one or two segments whose ends are
 * linearly interpolated along the cell's edges. Saddle cells are split by the cell-centre mean.
 * Returns segments flattened as [x1, y1, x2, y2, ...], ready for a {@link ContourLevel}.
 * @example contourSegments(sampleGrid((x, y) => x * x + y * y, [-1, 1], [-1, 1], 40, 40), 0.25) // a circle of radius 0.5
 */
export function contourSegments(field: GridField, level: number): Float64Array {
  const { x0, y0, dx, dy, nx, ny, values } = field;
  if (values.length !== nx * ny) throw invalidValue('values.length', values.length, `nx x ny = ${nx * ny}`);
  const out: number[] = [];
  // Edge k of a cell: 0 bottom (c0-c1), 1 right (c1-c2), 2 top (c3-c2), 3 left (c0-c3); corners counter-clockwise.
  const point = (i: number, j: number, k: number, v: number[]): [number, number] => {
    const [a, b, ia, ja, ib, jb] =
      k === 0 ? [v[0], v[1], 0, 0, 1, 0] : k === 1 ? [v[1], v[2], 1, 0, 1, 1] : k === 2 ? [v[3], v[2], 0, 1, 1, 1] : [v[0], v[3], 0, 0, 0, 1];
    const t = a === b ? 0.5 : (level - a) / (b - a);
    return [x0 + (i + ia + t * (ib - ia)) * dx, y0 + (j + ja + t * (jb - ja)) * dy];
  };
  const segment = (i: number, j: number, k1: number, k2: number, v: number[]) => {
    out.push(...point(i, j, k1, v), ...point(i, j, k2, v));
  };
  for (let j = 0; j + 1 < ny; j++) {
    for (let i = 0; i + 1 < nx; i++) {
      const v = [values[i + nx * j], values[i + 1 + nx * j], values[i + 1 + nx * (j + 1)], values[i + nx * (j + 1)]];
      if (!v.every(Number.isFinite)) continue;
      const code = (v[0] > level ? 1 : 0) | (v[1] > level ? 2 : 0) | (v[2] > level ? 4 : 0) | (v[3] > level ? 8 : 0);
      const centreAbove = (v[0] + v[1] + v[2] + v[3]) / 4 > level;
      switch (code) {
        case 0: case 15: break;
        case 1: case 14: segment(i, j, 3, 0, v); break;
        case 2: case 13: segment(i, j, 0, 1, v); break;
        case 3: case 12: segment(i, j, 3, 1, v); break;
        case 4: case 11: segment(i, j, 1, 2, v); break;
        case 6: case 9: segment(i, j, 0, 2, v); break;
        case 7: case 8: segment(i, j, 3, 2, v); break;
        case 5:
          if (centreAbove) { segment(i, j, 3, 2, v); segment(i, j, 0, 1, v); } else { segment(i, j, 3, 0, v); segment(i, j, 1, 2, v); }
          break;
        case 10:
          if (centreAbove) { segment(i, j, 3, 0, v); segment(i, j, 1, 2, v); } else { segment(i, j, 3, 2, v); segment(i, j, 0, 1, v); }
          break;
      }
    }
  }
  return Float64Array.from(out);
}

/**
 * Contour levels of a field at the given values, for {@link ScatterPlot} `contours`.
 * @example contourLevels(field, [0.1, 0.5])
 */
export function contourLevels(field: GridField, levels: number[]): ContourLevel[] {
  return levels.map((level) => ({ level, segments: contourSegments(field, level) }));
}
