import { hostname } from 'node:os';
import { threadId } from 'node:worker_threads';
import { getExecutor } from './executor.js';
import './executors/index.js';
import { type JobSpec, jobModel } from './job.js';
import { resultJson } from './json.js';
import { GIBBS_VERSION } from './version.js';

/** What running a job produced: the result as JSON text plus where, when and how long. */
export interface JobOutcome {
  key: string;
  /** The full result, as JSON text. */
  result: string;
  /** Start time, ms since the Unix epoch. */
  startedAt: number;
  /** Wall time of the job itself (model build + method), seconds. */
  seconds: number;
  /** host:pid/thread that ran it. */
  worker: string;
  gibbsVersion: string;
}

/**
 * Run one job here and now: rebuild and check the model, call the method's executor, time it.
 * This is what worker threads (local sweeps) and `gibbs worker` processes (Redis) call.
 *
 * @example const { result, seconds } = await runJob(study.jobs[0]);
 */
export async function runJob(job: JobSpec): Promise<JobOutcome> {
  const startedAt = Date.now();
  const start = performance.now();
  const executor = getExecutor(job.method);
  const model = jobModel(job);
  const result = await executor.run(model, job.temperature, job.options, job.seed);
  return {
    key: job.key,
    result: resultJson(result),
    startedAt,
    seconds: (performance.now() - start) / 1000,
    worker: `${hostname()}:${process.pid}/${threadId}`,
    gibbsVersion: GIBBS_VERSION,
  };
}
