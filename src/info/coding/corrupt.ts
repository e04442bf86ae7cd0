import { GibbsError } from '../../core/errors.js';

/**
 * Compressed data that cannot be decoded: truncated, corrupted, or not a gibbs stream at all.
 * A user error (exit code 2 in the CLI), never a crash.
 *
 * @example
 * throw corruptData('block 3: checksum mismatch');
 */
export class CorruptDataError extends GibbsError {
  constructor(message: string) {
    super(message, 'input');
    this.name = 'CorruptDataError';
  }
}

/** Build the standard corrupt-data error: `corrupt or truncated compressed data: DETAIL`. */
export function corruptData(detail: string): CorruptDataError {
  return new CorruptDataError(`corrupt or truncated compressed data: ${detail}`);
}
