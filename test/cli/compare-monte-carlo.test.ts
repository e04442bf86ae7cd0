import { describe, expect, it } from 'vitest';
import { enumerate } from '../../src/exact/enumerate.js';
import { squareModel } from '../../src/models/lattices.js';
import { sherringtonKirkpatrickModel } from '../../src/models/disorder.js';
import { gaussLegendre, monteCarloFreeEnergy } from '../../src/cli/commands/compare.js';

// Fewer nodes and sweeps than `gibbs compare` uses: the error bars grow to match.
const quick = { nodes: 12, sweeps: 1000, burnIn: 200, chains: 4 };

describe('Monte Carlo free energy for gibbs compare (thermodynamic integration)', () => {
  it('Gauss–Legendre with k nodes integrates polynomials of degree 2k - 1 exactly', () => {
    const { nodes, weights } = gaussLegendre(6);
    for (let degree = 0; degree <= 11; degree++) {
      const integral = nodes.reduce((sum, x, i) => sum + weights[i] * x ** degree, 0);
      expect(integral).toBeCloseTo(degree % 2 === 1 ? 0 : 2 / (degree + 1), 13);
    }
  });

  it.each([
    ['torus 3x3, T = 2.5', squareModel(3, 3, { coupling: -1 }), 0.4] as const,
    ['SK N = 10 with field', sherringtonKirkpatrickModel(10, { seed: 3, field: 0.2 }), 0.8] as const,
  ])('%s: within 4 error bars of exact, and the same check catches a 5 percent error in beta', (_name, model, beta) => {
    const exact = enumerate(model, { beta, correlations: false }).freeEnergy;
    const mc = monteCarloFreeEnergy(model, beta, 1, quick);
    expect(mc.error).toBeGreaterThan(0);
    expect(Math.abs(mc.freeEnergy - exact)).toBeLessThan(4 * mc.error);
    const wrong = monteCarloFreeEnergy(model, beta * 1.05, 1, quick);
    expect(Math.abs(wrong.freeEnergy - exact)).toBeGreaterThan(4 * wrong.error);
  });
});
