import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StudyFile } from '../../src/sweep/study.js';

/** A fresh temporary folder for one test. */
export function tempDir(prefix = 'gibbs-sweep-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * 60 small jobs: (4 SK instances with N = 10 and field 0.1, an open chain) x 3 temperatures x
 * (one exact job + Monte Carlo jobs with seeds 1, 2, 3).
 */
export const SMALL_STUDY: StudyFile = {
  name: 'small',
  models: [
    { name: 'sk', model: { kind: 'ising', generator: 'sk', spins: 10, seed: 1, field: 0.1 }, vary: { seed: '1:4:1' } },
    { name: 'chain', model: { kind: 'ising', lattice: { shape: 'chain', size: [9], boundary: 'open' }, coupling: -1, field: 0.2 } },
  ],
  temperatures: [0.5, 1, 2],
  methods: [{ method: 'exact' }, { method: 'sample', options: { sweeps: 200, burnIn: 50, chains: 2 } }],
  seeds: [1, 2, 3],
};

/** 24 jobs of some tens of ms each (SK N = 18): long enough to interrupt a sweep mid-way. */
export const SLOW_STUDY: StudyFile = {
  name: 'slow',
  models: [{ name: 'sk', model: { kind: 'ising', generator: 'sk', spins: 18, seed: 1 }, vary: { seed: '1:8:1' } }],
  temperatures: [0.5, 1, 2],
  methods: [{ method: 'exact' }],
};
