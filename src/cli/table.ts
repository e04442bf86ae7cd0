/** Format a number for tables: 6 significant digits, plain for moderate magnitudes. */
export function formatNumber(value: number | undefined | null, digits = 6): string {
  if (value === undefined || value === null) return '-';
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e6 || magnitude < 1e-4) return value.toExponential(digits - 1);
  return Number(value.toPrecision(digits)).toString();
}

/**
 * Render rows as an aligned text table (numbers right-aligned, text left-aligned).
 * @example formatTable(['T', 'F/N'], [[2, -2.1]])
 */
export function formatTable(headers: string[], rows: Array<Array<string | number | undefined>>): string {
  const cells = rows.map((row) => row.map((cell) => (typeof cell === 'number' ? formatNumber(cell) : (cell ?? '-'))));
  const numeric = headers.map((_, c) => rows.every((row) => typeof row[c] === 'number' || row[c] === undefined));
  const widths = headers.map((h, c) => Math.max(h.length, ...cells.map((row) => row[c].length)));
  const line = (row: string[]) => row.map((cell, c) => (numeric[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}
