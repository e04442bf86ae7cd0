import { hostname } from 'node:os';
import { UnrecoverableError, Worker } from 'bullmq';
import { moduleUrl } from '../node/module-url.js';
import { WorkerPool, defaultWorkerCount } from '../node/worker-pool.js';
import type { JobSpec } from './job.js';
import { throttledNotices } from './queue.js';
import { DEFAULT_QUEUE_NAME, QUEUE_PREFIX, type QueueAddress } from './queue-address.js';
import { checkRedis } from './redis-check.js';
import type { JobOutcome } from './run-job.js';

/** Options of a queue worker. */
export interface QueueWorkerOptions {
  address: QueueAddress;
  queueName?: string;
  /** Jobs run at once, each on its own thread (default: one per core). */
  threads?: number;
  /** A job whose worker has not renewed its lock for this long is stalled and runs again elsewhere (ms, default 30000). */
  lockDurationMs?: number;
  /** How often this worker looks for stalled jobs (ms, default 30000). */
  stalledIntervalMs?: number;
  /** Called when a job starts, finishes or fails here. */
  onJob?: (event: { type: 'start' | 'done' | 'failed'; key: string; seconds?: number; error?: string }) => void;
  /** One-line notices (connection trouble). */
  onNotice?: (message: string) => void;
}

/** A running queue worker. */
export interface QueueWorker {
  /** Stop taking jobs; with `force`, abandon the jobs in flight (they stall and run elsewhere). */
  close(force?: boolean): Promise<void>;
}

/**
 * Serve jobs from a BullMQ queue on Redis (what `gibbs worker` runs): each job runs on a
 * worker thread, so this thread stays free to renew job locks; a job that throws a
 * GibbsError (bad input: retrying cannot help) fails at once, anything else is retried by
 * the queue with backoff. Results go back through Redis to the submitter, which stores them.
 *
 * @example
 * const worker = await startQueueWorker({ address: parseQueueUrl('redis://127.0.0.1:6379'), threads: 2 });
 * await worker.close();
 */
export async function startQueueWorker(options: QueueWorkerOptions): Promise<QueueWorker> {
  await checkRedis(options.address);
  const threads = options.threads ?? defaultWorkerCount();
  const pool = new WorkerPool(threads);
  const url = moduleUrl(import.meta.url, './run-job');
  const notice = throttledNotices(options.onNotice, 10_000);
  const lockDuration = options.lockDurationMs ?? 30_000;
  const worker = new Worker<JobSpec, JobOutcome>(
    options.queueName ?? DEFAULT_QUEUE_NAME,
    async (job) => {
      const key = job.data.key;
      options.onJob?.({ type: 'start', key });
      try {
        const outcome = await pool.run<JobOutcome>({ module: url, exportName: 'runJob', args: [job.data] });
        options.onJob?.({ type: 'done', key, seconds: outcome.seconds });
        return outcome;
      } catch (error) {
        const message = (error as Error).message;
        options.onJob?.({ type: 'failed', key, error: message });
        if ((error as Error).name === 'GibbsError') throw new UnrecoverableError(message);
        throw error;
      }
    },
    {
      connection: { ...options.address.connection, maxRetriesPerRequest: null },
      prefix: QUEUE_PREFIX,
      concurrency: threads,
      lockDuration,
      stalledInterval: options.stalledIntervalMs ?? 30_000,
      // A job may lose its worker a few times (machines come and go) before it counts as failed.
      maxStalledCount: 3,
      name: `gibbs-worker ${hostname()}:${process.pid}`,
    },
  );
  worker.on('error', (error) => notice(`queue ${options.address.display}: ${error.message.split('\n')[0]} (retrying)`));
  await worker.waitUntilReady();
  return {
    async close(force = false) {
      await worker.close(force);
      await pool.close();
    },
  };
}
