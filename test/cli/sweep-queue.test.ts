import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_PREFIX, parseQueueUrl } from '../../src/sweep/queue-address.js';
import { runDistributedSweep } from '../../src/sweep/queue.js';
import { runJob } from '../../src/sweep/run-job.js';
import { ResultsStore } from '../../src/sweep/store.js';
import { type StudyFile, expandStudy } from '../../src/sweep/study.js';
import type { StoredRow } from '../../src/sweep/store.js';
import { tempDir } from '../sweep/fixtures.js';
import { type GibbsProcess, startGibbs, waitFor } from '../sweep/processes.js';
import { type TestRedis, testRedis } from '../sweep/redis.js';

// 36 quick exact and Monte Carlo jobs and one long exact job (SK N = 22, a fraction of a
// second; its two Monte Carlo jobs are short): the worker that takes the long job is killed
// with SIGKILL while it runs.
const STUDY: StudyFile = {
  name: 'distributed',
  models: [
    { name: 'sk', model: { kind: 'ising', generator: 'sk', spins: 12, seed: 1, field: 0.1 }, vary: { seed: '1:4:1' } },
    { name: 'big', model: { kind: 'ising', generator: 'sk', spins: 22, seed: 99 }, temperatures: [1] },
  ],
  temperatures: [0.5, 1, 2],
  methods: [{ method: 'exact' }, { method: 'sample', options: { sweeps: 200, burnIn: 50, chains: 2 } }],
  seeds: [1, 2],
};

describe('gibbs sweep --queue (BullMQ on Redis)', () => {
  let redis: TestRedis;
  const queueName = `test-${randomBytes(4).toString('hex')}`;
  const workers: GibbsProcess[] = [];

  beforeAll(async () => {
    redis = await testRedis();
  });

  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    const queue = new Queue(queueName, { connection: parseQueueUrl(redis.url).connection, prefix: QUEUE_PREFIX });
    await queue.obliterate({ force: true });
    await queue.close();
    await redis?.stop();
  });

  it('3 workers, one killed with SIGKILL mid-job: every job completes exactly once with the single-process results', async () => {
    const dir = tempDir();
    const studyPath = join(dir, 'study.json');
    writeFileSync(studyPath, JSON.stringify(STUDY));
    const jobs = expandStudy(STUDY, studyPath).jobs;
    expect(jobs).toHaveLength(39);
    const bigKey = (jobs.find((j) => j.labels.model === 'big' && j.method === 'exact') ?? jobs[0]).key;

    for (let i = 0; i < 3; i++) {
      workers.push(startGibbs(['worker', '--queue', redis.url, '--queue-name', queueName, '--workers', '1', '--lock-duration', '1', '--stalled-interval', '0.5', '--verbose']));
    }
    await waitFor(() => workers.every((w) => w.stderr().includes('serving queue')), 'three workers to start');

    const submitter = startGibbs(['sweep', studyPath, '--queue', redis.url, '--queue-name', queueName, '--json']);
    await waitFor(() => workers.some((w) => w.stderr().includes(`start ${bigKey}`)), 'a worker to start the long job');
    const victim = workers.find((w) => w.stderr().includes(`start ${bigKey}`)) as GibbsProcess;
    victim.child.kill('SIGKILL');
    expect(await victim.exited).toBe('SIGKILL');
    // Killed mid-job: it never finished the long job.
    expect(victim.stderr()).not.toContain(`done ${bigKey}`);

    expect(await submitter.exited).toBe(0);
    expect(JSON.parse(submitter.stdout())).toMatchObject({ jobs: 39, cached: 0, done: 39, failed: 0, interrupted: false });
    const db = new Database(join(dir, 'gibbs-results.sqlite'), { readonly: true });
    const rows = db.prepare('SELECT * FROM jobs').all() as StoredRow[];
    db.close();
    expect(rows.map((r) => r.key).sort()).toEqual(jobs.map((j) => j.key).sort());
    expect(rows.every((r) => r.status === 'done')).toBe(true);
    // The long job was run again, to completion, by another worker process.
    const big = rows.find((r) => r.key === bigKey) as StoredRow;
    expect(big.worker?.split('/')[0].endsWith(`:${victim.child.pid}`)).toBe(false);
    const survivors = workers.filter((w) => w !== victim);
    expect(survivors.some((w) => w.stderr().includes(`done ${bigKey}`))).toBe(true);
    // Identical to running each job alone in this process.
    const byKey = new Map(rows.map((r) => [r.key, r.result]));
    for (const job of jobs) expect(byKey.get(job.key)).toBe((await runJob(job)).result);
    // Collected results are removed from Redis: nothing of this study is left in the queue.
    const queue = new Queue(queueName, { connection: parseQueueUrl(redis.url).connection, prefix: QUEUE_PREFIX });
    const counts = await queue.getJobCounts();
    await queue.close();
    expect(Object.values(counts).every((n) => n === 0)).toBe(true);

    // A second run finds everything stored and queues nothing.
    const again = startGibbs(['sweep', studyPath, '--queue', redis.url, '--queue-name', queueName, '--json']);
    expect(await again.exited).toBe(0);
    expect(JSON.parse(again.stdout())).toMatchObject({ jobs: 39, cached: 39, done: 0 });
  });

  it('a job that fails with a user error is stored as failed at once, without retries', async () => {
    const store = ResultsStore.open(join(tempDir(), 'r.sqlite'));
    const [good, bad] = expandStudy(STUDY).jobs;
    const tampered = { ...bad, modelHash: 'f'.repeat(64) };
    const summary = await runDistributedSweep([good, tampered], store, { address: parseQueueUrl(redis.url), queueName, pollMs: 200 });
    expect(summary).toMatchObject({ done: 1, failed: 1, interrupted: false });
    expect(summary.errors[0]).toMatch(/builds a different model from the job's model file/);
    const failed = store.rows().find((r) => r.key === tampered.key) as StoredRow;
    expect(failed).toMatchObject({ status: 'failed', failures: 1 });
    store.close();
  });

  it('a job that throws an internal error is retried with backoff, then stored as failed', async () => {
    const store = ResultsStore.open(join(tempDir(), 'r.sqlite'));
    const [job] = expandStudy({ ...STUDY, models: [{ model: { kind: 'ising', generator: 'sk', spins: 5, seed: 5 } }] }).jobs;
    // Options null make the executor throw a TypeError: not a user error, so the queue retries it.
    const broken = { ...job, options: null as never };
    const started = Date.now();
    const summary = await runDistributedSweep([broken], store, { address: parseQueueUrl(redis.url), queueName, attempts: 3, backoffMs: 200, pollMs: 200 });
    expect(summary).toMatchObject({ done: 0, failed: 1 });
    expect(summary.errors[0]).toMatch(/Cannot read properties of null/);
    // Three tries in all, the retries 200 ms and 400 ms after the failures before them.
    const tries = workers.reduce((n, w) => n + w.stderr().split(`start ${job.key}`).length - 1, 0);
    expect(tries).toBe(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
    store.close();
  });

  it('workers stop cleanly on SIGTERM', async () => {
    const alive = workers.filter((w) => w.child.exitCode === null && w.child.signalCode === null);
    expect(alive).toHaveLength(2);
    for (const w of alive) w.child.kill('SIGTERM');
    for (const w of alive) expect(await w.exited).toBe(0);
    for (const w of alive) expect(w.stderr()).toMatch(/stopped\n$/);
  });
});
