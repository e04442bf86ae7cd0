/**
 * Sweeps (Node only): study files that expand into jobs, a registry of job methods, a SQLite
 * results store that never recomputes, a local engine on worker threads and a distributed
 * engine on a BullMQ/Redis queue, and exports with disorder averages.
 */
export * from './json.js';
export * from './version.js';
export * from './model-hash.js';
export * from './executor.js';
export * from './job.js';
export * from './run-job.js';
export * from './study.js';
export * from './store.js';
export * from './local.js';
export * from './queue-address.js';
export * from './redis-check.js';
export * from './queue.js';
export * from './queue-worker.js';
export * from './records.js';
export * from './aggregate.js';
export * from './csv.js';
export { exactExecutor } from './executors/exact.js';
export { sampleExecutor } from './executors/sample.js';
