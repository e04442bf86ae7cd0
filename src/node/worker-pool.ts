import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { GibbsError } from '../core/errors.js';

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

/**
 * Default worker count: one per available core.
 *
 * @example new WorkerPool(defaultWorkerCount())
 */
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

/** An error thrown inside a worker, rebuilt in this thread (a user error stays a GibbsError). */
function rebuildError(error: { message?: string; stack?: string; name?: string } | undefined): Error {
  const rebuilt = error?.name === 'GibbsError' ? new GibbsError(error.message ?? '') : new Error(error?.message);
  rebuilt.name = error?.name ?? 'Error';
  if (error?.stack) rebuilt.stack = error.stack;
  return rebuilt;
}

interface Pending {
  task: WorkerTask;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  busy: Pending | undefined;
}

/**
 * A long-lived pool of worker threads that runs tasks as they are submitted: `run` queues a
 * task and resolves with its result when a thread is free and has finished it. A failing task
 * rejects only its own promise; a thread that dies (crash, out of memory) rejects its task and
 * is replaced. Unlike {@link runTasks}, the pool always uses threads (even for size 1), so the
 * calling thread stays free for progress bars, signals and network heartbeats.
 *
 * @example
 * const pool = new WorkerPool(2);
 * const square = await pool.run<number>({ module: url, exportName: 'square', args: [3] });
 * await pool.close();
 */
export class WorkerPool {
  /** Number of threads. */
  readonly size: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private closed = false;

  constructor(size: number = defaultWorkerCount()) {
    if (!Number.isInteger(size) || size < 1) throw new GibbsError(`workers: got ${size}, expected an integer >= 1`, 'workers');
    this.size = size;
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  /** Queue a task; resolves with its result (or rejects with its error). */
  run<R = unknown>(task: WorkerTask): Promise<R> {
    if (this.closed) return Promise.reject(new Error('worker pool: closed'));
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ task, resolve: resolve as (value: unknown) => void, reject });
      this.dispatch();
    });
  }

  /** Stop every thread now; tasks still queued or running reject. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const stopped = new Error('worker pool: closed before the task finished');
    for (const pending of this.queue.splice(0)) pending.reject(stopped);
    for (const slot of this.slots) {
      slot.busy?.reject(stopped);
      slot.busy = undefined;
    }
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(): Slot {
    const slot: Slot = { worker: startWorker(), busy: undefined };
    slot.worker.on('message', (message: { ok: boolean; result?: unknown; error?: { message: string; stack?: string; name?: string } }) => {
      const pending = slot.busy;
      slot.busy = undefined;
      slot.worker.unref();
      if (pending) {
        if (message.ok) pending.resolve(message.result);
        else pending.reject(rebuildError(message.error));
      }
      this.dispatch();
    });
    // A thread that dies (an uncaught error, out of memory, process.exit in a task) fails its
    // task and is replaced; 'exit' follows 'error', and also comes alone.
    let death: Error | undefined;
    slot.worker.on('error', (error) => {
      death = error;
    });
    slot.worker.on('exit', (code) => {
      if (this.closed) return;
      const pending = slot.busy;
      slot.busy = undefined;
      pending?.reject(death ?? new Error(`worker thread exited with code ${code} while running a task`));
      const index = this.slots.indexOf(slot);
      if (index >= 0) this.slots[index] = this.spawn();
      this.dispatch();
    });
    // Idle threads must not keep the process alive; busy ones do (ref while a task runs).
    slot.worker.unref();
    return slot;
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.closed || this.queue.length === 0) return;
      if (slot.busy) continue;
      const pending = this.queue.shift() as Pending;
      slot.busy = pending;
      slot.worker.ref();
      slot.worker.postMessage({ module: String(pending.task.module), exportName: pending.task.exportName, args: pending.task.args });
    }
  }
}

/**
 * Run independent tasks on a pool of worker threads and return their results in task order.
 * Results do not depend on the number of workers: each task is a pure function of its args.
 * The first failing task rejects the whole batch (and stops the threads).
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
  const pool = new WorkerPool(workers);
  try {
    await Promise.all(
      tasks.map(async (task, index) => {
        results[index] = await pool.run<R>(task);
        options.onResult?.(index, results[index]);
      }),
    );
  } finally {
    await pool.close();
  }
  return results;
}
