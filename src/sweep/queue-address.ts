import type { RedisOptions } from 'ioredis';
import { GibbsError, describeValue } from '../core/errors.js';

/** Default BullMQ queue name shared by submitters and `gibbs worker`. */
export const DEFAULT_QUEUE_NAME = 'gibbs';
/** Prefix of every Redis key gibbs creates (so a shared Redis stays tidy). */
export const QUEUE_PREFIX = 'gibbs';

/** A parsed `--queue` address. */
export interface QueueAddress {
  /** The URL without its password, for messages. */
  display: string;
  /** ioredis connection options (host, port, db, credentials, TLS). */
  connection: RedisOptions;
}

/** How long connecting may take before a one-line error (and for each reconnection attempt). */
export const CONNECT_TIMEOUT_MS = 5000;

const FORM = 'a Redis URL redis://HOST:PORT (or redis://[USER:PASSWORD@]HOST[:PORT][/DB], rediss:// for TLS)';

/**
 * Parse `redis://[user:password@]host[:port][/db]` (rediss:// for TLS; port 6379 by default).
 * Anything else is a one-line error naming the flag and the expected form. Connecting (and
 * each reconnection attempt) gives up after `connectTimeoutMs`.
 *
 * @example parseQueueUrl('redis://127.0.0.1:6379').connection // { host: '127.0.0.1', port: 6379, db: 0, ... }
 */
export function parseQueueUrl(text: string, flag = '--queue', connectTimeoutMs = CONNECT_TIMEOUT_MS): QueueAddress {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new GibbsError(`${flag}: got ${describeValue(text)}, expected ${FORM}`, flag);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new GibbsError(`${flag}: got ${describeValue(text)}, expected ${FORM}`, flag);
  if (!url.hostname) throw new GibbsError(`${flag}: got ${describeValue(text)} without a host, expected ${FORM}`, flag);
  const port = url.port === '' ? 6379 : Number(url.port);
  const path = url.pathname.replace(/^\//, '');
  const db = path === '' ? 0 : Number(path);
  if (!Number.isInteger(db) || db < 0 || db > 15 || !/^\d*$/.test(path)) throw new GibbsError(`${flag}: database ${describeValue(path)} in ${describeValue(text)}, expected a number 0..15 after the port`, flag);
  if (url.search || url.hash) throw new GibbsError(`${flag}: got ${describeValue(text)}, expected no ?query or #fragment; ${FORM}`, flag);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const connection: RedisOptions = {
    host,
    port,
    db,
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    tls: url.protocol === 'rediss:' ? { servername: host } : undefined,
    connectTimeout: connectTimeoutMs,
  };
  const display = `${url.protocol}//${url.username ? `${url.username}@` : ''}${url.host}${db ? `/${db}` : ''}`;
  return { display, connection };
}

/**
 * Check a `--queue-name`: letters, digits, `_`, `.` and `-` (it becomes part of Redis keys).
 *
 * @example checkQueueName('gibbs') // 'gibbs'
 */
export function checkQueueName(name: string, flag = '--queue-name'): string {
  if (!/^[\w.-]{1,100}$/.test(name)) throw new GibbsError(`${flag}: got ${describeValue(name)}, expected 1 to 100 letters, digits, _ . -`, flag);
  return name;
}
