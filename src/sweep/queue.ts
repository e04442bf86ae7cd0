import { Job, Queue, QueueEvents } from 'bullmq';
import type { StudyJob } from './job.js';
import { type SweepRunOptions, type SweepSummary, jobPayload, newSummary, noteFailure, pendingJobs } from './local.js';
import { DEFAULT_QUEUE_NAME, QUEUE_PREFIX, type QueueAddress } from './queue-address.js';
import { checkRedis } from './redis-check.js';
import type { JobOutcome } from './run-job.js';
import type { ResultsStore } from './store.js';

/** Options of the distributed engine. */
export interface DistributedSweepOptions extends SweepRunOptions {
  address: QueueAddress;
  queueName?: string;
  /** Tries per job before it is stored as failed (default 3), with exponential backoff. */
  attempts?: number;
  /** First retry delay in ms (doubles each try; default 1000). */
  backoffMs?: number;
  /** How often to look for results missed by the event stream, and for workers (ms, default 2000). */
  pollMs?: number;
  /** One-line notices: no worker connected, connection trouble. */
  onNotice?: (message: string) => void;
}

/**
 * A notice printer that repeats the same message at most every `intervalMs`.
 *
 * @example const notice = throttledNotices((m) => console.error(m)); notice('no worker'); notice('no worker'); // printed once
 */
export function throttledNotices(onNotice: ((message: string) => void) | undefined, intervalMs = 30_000): (message: string) => void {
  const last = new Map<string, number>();
  return (message) => {
    const now = Date.now();
    if ((last.get(message) ?? -Infinity) + intervalMs > now) return;
    last.set(message, now);
    onNotice?.(message);
  };
}

/**
 * Run a study through a BullMQ queue on Redis: enqueue every job without a stored result
 * (job id = job key, so a job already queued by an earlier run is not queued twice), then
 * store results into SQLite as workers anywhere finish them. Workers are `gibbs worker`
 * processes on any machine that reaches the same Redis. Jobs retry with exponential backoff;
 * a job whose worker dies is detected as stalled and handed to another worker; results are
 * stored exactly once (the store ignores a second copy of a done key). Interrupting the
 * submitter leaves the jobs queued: the workers keep computing, and running the same sweep
 * again collects what finished meanwhile.
 *
 * @example const summary = await runDistributedSweep(study.jobs, store, { address: parseQueueUrl('redis://127.0.0.1:6379') });
 */
export async function runDistributedSweep(jobs: StudyJob[], store: ResultsStore, options: DistributedSweepOptions): Promise<SweepSummary> {
  const start = performance.now();
  await checkRedis(options.address);
  const name = options.queueName ?? DEFAULT_QUEUE_NAME;
  const notice = throttledNotices(options.onNotice);
  const { pending, cached } = pendingJobs(jobs, store);
  const summary = newSummary(jobs.length, cached);
  if (pending.length === 0) return summary;

  const queue = new Queue(name, { connection: { ...options.address.connection }, prefix: QUEUE_PREFIX });
  const events = new QueueEvents(name, { connection: { ...options.address.connection, maxRetriesPerRequest: null }, prefix: QUEUE_PREFIX });
  const onError = (error: Error) => notice(`queue ${options.address.display}: ${error.message.split('\n')[0]} (retrying)`);
  queue.on('error', onError);
  events.on('error', onError);

  const remaining = new Map(pending.map((job) => [job.key, job]));
  let wake: () => void = () => {};
  const progress = () => {
    options.onProgress?.(summary.done + summary.failed, pending.length);
    if (remaining.size === 0) wake();
  };
  const forget = (key: string) => void queue.remove(key).catch(onError);
  const completed = (key: string, outcome: JobOutcome) => {
    const job = remaining.get(key);
    if (!job) return;
    remaining.delete(key);
    store.recordDone(job, outcome);
    summary.done++;
    forget(key);
    progress();
  };
  const failed = (key: string, reason: string) => {
    const job = remaining.get(key);
    if (!job) return;
    remaining.delete(key);
    noteFailure(summary, store, job, reason);
    forget(key);
    progress();
  };
  events.on('completed', ({ jobId, returnvalue }) => completed(jobId, returnvalue as unknown as JobOutcome));
  events.on('failed', ({ jobId, failedReason }) => failed(jobId, failedReason));

  /** Collect finished jobs the event stream did not deliver (an earlier run's, or missed while reconnecting). */
  const reconcile = async (retryFailed: boolean) => {
    const ids = (await queue.getRanges(['completed', 'failed'], 0, -1)).filter((id) => remaining.has(id));
    for (const id of ids) {
      const job = await Job.fromId(queue, id);
      if (!job || !remaining.has(id)) continue;
      if (job.failedReason && !job.returnvalue) {
        // A failure left by an earlier run is retried now: clear it so the job can be queued again.
        if (retryFailed) await job.remove();
        else failed(id, job.failedReason);
      } else if (job.finishedOn) {
        completed(id, job.returnvalue as JobOutcome);
      }
    }
  };

  try {
    await events.waitUntilReady();
    await reconcile(true);
    const attempts = options.attempts ?? 3;
    const backoff = { type: 'exponential', delay: options.backoffMs ?? 1000 };
    const enqueue = async () => {
      const toQueue = pending.filter((job) => remaining.has(job.key));
      for (let i = 0; i < toQueue.length; i += 1000) {
        await queue.addBulk(
          toQueue.slice(i, i + 1000).map((job) => ({
            name: job.method,
            data: jobPayload(job),
            opts: { jobId: job.key, attempts, backoff, removeOnComplete: false, removeOnFail: false },
          })),
        );
      }
    };
    await enqueue();
    let idleWorkers = 0;
    while (remaining.size > 0 && !options.signal?.aborted) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => wake(), options.pollMs ?? 2000);
        wake = () => {
          clearTimeout(timer);
          options.signal?.removeEventListener('abort', wake);
          resolve();
        };
        options.signal?.addEventListener('abort', wake, { once: true });
      });
      if (remaining.size === 0 || options.signal?.aborted) break;
      await reconcile(false);
      // Nothing queued or running but results missing: Redis lost the jobs (restarted without
      // persistence, flushed). Queue them again; ids still present are left alone.
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'paused');
      if (remaining.size > 0 && Object.values(counts).every((n) => n === 0)) await enqueue();
      // CLIENT LIST may be disabled on managed Redis: then there is no worker count to report.
      const workers = await queue.getWorkersCount().catch(() => undefined);
      idleWorkers = workers === 0 ? idleWorkers + 1 : 0;
      if (idleWorkers >= 2) notice(`no worker is connected to queue "${name}" at ${options.address.display}; start some with: gibbs worker --queue ${options.address.display}${name === DEFAULT_QUEUE_NAME ? '' : ` --queue-name ${name}`}`);
    }
  } finally {
    await events.close();
    await queue.close();
  }
  summary.interrupted = remaining.size > 0;
  summary.seconds = (performance.now() - start) / 1000;
  return summary;
}
