import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { GibbsError } from '../../core/errors.js';
import { writeFileAtomic } from '../../node/atomic-write.js';
import { aggregate, groupRows, numericResultFields } from '../../sweep/aggregate.js';
import { toCsv } from '../../sweep/csv.js';
import { type Cell, type Condition, type ResultRecord, checkConditionFields, columnsOf, matches, parseCondition, recordJson, toRecord } from '../../sweep/records.js';
import { parseChoice } from '../options.js';
import { formatTable } from '../table.js';

const FORMATS = ['table', 'csv', 'json'] as const;

interface ResultsOptions {
  db?: string;
  where: string[];
  averageOver?: string;
  fields?: string;
  format: string;
  output?: string;
}

function isSqlite(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const header = Buffer.alloc(16);
    return readSync(fd, header, 0, 16, 0) === 16 && header.toString('latin1') === 'SQLite format 3\0';
  } finally {
    closeSync(fd);
  }
}

/** Records of a study (labels from the study, only its jobs) or of a whole database. */
async function loadRecords(path: string, db: string | undefined): Promise<{ records: ResultRecord[]; missing: number; database: string }> {
  // Loaded on demand so that other commands do not pay for SQLite.
  const [{ ResultsStore }, { loadStudy }] = await Promise.all([import('../../sweep/store.js'), import('../../sweep/study.js')]);
  if (!existsSync(path)) throw new GibbsError(`${path}: no such file (give a study file or a results database)`, 'study');
  if (statSync(path).isDirectory()) throw new GibbsError(`${path}: is a directory, expected a study file or a results database`, 'study');
  if (isSqlite(path)) {
    const store = ResultsStore.open(path, { readOnly: true });
    try {
      return { records: store.rows().map((row) => toRecord(row)), missing: 0, database: path };
    } finally {
      store.close();
    }
  }
  const study = loadStudy(path);
  const database = db !== undefined ? resolve(db) : study.database;
  const store = ResultsStore.open(database, { readOnly: true });
  try {
    const rows = new Map(store.rowsFor(study.jobs.map((j) => j.key)).map((row) => [row.key, row]));
    const records: ResultRecord[] = [];
    for (const job of study.jobs) {
      const row = rows.get(job.key);
      if (row) records.push(toRecord(row, job.labels));
    }
    return { records, missing: study.jobs.length - records.length, database };
  } finally {
    store.close();
  }
}

function listFields(text: string | undefined): string[] | undefined {
  return text === undefined ? undefined : text.split(',').map((f) => f.trim().replace(/^result\./, '')).filter(Boolean);
}

/** Result fields a table shows by default: per-spin scalars when the results have them. */
function defaultTableFields(records: ResultRecord[]): string[] {
  const numeric = numericResultFields(records);
  const perSpin = numeric.filter((f) => f.startsWith('perSpin.'));
  return perSpin.length ? perSpin : numeric.slice(0, 8);
}

function checkFields(records: ResultRecord[], fields: string[] | undefined): void {
  if (!fields || records.length === 0) return;
  const known = new Set(columnsOf(records));
  for (const field of fields) {
    if (!known.has(field) && !known.has(`result.${field}`)) throw new GibbsError(`--fields: unknown field ${JSON.stringify(field)}; result fields: ${numericResultFields(records).join(', ')}`, '--fields');
  }
}

