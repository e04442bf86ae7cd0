import { GibbsError, describeValue } from '../core/errors.js';
import type { JsonObject, JsonValue } from './json.js';
import type { StoredRow } from './store.js';

/** A scalar cell of a flat record. */
export type Cell = number | string | boolean | null;

/**
 * One job as a flat record: label columns (key, model, model.<param>, spins, method, options,
 * temperature, seed, status, error, seconds, worker, gibbs_version, finished_at) then every
 * scalar of the result as `result.<path>` (e.g. `result.perSpin.energy`); arrays are left to
 * the JSON export. The full parsed result is kept aside for JSON output.
 */
export interface ResultRecord {
  cells: Map<string, Cell>;
  result: JsonValue | null;
  params: Record<string, JsonValue>;
}

/** Label columns every record has, in order (model params come after `model`). */
export const LABEL_COLUMNS = ['key', 'model', 'spins', 'method', 'options', 'temperature', 'seed', 'status', 'error', 'seconds', 'worker', 'gibbs_version', 'finished_at'] as const;

/**
 * Scalars of a JSON value by dotted path (arrays skipped).
 *
 * @example flattenScalars({ a: 1, b: { c: 2, d: [3] } }, 'result', cells) // result.a = 1, result.b.c = 2
 */
export function flattenScalars(value: JsonValue, prefix: string, out: Map<string, Cell>): void {
  if (value === null || typeof value !== 'object') {
    out.set(prefix, value);
    return;
  }
  if (Array.isArray(value)) return;
  for (const [key, inner] of Object.entries(value)) flattenScalars(inner, prefix ? `${prefix}.${key}` : key, out);
}

function paramCell(value: JsonValue): Cell {
  return value === null || typeof value !== 'object' ? value : JSON.stringify(value);
}

/**
 * Turn a stored row into a record; `labels` (from the study) replace the stored model labels.
 *
 * @example const records = store.rows().map((row) => toRecord(row));
 */
export function toRecord(row: StoredRow, labels?: { model: string; params: Record<string, JsonValue> }): ResultRecord {
  const params = labels?.params ?? (JSON.parse(row.model_params) as Record<string, JsonValue>);
  const cells = new Map<string, Cell>();
  cells.set('key', row.key);
  cells.set('model', labels?.model ?? row.model_name);
  for (const [name, value] of Object.entries(params)) cells.set(`model.${name}`, paramCell(value));
  for (const column of LABEL_COLUMNS.slice(2)) cells.set(column, row[column]);
  const result = row.result === null ? null : (JSON.parse(row.result) as JsonValue);
  if (result !== null) flattenScalars(result, 'result', cells);
  return { cells, result, params };
}

/**
 * The value of a column in a record: exact name first, then `result.<name>`.
 *
 * @example cellOf(record, 'perSpin.energy') // the same as cellOf(record, 'result.perSpin.energy')
 */
export function cellOf(record: ResultRecord, column: string): Cell | undefined {
  return record.cells.has(column) ? record.cells.get(column) : record.cells.get(`result.${column}`);
}

/** A filter `FIELD OP VALUE`. */
export interface Condition {
  field: string;
  op: '=' | '!=' | '<' | '<=' | '>' | '>=';
  value: string;
}

/**
 * Parse `--where` text: FIELD OP VALUE with OP one of = != < <= > >= (e.g. `temperature<=1.5`,
 * `model.spins=16`, `status=failed`, `perSpin.energy<-0.5`). FIELD is a column name or a
 * result path (with or without `result.`).
 *
 * @example parseCondition('temperature<=1.5') // { field: 'temperature', op: '<=', value: '1.5' }
 */
export function parseCondition(text: string, flag = '--where'): Condition {
  const match = /^\s*([A-Za-z_][\w.]*)\s*(!=|<=|>=|=|<|>)\s*(.*?)\s*$/.exec(text);
  if (!match || match[3] === '') throw new GibbsError(`${flag}: got ${describeValue(text)}, expected FIELD OP VALUE with OP one of = != < <= > >= (e.g. temperature<=1.5, model.spins=16, status=done)`, flag);
  return { field: match[1], op: match[2] as Condition['op'], value: match[3] };
}

/**
 * Whether a record meets a condition (numbers compare as numbers, everything else as text).
 *
 * @example records.filter((r) => matches(r, parseCondition('status=done')))
 */
export function matches(record: ResultRecord, condition: Condition): boolean {
  const cell = cellOf(record, condition.field);
  if (cell === undefined || cell === null) return condition.op === '!=';
  const wanted = Number(condition.value);
  const numeric = typeof cell === 'number' && condition.value.trim() !== '' && Number.isFinite(wanted);
  const order = numeric ? Math.sign((cell as number) - wanted) : String(cell) < condition.value ? -1 : String(cell) > condition.value ? 1 : 0;
  switch (condition.op) {
    case '=':
      return order === 0;
    case '!=':
      return order !== 0;
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
  }
}

/**
 * Check that every condition names a column some record has (a typo should not silently match nothing).
 *
 * @example checkConditionFields(records, [parseCondition('tempreature<1')]) // throws: unknown field
 */
export function checkConditionFields(records: ResultRecord[], conditions: Condition[], flag = '--where'): void {
  for (const condition of conditions) {
    if (records.length > 0 && !records.some((r) => cellOf(r, condition.field) !== undefined)) {
      throw new GibbsError(`${flag}: unknown field ${describeValue(condition.field)}; fields: ${columnsOf(records).join(', ')}`, flag);
    }
  }
}

/**
 * Every column that occurs in the records, labels first, in first-seen order.
 *
 * @example columnsOf(records) // ['key', 'model', 'model.seed', ..., 'result.perSpin.energy']
 */
export function columnsOf(records: ResultRecord[]): string[] {
  const seen = new Set<string>();
  for (const record of records) for (const column of record.cells.keys()) seen.add(column);
  return [...seen];
}

/**
 * The record as JSON for `--format json`: labels, parsed options and the full result.
 *
 * @example JSON.stringify(records.map(recordJson))
 */
export function recordJson(record: ResultRecord): JsonObject {
  const c = record.cells;
  return {
    key: c.get('key') as string,
    model: c.get('model') as string,
    params: record.params,
    spins: c.get('spins') as number,
    method: c.get('method') as string,
    options: JSON.parse(c.get('options') as string) as JsonValue,
    temperature: c.get('temperature') as number,
    seed: c.get('seed') as number | null,
    status: c.get('status') as string,
    error: c.get('error') as string | null,
    seconds: c.get('seconds') as number | null,
    worker: c.get('worker') as string | null,
    gibbsVersion: c.get('gibbs_version') as string,
    finishedAt: c.get('finished_at') as string | null,
    result: record.result,
  };
}
