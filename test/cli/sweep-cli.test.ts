import { existsSync, writeFileSync } from 'node:fs';
import { type AddressInfo, type Socket, createServer } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { runJob } from '../../src/sweep/run-job.js';
import { expandStudy } from '../../src/sweep/study.js';
import { expectUserError, runCli } from '../helpers/cli.js';
import { SLOW_STUDY, SMALL_STUDY, tempDir } from '../sweep/fixtures.js';
import { startGibbs, waitFor } from '../sweep/processes.js';

function writeStudy(dir: string, name: string, study: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(study));
  return path;
}

/** Rows stored so far (0 while the database does not exist yet). */
function storedCount(path: string): number {
  if (!existsSync(path)) return 0;
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare("SELECT count(*) AS n FROM jobs WHERE status = 'done'").get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0; // schema not created yet
  }
}

interface ExportedJob {
  key: string;
  status: string;
  result: unknown;
  params: Record<string, unknown>;
  temperature: number;
}

/** Every job's stored result equals the result of running that job alone, in this process. */
async function expectSameAsAlone(studyPath: string, studyFile: unknown): Promise<void> {
  const exported = JSON.parse(runCli(['results', studyPath, '--format', 'json']).stdout) as ExportedJob[];
  const jobs = expandStudy(studyFile, studyPath).jobs;
  expect(exported.map((e) => e.key)).toEqual(jobs.map((j) => j.key));
  for (const [i, job] of jobs.entries()) {
    expect(exported[i].status).toBe('done');
    expect(exported[i].result).toEqual(JSON.parse((await runJob(job)).result));
  }
}

describe('gibbs sweep (local)', () => {
  it('runs ~60 exact and Monte Carlo jobs on 2 workers with the single-job results; a second run recomputes nothing', async () => {
    const dir = tempDir();
    const study = writeStudy(dir, 'small.json', SMALL_STUDY);
    const first = runCli(['sweep', study, '--workers', '2', '--json']);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ database: join(dir, 'gibbs-results.sqlite'), jobs: 60, cached: 0, done: 60, failed: 0, interrupted: false });
    await expectSameAsAlone(study, SMALL_STUDY);
    const second = runCli(['sweep', study, '--workers', '2', '--json']);
    expect(JSON.parse(second.stdout)).toMatchObject({ jobs: 60, cached: 60, done: 0, failed: 0 });
    const dry = runCli(['sweep', study, '--dry-run', '--json']);
    expect(JSON.parse(dry.stdout)).toMatchObject({ jobs: 60, cached: 60, pending: 0 });
  });

  it('a sweep killed with SIGKILL and restarted completes with every job exactly once', async () => {
    const dir = tempDir();
    const study = writeStudy(dir, 'slow.json', SLOW_STUDY);
    const database = join(dir, 'gibbs-results.sqlite');
    const run = startGibbs(['sweep', study, '--workers', '2']);
    await waitFor(() => storedCount(database) >= 3, 'three stored results');
    run.child.kill('SIGKILL');
    expect(await run.exited).toBe('SIGKILL');
    const kept = storedCount(database);
    expect(kept).toBeGreaterThanOrEqual(3);
    expect(kept).toBeLessThan(24);
    const resumed = runCli(['sweep', study, '--workers', '2', '--json']);
    expect(resumed.code).toBe(0);
    // Every stored job was kept (none lost, none redone); the rest ran once.
    expect(JSON.parse(resumed.stdout)).toMatchObject({ jobs: 24, cached: kept, done: 24 - kept, failed: 0 });
    const db = new Database(database, { readonly: true });
    const keys = (db.prepare('SELECT key FROM jobs').pluck().all() as string[]).sort();
    db.close();
    expect(keys).toEqual(expandStudy(SLOW_STUDY, study).jobs.map((j) => j.key).sort());
    await expectSameAsAlone(study, SLOW_STUDY);
  });

  it('Ctrl-C stops the sweep with a resume hint and exit code 130; the next run finishes it', async () => {
    const dir = tempDir();
    const study = writeStudy(dir, 'slow.json', SLOW_STUDY);
    const run = startGibbs(['sweep', study, '--workers', '2']);
    await waitFor(() => storedCount(join(dir, 'gibbs-results.sqlite')) >= 2, 'two stored results');
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(130);
    expect(run.stderr()).toMatch(/sweep: interrupted; every finished job is stored\. Run the same command again to resume\./);
    const resumed = runCli(['sweep', study, '--json']);
    const summary = JSON.parse(resumed.stdout) as { cached: number; done: number };
    expect(summary.cached + summary.done).toBe(24);
    expect(summary.cached).toBeGreaterThanOrEqual(2);
  });
});

