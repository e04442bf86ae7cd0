import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { GibbsError } from '../core/errors.js';
import type { StudyJob } from './job.js';
import { canonicalJson } from './json.js';
import type { JobOutcome } from './run-job.js';
import { GIBBS_VERSION } from './version.js';

/** Schema tag kept in the `meta` table (a database from another program is refused). */
export const STORE_SCHEMA = 'gibbs-results/1';

/** One stored job, as a row of the `jobs` table (JSON columns are text). */
export interface StoredRow {
  key: string;
  model_hash: string;
  /** The study's name for the model and the values it varied (JSON object). */
  model_name: string;
  model_params: string;
  /** The model file the job ran (JSON). */
  model: string;
  spins: number;
  method: string;
  /** Options with defaults filled in (canonical JSON). */
  options: string;
  temperature: number;
  seed: number | null;
  gibbs_version: string;
  status: 'done' | 'failed';
  error: string | null;
  /** Times this job was recorded as failed before (or without) succeeding. */
  failures: number;
  worker: string | null;
  started_at: string | null;
  finished_at: string | null;
  seconds: number | null;
  /** Full JSON result (null for failed jobs). */
  result: string | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS jobs (
  key TEXT PRIMARY KEY,
  model_hash TEXT NOT NULL,
  model_name TEXT NOT NULL,
  model_params TEXT NOT NULL,
  model TEXT NOT NULL,
  spins INTEGER NOT NULL,
  method TEXT NOT NULL,
  options TEXT NOT NULL,
  temperature REAL NOT NULL,
  seed INTEGER,
  gibbs_version TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('done', 'failed')),
  error TEXT,
  failures INTEGER NOT NULL DEFAULT 0,
  worker TEXT,
  started_at TEXT,
  finished_at TEXT,
  seconds REAL,
  result TEXT
);
CREATE INDEX IF NOT EXISTS jobs_status ON jobs (status);
`;

const COLUMNS = 'key, model_hash, model_name, model_params, model, spins, method, options, temperature, seed, gibbs_version, status, error, failures, worker, started_at, finished_at, seconds, result';
const VALUES = '@key, @model_hash, @model_name, @model_params, @model, @spins, @method, @options, @temperature, @seed, @gibbs_version, @status, @error, @failures, @worker, @started_at, @finished_at, @seconds, @result';

function databaseError(path: string, error: unknown): GibbsError {
  const message = (error as Error).message;
  if (/not a database|file is encrypted/i.test(message)) return new GibbsError(`results database ${path}: not a SQLite database`, 'database');
  return new GibbsError(`results database ${path}: ${message}`, 'database');
}

/**
 * The results store: one SQLite file, one row per job, keyed by the job's input hash.
 * Each result is committed on its own as it arrives (WAL journal), so a sweep killed at any
 * moment keeps every finished job, and a row, once `done`, is never written again: a result
 * that arrives twice (a retried job, two submitters) is stored exactly once.
 *
 * @example
 * const store = ResultsStore.open('gibbs-results.sqlite');
 * const done = store.doneKeys();
 * store.close();
 */
export class ResultsStore {
  readonly path: string;
  private readonly db: Database.Database;
  private readonly upsertDone: Database.Statement;
  private readonly upsertFailed: Database.Statement;

  private constructor(path: string, db: Database.Database) {
    this.path = path;
    this.db = db;
    // A done row is final; a failed row may be replaced by a later success.
    this.upsertDone = db.prepare(`INSERT INTO jobs (${COLUMNS}) VALUES (${VALUES})
      ON CONFLICT(key) DO UPDATE SET gibbs_version = excluded.gibbs_version, status = 'done', error = NULL, worker = excluded.worker,
        started_at = excluded.started_at, finished_at = excluded.finished_at, seconds = excluded.seconds, result = excluded.result
      WHERE jobs.status <> 'done'`);
    this.upsertFailed = db.prepare(`INSERT INTO jobs (${COLUMNS}) VALUES (${VALUES})
      ON CONFLICT(key) DO UPDATE SET error = excluded.error, failures = jobs.failures + 1, worker = excluded.worker,
        started_at = excluded.started_at, finished_at = excluded.finished_at, seconds = excluded.seconds
      WHERE jobs.status <> 'done'`);
  }

  /**
   * Open (creating if needed) a results database. With `readOnly`, the file must exist.
   * Errors (missing folder, not a SQLite file, a database of another program) are one line.
   */
  static open(path: string, options: { readOnly?: boolean } = {}): ResultsStore {
    if (options.readOnly && !existsSync(path)) throw new GibbsError(`results database ${path}: no such file (run gibbs sweep first)`, 'database');
    if (!existsSync(dirname(path)) || !statSync(dirname(path)).isDirectory()) throw new GibbsError(`results database ${path}: folder ${dirname(path)} does not exist`, 'database');
    if (existsSync(path) && statSync(path).isDirectory()) throw new GibbsError(`results database ${path}: is a directory, expected a file`, 'database');
    let db: Database.Database | undefined;
    try {
      db = new Database(path, { readonly: options.readOnly ?? false, fileMustExist: options.readOnly ?? false });
      db.pragma('busy_timeout = 10000');
      const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((t) => t.name);
      if (tables.length > 0) {
        const schema = tables.includes('meta') ? (db.prepare("SELECT value FROM meta WHERE name = 'schema'").get() as { value: string } | undefined)?.value : undefined;
        if (schema !== STORE_SCHEMA) throw new GibbsError(`results database ${path}: not a gibbs results database (schema ${schema ?? 'missing'}, expected ${STORE_SCHEMA})`, 'database');
      } else if (options.readOnly) {
        throw new GibbsError(`results database ${path}: empty (no gibbs results yet)`, 'database');
      }
      if (!options.readOnly) {
        db.pragma('journal_mode = WAL');
        // With WAL, NORMAL loses nothing when the process dies (only on power loss), and is much faster.
        db.pragma('synchronous = NORMAL');
        db.exec(SCHEMA);
        db.prepare("INSERT OR IGNORE INTO meta (name, value) VALUES ('schema', ?)").run(STORE_SCHEMA);
      }
      return new ResultsStore(path, db);
    } catch (error) {
      db?.close();
      if (error instanceof GibbsError) throw error;
      throw databaseError(path, error);
    }
  }

  /** Keys of every job with a stored result. */
  doneKeys(): Set<string> {
    const keys = new Set<string>();
    for (const row of this.db.prepare("SELECT key FROM jobs WHERE status = 'done'").pluck().iterate()) keys.add(row as string);
    return keys;
  }

  /** Store a finished job; returns false if it was already stored (then nothing changes). */
  recordDone(job: StudyJob, outcome: JobOutcome): boolean {
    return (
      this.upsertDone.run(
        this.row(job, {
          gibbs_version: outcome.gibbsVersion,
          status: 'done',
          error: null,
          worker: outcome.worker,
          started_at: new Date(outcome.startedAt).toISOString(),
          finished_at: new Date(outcome.startedAt + outcome.seconds * 1000).toISOString(),
          seconds: outcome.seconds,
          result: outcome.result,
        }),
      ).changes > 0
    );
  }

  /** Store a failure (unless the job is already done); the next sweep runs it again. */
  recordFailure(job: StudyJob, error: string, info: { worker?: string; startedAt?: number; seconds?: number; gibbsVersion?: string } = {}): void {
    this.upsertFailed.run(
      this.row(job, {
        gibbs_version: info.gibbsVersion ?? GIBBS_VERSION,
        status: 'failed',
        error,
        worker: info.worker ?? null,
        started_at: info.startedAt === undefined ? null : new Date(info.startedAt).toISOString(),
        finished_at: new Date().toISOString(),
        seconds: info.seconds ?? null,
        result: null,
      }),
    );
  }

  /** Every stored row, ordered by model, method, options, temperature and seed (not by completion time). */
  rows(): StoredRow[] {
    return this.db.prepare('SELECT * FROM jobs ORDER BY model_name, model_hash, method, options, temperature, seed').all() as StoredRow[];
  }

  /** Stored rows for the given keys (those that exist). */
  rowsFor(keys: string[]): StoredRow[] {
    const wanted = new Set(keys);
    return this.rows().filter((row) => wanted.has(row.key));
  }

  close(): void {
    this.db.close();
  }

  private row(job: StudyJob, outcome: Pick<StoredRow, 'gibbs_version' | 'status' | 'error' | 'worker' | 'started_at' | 'finished_at' | 'seconds' | 'result'>): StoredRow {
    return {
      key: job.key,
      model_hash: job.modelHash,
      model_name: job.labels.model,
      model_params: JSON.stringify(job.labels.params),
      model: JSON.stringify(job.model),
      spins: job.labels.spins,
      method: job.method,
      options: canonicalJson(job.options),
      temperature: job.temperature,
      seed: job.seed,
      failures: outcome.status === 'failed' ? 1 : 0,
      ...outcome,
    };
  }
}
