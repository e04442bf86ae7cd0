/** Node-only runtime shared by the CLI, the report and sweeps: worker threads and atomic files. */
export * from './worker-pool.js';
export * from './atomic-write.js';
export * from './module-url.js';
export * from './parallel-enumerate.js';
export * from './checkpoint.js';
export * from './parallel-chains.js';
export * from './network-files.js';
export * from './byte-streams.js';
export * from './compress-file.js';
export * from './external-compressors.js';
