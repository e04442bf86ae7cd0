import { createHash } from 'node:crypto';

/** A JSON value (what job options and results are made of). */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };

/** Typed arrays become plain arrays; everything else is left to JSON.stringify. */
function plain(_key: string, value: unknown): unknown {
  return ArrayBuffer.isView(value) && !(value instanceof DataView) ? Array.from(value as unknown as ArrayLike<number>) : value;
}

/**
 * Canonical JSON: object keys sorted at every depth, no whitespace, typed arrays as arrays.
 * Two values that mean the same (keys in another order) give the same text, hence the same hash.
 *
 * @example canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] }) // '{"a":[2,{"c":4,"d":3}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (key, v) => {
    const p = plain(key, v);
    if (p === null || typeof p !== 'object' || Array.isArray(p)) return p;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(p).sort()) sorted[k] = (p as Record<string, unknown>)[k];
    return sorted;
  });
}

/**
 * JSON text of a result, typed arrays as arrays (no sorting: results keep their key order).
 *
 * @example resultJson({ spinMeans: Float64Array.of(0.5) }) // '{"spinMeans":[0.5]}'
 */
export function resultJson(value: unknown): string {
  return JSON.stringify(value, plain);
}

/**
 * SHA-256 of text or bytes, as 64 hex digits.
 *
 * @example sha256('abc') // 'ba7816bf...'
 */
export function sha256(...parts: Array<string | Uint8Array>): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
}
