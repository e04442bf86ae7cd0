import { hostname } from 'node:os';
import type { Command } from 'commander';
import { GibbsError } from '../../core/errors.js';
import { defaultWorkerCount } from '../../node/worker-pool.js';
import { DEFAULT_QUEUE_NAME, checkQueueName, parseQueueUrl } from '../../sweep/queue-address.js';
import { parseInteger, parsePositive } from '../options.js';

interface WorkerOptions {
  queue?: string;
  queueName: string;
  connectTimeout: string;
  workers?: string;
  lockDuration: string;
  stalledInterval: string;
  verbose?: boolean;
}

/** `gibbs worker --queue redis://HOST:PORT`: serve sweep jobs from a Redis queue until stopped. */
export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('serve sweep jobs from a Redis queue (run on any number of machines); Ctrl-C finishes the jobs in flight, twice stops at once')
    .option('--queue <url>', 'the Redis queue: redis://HOST:PORT (required)')
    .option('--connect-timeout <seconds>', 'give up connecting to Redis after this long (one-line error, exit 2)', '5')
    .option('--queue-name <name>', 'queue name (as given to gibbs sweep)', DEFAULT_QUEUE_NAME)
    .option('--workers <n>', 'jobs at once, one thread each (default: one per core)')
    .option('--lock-duration <seconds>', 'a job whose worker is silent this long counts as stalled and runs again elsewhere', '30')
    .option('--stalled-interval <seconds>', 'how often to look for stalled jobs', '30')
    .option('--verbose', 'one line per job started and finished')
    .addHelpText('after', '\nExamples:\n  gibbs worker --queue redis://10.0.0.5:6379\n  gibbs worker --queue redis://:PASSWORD@queue.example:6379 --workers 8 --verbose')
    .action(async (options: WorkerOptions) => {
      if (options.queue === undefined) throw new GibbsError('--queue: missing; give the Redis queue as --queue redis://HOST:PORT', '--queue');
      const address = parseQueueUrl(options.queue, '--queue', Math.round(parsePositive('--connect-timeout', options.connectTimeout) * 1000));
      checkQueueName(options.queueName);
      const threads = options.workers === undefined ? defaultWorkerCount() : parseInteger('--workers', options.workers, 1, 1024);
      const lockDurationMs = Math.round(parsePositive('--lock-duration', options.lockDuration) * 1000);
      const stalledIntervalMs = Math.round(parsePositive('--stalled-interval', options.stalledInterval) * 1000);
      const say = (line: string) => process.stderr.write(`worker ${hostname()}:${process.pid}: ${line}\n`);
      const { startQueueWorker } = await import('../../sweep/queue-worker.js');
      const worker = await startQueueWorker({
        address,
        queueName: options.queueName,
        threads,
        lockDurationMs,
        stalledIntervalMs,
        onNotice: say,
        onJob: options.verbose
          ? (e) => say(e.type === 'start' ? `start ${e.key}` : e.type === 'done' ? `done ${e.key} in ${(e.seconds ?? 0).toFixed(3)} s` : `failed ${e.key}: ${e.error}`)
          : undefined,
      });
      say(`serving queue "${options.queueName}" at ${address.display} with ${threads} thread(s); Ctrl-C to stop`);
      await new Promise<void>((resolve) => {
        let stopping = false;
        const stop = () => {
          if (stopping) {
            say('stopping now; jobs in flight will be run again by other workers');
            void worker.close(true).finally(() => process.exit(130));
            return;
          }
          stopping = true;
          say('finishing the jobs in flight (Ctrl-C again to stop at once)');
          void worker.close().then(resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      say('stopped');
    });
}
