import type { z } from 'zod';
import { GibbsError, describeValue } from '../core/errors.js';

/**
 * JSON-path style name of a location: couplings[1][2], lattice.size[0].
 *
 * @example
 * formatPath(['couplings', 3, 2]); // 'couplings[3][2]'
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out === '' ? String(key) : `.${String(key)}`;
  return out || '(top level)';
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function expectation(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'int' ? 'an integer' : `a ${issue.expected}`;
    case 'too_small':
      return issue.origin === 'array' ? `at least ${String(issue.minimum)} entries` : `a value ${issue.inclusive ? '>=' : '>'} ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'array' ? `at most ${String(issue.maximum)} entries` : `a value ${issue.inclusive ? '<=' : '<'} ${String(issue.maximum)}`;
    case 'invalid_value':
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return issue.message;
  }
}

/**
 * Turn the first zod issue into the project's one-line error: `SOURCE: FIELD: got VALUE, expected WHAT`.
 * `allowedKeys` lists the valid keys for "unknown key" messages.
  *
  * @example
  * throw zodToGibbsError(result.error, input, 'model.json', keysAt);
 */
export function zodToGibbsError(error: z.ZodError, input: unknown, source: string, allowedKeys?: (path: readonly PropertyKey[]) => string[]): GibbsError {
  const issue = error.issues[0];
  const prefix = source ? `${source}: ` : '';
  if (issue.code === 'unrecognized_keys') {
    const where = issue.path.length ? `${formatPath(issue.path)}.` : '';
    const allowed = allowedKeys?.(issue.path);
    const hint = allowed && allowed.length ? ` (allowed: ${allowed.join(', ')})` : '';
    return new GibbsError(`${prefix}unknown key ${issue.keys.map((k) => `"${where}${k}"`).join(', ')}${hint}`, formatPath([...issue.path, issue.keys[0]]));
  }
  const field = formatPath(issue.path);
  const value = valueAt(input, issue.path);
  const got = value === undefined ? 'nothing (missing)' : describeValue(value);
  return new GibbsError(`${prefix}${field}: got ${got}, expected ${expectation(issue)}`, field);
}
