import { parentPort } from 'node:worker_threads';

// Generic worker: import the requested module and call the named export with the given args.
parentPort?.on('message', async (task: { module: string; exportName: string; args: unknown[] }) => {
  try {
    const mod = (await import(task.module)) as Record<string, (...args: unknown[]) => unknown>;
    const fn = mod[task.exportName];
    if (typeof fn !== 'function') throw new Error(`worker task: ${task.module} has no export ${task.exportName}`);
    const result = await fn(...task.args);
    parentPort?.postMessage({ ok: true, result });
  } catch (error) {
    const e = error as Error;
    parentPort?.postMessage({ ok: false, error: { message: e.message, stack: e.stack, name: e.name } });
  }
});
