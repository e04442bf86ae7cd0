import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatTable } from '../src/cli/table.js';

/** Folder of the peers' sources and where their binaries are built. */
export const PEERS_DIR = fileURLToPath(new URL('./peers/', import.meta.url));
const BUILD_DIR = join(PEERS_DIR, 'build');

/** Seconds of wall time a function takes (one call). */
export function timeIt<T>(fn: () => T): { seconds: number; result: T } {
  const start = process.hrtime.bigint();
  const result = fn();
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, result };
}

/** Best-of-`repeats` wall time of `fn` (after one warm-up call), to damp noise from a shared machine. */
export function bestTime<T>(fn: () => T, repeats = 3): { seconds: number; result: T } {
  let best = timeIt(fn);
  for (let i = 1; i < repeats; i++) {
    const t = timeIt(fn);
    if (t.seconds < best.seconds) best = t;
  }
  return best;
}

/** Compile a C peer with gcc -O3 (cached by modification time); returns the binary's path. */
export function compileC(source: string, extraFlags: string[] = []): string {
  const src = join(PEERS_DIR, source);
  mkdirSync(BUILD_DIR, { recursive: true });
  const out = join(BUILD_DIR, basename(source, '.c'));
  if (!existsSync(out) || statSync(out).mtimeMs < statSync(src).mtimeMs) {
    execFileSync('gcc', ['-O3', '-o', out, src, '-lm', ...extraFlags], { stdio: 'inherit' });
  }
  return out;
}

/** Run a program and parse the JSON it prints on stdout. */
export function runJson<T = Record<string, unknown>>(command: string, args: string[], timeoutSeconds = 600): T {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: timeoutSeconds * 1000, maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

/** Whether a Python module can be imported with the given interpreter. */
export function pythonHas(module: string, python = 'python3'): boolean {
  return spawnSync(python, ['-c', `import ${module}`]).status === 0;
}

/** Print a titled table of benchmark rows. */
export function printTable(title: string, headers: string[], rows: Array<Array<string | number | undefined>>): void {
  console.log(`\n## ${title}\n`);
  console.log(formatTable(headers, rows));
}

/** ratio a/b formatted as "1.23x". */
export function ratio(a: number, b: number): string {
  return `${(a / b).toFixed(2)}x`;
}
