import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * One unit of work for a worker thread: call `exportName(...args)` from the ES module at
 * `module` (a file URL). Arguments and results cross threads by structured clone, so typed
 * arrays and plain objects are fine; functions and class instances are not.
 */
export interface WorkerTask {
  module: string | URL;
  exportName: string;
  args: unknown[];
}

/** Options for {@link runTasks}. */
export interface PoolOptions {
  /** Number of worker threads (default: one per core). 1 runs every task in this thread. */
  workers?: number;
  /** Called as each task finishes (in completion order). */
  onResult?: (index: number, result: unknown) => void;
}

/** Default worker count: one per available core. */
export function defaultWorkerCount(): number {
  return Math.max(1, availableParallelism());
}

// Under vitest or tsx the library runs from .ts sources; worker threads then need tsx's loader.
const runningFromSource = import.meta.url.endsWith('.ts');
const workerUrl = new URL(runningFromSource ? './worker-entry.ts' : './worker-entry.js', import.meta.url);

function startWorker(): Worker {
  if (!runningFromSource) return new Worker(workerUrl);
  // Workers do not inherit --import loaders: register tsx inside the worker, then load the entry.
  const bootstrap = `import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(workerUrl.href)}); });`;
  return new Worker(bootstrap, { eval: true });
}

async function runInline(task: WorkerTask): Promise<unknown> {
  const mod = (await import(String(task.module))) as Record<string, (...args: unknown[]) => unknown>;
  const fn = mod[task.exportName];
  if (typeof fn !== 'function') throw new Error(`worker task: ${String(task.module)} has no export ${task.exportName}`);
  return await fn(...task.args);
}

/**
 * Run independent tasks on a pool of worker threads and return their results in task order.
 * Results do not depend on the number of workers: each task is a pure function of its args.
 *
 * @example
 * const sums = await runTasks(chunks.map((c) => ({ module: new URL('../exact/enumerate.js', import.meta.url), exportName: 'enumerateChunk', args: c })));
 */
export async function runTasks<R = unknown>(tasks: WorkerTask[], options: PoolOptions = {}): Promise<R[]> {
  const workers = Math.max(1, Math.min(options.workers ?? defaultWorkerCount(), tasks.length));
  const results = new Array<R>(tasks.length);
  if (workers === 1) {
    for (let i = 0; i < tasks.length; i++) {
      results[i] = (await runInline(tasks[i])) as R;
      options.onResult?.(i, results[i]);
    }
    return results;
  }
  let next = 0;
  const pool: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let running = 0;
      let failed = false;
      const dispatch = (worker: Worker) => {
        if (failed) return;
        if (next >= tasks.length) {
          if (running === 0) resolve();
          return;
        }
        const index = next++;
        running++;
        const task = tasks[index];
        worker.once('message', (message: { ok: boolean; result?: unknown; error?: { message: string; stack?: string; name?: string } }) => {
          running--;
          if (!message.ok) {
            failed = true;
            const error = new Error(message.error?.message);
            error.name = message.error?.name ?? 'Error';
            if (message.error?.stack) error.stack = message.error.stack;
            reject(error);
            return;
          }
          results[index] = message.result as R;
          options.onResult?.(index, message.result);
          dispatch(worker);
        });
        worker.postMessage({ module: String(task.module), exportName: task.exportName, args: task.args });
      };
      for (let w = 0; w < workers; w++) {
        const worker = startWorker();
        worker.on('error', (error) => {
          failed = true;
          reject(error);
        });
        pool.push(worker);
        dispatch(worker);
      }
    });
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return results;
}
