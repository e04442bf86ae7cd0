import { describe, expect, it } from 'vitest';
import { GibbsError } from '../../src/core/errors.js';
import { WorkerPool } from '../../src/node/worker-pool.js';

const module = new URL('./pool-tasks.ts', import.meta.url);
const task = (exportName: string, ...args: unknown[]) => ({ module, exportName, args });

describe('WorkerPool (long-lived threads for sweeps)', () => {
  it('runs tasks as submitted; a failing or dying task rejects alone and the pool keeps going', async () => {
    const pool = new WorkerPool(2);
    try {
      const results = await Promise.allSettled([pool.run(task('double', 1)), pool.run(task('userError', 'spins')), pool.run(task('die')), pool.run(task('double', 4)), pool.run(task('double', 5))]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled', 'fulfilled']);
      expect((results[0] as PromiseFulfilledResult<number>).value).toBe(2);
      // A user error stays a GibbsError across the thread boundary (the CLI then prints one line, exit 2).
      const userError = (results[1] as PromiseRejectedResult).reason as Error;
      expect(userError).toBeInstanceOf(GibbsError);
      expect(userError.message).toBe('spins: got something bad');
      expect(((results[2] as PromiseRejectedResult).reason as Error).message).toMatch(/worker thread exited with code 3 while running a task/);
      // The dead thread was replaced: both threads still serve.
      expect(await Promise.all([1, 2, 3, 4].map((n) => pool.run(task('double', n))))).toEqual([2, 4, 6, 8]);
    } finally {
      await pool.close();
    }
  });

  it('close() rejects queued and running tasks and refuses new ones', async () => {
    const pool = new WorkerPool(1);
    const running = pool.run(task('sleep', 5_000));
    const queued = pool.run(task('double', 1));
    const outcomes = Promise.allSettled([running, queued]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await pool.close();
    for (const outcome of await outcomes) {
      expect(outcome.status).toBe('rejected');
      expect(((outcome as PromiseRejectedResult).reason as Error).message).toMatch(/closed before the task finished/);
    }
    await expect(pool.run(task('double', 1))).rejects.toThrow(/closed/);
  });
});
