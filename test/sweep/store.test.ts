import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runJob } from '../../src/sweep/run-job.js';
import { ResultsStore } from '../../src/sweep/store.js';
import { expandStudy } from '../../src/sweep/study.js';
import { SMALL_STUDY, tempDir } from './fixtures.js';

describe('results store', () => {
  it('stores a done job exactly once; a failure never overwrites a result; a success replaces a failure', async () => {
    const path = join(tempDir(), 'r.sqlite');
    const store = ResultsStore.open(path);
    const [a, b] = expandStudy(SMALL_STUDY).jobs;
    const outcome = await runJob(a);
    expect(store.recordDone(a, outcome)).toBe(true);
    expect(store.recordDone(a, { ...outcome, result: '{"other":1}' })).toBe(false);
    store.recordFailure(a, 'late failure');
    store.recordFailure(b, 'first failure');
    store.recordFailure(b, 'second failure');
    let rows = store.rows();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ key: a.key, status: 'done', result: outcome.result, error: null, failures: 0 });
    expect(rows[1]).toMatchObject({ key: b.key, status: 'failed', error: 'second failure', failures: 2, result: null });
    expect([...store.doneKeys()]).toEqual([a.key]);
    const fixed = await runJob(b);
    expect(store.recordDone(b, fixed)).toBe(true);
    rows = store.rows();
    expect(rows[1]).toMatchObject({ status: 'done', error: null, failures: 2, result: fixed.result });
    store.close();
    // Reopening keeps everything (the file is the store).
    const again = ResultsStore.open(path, { readOnly: true });
    expect(again.rows()).toEqual(rows);
    again.close();
  });

  it('refuses files that are not gibbs results databases, with one line', () => {
    const dir = tempDir();
    const text = join(dir, 'text.sqlite');
    writeFileSync(text, 'hello, this is not a database at all, just some text that is long enough');
    expect(() => ResultsStore.open(text)).toThrow(/results database .*text.sqlite: not a SQLite database/);
    const other = join(dir, 'other.sqlite');
    const db = new Database(other);
    db.exec('CREATE TABLE people (name TEXT)');
    db.close();
    expect(() => ResultsStore.open(other)).toThrow(/not a gibbs results database \(schema missing, expected gibbs-results\/1\)/);
    expect(() => ResultsStore.open(join(dir, 'missing.sqlite'), { readOnly: true })).toThrow(/no such file \(run gibbs sweep first\)/);
    expect(() => ResultsStore.open(join(dir, 'no-such-folder', 'r.sqlite'))).toThrow(/folder .*no-such-folder does not exist/);
  });
});
