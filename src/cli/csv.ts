/**
 * A small, careful CSV reader for numeric data files (RFC 4180: comma separated, optional
 * double-quoted fields with "" escapes and embedded newlines; CRLF or LF; a UTF-8 BOM is ignored;
 * blank lines are skipped). Streams, so a file or standard input is never held whole in memory.
 * Every problem is one line naming the file, the line and the column.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { GibbsError } from '../core/errors.js';

/** One CSV record: its fields and the line it starts on (1-based). */
export interface CsvRecord {
  cells: string[];
  line: number;
}

/**
 * Incremental CSV tokenizer: `push` text in chunks of any size, `end` at the end of input.
 * @example
 * const t = new CsvTokenizer('data.csv', (r) => console.log(r.line, r.cells));
 * t.push('a,b\n1,'); t.push('2\n'); t.end();
 */
export class CsvTokenizer {
  private buffer = '';
  private line = 1;
  private first = true;

  constructor(
    private readonly source: string,
    private readonly onRecord: (record: CsvRecord) => void,
  ) {}

  push(chunk: string): void {
    if (this.first && chunk.length > 0) {
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      this.first = false;
    }
    this.buffer += chunk;
    this.drain(false);
  }

  end(): void {
    this.drain(true);
  }

  private drain(final: boolean): void {
    const text = this.buffer;
    let pos = 0;
    let quote = text.indexOf('"'); // cached: rescanning per line would be quadratic
    while (pos < text.length) {
      let nl = text.indexOf('\n', pos);
      if (nl < 0) {
        if (!final) break;
        nl = text.length;
      }
      if (quote >= 0 && quote < pos) quote = text.indexOf('"', pos);
      if (quote < 0 || quote > nl) {
        // fast path: a record on one line without quotes
        let end = nl;
        if (end > pos && text.charCodeAt(end - 1) === 13) end--;
        const lineText = text.slice(pos, end);
        if (lineText.trim() !== '') this.onRecord({ cells: lineText.split(','), line: this.line });
        this.line++;
        pos = nl + 1;
        continue;
      }
      const parsed = this.parseQuoted(text, pos, final);
      if (parsed === null) break; // incomplete: wait for more input
      this.onRecord({ cells: parsed.cells, line: this.line });
      this.line += parsed.lines;
      pos = parsed.next;
    }
    this.buffer = text.slice(Math.min(pos, text.length));
  }

  /** Full state machine for a record containing quotes; null when the input ends inside it. */
  private parseQuoted(text: string, start: number, final: boolean): { cells: string[]; next: number; lines: number } | null {
    const cells: string[] = [];
    let field = '';
    let lines = 1;
    let i = start;
    let atFieldStart = true;
    for (;;) {
      if (i >= text.length) {
        if (!final) return null;
        cells.push(field);
        return { cells, next: i, lines };
      }
      const c = text[i];
      if (c === '"') {
        if (!atFieldStart) throw new GibbsError(`${this.source}: line ${this.line + lines - 1}, field ${cells.length + 1}: a double quote inside an unquoted field; quote the whole field and write "" for a quote`, this.source);
        // quoted field
        i++;
        for (;;) {
          if (i >= text.length) {
            if (!final) return null;
            throw new GibbsError(`${this.source}: line ${this.line}: a quoted field is never closed (missing ")`, this.source);
          }
          const q = text[i];
          if (q === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            if (i + 1 >= text.length && !final) return null; // cannot tell "" from " yet
            i++;
            break;
          }
          if (q === '\n') lines++;
          field += q;
          i++;
        }
        const after = text[i];
        if (after !== undefined && after !== ',' && after !== '\n' && after !== '\r') {
          throw new GibbsError(`${this.source}: line ${this.line + lines - 1}, field ${cells.length + 1}: unexpected ${JSON.stringify(after)} after a closing quote`, this.source);
        }
        atFieldStart = false;
        continue;
      }
      if (c === ',') {
        cells.push(field);
        field = '';
        atFieldStart = true;
        i++;
        continue;
      }
      if (c === '\n' || (c === '\r' && text[i + 1] === '\n')) {
        cells.push(field);
        return { cells, next: i + (c === '\r' ? 2 : 1), lines };
      }
      if (c === '\r' && i + 1 >= text.length && !final) return null;
      field += c;
      atFieldStart = false;
      i++;
    }
  }
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Parse one numeric cell (decimal notation; no empty cells, no NaN/Infinity, no hex). */
export function parseNumericCell(text: string): number | null {
  const t = text.trim();
  if (!NUMBER.test(t)) return null;
  const v = Number(t);
  return Number.isFinite(v) ? v : null;
}

/** Which columns to read: all of them, or the named ones (header names or 1-based numbers). */
export interface ColumnSelection {
  columns?: string[];
  /** The flag that named the columns, for error messages (e.g. '--column'). */
  flag?: string;
  /** Exactly one column must end up selected (then a file with several needs the flag). */
  single?: boolean;
}

/** Column names and the numeric rows of the selected columns, delivered one row at a time. */
export class NumericCsvReader {
  private names: string[] | null = null;
  private selected: number[] = [];
  private headerLine = 0;
  private width = 0;
  private rows = 0;
  private readonly row: Float64Array[] = [];

