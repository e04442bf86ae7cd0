import { invalidValue } from '../core/errors.js';
import type { Curve } from './figure.js';

/**
 * The ellipse {x : (x - mean)^T Sigma^-1 (x - mean) = radius^2} of a 2D Gaussian, as a closed
 * curve: the "radius-sigma" contour of N(mean, Sigma). Sigma = [[sxx, sxy], [sxy, syy]] must be
 * positive definite. Points are mean + radius L (cos t, sin t) with Sigma = L L^T (Cholesky).
 * @example gaussianEllipse('component 1', [0, 0], [1, 0.5, 2], 2)
 */
export function gaussianEllipse(name: string, mean: [number, number], covariance: [number, number, number], radius = 2, points = 72): Curve {
  const [sxx, sxy, syy] = covariance;
  const det = sxx * syy - sxy * sxy;
  if (!(sxx > 0 && det > 0)) throw invalidValue('covariance', covariance, 'a positive definite 2x2 matrix [sxx, sxy, syy]');
  const l11 = Math.sqrt(sxx);
  const l21 = sxy / l11;
  const l22 = Math.sqrt(syy - l21 * l21);
  const x = new Float64Array(points);
  const y = new Float64Array(points);
  for (let i = 0; i < points; i++) {
    const t = (2 * Math.PI * i) / points;
    const u = radius * Math.cos(t);
    const v = radius * Math.sin(t);
    x[i] = mean[0] + l11 * u;
    y[i] = mean[1] + l21 * u + l22 * v;
  }
  return { name, x, y, closed: true };
}