/** `gibbs results STUDY_OR_DB`: export stored results, filtered and optionally averaged. */
export function registerResults(program: Command): void {
  program
    .command('results')
    .description('export stored sweep results (table, CSV or JSON), filtered with --where and averaged with --average-over')
    .argument('<study-or-db>', 'a study file (its jobs, from the database beside it) or a results database (every job in it)')
    .option('--db <file>', 'results database of a study (default: the one beside it)')
    .option('--where <condition>', 'keep rows where FIELD OP VALUE (OP: = != < <= > >=); repeatable, all must hold', (v: string, all: string[]) => [...all, v], [])
    .option('--average-over <columns>', 'average over these columns, e.g. model.seed (disorder instances) or model.seed,seed; reports mean, standard error and n')
    .option('--fields <list>', 'result fields to show or average, e.g. perSpin.energy,perSpin.heatCapacity')
    .option('--format <format>', 'table, csv or json', 'table')
    .option('--output <file>', 'write to a file (atomically) instead of stdout')
    .addHelpText(
      'after',
      '\nFields: key, model, model.<varied parameter>, spins, method, options, temperature, seed, status, error, seconds, worker,\n  gibbs_version, finished_at, and every scalar of the result as result.<path> (result. may be left out).\n\nExamples:\n  gibbs results study.json --where status=failed\n  gibbs results study.json --average-over model.seed --fields perSpin.energy --format csv\n  gibbs results gibbs-results.sqlite --where "temperature<=1" --format json',
    )
    .action(async (path: string, options: ResultsOptions) => {
      const format = parseChoice('--format', options.format, FORMATS);
      const conditions: Condition[] = options.where.map((w) => parseCondition(w));
      const fields = listFields(options.fields);
      const over = options.averageOver?.split(',').map((c) => c.trim()).filter(Boolean);
      if (over && over.length === 0) throw new GibbsError('--average-over: empty; give columns such as model.seed or seed', '--average-over');
      const { records: all, missing, database } = await loadRecords(path, options.db);
      checkConditionFields(all, conditions);
      checkFields(all, fields);
      const records = all.filter((r) => conditions.every((c) => matches(r, c)));
      if (missing > 0 && format === 'table') process.stderr.write(`results: ${missing} job(s) of the study have no result yet in ${database} (run gibbs sweep ${path})\n`);

      const text = over ? formatGroups(records, over, fields, format) : formatRecords(records, fields, format);
      if (options.output !== undefined) writeFileAtomic(options.output, text);
      else process.stdout.write(text);
    });
}

/** Jobs averaged over some columns: group labels, n, then mean and standard error per field. */
function formatGroups(records: ResultRecord[], over: string[], fields: string[] | undefined, format: (typeof FORMATS)[number]): string {
  const chosen = fields ?? (format === 'table' ? defaultTableFields(records) : numericResultFields(records));
  const groups = aggregate(records, { over, fields: chosen });
  if (format === 'json') return `${JSON.stringify(groups.map((g) => ({ ...Object.fromEntries(g.labels), n: g.count, fields: Object.fromEntries(g.stats) })), null, 2)}\n`;
  const rows = groupRows(groups, chosen);
  const columns = rows.length ? [...rows[0].keys()] : [];
  if (format === 'csv') return toCsv(rows, columns);
  const shown = columns.filter((c) => c !== 'options' || varies(rows, c));
  return `${formatTable(shown, rows.map((r) => shown.map((c) => tableCell(r.get(c)))))}\n`;
}

/** One row per job: JSON with the full result, CSV with every scalar, or a table of chosen fields. */
function formatRecords(records: ResultRecord[], fields: string[] | undefined, format: (typeof FORMATS)[number]): string {
  if (format === 'json') return `${JSON.stringify(records.map(recordJson), null, 2)}\n`;
  const columns = columnsOf(records);
  if (format === 'csv') {
    const labels = columns.filter((c) => !c.startsWith('result.'));
    return toCsv(records.map((r) => r.cells), [...labels, ...(fields ? fields.map((f) => `result.${f}`) : columns.filter((c) => c.startsWith('result.')))]);
  }
  const shown = fields ?? defaultTableFields(records);
  const rows = records.map((r) => r.cells);
  const labels = ['model', ...columns.filter((c) => c.startsWith('model.')), 'method', 'options', 'temperature', 'seed', 'status'].filter((c) => c !== 'options' || varies(rows, c));
  const table = formatTable(
    [...labels, ...shown],
    records.map((r) => [...labels.map((c) => tableCell(r.cells.get(c))), ...shown.map((f) => tableCell(r.cells.get(`result.${f}`) ?? r.cells.get(f)))]),
  );
  return `${table}\n`;
}

/** Whether a column takes more than one value (tables leave out long constant columns). */
function varies(rows: Array<Map<string, Cell>>, column: string): boolean {
  return new Set(rows.map((r) => r.get(column))).size > 1;
}

function tableCell(value: Cell | undefined): string | number | undefined {
  if (value === null || value === undefined) return undefined;
  return typeof value === 'boolean' ? String(value) : value;
}
