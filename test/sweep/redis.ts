import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

/** A Redis server for the distributed tests. */
export interface TestRedis {
  url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function answers(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0, connectTimeout: 1000, disconnectTimeout: 50 });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/**
 * The Redis to test against: GIBBS_TEST_REDIS_URL when set (CI starts one), otherwise a
 * redis-server of our own on a free loopback port. Without either the tests fail with a
 * message saying how to provide one: they are never skipped.
 */
export async function testRedis(): Promise<TestRedis> {
  const given = process.env.GIBBS_TEST_REDIS_URL;
  if (given) {
    if (!(await answers(given))) throw new Error(`GIBBS_TEST_REDIS_URL=${given}: no Redis answers there`);
    return { url: given, stop: async () => {} };
  }
  const binary = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).stdout.trim();
  if (!binary) {
    throw new Error('distributed sweep tests need Redis: install redis-server (apt-get install -y redis-server) or set GIBBS_TEST_REDIS_URL=redis://127.0.0.1:PORT');
  }
  const port = await freePort();
  const child: ChildProcess = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const url = `redis://127.0.0.1:${port}`;
  const start = Date.now();
  while (!(await answers(url))) {
    if (Date.now() - start > 10_000 || child.exitCode !== null) throw new Error(`could not start ${binary} on port ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
    },
  };
}