  constructor(
    private readonly source: string,
    private readonly selection: ColumnSelection,
    private readonly onRow: (values: Float64Array, line: number) => void,
  ) {}

  /** Names of the selected columns (after the first record). */
  get columns(): string[] {
    return this.names ? this.selected.map((c) => (this.names as string[])[c]) : [];
  }

  /** Number of data rows seen. */
  get rowCount(): number {
    return this.rows;
  }

  /** Feed one record from the tokenizer. */
  handle(record: CsvRecord): void {
    if (this.names === null) {
      this.start(record);
      return;
    }
    if (record.cells.length !== this.width) {
      throw new GibbsError(`${this.source}: line ${record.line} has ${record.cells.length} field${record.cells.length === 1 ? '' : 's'}, expected ${this.width} (as on line ${this.headerLine})`, this.source);
    }
    this.emit(record);
  }

  /** Check the end of input: the file must have had data rows. */
  finish(): void {
    if (this.names === null) throw new GibbsError(`${this.source}: empty file; expected a header row and rows of numbers`, this.source);
    if (this.rows === 0) throw new GibbsError(`${this.source}: no data rows after the header on line ${this.headerLine}`, this.source);
  }

  private start(record: CsvRecord): void {
    const isHeader = record.cells.some((c) => parseNumericCell(c) === null);
    this.width = record.cells.length;
    this.headerLine = record.line;
    const names = isHeader ? record.cells.map((c) => c.trim()) : record.cells.map((_, i) => String(i + 1));
    if (isHeader) {
      names.forEach((name, i) => {
        if (name === '') throw new GibbsError(`${this.source}: line ${record.line}: header field ${i + 1} is empty; name every column`, this.source);
        if (names.indexOf(name) !== i) throw new GibbsError(`${this.source}: line ${record.line}: column name ${JSON.stringify(name)} appears twice in the header`, this.source);
      });
    }
    this.names = names;
    const flag = this.selection.flag ?? '--column';
    this.selected = (this.selection.columns ?? names).map((want) => {
      const byName = names.indexOf(want);
      if (byName >= 0) return byName;
      const k = Number(want);
      if (Number.isInteger(k) && k >= 1 && k <= names.length) return k - 1;
      throw new GibbsError(`${flag}: got ${JSON.stringify(want)}, expected a column of ${this.source}: ${names.join(', ')} (or a column number 1..${names.length})`, flag);
    });
    if (this.selection.single && this.selected.length !== 1) {
      throw new GibbsError(`${this.source}: has ${names.length} columns (${names.join(', ')}); choose one with ${flag} NAME`, flag);
    }
    this.row.push(new Float64Array(this.selected.length));
    if (!isHeader) this.emit(record);
  }

  private emit(record: CsvRecord): void {
    const out = this.row[0];
    for (let j = 0; j < this.selected.length; j++) {
      const c = this.selected[j];
      const v = parseNumericCell(record.cells[c]);
      if (v === null) {
        throw new GibbsError(`${this.source}: line ${record.line}, column ${JSON.stringify((this.names as string[])[c])}: got ${JSON.stringify(record.cells[c].trim())}, expected a number`, this.source);
      }
      out[j] = v;
    }
    this.rows++;
    this.onRow(out, record.line);
  }
}

/**
 * Stream a CSV file ('-' for standard input) and call `onRow` with the selected numeric columns of
 * each data row (the array is reused between calls). Resolves with the selected column names.
 */
export async function streamNumericCsv(path: string, selection: ColumnSelection, onRow: (values: Float64Array, line: number) => void): Promise<{ columns: string[]; rows: number }> {
  const source = path === '-' ? 'stdin' : path;
  if (path !== '-') {
    if (!existsSync(path)) throw new GibbsError(`data ${path}: no such file`, 'data');
    if (statSync(path).isDirectory()) throw new GibbsError(`data ${path}: is a directory, expected a CSV file`, 'data');
  }
  const reader = new NumericCsvReader(source, selection, onRow);
  const tokenizer = new CsvTokenizer(source, (r) => reader.handle(r));
  const stream = path === '-' ? process.stdin : createReadStream(path);
  stream.setEncoding('utf8');
  for await (const chunk of stream) tokenizer.push(chunk as string);
  tokenizer.end();
  reader.finish();
  return { columns: reader.columns, rows: reader.rowCount };
}

/** Read the selected numeric columns of a CSV file into a row-major matrix. */
export async function readNumericCsv(path: string, selection: ColumnSelection = {}): Promise<{ columns: string[]; rows: number; cols: number; data: Float64Array }> {
  let data = new Float64Array(1024);
  let used = 0;
  const { columns, rows } = await streamNumericCsv(path, selection, (values) => {
    if (used + values.length > data.length) {
      const grown = new Float64Array(Math.max(2 * data.length, used + values.length));
      grown.set(data.subarray(0, used));
      data = grown;
    }
    data.set(values, used);
    used += values.length;
  });
  return { columns, rows, cols: columns.length, data: data.slice(0, used) };
}