describe('gibbs results', () => {
  const dir = tempDir();
  const study = writeStudy(dir, 'small.json', SMALL_STUDY);
  beforeAll(() => {
    expect(runCli(['sweep', study, '--json']).code).toBe(0);
  });

  it('averages over disorder instances: mean and standard error of the per-instance results', () => {
    const jobs = JSON.parse(runCli(['results', study, '--format', 'json', '--where', 'model=sk', '--where', 'method=exact']).stdout) as ExportedJob[];
    expect(jobs).toHaveLength(12);
    const averaged = JSON.parse(
      runCli(['results', study, '--where', 'model=sk', '--where', 'method=exact', '--average-over', 'model.seed', '--fields', 'perSpin.energy', '--format', 'json']).stdout,
    ) as Array<{ temperature: number; n: number; fields: Record<string, { mean: number; error: number; n: number }> }>;
    expect(averaged.map((g) => g.temperature)).toEqual([0.5, 1, 2]);
    for (const group of averaged) {
      const values = jobs.filter((j) => j.temperature === group.temperature).map((j) => (j.result as { perSpin: { energy: number } }).perSpin.energy);
      expect(values).toHaveLength(4);
      const mean = values.reduce((a, b) => a + b) / 4;
      const sampleVariance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / 3;
      expect(group.n).toBe(4);
      expect(group.fields['perSpin.energy'].mean).toBeCloseTo(mean, 14);
      expect(group.fields['perSpin.energy'].error).toBeCloseTo(Math.sqrt(sampleVariance / 4), 14);
    }
    // Monte Carlo seeds average the same way: 3 seeds per (instance, temperature).
    const overSeeds = JSON.parse(runCli(['results', study, '--where', 'method=sample', '--average-over', 'seed', '--fields', 'perSpin.energy.mean', '--format', 'json']).stdout) as Array<{ n: number }>;
    expect(overSeeds).toHaveLength(5 * 3);
    expect(overSeeds.every((g) => g.n === 3)).toBe(true);
    // CSV: a header and one line per group; fields with commas and quotes are quoted.
    const csv = runCli(['results', study, '--where', 'model=chain', '--where', 'method=exact', '--where', 'temperature>=1', '--format', 'csv', '--fields', 'perSpin.energy']).stdout.trim().split('\n');
    expect(csv[0].split(',').slice(0, 3)).toEqual(['key', 'model', 'spins']);
    expect(csv[0].endsWith(',result.perSpin.energy')).toBe(true);
    expect(csv).toHaveLength(1 + 2);
    expect(csv[1]).toContain('"{""algorithm"":""transfer-matrix"",""correlations"":false}"');
    // The table shows the per-spin columns.
    const table = runCli(['results', join(dir, 'gibbs-results.sqlite'), '--where', 'model=chain', '--where', 'method=exact']);
    expect(table.stdout.split('\n')[0]).toMatch(/^model\s+method\s+temperature\s+seed\s+status\s+perSpin\.logZ/);
    expect(table.stdout.trim().split('\n')).toHaveLength(2 + 3);
  });

  it('rejects a bad --where and unknown fields once results exist', () => {
    expectUserError(runCli(['results', study, '--where', 'temperature']), /--where: got "temperature", expected FIELD OP VALUE/);
    expectUserError(runCli(['results', study, '--where', 'tempreature<1']), /--where: unknown field "tempreature"; fields: key, model/);
    expectUserError(runCli(['results', study, '--fields', 'perSpin.energi']), /--fields: unknown field "perSpin.energi"/);
    expectUserError(runCli(['results', study, '--average-over', 'instance']), /--average-over: got "instance", expected some of model, model\.seed/);
  });
});

