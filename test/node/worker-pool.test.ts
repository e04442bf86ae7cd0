import { describe, expect, it } from 'vitest';
import { runTasks } from '../../src/node/worker-pool.js';
import { enumerate, enumerateChunk, enumerationResult, mergeEnumerationSums } from '../../src/exact/enumerate.js';
import { sherringtonKirkpatrickModel } from '../../src/models/disorder.js';
import { writeFileAtomic } from '../../src/node/atomic-write.js';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const fixture = new URL('../helpers/pool-tasks.ts', import.meta.url);

describe('worker pool', () => {
  it('returns results in task order, identical with 1 or 2 workers', async () => {
    const tasks = [5, 1, 4, 2, 3].map((n) => ({ module: fixture, exportName: 'slowSquare', args: [n] }));
    const two = await runTasks<number>(tasks, { workers: 2 });
    const one = await runTasks<number>(tasks, { workers: 1 });
    expect(two).toEqual([25, 1, 16, 4, 9]);
    expect(one).toEqual(two);
  });

  it('propagates a task error', async () => {
    const tasks = [1, 2].map((n) => ({ module: fixture, exportName: 'failOn', args: [n, 2] }));
    await expect(runTasks(tasks, { workers: 2 })).rejects.toThrow(/task 2 failed/);
  });

  it('splits enumeration across threads with the single-thread result', async () => {
    const model = sherringtonKirkpatrickModel(14, { seed: 2, field: 0.1 });
    const tasks = [0, 1, 2, 3].map((prefix) => ({ module: fixture, exportName: 'skChunk', args: [prefix] }));
    const sums = await runTasks<ReturnType<typeof enumerateChunk>>(tasks, { workers: 2 });
    const merged = enumerationResult(sums.reduce(mergeEnumerationSums), 1);
    const single = enumerate(model, { beta: 1, correlations: false });
    expect(Math.abs(merged.logZ - single.logZ)).toBeLessThan(1e-12 * Math.abs(single.logZ));
  });
});

describe('atomic write', () => {
  it('replaces the file and leaves no temporary behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gibbs-atomic-'));
    const path = join(dir, 'out.json');
    writeFileAtomic(path, 'one');
    writeFileAtomic(path, 'two');
    expect(readFileSync(path, 'utf8')).toBe('two');
    expect(readdirSync(dir)).toEqual(['out.json']);
  });
});
