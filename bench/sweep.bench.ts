// Sweeps: speed-up of a 200-job local sweep with 1 vs 2 worker threads, and the overhead per
// job of the local pool and of the Redis queue (BullMQ), next to the floors and peers:
// a bare worker_threads round trip, Python's multiprocessing.Pool, a bare Redis list round trip.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Redis } from 'ioredis';
import { PEERS_DIR, printTable, pythonHas, ratio, runJson } from './lib.js';

type SweepModule = typeof import('../src/sweep/index.js');

const root = fileURLToPath(new URL('../', import.meta.url));

/** The engines run from the built dist/ so worker threads load plain JS, as users run them. */
async function loadSweep(): Promise<SweepModule> {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  return (await import(pathToFileURL(join(root, 'dist/sweep/index.js')).href)) as SweepModule;
}

async function seconds(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return (performance.now() - start) / 1000;
}

async function best(repeats: number, fn: () => Promise<number>): Promise<number> {
  let min = Infinity;
  for (let i = 0; i < repeats; i++) min = Math.min(min, await fn());
  return min;
}

/** Seconds per bare worker_threads round trip (postMessage there and back), the floor of any thread pool. */
async function workerEcho(n: number): Promise<number> {
  const worker = new Worker("require('node:worker_threads').parentPort.on('message', (m) => require('node:worker_threads').parentPort.postMessage(m));", { eval: true });
  const roundTrip = () => new Promise<void>((resolve) => { worker.once('message', () => resolve()); worker.postMessage({ x: 1 }); });
  for (let i = 0; i < 100; i++) await roundTrip();
  const s = await seconds(async () => { for (let i = 0; i < n; i++) await roundTrip(); });
  await worker.terminate();
  return s / n;
}

/**
 * Wall seconds for 16 CPU-bound tasks (a square-root loop) on `threads` bare worker threads:
 * the best speed-up any thread pool can reach on this machine right now (on a shared machine,
 * far below the core count).
 */
async function bareThreads(threads: number): Promise<number> {
  const code = "const { parentPort } = require('node:worker_threads'); parentPort.on('message', (n) => { let x = 0; for (let i = 0; i < n; i++) x += Math.sqrt(i); parentPort.postMessage(x); });";
  const workers = Array.from({ length: threads }, () => new Worker(code, { eval: true }));
  let next = 0;
  const s = await seconds(() =>
    Promise.all(workers.map(async (w) => {
      while (next < 16) {
        next++;
        await new Promise((resolve) => { w.once('message', resolve); w.postMessage(3e7); });
      }
    })),
  );
  await Promise.all(workers.map((w) => w.terminate()));
  return s;
}

/** Seconds per bare Redis round trip through a list (LPUSH by one client, BRPOP by another). */
async function redisEcho(url: string, n: number): Promise<number> {
  const a = new Redis(url);
  const b = new Redis(url);
  const s = await seconds(async () => {
    for (let i = 0; i < n; i++) {
      await a.lpush('gibbs-bench-echo', String(i));
      await b.brpop('gibbs-bench-echo', 1);
    }
  });
  a.disconnect();
  b.disconnect();
  return s / n;
}

