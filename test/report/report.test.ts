import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPORT_SECTIONS } from '../../src/report/sections/index.js';
import { inlineSvg } from '../../src/report/html.js';
import { expectUserError, runCli } from '../helpers/cli.js';
import { countMarks } from './svg-helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'gibbs-report-'));

describe('gibbs report --quick', () => {
  it('writes one self-contained page with every section and its figures, and prints a summary', () => {
    const out = join(dir, 'report');
    const r = runCli(['report', '--quick', '--out', out, '--json'], { timeout: 170_000 });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout) as { path: string; sections: Array<{ id: string; highlights: unknown[] }> };
    expect(summary.path).toBe(join(out, 'index.html'));
    expect(summary.sections.map((s) => s.id)).toEqual(REPORT_SECTIONS.map((s) => s.id));
    const html = readFileSync(summary.path, 'utf8');
    for (const section of REPORT_SECTIONS) {
      const start = html.indexOf(`<section id="${section.id}"`);
      expect(start, `section ${section.id}`).toBeGreaterThan(0);
      const body = html.slice(start, html.indexOf('</section>', start));
      expect(body).toContain(`<h2 id="${section.id}-title">`);
      // Each section's figure is inline SVG with drawn data marks, not an empty frame.
      const figure = body.slice(body.indexOf(`<figure id="${section.id}-figure-1">`));
      expect(figure).toMatch(/^<figure[^>]*><svg role="img"/);
      const svg = figure.slice(figure.indexOf('<svg'), figure.indexOf('</svg>') + 6);
      expect(['line', 'symbol', 'rect', 'rule'].map((k) => countMarks(svg, k)).reduce((a, b) => a + b)).toBeGreaterThan(0);
      // Two sentences saying what the figure shows.
      const summaryText = /<p class="summary">([^<]*)<\/p>/.exec(body)?.[1] ?? '';
      expect(summaryText.split(/\.\s/).length).toBeGreaterThanOrEqual(2);
    }
    // Self-contained: no scripts, stylesheets, images or fonts from elsewhere.
    expect(html).not.toMatch(/<script|<link|<img|src="http|url\(http|@import/);
    // Ids stay unique across the inlined figures.
    const ids = [...html.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('prints an aligned summary table without --json', () => {
    const last = REPORT_SECTIONS[REPORT_SECTIONS.length - 1].id;
    const r = runCli(['report', '--quick', '--out', join(dir, 'table'), '--sections', last]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^section\s+quantity\s+value\s+seconds/);
    expect(r.stdout).toContain(`wrote ${join(dir, 'table', 'index.html')}`);
    expect(r.stderr).toContain(`report: ${last}:`);
  });

  it('rejects bad options with one line and exit 2', () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    expectUserError(runCli(['report', '--sections', 'ising,bogus', '--out', join(dir, 'x')]), /--sections: got "bogus", expected section ids from/);
    expectUserError(runCli(['report', '--out', file]), /--out: .*a-file: is a file, expected a directory/);
    expectUserError(runCli(['report', '--seed', '-3']), /--seed: got "-3", expected an integer from 0 to/);
  });
});

describe('inlineSvg', () => {
  it('prefixes ids and their references so several figures can share a page', () => {
    const svg = '<svg><defs><clipPath id="clip1"><rect/></clipPath></defs><g clip-path="url(#clip1)"><use href="#clip1"/></g></svg>';
    expect(inlineSvg(svg, 'f2')).toBe('<svg role="img"><defs><clipPath id="f2-clip1"><rect/></clipPath></defs><g clip-path="url(#f2-clip1)"><use href="#f2-clip1"/></g></svg>');
  });
});
