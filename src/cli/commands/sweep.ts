import { resolve } from 'node:path';
import type { Command } from 'commander';
import { defaultWorkerCount } from '../../node/worker-pool.js';
import type { SweepSummary } from '../../sweep/local.js';
import { DEFAULT_QUEUE_NAME, checkQueueName, parseQueueUrl } from '../../sweep/queue-address.js';
import { printJson } from '../io.js';
import { parseInteger, parsePositive } from '../options.js';
import { createProgress } from '../progress.js';

interface SweepOptions {
  workers?: string;
  db?: string;
  queue?: string;
  queueName: string;
  connectTimeout: string;
  attempts: string;
  dryRun?: boolean;
  json?: boolean;
}

/** Set the exit code once the CLI has finished (main() sets 0 on return; an exit listener runs after it). */
export function exitWith(code: number): void {
  process.once('exit', () => {
    process.exitCode = code;
  });
}

/**
 * Ctrl-C (SIGINT) or SIGTERM aborts `controller` (the engines then stop cleanly); a second
 * signal exits at once. Returns a function that removes the handlers.
 */
export function abortOnSignals(controller: AbortController, onFirst: () => void): () => void {
  const handler = () => {
    if (controller.signal.aborted) process.exit(130);
    onFirst();
    controller.abort();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}

function report(summary: SweepSummary, database: string, json: boolean | undefined): void {
  if (json) {
    printJson({ database, ...summary });
    return;
  }
  const parts = [`${summary.done} stored`, `${summary.failed} failed`, `${summary.cached} already stored`];
  process.stderr.write(`sweep: ${parts.join(', ')} of ${summary.jobs} jobs in ${summary.seconds.toFixed(1)} s -> ${database}\n`);
  for (const error of summary.errors) process.stderr.write(`  failed ${error}\n`);
}

/** `gibbs sweep STUDY.json`: run every job of a study (locally or through Redis) into the results store. */
export function registerSweep(program: Command): void {
  program
    .command('sweep')
    .description('run a study (models x temperatures x methods x seeds) into a SQLite results store; never recomputes a stored job')
    .argument('<study>', 'study file (JSON)')
    .option('--workers <n>', 'worker threads for local runs (default: one per core)')
    .option('--db <file>', 'results database (default: gibbs-results.sqlite beside the study, or the study\'s "database")')
    .option('--queue <url>', 'run through a BullMQ queue on Redis at redis://HOST:PORT; start workers with gibbs worker --queue URL')
    .option('--connect-timeout <seconds>', 'give up connecting to Redis after this long (one-line error, exit 2)', '5')
    .option('--queue-name <name>', 'queue name (workers must use the same)', DEFAULT_QUEUE_NAME)
    .option('--attempts <n>', 'tries per job on the queue before it is stored as failed', '3')
    .option('--dry-run', 'expand the study and report how many jobs would run; run nothing')
    .option('--json', 'print a JSON summary on stdout (no progress bar)')
    .addHelpText(
      'after',
      '\nExamples:\n  gibbs sweep examples/studies/sk-disorder.json --workers 2\n  gibbs sweep study.json --queue redis://127.0.0.1:6379\n  gibbs results examples/studies/sk-disorder.json --average-over model.seed',
    )
    .action(async (path: string, options: SweepOptions) => {
      const workers = options.workers === undefined ? defaultWorkerCount() : parseInteger('--workers', options.workers, 1, 1024);
      const attempts = parseInteger('--attempts', options.attempts, 1, 100);
      const address = options.queue === undefined ? undefined : parseQueueUrl(options.queue, '--queue', Math.round(parsePositive('--connect-timeout', options.connectTimeout) * 1000));
      checkQueueName(options.queueName);
      // Loaded on demand: SQLite and the queue client cost every other command nothing.
      const [{ loadStudy }, { ResultsStore }, { pendingJobs, runLocalSweep }] = await Promise.all([import('../../sweep/study.js'), import('../../sweep/store.js'), import('../../sweep/local.js')]);
      const queue = address && !options.dryRun ? await Promise.all([import('../../sweep/redis-check.js'), import('../../sweep/queue.js')]) : undefined;
      const study = loadStudy(path);
      // Fail fast (one line, bounded time) before printing anything about the run.
      if (address && queue) await queue[0].checkRedis(address);
      const database = options.db !== undefined ? resolve(options.db) : study.database;
      const store = ResultsStore.open(database);
      try {
        const { pending, cached } = pendingJobs(study.jobs, store);
        if (options.dryRun) {
          if (options.json) printJson({ database, jobs: study.jobs.length, cached, pending: pending.length });
          else process.stderr.write(`sweep (dry run): ${study.jobs.length} jobs, ${cached} already stored, ${pending.length} to run -> ${database}\n`);
          return;
        }
        if (!options.json) {
          const where = pending.length === 0 ? '' : address ? ` through ${address.display} (queue "${options.queueName}")` : ` on ${Math.min(workers, pending.length)} worker thread(s)`;
          process.stderr.write(`sweep ${study.file.name ?? path}: ${study.jobs.length} jobs, ${cached} already stored, ${pending.length} to run${where}\n`);
        }
        const progress = createProgress('sweep', pending.length, { json: options.json, unit: 'jobs' });
        const controller = new AbortController();
        const release = abortOnSignals(controller, () => progress.stop());
        let summary: SweepSummary;
        try {
          const common = { signal: controller.signal, onProgress: (done: number) => progress.update(done) };
          summary = address && queue
            ? await queue[1].runDistributedSweep(study.jobs, store, { ...common, address, queueName: options.queueName, attempts, onNotice: (m) => process.stderr.write(`\nsweep: ${m}\n`) })
            : await runLocalSweep(study.jobs, store, { ...common, workers });
        } finally {
          progress.stop();
          release();
        }
        report(summary, database, options.json);
        if (summary.interrupted) {
          process.stderr.write(`sweep: interrupted; every finished job is stored. Run the same command again to resume${address ? ' (queued jobs keep running on the workers)' : ''}.\n`);
          exitWith(130);
        } else if (summary.failed > 0) {
          process.stderr.write(`sweep: ${summary.failed} job(s) failed; they are stored with status "failed" and run again by the next sweep (gibbs results ${database} --where status=failed)\n`);
          exitWith(1);
        }
      } finally {
        store.close();
      }
    });
}
