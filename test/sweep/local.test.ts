import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IsingModel } from '../../src/models/ising.js';
import { buildModel } from '../../src/models/model-file.js';
import { runLocalSweep } from '../../src/sweep/local.js';
import { runJob } from '../../src/sweep/run-job.js';
import { ResultsStore } from '../../src/sweep/store.js';
import { expandStudy } from '../../src/sweep/study.js';
import { bruteForce } from '../helpers/brute-force.js';
import { SMALL_STUDY, tempDir } from './fixtures.js';

describe('local sweep engine', () => {
  const study = expandStudy(SMALL_STUDY);

  it('runs 60 exact and Monte Carlo jobs on 2 threads with the results of running each job alone, and never recomputes', async () => {
    expect(study.jobs).toHaveLength(60);
    expect(study.jobs.filter((j) => j.method === 'sample')).toHaveLength(45);
    const store = ResultsStore.open(join(tempDir(), 'r.sqlite'));
    const seen: number[] = [];
    const first = await runLocalSweep(study.jobs, store, { workers: 2, onProgress: (done) => seen.push(done) });
    expect(first).toMatchObject({ jobs: 60, cached: 0, done: 60, failed: 0, interrupted: false });
    expect(seen).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    const rows = store.rows();
    expect(rows).toHaveLength(60);
    const byKey = new Map(rows.map((r) => [r.key, r]));
    for (const job of study.jobs) {
      const alone = await runJob(job);
      expect(byKey.get(job.key)?.result).toBe(alone.result);
    }
    // Both threads did work.
    expect(new Set(rows.map((r) => r.worker)).size).toBe(2);
    // Independent check of a few stored numbers against brute-force enumeration.
    for (const job of study.jobs.filter((j, i) => j.method === 'exact' && i % 3 === 0)) {
      const result = JSON.parse(byKey.get(job.key)?.result ?? 'null') as { logZ: number; energy: number; heatCapacity: number };
      const reference = bruteForce(buildModel(job.model) as IsingModel, 1 / job.temperature);
      expect(Math.abs(result.logZ - reference.logZ)).toBeLessThan(1e-10 * Math.max(1, Math.abs(reference.logZ)));
      expect(Math.abs(result.energy - reference.energy)).toBeLessThan(1e-10 * Math.max(1, Math.abs(reference.energy)));
      expect(Math.abs(result.heatCapacity - reference.heatCapacity)).toBeLessThan(1e-9);
    }
    const second = await runLocalSweep(study.jobs, store, { workers: 2 });
    expect(second).toMatchObject({ jobs: 60, cached: 60, done: 0, failed: 0, interrupted: false });
    expect(store.rows()).toEqual(rows);
    store.close();
  });

  it('an aborted sweep keeps every finished job; the next run completes the rest exactly once', async () => {
    const store = ResultsStore.open(join(tempDir(), 'r.sqlite'));
    const controller = new AbortController();
    const first = await runLocalSweep(study.jobs, store, {
      workers: 2,
      signal: controller.signal,
      onProgress: (done) => {
        if (done === 12) controller.abort();
      },
    });
    expect(first.interrupted).toBe(true);
    const kept = store.rows().length;
    expect(kept).toBeGreaterThanOrEqual(12);
    expect(kept).toBeLessThan(60);
    const second = await runLocalSweep(study.jobs, store, { workers: 2 });
    expect(second).toMatchObject({ cached: kept, done: 60 - kept, failed: 0, interrupted: false });
    const rows = store.rows();
    expect(rows.map((r) => r.key).sort()).toEqual(study.jobs.map((j) => j.key).sort());
    expect(rows.every((r) => r.status === 'done')).toBe(true);
    store.close();
  });

  it('records a failing job (here: a model that does not match its hash) and keeps going', async () => {
    const store = ResultsStore.open(join(tempDir(), 'r.sqlite'));
    const jobs = study.jobs.slice(0, 4).map((job, i) => (i === 1 ? { ...job, modelHash: '0'.repeat(64) } : job));
    const summary = await runLocalSweep(jobs, store, { workers: 2 });
    expect(summary).toMatchObject({ done: 3, failed: 1 });
    expect(summary.errors[0]).toMatch(/builds a different model from the job's model file/);
    const failed = store.rows().filter((r) => r.status === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0].key).toBe(jobs[1].key);
    store.close();
  });
});