async function freePort(): Promise<number> {
  return await new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export async function run(): Promise<void> {
  const sweep = await loadSweep();
  const freshStore = () => sweep.ResultsStore.open(join(mkdtempSync(join(tmpdir(), 'gibbs-bench-')), 'r.sqlite'));

  // 1. Speed-up: 200 exact jobs of some tens of ms each (SK N = 23, 50 instances x 4 temperatures).
  const study = sweep.expandStudy({ models: [{ model: { kind: 'ising', generator: 'sk', spins: 23, seed: 1 }, vary: { seed: '1:50:1' } }], temperatures: [0.5, 1, 1.5, 2], methods: [{ method: 'exact' }] });
  // Wall time decides the speed-up; CPU time (this process, all threads) shows whether the
  // pool adds work: on a shared machine the wall-time ratio drops, the CPU ratio does not.
  const timed = async (fn: () => Promise<unknown>) => {
    const cpu = process.cpuUsage();
    const wall = await seconds(fn);
    const used = process.cpuUsage(cpu);
    return { wall, cpu: (used.user + used.system) / 1e6 };
  };
  const bestRun = async (repeats: number, fn: () => Promise<unknown>) => {
    let min = { wall: Infinity, cpu: Infinity };
    for (let i = 0; i < repeats; i++) {
      const t = await timed(fn);
      if (t.wall < min.wall) min = t;
    }
    return min;
  };
  const serial = await bestRun(2, async () => { for (const job of study.jobs) await sweep.runJob(job); });
  // 1 and 2 workers alternate, so that both see the same (shared, changing) machine.
  let one = { wall: Infinity, cpu: Infinity };
  let two = { wall: Infinity, cpu: Infinity };
  for (let i = 0; i < 3; i++) {
    const a = await bestRun(1, () => sweep.runLocalSweep(study.jobs, freshStore(), { workers: 1 }));
    const b = await bestRun(1, () => sweep.runLocalSweep(study.jobs, freshStore(), { workers: 2 }));
    if (a.wall < one.wall) one = a;
    if (b.wall < two.wall) two = b;
  }
  printTable(`local sweep of ${study.jobs.length} exact jobs (SK N = 23), best of 3 (target: 2 workers >= 1.8x faster than 1)`, ['run', 'wall s', 'CPU s', 'speed-up vs 1 worker'], [
    ['jobs one after another in this thread (no pool, no store)', serial.wall, serial.cpu, ratio(one.wall, serial.wall)],
    ['gibbs sweep engine, 1 worker thread', one.wall, one.cpu, '1.00x'],
    ['gibbs sweep engine, 2 worker threads', two.wall, two.cpu, `${ratio(one.wall, two.wall)} ${one.wall / two.wall >= 1.8 ? '(met)' : '(NOT met)'}`],
  ]);
  let bare1 = Infinity;
  let bare2 = Infinity;
  for (let i = 0; i < 3; i++) {
    bare1 = Math.min(bare1, await bareThreads(1));
    bare2 = Math.min(bare2, await bareThreads(2));
  }
  printTable('what the machine allows now: 16 CPU-bound tasks on bare worker_threads, best of 3', ['run', 'wall s', 'speed-up'], [
    ['1 bare thread', bare1, '1.00x'],
    ['2 bare threads', bare2, ratio(bare1, bare2)],
  ]);

  // 2. Overhead per job: 2000 trivial jobs (a 2-spin model at 2000 temperatures) through one
  // worker, minus the jobs' own compute time measured in this thread.
  const trivial = sweep.expandStudy({ models: [{ model: { kind: 'ising', spins: 2, couplings: [[0, 1, -1]] } }], temperatures: '0.01:20:0.01', methods: [{ method: 'exact' }] });
  const n = trivial.jobs.length;
  const compute = (await best(3, () => seconds(async () => { for (const job of trivial.jobs) await sweep.runJob(job); }))) / n;
  const local = (await best(3, () => seconds(() => sweep.runLocalSweep(trivial.jobs, freshStore(), { workers: 1 })))) / n - compute;
  const echo = await workerEcho(n);
  const rows: Array<Array<string | number>> = [
    ['job compute alone (build model, check hash, enumerate 4 states)', compute * 1e3, '-'],
    ['gibbs local pool: dispatch + result + SQLite commit', local * 1e3, local < 0.005 ? 'met (< 5 ms)' : 'NOT met (< 5 ms)'],
    ['floor: bare worker_threads round trip', echo * 1e3, ratio(local, echo)],
  ];
  if (pythonHas('multiprocessing')) {
    const py = runJson<{ tasks: number; seconds: number }>('python3', [join(PEERS_DIR, 'pool_overhead.py'), String(n)]);
    rows.push(['peer: Python multiprocessing.Pool(1), trivial task', (py.seconds / py.tasks) * 1e3, ratio(local, py.seconds / py.tasks)]);
  }

  // 3. The same jobs through Redis: this process submits and stores, one `gibbs worker` process computes.
  const redisBinary = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).stdout.trim();
  if (!redisBinary && !process.env.GIBBS_TEST_REDIS_URL) {
    rows.push(['gibbs Redis queue', 'not measured: no redis-server (apt-get install -y redis-server)', '-']);
  } else {
    const port = await freePort();
    const server = process.env.GIBBS_TEST_REDIS_URL ? undefined : spawn(redisBinary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const url = process.env.GIBBS_TEST_REDIS_URL ?? `redis://127.0.0.1:${port}`;
    const address = sweep.parseQueueUrl(url);
    for (let i = 0; i < 100; i++) {
      try {
        await sweep.checkRedis(address, 1000);
        break;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    const queueName = `bench-${process.pid}`;
    const worker = spawn(process.execPath, [join(root, 'bin/gibbs.js'), 'worker', '--queue', url, '--queue-name', queueName, '--workers', '1'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    worker.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    while (!log.includes('serving queue')) await new Promise((resolve) => setTimeout(resolve, 50));
    const queued = (await best(3, () => seconds(() => sweep.runDistributedSweep(trivial.jobs, freshStore(), { address, queueName, pollMs: 500 })))) / n - compute;
    const listEcho = await redisEcho(url, n);
    rows.push(['gibbs Redis queue (BullMQ): enqueue, lock, run, complete, collect, commit', queued * 1e3, queued < 0.02 ? 'met (< 20 ms)' : 'NOT met (< 20 ms)']);
    rows.push(['floor: bare Redis list round trip (LPUSH + BRPOP)', listEcho * 1e3, ratio(queued, listEcho)]);
    worker.kill('SIGTERM');
    await new Promise((resolve) => worker.once('exit', resolve));
    server?.kill('SIGTERM');
  }
  printTable(`overhead per job, ${n} trivial jobs through 1 worker, best of 3 (targets: local < 5 ms, Redis < 20 ms)`, ['path', 'ms per job', 'target / ratio to floor'], rows);
}
