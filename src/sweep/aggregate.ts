import { GibbsError, describeValue } from '../core/errors.js';
import { type Cell, type ResultRecord, cellOf, columnsOf } from './records.js';

/** Columns that identify what was computed (the rest are bookkeeping). */
function identityColumns(records: ResultRecord[]): string[] {
  const params = columnsOf(records).filter((c) => c.startsWith('model.'));
  return ['model', ...params, 'spins', 'method', 'options', 'temperature', 'seed'];
}

/** A mean with its standard error over the records of a group. */
export interface MeanWithError {
  mean: number;
  /** Standard error of the mean, s / sqrt(n) with the n - 1 sample variance; null for n = 1. */
  error: number | null;
  n: number;
}

/** One group of records that differ only in the averaged columns. */
export interface AggregateGroup {
  /** Values of the columns that define the group. */
  labels: Map<string, Cell>;
  /** Records in the group. */
  count: number;
  /** Per result field. */
  stats: Map<string, MeanWithError>;
}

/**
 * Numeric result fields present in the records (`perSpin.energy`, ...), without the `result.` prefix.
 *
 * @example numericResultFields(records) // ['logZ', 'perSpin.energy', ...]
 */
export function numericResultFields(records: ResultRecord[]): string[] {
  return columnsOf(records)
    .filter((c) => c.startsWith('result.') && records.some((r) => typeof r.cells.get(c) === 'number'))
    .map((c) => c.slice('result.'.length));
}

/**
 * Average results over some columns, e.g. over disorder instances (`model.seed`) and Monte
 * Carlo seeds (`seed`): records equal in every other identifying column (model, its other
 * parameters, spins, method, options, temperature) form a group; each numeric result field
 * gets its mean and the standard error of that mean across the group (the error bar of a
 * disorder average: sample-to-sample spread / sqrt(instances)). Only done jobs count.
 *
 * @example aggregate(records, { over: ['model.seed'], fields: ['perSpin.energy'] })
 */
export function aggregate(records: ResultRecord[], options: { over: string[]; fields?: string[] }): AggregateGroup[] {
  const done = records.filter((r) => r.cells.get('status') === 'done');
  const identity = identityColumns(records);
  for (const column of options.over) {
    if (!identity.includes(column)) throw new GibbsError(`--average-over: got ${describeValue(column)}, expected some of ${identity.join(', ')}`, '--average-over');
  }
  const groupBy = identity.filter((c) => !options.over.includes(c));
  const fields = options.fields ?? numericResultFields(done);
  const groups = new Map<string, { labels: Map<string, Cell>; members: ResultRecord[] }>();
  for (const record of done) {
    const labels = new Map(groupBy.map((c) => [c, record.cells.get(c) ?? null] as const));
    const id = JSON.stringify([...labels.values()]);
    const group = groups.get(id) ?? { labels, members: [] };
    group.members.push(record);
    groups.set(id, group);
  }
  return [...groups.values()].map(({ labels, members }) => {
    const stats = new Map<string, MeanWithError>();
    for (const field of fields) {
      const values = members.map((r) => cellOf(r, field)).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
      if (values.length === 0) continue;
      const n = values.length;
      const mean = values.reduce((a, b) => a + b, 0) / n;
      const variance = n > 1 ? values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1) : NaN;
      stats.set(field, { mean, error: n > 1 ? Math.sqrt(variance / n) : null, n });
    }
    return { labels, count: members.length, stats };
  });
}

/**
 * Flatten groups into rows: group labels, `n`, then `FIELD` (mean) and `FIELD.error` per field.
 *
 * @example toCsv(groupRows(groups, ['perSpin.energy']), columns)
 */
export function groupRows(groups: AggregateGroup[], fields: string[]): Array<Map<string, Cell>> {
  return groups.map((g) => {
    const row = new Map<string, Cell>(g.labels);
    row.set('n', g.count);
    for (const field of fields) {
      const s = g.stats.get(field);
      row.set(field, s?.mean ?? null);
      row.set(`${field}.error`, s?.error ?? null);
    }
    return row;
  });
}
