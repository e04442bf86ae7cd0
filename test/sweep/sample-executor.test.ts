import { describe, expect, it } from 'vitest';
import { enumerate } from '../../src/exact/enumerate.js';
import { buildModel } from '../../src/models/model-file.js';
import { runJob } from '../../src/sweep/run-job.js';
import { expandStudy } from '../../src/sweep/study.js';

interface Est {
  mean: number;
  error: number;
}
type SampleResult = Record<'energy' | 'absMagnetization' | 'heatCapacity', Est> & { perSpin: { energy: Est }; spins: number };

const model = { kind: 'ising', generator: 'sk', spins: 8, seed: 3, field: 0.2 };
const options = { sweeps: 5_000, burnIn: 500, chains: 4 };

async function sampleAt(temperature: number, seed: number): Promise<{ result: SampleResult; text: string }> {
  const [job] = expandStudy({ models: [{ model }], temperatures: [temperature], methods: [{ method: 'sample', options }], seeds: [seed] }).jobs;
  const { result } = await runJob(job);
  return { result: JSON.parse(result) as SampleResult, text: result };
}

/** Observables whose Monte Carlo estimate is more than 4 error bars from the exact value. */
function offByMoreThanFourErrors(result: SampleResult, temperature: number): string[] {
  const exact = enumerate(buildModel(model as never), { temperature });
  const pairs: Array<[string, Est, number]> = [
    ['energy', result.energy, exact.energy],
    ['absMagnetization', result.absMagnetization, exact.absMagnetization as number],
    ['heatCapacity', result.heatCapacity, exact.heatCapacity],
  ];
  return pairs.filter(([, est, value]) => !(Math.abs(est.mean - value) < 4 * est.error)).map(([name]) => name);
}

describe('sample executor (Monte Carlo jobs)', () => {
  it('agrees with exact enumeration within 4 error bars, and the check catches a wrongly wired temperature', async () => {
    const { result } = await sampleAt(1.5, 7);
    expect(result.energy.error).toBeGreaterThan(0);
    expect(offByMoreThanFourErrors(result, 1.5)).toEqual([]);
    expect(result.perSpin.energy.mean).toBeCloseTo(result.energy.mean / 8, 12);
    // A job that sampled at the wrong temperature (T x 1.25) fails the same check.
    const { result: wrong } = await sampleAt(1.5 * 1.25, 7);
    expect(offByMoreThanFourErrors(wrong, 1.5)).toContain('energy');
  });

  it('is a pure function of its inputs: same seed, same JSON; another seed, other numbers', async () => {
    const a = await sampleAt(1, 11);
    const b = await sampleAt(1, 11);
    const c = await sampleAt(1, 12);
    expect(b.text).toBe(a.text);
    expect(c.result.energy.mean).not.toBe(a.result.energy.mean);
  });

  it('stochastic jobs get one job per seed; options are validated', () => {
    const study = expandStudy({ models: [{ model }], temperatures: [1, 2], methods: [{ method: 'sample', options }, { method: 'exact' }], seeds: '1:3:1' });
    expect(study.jobs.filter((j) => j.method === 'sample').map((j) => j.seed)).toEqual([1, 2, 3, 1, 2, 3]);
    expect(study.jobs.filter((j) => j.method === 'exact')).toHaveLength(2);
    expect(study.jobs[0].options).toEqual({ algorithm: 'metropolis', sweeps: 5_000, burnIn: 500, interval: 1, chains: 4, start: 'random' });
    expect(() => expandStudy({ models: [{ model }], temperatures: [1], methods: [{ method: 'sample', options: { sweeps: 0 } }] }, 's.json')).toThrow(
      /s\.json: methods\[0\]\.options: sweeps: got 0, expected a value >= 1/,
    );
    expect(() => expandStudy({ models: [{ model }], temperatures: [1], methods: [{ method: 'sample', options: { algorithm: 'magic' } }] }, 's.json')).toThrow(/algorithm: got "magic", expected one of "metropolis", "heat-bath"/);
  });

  it('runs every sampling algorithm; each agrees with enumeration on a 4x4 ferromagnetic torus', async () => {
    const torus = { kind: 'ising', lattice: { shape: 'square', size: [4, 4] }, coupling: -1 };
    const exact = enumerate(buildModel(torus as never), { temperature: 2.5 });
    const applicable = ['metropolis', 'heat-bath', 'wolff', 'swendsen-wang'];
    const jobs = expandStudy({ models: [{ model: torus }], temperatures: [2.5], methods: applicable.map((algorithm) => ({ method: 'sample', options: { ...options, algorithm } })), seeds: [3] }).jobs;
    for (const job of jobs) {
      const result = JSON.parse((await runJob(job)).result) as SampleResult & { algorithm: string };
      expect(Math.abs(result.energy.mean - exact.energy), result.algorithm).toBeLessThan(4 * result.energy.error);
    }
    expect(() => expandStudy({ models: [{ model }], temperatures: [1], methods: [{ method: 'sample', options: { algorithm: 'multispin' } }] }, 's.json')).toThrow(/algorithm multispin: needs one coupling value J for every bond/);
    expect(() => expandStudy({ models: [{ model: torus }], temperatures: [1], methods: [{ method: 'sample', options: { algorithm: 'wolff', order: 'random' } }] }, 's.json')).toThrow(/"order" applies to metropolis and heat-bath, not wolff/);
  });
});
