import { defaultWorkerCount, WorkerPool } from '../node/worker-pool.js';
import { moduleUrl } from '../node/module-url.js';
import type { StudyJob } from './job.js';
import type { JobOutcome } from './run-job.js';
import type { ResultsStore } from './store.js';

/** Options shared by the local and the distributed engine. */
export interface SweepRunOptions {
  /** Called after each stored result (or failure) with (jobs finished, jobs to run). */
  onProgress?: (finished: number, total: number) => void;
  /** Abort (Ctrl-C): stop handing out jobs; finished results are already stored. */
  signal?: AbortSignal;
}

/** What a sweep did. */
export interface SweepSummary {
  /** Distinct jobs in the study. */
  jobs: number;
  /** Jobs whose result was already stored (not recomputed). */
  cached: number;
  /** Jobs this run stored as done / as failed. */
  done: number;
  failed: number;
  /** True when the run was interrupted before every job finished. */
  interrupted: boolean;
  seconds: number;
  /** First few failures, `key: message`. */
  errors: string[];
}

/**
 * Jobs of a study without a stored result, and how many had one.
 *
 * @example const { pending, cached } = pendingJobs(study.jobs, store);
 */
export function pendingJobs(jobs: StudyJob[], store: ResultsStore): { pending: StudyJob[]; cached: number } {
  const done = store.doneKeys();
  const pending = jobs.filter((job) => !done.has(job.key));
  return { pending, cached: jobs.length - pending.length };
}

/**
 * Job fields a worker needs (labels stay home).
 *
 * @example pool.run({ module, exportName: 'runJob', args: [jobPayload(job)] })
 */
export function jobPayload(job: StudyJob) {
  const { labels: _labels, ...spec } = job;
  return spec;
}

/**
 * Start a summary for a run over `jobs` (some already stored).
 *
 * @example const summary = newSummary(study.jobs.length, cached);
 */
export function newSummary(jobs: number, cached: number): SweepSummary {
  return { jobs, cached, done: 0, failed: 0, interrupted: false, seconds: 0, errors: [] };
}

/**
 * Record a job failure in the store and the summary.
 *
 * @example noteFailure(summary, store, job, error.message);
 */
export function noteFailure(summary: SweepSummary, store: ResultsStore, job: StudyJob, message: string, info: Parameters<ResultsStore['recordFailure']>[2] = {}): void {
  store.recordFailure(job, message, info);
  summary.failed++;
  if (summary.errors.length < 5) summary.errors.push(`${job.key.slice(0, 12)}: ${message}`);
}

/**
 * Run a study's jobs on this machine: every job without a stored result goes to a pool of
 * worker threads (default one per core); each result is committed to the store as it arrives.
 * Aborting stops the threads at once: jobs in flight are lost (and rerun next time), nothing
 * else is.
 *
 * @example
 * const store = ResultsStore.open(study.database);
 * const summary = await runLocalSweep(study.jobs, store, { workers: 2 });
 */
export async function runLocalSweep(jobs: StudyJob[], store: ResultsStore, options: SweepRunOptions & { workers?: number } = {}): Promise<SweepSummary> {
  const start = performance.now();
  const { pending, cached } = pendingJobs(jobs, store);
  const summary = newSummary(jobs.length, cached);
  if (pending.length === 0 || options.signal?.aborted) {
    summary.interrupted = pending.length > 0;
    return summary;
  }
  const pool = new WorkerPool(Math.max(1, Math.min(options.workers ?? defaultWorkerCount(), pending.length)));
  const url = moduleUrl(import.meta.url, './run-job');
  const stop = () => void pool.close();
  options.signal?.addEventListener('abort', stop, { once: true });
  try {
    await Promise.all(
      pending.map(async (job) => {
        let outcome: JobOutcome;
        try {
          outcome = await pool.run<JobOutcome>({ module: url, exportName: 'runJob', args: [jobPayload(job)] });
        } catch (error) {
          if (options.signal?.aborted) return;
          noteFailure(summary, store, job, (error as Error).message);
          options.onProgress?.(summary.done + summary.failed, pending.length);
          return;
        }
        store.recordDone(job, outcome);
        summary.done++;
        options.onProgress?.(summary.done + summary.failed, pending.length);
      }),
    );
  } finally {
    options.signal?.removeEventListener('abort', stop);
    await pool.close();
  }
  summary.interrupted = summary.done + summary.failed < pending.length;
  summary.seconds = (performance.now() - start) / 1000;
  return summary;
}