describe('sweep, results and worker: bad input', () => {
  const dir = tempDir();
  const study = writeStudy(dir, 'small.json', SMALL_STUDY);

  it.each([
    [['sweep', join(dir, 'missing.json')], /^gibbs: study .*missing\.json: no such file$/],
    [['sweep', writeStudy(dir, 'bad-method.json', { ...SMALL_STUDY, methods: [{ method: 'magic' }] })], /bad-method\.json: methods\[0\]\.method: got "magic", expected one of "exact"/],
    [['sweep', writeStudy(dir, 'too-big.json', { ...SMALL_STUDY, models: [{ model: { kind: 'ising', generator: 'sk', spins: 40, seed: 1 } }] })], /models\[0\], methods\[0\] \(exact\): exact: no exact algorithm applies/],
    [['sweep', study, '--workers', '0'], /--workers: got "0", expected an integer from 1 to 1024/],
    [['sweep', study, '--queue', 'http://127.0.0.1:6379'], /--queue: got "http:\/\/127\.0\.0\.1:6379", expected a Redis URL redis:\/\/HOST:PORT/],
    [['sweep', study, '--queue', 'redis://127.0.0.1:1'], /--queue redis:\/\/127\.0\.0\.1:1: cannot connect: connection refused by 127\.0\.0\.1:1/],
    [['sweep', study, '--db', join(dir, 'nowhere', 'r.sqlite')], /results database .*nowhere.*: folder .* does not exist/],
    [['worker'], /--queue: missing; give the Redis queue as --queue redis:\/\/HOST:PORT/],
    [['worker', '--queue', 'redis://127.0.0.1:1'], /cannot connect: connection refused/],
    [['worker', '--queue', 'redis://127.0.0.1:1', '--lock-duration', '-1'], /--lock-duration: got "-1", expected a number > 0/],
    [['worker', '--queue', 'redis://127.0.0.1:1', '--queue-name', 'a b'], /--queue-name: got "a b", expected 1 to 100 letters, digits, _ \. -/],
    [['results', join(dir, 'missing.sqlite')], /missing\.sqlite: no such file \(give a study file or a results database\)/],
    [['results', writeStudy(dir, 'unrun.json', SMALL_STUDY), '--db', join(dir, 'none.sqlite')], /results database .*none\.sqlite: no such file \(run gibbs sweep first\)/],
    [['results', study, '--format', 'xml'], /--format: got "xml", expected one of table, csv, json/],
  ])('gibbs %j fails with one line', (args, pattern) => {
    const started = Date.now();
    expectUserError(runCli(args as string[]), pattern);
    expect(Date.now() - started).toBeLessThan(30_000);
  });


  it.each([
    ['a server that accepts but never answers', () => {}, /cannot connect: no answer from 127\.0\.0\.1:\d+ within 1 s/],
    ['a server that is not Redis', (socket: Socket) => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'), /cannot connect: the server at 127\.0\.0\.1:\d+ does not speak the Redis protocol/],
  ])('gibbs worker facing %s fails with one line within the connection timeout', async (_what, onConnection, pattern) => {
    const sockets: Socket[] = [];
    const server = createServer((socket) => {
      sockets.push(socket);
      socket.on('data', () => onConnection(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const started = Date.now();
    const worker = startGibbs(['worker', '--queue', `redis://127.0.0.1:${port}`, '--connect-timeout', '1']);
    expect(await worker.exited).toBe(2);
    expect(Date.now() - started).toBeLessThan(15_000);
    expectUserError({ code: 2, stdout: worker.stdout(), stderr: worker.stderr() }, pattern);
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
});
