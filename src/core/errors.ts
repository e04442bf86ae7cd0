/**
 * A problem with the user's input: a bad option, a malformed model file, a value out of range.
 * The message is one line naming the field, the value and what would be valid; the CLI prints
 * it and exits with code 2. Anything else that is thrown is an internal bug (exit code 1).
 *
 * @example
 * throw invalidValue('--temperature', -1, 'a number > 0');
 * // GibbsError: --temperature: got -1, expected a number > 0
 */
export class GibbsError extends Error {
  /** The option, flag or model-file path that was wrong, when there is one. */
  readonly field: string | undefined;

  constructor(message: string, field?: string) {
    super(message);
    this.name = 'GibbsError';
    this.field = field;
  }
}

/**
 * Render a user-supplied value for an error message, briefly.
 *
 * @example
 * describeValue('abc'); // '"abc"'
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  if (typeof value === 'bigint') return `${value}n`;
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * The standard one-line error: `FIELD: got VALUE, expected ALLOWED`.
 * @example invalidValue('spins', 0, 'an integer >= 1')
 */
export function invalidValue(field: string, value: unknown, allowed: string): GibbsError {
  return new GibbsError(`${field}: got ${describeValue(value)}, expected ${allowed}`, field);
}

/**
 * Throw unless `value` is a finite number. Returns it for chaining.
 *
 * @example
 * requireFinite('coupling', -1); // -1 (throws for NaN or Infinity)
 */
export function requireFinite(field: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalidValue(field, value, 'a finite number');
  return value;
}

/**
 * Throw unless `value` is a finite number > 0 (temperatures, step sizes, scales).
 *
 * @example
 * requirePositive('temperature', 2.5); // 2.5 (throws for 0 or -1)
 */
export function requirePositive(field: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw invalidValue(field, value, 'a finite number > 0');
  return value;
}

/**
 * Throw unless `value` is a finite number >= 0.
 *
 * @example
 * requireNonNegative('field', 0); // 0
 */
export function requireNonNegative(field: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw invalidValue(field, value, 'a finite number >= 0');
  return value;
}

/**
 * Throw unless `value` is an integer in [min, max].
 *
 * @example
 * requireInteger('spins', 16, 1); // 16 (throws for 1.5 or 0)
 */
export function requireInteger(field: string, value: number, min = -Number.MAX_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer from ${min} to ${max}`;
    throw invalidValue(field, value, range);
  }
  return value;
}

/**
 * Throw unless `value` is a probability in [0, 1] (or the open interval when `open`).
 *
 * @example
 * requireProbability('p', 0.25); // 0.25
 */
export function requireProbability(field: string, value: number, open = false): number {
  const ok = typeof value === 'number' && Number.isFinite(value) && (open ? value > 0 && value < 1 : value >= 0 && value <= 1);
  if (!ok) throw invalidValue(field, value, open ? 'a probability strictly between 0 and 1' : 'a probability from 0 to 1');
  return value;
}

/**
 * Throw unless `value` is one of `allowed`.
 *
 * @example
 * requireOneOf('boundary', 'open', ['open', 'periodic']); // 'open'
 */
export function requireOneOf<T extends string>(field: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw invalidValue(field, value, `one of ${allowed.join(', ')}`);
  return value as T;
}
