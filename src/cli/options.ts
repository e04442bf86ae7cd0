import { GibbsError, describeValue, invalidValue } from '../core/errors.js';

/** Parse one number; the flag name goes into the error. */
export function parseNumber(flag: string, text: string): number {
  const value = text.trim() === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(value)) throw invalidValue(flag, text, 'a finite number');
  return value;
}

/** Parse a number > 0. */
export function parsePositive(flag: string, text: string): number {
  const value = parseNumber(flag, text);
  if (value <= 0) throw invalidValue(flag, text, 'a number > 0');
  return value;
}

/** Parse an integer in [min, max]. */
export function parseInteger(flag: string, text: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw invalidValue(flag, text, max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer from ${min} to ${max}`);
  }
  return value;
}

/**
 * Parse a list of numbers: `1.5`, `1.5,2.0,2.5` or a range `start:stop:step` (inclusive of stop
 * up to rounding), or a mix: `1,2:3:0.5`. At most 10^5 values.
 */
export function parseNumberList(flag: string, text: string): number[] {
  const values: number[] = [];
  for (const part of text.split(',')) {
    const pieces = part.split(':');
    if (pieces.length === 1) {
      values.push(parseNumber(flag, pieces[0]));
    } else if (pieces.length === 3) {
      const [start, stop, step] = pieces.map((p) => parseNumber(flag, p));
      if (step === 0 || (stop - start) / step < 0) throw invalidValue(flag, part, 'a range start:stop:step whose step moves from start toward stop');
      const count = Math.floor((stop - start) / step + 1e-9) + 1;
      if (count > 100_000) throw invalidValue(flag, part, 'a range of at most 100000 values');
      for (let i = 0; i < count; i++) values.push(Number((start + i * step).toPrecision(12)));
    } else {
      throw invalidValue(flag, part, 'a number, a comma-separated list, or a range start:stop:step');
    }
  }
  return values;
}

/** A temperature point: T and beta = 1/T. */
export interface TemperaturePoint {
  temperature: number;
  beta: number;
}

/**
 * Resolve `--temperature` / `--beta` (exactly one, each a list or range) into temperature points.
 * Every value must be a finite number > 0.
 */
export function parseTemperatures(options: { temperature?: string; beta?: string }): TemperaturePoint[] {
  if (options.temperature !== undefined && options.beta !== undefined) {
    throw new GibbsError('--temperature and --beta: give one of them, not both', '--temperature');
  }
  if (options.temperature === undefined && options.beta === undefined) {
    throw new GibbsError('--temperature: missing; give --temperature T or --beta B (a number, a list 1,2 or a range 1:3:0.5)', '--temperature');
  }
  const flag = options.temperature !== undefined ? '--temperature' : '--beta';
  const values = parseNumberList(flag, (options.temperature ?? options.beta) as string);
  for (const v of values) if (!(v > 0)) throw invalidValue(flag, v, 'values > 0');
  return values.map((v) => (flag === '--temperature' ? { temperature: v, beta: 1 / v } : { temperature: 1 / v, beta: v }));
}

/** Check a string option against its allowed values. */
export function parseChoice<T extends string>(flag: string, text: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(text)) throw new GibbsError(`${flag}: got ${describeValue(text)}, expected one of ${allowed.join(', ')}`, flag);
  return text as T;
}
