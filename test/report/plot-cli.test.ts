import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectUserError, runCli } from '../helpers/cli.js';
import { countMarks, missingTexts, pngSize } from './svg-helpers.js';

// `--plot FILE.svg|png` on every computing command: the file is written and is a valid picture.
const dir = mkdtempSync(join(tmpdir(), 'gibbs-plot-'));
const torus = 'examples/models/torus-4.json';

describe('--plot', () => {
  it('gibbs exact draws U, C, |M| and F against T (SVG) and a PNG', () => {
    const svg = join(dir, 'exact.svg');
    const r = runCli(['exact', torus, '-T', '1.5:3:0.5', '--plot', svg, '--workers', '1']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`plot: wrote ${svg}`);
    const text = readFileSync(svg, 'utf8');
    const titles = ['Energy per spin', 'U/N (|J|)', 'Heat capacity per spin', 'C/N (k_B)', 'Magnetisation per spin', '⟨|M|⟩/N', 'Free energy per spin', 'F/N (|J|)', 'temperature T (|J|/k_B)', 'exact (enumeration)'];
    expect(missingTexts(text, titles)).toEqual([]);
    expect(countMarks(text, 'line')).toBe(4);
    const png = join(dir, 'exact.png');
    expect(runCli(['exact', torus, '-T', '2', '--plot', png, '--json', '--workers', '1']).code).toBe(0);
    expect(pngSize(readFileSync(png)).width).toBeGreaterThan(500);
  });

  it('rejects a bad --plot before computing, with one line and exit 2', () => {
    expectUserError(runCli(['exact', torus, '-T', '2', '--plot', join(dir, 'x.pdf')]), /--plot: got ".*x\.pdf", expected a file name ending in \.svg or \.png/);
    expectUserError(runCli(['exact', torus, '-T', '2', '--plot', join(dir, 'missing', 'x.svg')]), /--plot: .* does not exist/);
    expect(existsSync(join(dir, 'x.pdf'))).toBe(false);
  });
});
