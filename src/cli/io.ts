import { existsSync, readFileSync, statSync } from 'node:fs';
import { GibbsError } from '../core/errors.js';
import type { IsingModel } from '../models/ising.js';
import { parseModelFile } from '../models/model-file.js';

/** Read a text file named on the command line ('-' reads standard input), with a clear error. */
export function readTextInput(path: string, what = 'file'): string {
  if (path === '-') return readFileSync(0, 'utf8');
  if (!existsSync(path)) throw new GibbsError(`${what} ${path}: no such file`, what);
  if (statSync(path).isDirectory()) throw new GibbsError(`${what} ${path}: is a directory, expected a file`, what);
  return readFileSync(path, 'utf8');
}

/** Read and validate an Ising model file. */
export function readModel(path: string): IsingModel {
  return parseModelFile(readTextInput(path, 'model'), path === '-' ? 'stdin' : path);
}

/** Print a JSON value on stdout (typed arrays become plain arrays). */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, (_key, v) => (ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v), 2)}\n`);
}
