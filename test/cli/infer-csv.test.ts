import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvTokenizer, type CsvRecord, NumericCsvReader } from '../../src/cli/csv.js';

function tokenize(text: string, chunkSizes: number[] = [text.length || 1]): CsvRecord[] {
  const out: CsvRecord[] = [];
  const t = new CsvTokenizer('test.csv', (r) => out.push({ cells: [...r.cells], line: r.line }));
  let pos = 0;
  let k = 0;
  while (pos < text.length) {
    const size = Math.max(1, chunkSizes[k++ % chunkSizes.length]);
    t.push(text.slice(pos, pos + size));
    pos += size;
  }
  t.end();
  return out;
}

function encodeField(f: string): string {
  return /[",\n\r]/.test(f) || f.trim() !== f ? `"${f.replace(/"/g, '""')}"` : f;
}

describe('CSV tokenizer', () => {
  it('quotes, escaped quotes, embedded newlines, CRLF, BOM and blank lines', () => {
    const text = '\ufeffa,"b ""q""",c\r\n\r\n1,"x\ny",3\n4,5,6';
    expect(tokenize(text)).toEqual([
      { cells: ['a', 'b "q"', 'c'], line: 1 },
      { cells: ['1', 'x\ny', '3'], line: 3 },
      { cells: ['4', '5', '6'], line: 5 },
    ]);
  });

  it('round-trips any table in any chunking (property)', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'b', '1', ',', '"', '\n', ' ', '\r', 'é'), maxLength: 6 });
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }), fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 5 }), (rows, chunks) => {
        // a record of one empty field is a blank line, which CSV readers skip: avoid it
        const table = rows.map((r) => (r.length === 1 && r[0].trim() === '' && !/[",\n\r]/.test(r[0]) ? ['z'] : r));
        const text = table.map((r) => r.map(encodeField).join(',')).join('\n');
        expect(tokenize(text, chunks).map((r) => r.cells)).toEqual(table);
      }),
      { numRuns: 300 },
    );
  });

  it('rejects malformed quoting with the line', () => {
    expect(() => tokenize('a,b\n1,"2\n')).toThrow('test.csv: line 2: a quoted field is never closed (missing ")');
    expect(() => tokenize('a,b\n1,2"3"\n')).toThrow(/line 2, field 2: a double quote inside an unquoted field/);
    expect(() => tokenize('a,b\n"1"x,2\n')).toThrow(/line 2, field 1: unexpected "x" after a closing quote/);
  });
});

describe('numeric CSV reader', () => {
  const read = (text: string, columns?: string[]) => {
    const rows: number[][] = [];
    const reader = new NumericCsvReader('d.csv', { columns, flag: '--column' }, (v) => rows.push(Array.from(v)));
    const t = new CsvTokenizer('d.csv', (r) => reader.handle(r));
    t.push(text);
    t.end();
    reader.finish();
    return { rows, columns: reader.columns };
  };

  it('header detection and column selection by name or number', () => {
    expect(read('x,y\n1,2\n3,4e-1\n', ['y'])).toEqual({ rows: [[2], [0.4]], columns: ['y'] });
    expect(read('1,2\n3,4\n', ['2'])).toEqual({ rows: [[2], [4]], columns: ['2'] });
    expect(read(' x , y \n 1 , -2.5 \n').columns).toEqual(['x', 'y']);
  });

  it('one-line errors for bad cells, ragged rows, unknown columns and empty files', () => {
    expect(() => read('x,y\n1,2\n3,\n')).toThrow('d.csv: line 3, column "y": got "", expected a number');
    expect(() => read('x,y\n1,NaN\n')).toThrow(/column "y": got "NaN"/);
    expect(() => read('x,y\n1,0x10\n')).toThrow(/got "0x10"/);
    expect(() => read('x,y\n1,2,3\n')).toThrow('d.csv: line 2 has 3 fields, expected 2 (as on line 1)');
    expect(() => read('x,y\n1,2\n', ['z'])).toThrow('--column: got "z", expected a column of d.csv: x, y (or a column number 1..2)');
    expect(() => read('')).toThrow('d.csv: empty file; expected a header row and rows of numbers');
    expect(() => read('x,y\n')).toThrow('d.csv: no data rows after the header on line 1');
    expect(() => read('x,x\n1,2\n')).toThrow(/column name "x" appears twice/);
  });
});
