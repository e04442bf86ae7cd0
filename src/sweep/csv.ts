import type { Cell } from './records.js';

function csvCell(value: Cell | undefined): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' && !Number.isFinite(value) ? (Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity') : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Rows as CSV (RFC 4180: comma-separated, fields with commas, quotes or newlines quoted,
 * quotes doubled), one header line; empty cells for missing values; numbers in full precision.
 *
 * @example toCsv([new Map([['a', 1], ['b', 'x,y']])], ['a', 'b']) // 'a,b\n1,"x,y"\n'
 */
export function toCsv(rows: Array<Map<string, Cell>>, columns: string[]): string {
  const lines = [columns.map(csvCell).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(row.get(c))).join(','));
  return `${lines.join('\n')}\n`;
}
