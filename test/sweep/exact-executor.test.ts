import { describe, expect, it } from 'vitest';
import { runJob } from '../../src/sweep/run-job.js';
import { expandStudy } from '../../src/sweep/study.js';

interface ExactResult {
  method: string;
  logZ: number;
  energy: number;
  heatCapacity: number;
}

async function solve(model: object, algorithm: string, temperature: number): Promise<ExactResult> {
  const [job] = expandStudy({ models: [{ model }], temperatures: [temperature], methods: [{ method: 'exact', options: { algorithm } }] }).jobs;
  return JSON.parse((await runJob(job)).result) as ExactResult;
}

describe('exact executor', () => {
  it('runs every exact algorithm, and they agree with enumeration where they overlap', async () => {
    const torus = { kind: 'ising', lattice: { shape: 'square', size: [4, 4] }, coupling: -1 };
    const chain = { kind: 'ising', lattice: { shape: 'chain', size: [12], boundary: 'open' }, coupling: -1, field: 0.3 };
    for (const [model, algorithm] of [[torus, 'torus'], [torus, 'transfer-matrix'], [chain, 'transfer-matrix']] as const) {
      const reference = await solve(model, 'enumeration', 2.2);
      const other = await solve(model, algorithm, 2.2);
      expect(other.method).toBe(algorithm);
      for (const key of ['logZ', 'energy', 'heatCapacity'] as const) expect(Math.abs(other[key] - reference[key])).toBeLessThan(1e-9 * Math.max(1, Math.abs(reference[key])));
    }
    // auto picks what `gibbs exact` picks: a transfer matrix for chains, enumeration for small graphs.
    expect(expandStudy({ models: [{ model: chain }], temperatures: [1], methods: [{ method: 'exact' }] }).jobs[0].options.algorithm).toBe('transfer-matrix');
    const onsager = await solve(torus, 'onsager', 2.2);
    expect(onsager.method).toBe('onsager');
  });
});
