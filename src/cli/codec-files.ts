/** Output naming and safety checks shared by `gibbs compress` and `gibbs decompress` (gzip-like). */
import { resolve } from 'node:path';
import { GibbsError } from '../core/errors.js';
import { checkInput, inputSize } from '../node/byte-streams.js';
import { createProgress, type Progress } from './progress.js';

/** The suffix of compressed files. */
export const SUFFIX = '.gibbs';

/** Inputs larger than this get a progress bar (on a terminal). */
const PROGRESS_THRESHOLD = 8 << 20;

/**
 * Resolve and check input and output: a missing OUT is IN + '.gibbs' (compress) or IN without
 * '.gibbs' (decompress); stdin goes to stdout; binary output is never sent to a terminal.
 */
export function resolveCodecPaths(input: string, output: string | undefined, mode: 'compress' | 'decompress'): string {
  checkInput(input);
  let out = output;
  if (out === undefined) {
    if (input === '-') out = '-';
    else if (mode === 'compress') out = input + SUFFIX;
    else if (input.endsWith(SUFFIX) && input.length > SUFFIX.length) out = input.slice(0, -SUFFIX.length);
    else throw new GibbsError(`input ${input}: name does not end in ${SUFFIX}; give the output name as a second argument`, 'output');
  }
  if (out !== '-' && input !== '-' && resolve(out) === resolve(input)) throw new GibbsError(`output ${out}: same file as the input`, 'output');
  if (out === '-' && mode === 'compress' && process.stdout.isTTY) throw new GibbsError('output: refusing to write compressed data to a terminal (redirect stdout or name an output file)', 'output');
  return out;
}

/** A byte-count progress bar for a large input file (none for stdin, small files, non-terminals). */
export function codecProgress(label: string, input: string, json: boolean | undefined): Progress {
  const size = inputSize(input);
  return createProgress(label, size !== undefined && size >= PROGRESS_THRESHOLD ? size : 0, { json, unit: 'bytes' });
}
