// A disorder average with a sweep: 12 SK spin-glass instances (N = 10) solved exactly at three
// temperatures on worker threads, stored in SQLite, then averaged over the instances with error
// bars. Running it twice would recompute nothing (the results are keyed by their inputs).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ResultsStore, type StoredRow, aggregate, expandStudy, runLocalSweep, toRecord } from '../src/sweep/index.js';

const dir = mkdtempSync(join(tmpdir(), 'gibbs-example-'));
const study = expandStudy({
  models: [{ name: 'sk', model: { kind: 'ising', generator: 'sk', spins: 10, seed: 1 }, vary: { seed: '1:12:1' } }],
  temperatures: [0.5, 1, 2],
  methods: [{ method: 'exact' }],
});
const store = ResultsStore.open(join(dir, 'gibbs-results.sqlite'));
const summary = await runLocalSweep(study.jobs, store, { workers: 2 });
console.log(`${summary.done} jobs run, ${summary.cached} already stored`);
const rows = new Map(store.rowsFor(study.jobs.map((job) => job.key)).map((row) => [row.key, row]));
const records = study.jobs.map((job) => toRecord(rows.get(job.key) as StoredRow, job.labels));
const groups = aggregate(records, { over: ['model.seed'], fields: ['perSpin.energy'] });
for (const g of groups) {
  const e = g.stats.get('perSpin.energy');
  console.log(`T = ${g.labels.get('temperature')}: [E/N] = ${e?.mean.toFixed(4)} ± ${e?.error?.toFixed(4)} over ${e?.n} instances`);
}
store.close();
rmSync(dir, { recursive: true, force: true });
