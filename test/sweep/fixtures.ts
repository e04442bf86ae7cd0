import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StudyFile } from '../../src/sweep/study.js';

/** A fresh temporary folder for one test. */
export function tempDir(prefix = 'gibbs-sweep-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** 50 small exact jobs: (8 SK instances with N = 10 and field 0.1, 2 open chains) x 5 temperatures. */
export const SMALL_STUDY: StudyFile = {
  name: 'small',
  models: [
    { name: 'sk', model: { kind: 'ising', generator: 'sk', spins: 10, seed: 1, field: 0.1 }, vary: { seed: '1:8:1' } },
    { name: 'chain', model: { kind: 'ising', lattice: { shape: 'chain', size: [9], boundary: 'open' }, coupling: -1, field: 0.2 }, vary: { coupling: [-1, 0.5] } },
  ],
  temperatures: [0.5, 1, 1.5, 2, 3],
  methods: [{ method: 'exact' }],
};

/** 30 jobs of tens of ms each (SK N = 19): long enough to interrupt a sweep mid-way. */
export const SLOW_STUDY: StudyFile = {
  name: 'slow',
  models: [{ name: 'sk', model: { kind: 'ising', generator: 'sk', spins: 19, seed: 1 }, vary: { seed: '1:10:1' } }],
  temperatures: [0.5, 1, 2],
  methods: [{ method: 'exact' }],
};
