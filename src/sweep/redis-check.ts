import { Redis } from 'ioredis';
import { GibbsError } from '../core/errors.js';
import { CONNECT_TIMEOUT_MS, type QueueAddress } from './queue-address.js';

function explain(error: Error & { code?: string }, address: QueueAddress): string {
  const code = error.code ?? '';
  const where = `${address.connection.host}:${address.connection.port}`;
  if (code === 'ECONNREFUSED') return `connection refused by ${where}; is redis-server running there (redis-server --port ${address.connection.port})?`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `host ${address.connection.host} not found`;
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return `host ${address.connection.host} unreachable`;
  if (/Protocol error|unexpected/i.test(error.message)) return `the server at ${where} does not speak the Redis protocol (is this the Redis port?)`;
  if (/NOAUTH|WRONGPASS|invalid password|AUTH/i.test(error.message)) return `authentication failed (${error.message.split('\n')[0]}); put the password in the URL: redis://:PASSWORD@HOST:PORT`;
  return error.message.split('\n')[0];
}

/**
 * Check that a Redis server answers at the address within `timeoutMs`: connect, PING, read
 * its version. Fails with one line (refused, unknown host, timeout, wrong password, not
 * Redis, too old for BullMQ) instead of retrying forever.
 *
 * @example await checkRedis(parseQueueUrl('redis://127.0.0.1:6379')) // '7.0.15'
 */
export async function checkRedis(address: QueueAddress, timeoutMs = address.connection.connectTimeout ?? CONNECT_TIMEOUT_MS): Promise<string> {
  // disconnectTimeout: ioredis otherwise keeps a 2 s timer alive after a failed connect.
  const client = new Redis({ ...address.connection, disconnectTimeout: 100, lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  // connect() rejects with a bare "Connection is closed"; the cause arrives as an 'error' event.
  let cause: (Error & { code?: string }) | undefined;
  client.on('error', (error: Error) => {
    cause ??= error;
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`no answer from ${address.connection.host}:${address.connection.port} within ${timeoutMs / 1000} s (is it a Redis server? is a firewall in the way?)`), { code: 'TIMEOUT' })), timeoutMs);
  });
  try {
    const info = await Promise.race([
      (async () => {
        await client.connect();
        await client.ping();
        return await client.info('server');
      })(),
      timeout,
    ]);
    const version = /redis_version:([\d.]+)/.exec(info)?.[1] ?? '0';
    const major = Number(version.split('.')[0]);
    if (major < 5) throw new GibbsError(`--queue ${address.display}: Redis ${version} is too old; the queue (BullMQ) needs Redis >= 5 (6.2 or later recommended)`, '--queue');
    return version;
  } catch (error) {
    if (error instanceof GibbsError) throw error;
    throw new GibbsError(`--queue ${address.display}: cannot connect: ${explain(cause ?? (error as Error), address)}`, '--queue');
  } finally {
    clearTimeout(timer);
    client.disconnect();
  }
}
