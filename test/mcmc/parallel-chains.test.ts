import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { metropolisKernel } from '../../src/mcmc/metropolis.js';
import { runChains } from '../../src/mcmc/run.js';
import { squareModel } from '../../src/models/lattices.js';
import { encodePlain, loadCheckpoint } from '../../src/node/checkpoint.js';
import { moduleUrl } from '../../src/node/module-url.js';
import { runIdentity, runParallelChains } from '../../src/node/parallel-chains.js';

const kernelRef = { module: moduleUrl(import.meta.url, '../../src/mcmc/ising-kernels').href, exportName: 'isingKernel', args: ['metropolis'] };
const model = squareModel(6, 6);
const options = { beta: 0.4, order: 'sequential' };
const plan = { sweeps: 3000, burnIn: 100 };

describe('parallel chains', () => {
  it('give the same numbers bit for bit on threads, in one thread, and through checkpoints', async () => {
    const sequential = runChains(metropolisKernel, model, { beta: 0.4, order: 'sequential' }, plan, { seed: 4, chains: 3 });
    const threaded = await runParallelChains({ kernel: kernelRef, model, options, plan, chains: 3, seed: 4, workers: 2 });
    expect(encodePlain(threaded.snapshots)).toBe(encodePlain(sequential.snapshots));
    expect(encodePlain(threaded.summary)).toBe(encodePlain(sequential.summary));

    const dir = mkdtempSync(join(tmpdir(), 'gibbs-chains-'));
    const path = join(dir, 'run.ckpt');
    let checkpoints = 0;
    const segmented = await runParallelChains({
      kernel: kernelRef, model, options, plan, chains: 3, seed: 4, workers: 1, checkpoint: path, checkpointSweeps: 777, onCheckpoint: () => checkpoints++,
    });
    expect(checkpoints).toBe(4); // 3100 sweeps in segments of at most 777
    expect(encodePlain(segmented.summary)).toBe(encodePlain(sequential.summary));
    const identity = runIdentity({ kernel: kernelRef, model, options, plan, chains: 3, seed: 4 }, model.toData());
    const saved = loadCheckpoint(path, identity);
    expect(saved?.chains.every((c) => c.sweepsDone === 3100)).toBe(true);
    expect(() => loadCheckpoint(path, { ...identity, seed: 5 })).toThrow(/different run \(seed: checkpoint has 4, this run has 5\)/);
    expect(readFileSync(path, 'utf8')).toMatch(/"format":"gibbs-mcmc-checkpoint"/);
  });
});
