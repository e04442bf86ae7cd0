/**
 * Byte sources and sinks for streaming file commands: a file or standard input read in chunks;
 * a file written through a temporary file renamed into place only on success (so an error or
 * an interrupt never leaves a half-written output), or standard output with back-pressure.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { GibbsError } from '../core/errors.js';

const CHUNK = 1 << 20;

/** Size in bytes of a regular input file, or undefined for stdin / pipes. @example inputSize('-') // undefined */
export function inputSize(path: string): number | undefined {
  if (path === '-') return undefined;
  const s = statSync(path);
  return s.isFile() ? s.size : undefined;
}

/** Check that an input path names a readable regular file (or '-'), with a clear error. @example checkInput('data.bin') */
export function checkInput(path: string, what = 'input'): void {
  if (path === '-') return;
  if (!existsSync(path)) throw new GibbsError(`${what} ${path}: no such file`, what);
  if (statSync(path).isDirectory()) throw new GibbsError(`${what} ${path}: is a directory, expected a file`, what);
}

/**
 * Read a file ('-': standard input) chunk by chunk, in constant memory.
 * @example for await (const chunk of readChunks('big.bin')) consume(chunk);
 */
export async function* readChunks(path: string): AsyncGenerator<Uint8Array> {
  if (path === '-') {
    for await (const chunk of process.stdin) yield chunk as Uint8Array;
    return;
  }
  const handle = await open(path, 'r');
  try {
    for (;;) {
      const buffer = new Uint8Array(CHUNK);
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

/** Where output goes: `write` chunks, then `commit` (success) or `abort` (failure). */
export interface ByteSink {
  write(chunk: Uint8Array): Promise<void>;
  commit(): Promise<void>;
  abort(): void;
  /** Bytes written so far. */
  readonly bytesWritten: number;
}

/** Writes to a temporary file next to `path`, renamed over it by commit(). */
class AtomicFileSink implements ByteSink {
  bytesWritten = 0;
  private fd: number | null;
  private readonly temp: string;
  private readonly onSignal = () => {
    this.abort();
    process.exit(130);
  };

  constructor(private readonly path: string) {
    this.temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    this.fd = openSync(this.temp, 'wx');
    process.once('SIGINT', this.onSignal);
    process.once('SIGTERM', this.onSignal);
  }

  async write(chunk: Uint8Array): Promise<void> {
    if (this.fd === null) throw new Error('write after commit/abort');
    let at = 0;
    while (at < chunk.length) at += writeSync(this.fd, chunk, at, chunk.length - at);
    this.bytesWritten += chunk.length;
  }

  async commit(): Promise<void> {
    if (this.fd === null) throw new Error('commit after commit/abort');
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.fd = null;
    renameSync(this.temp, this.path);
    this.detach();
  }

  abort(): void {
    if (this.fd !== null) {
      closeSync(this.fd);
      this.fd = null;
    }
    rmSync(this.temp, { force: true });
    this.detach();
  }

  private detach(): void {
    process.off('SIGINT', this.onSignal);
    process.off('SIGTERM', this.onSignal);
  }
}

/** Writes to standard output, waiting for 'drain' when the pipe is full. */
class StdoutSink implements ByteSink {
  bytesWritten = 0;

  async write(chunk: Uint8Array): Promise<void> {
    this.bytesWritten += chunk.length;
    if (!process.stdout.write(chunk)) await new Promise<void>((resolve) => process.stdout.once('drain', resolve));
  }

  async commit(): Promise<void> {
    await new Promise<void>((resolve) => process.stdout.write(new Uint8Array(0), () => resolve()));
  }

  abort(): void {}
}

/**
 * Open an output: '-' is standard output; a path is written atomically and must not exist
 * unless `force`.
 * @example const sink = openSink('out.gibbs', { force: false });
 */
export function openSink(path: string, options: { force?: boolean } = {}): ByteSink {
  if (path === '-') return new StdoutSink();
  if (existsSync(path)) {
    if (statSync(path).isDirectory()) throw new GibbsError(`output ${path}: is a directory`, 'output');
    if (!options.force) throw new GibbsError(`output ${path}: already exists (use --force to overwrite)`, 'output');
  }
  if (!existsSync(dirname(path) || '.')) throw new GibbsError(`output ${path}: directory ${dirname(path)} does not exist`, 'output');
  return new AtomicFileSink(path);
}
