import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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

  it('gibbs sample draws the traces of every chain, the histogram of E/N and the final spins', () => {
    const svg = join(dir, 'sample.svg');
    const r = runCli(['sample', torus, '-T', '2.5', '--sweeps', '2000', '--chains', '2', '--algorithm', 'wolff', '--plot', svg]);
    expect(r.code).toBe(0);
    const text = readFileSync(svg, 'utf8');
    expect(missingTexts(text, ['Energy per spin, each chain', 'Magnetisation per spin, each chain', 'Histogram of E/N, all chains', 'Chain 0: final spins (dark +1)', 'chain 0', 'chain 1'])).toEqual([]);
    expect(countMarks(text, 'line')).toBe(4); // two chains x two traces
  });

  it('gibbs variational and gibbs compare draw the approximation across T and F by method', () => {
    const variational = join(dir, 'variational.svg');
    expect(runCli(['variational', torus, '-T', '1:4:0.5', '--plot', variational]).code).toBe(0);
    const v = readFileSync(variational, 'utf8');
    expect(missingTexts(v, ['mean-field (F_q ≥ F)', 'Free energy per spin', 'Energy per spin', 'Magnetisation per spin'])).toEqual([]);
    expect(countMarks(v, 'line')).toBe(4);
    const compare = join(dir, 'compare.svg');
    expect(runCli(['compare', torus, '-T', '2,3', '--methods', 'exact,mean-field,bethe', '--plot', compare]).code).toBe(0);
    const c = readFileSync(compare, 'utf8');
    expect(missingTexts(c, ['Free energy per spin by method', 'Error of each method against the exact value', 'exact (enumeration)', 'mean-field', 'bethe', 'T = 2', 'T = 3'])).toEqual([]);
    // Bars: 3 methods x 2 temperatures of F/N, then 2 methods x 2 temperatures of errors.
    expect(countMarks(c, 'rect')).toBe(6 + 4);
  });

  it('gibbs infer normal draws the posterior of μ, the predictive and the posterior of σ²', () => {
    const data = join(dir, 'heights.csv');
    writeFileSync(data, 'height\n171\n165\n180\n175\n168\n172\n');
    const svg = join(dir, 'infer.svg');
    const r = runCli(['infer', 'normal', data, '--column', 'height', '--prior', 'mu0=170,kappa0=1,alpha0=2,beta0=50', '--plot', svg]);
    expect(r.code).toBe(0);
    const text = readFileSync(svg, 'utf8');
    expect(missingTexts(text, ['Mean μ', 'Next observation', 'Variance σ²', 'posterior, n = 6', 'prior', '95% credible interval', 'posterior predictive (Student-t)'])).toEqual([]);
    expect(countMarks(text, 'line')).toBe(5); // prior and posterior of μ and σ², and the predictive
    expect(countMarks(text, 'area')).toBe(2); // the two credible intervals
    expectUserError(runCli(['infer', 'normal', data, '--column', 'height', '--plot', join(dir, 'x.jpg')]), /--plot: got ".*x\.jpg", expected a file name ending in \.svg or \.png/);
  });

  it('gibbs coin draws code lengths against N·H and the AEP curve', () => {
    const svg = join(dir, 'coin.svg');
    expect(runCli(['coin', '--p', '0.9', '--n', '2000', '--plot', svg]).code).toBe(0);
    const text = readFileSync(svg, 'utf8');
    expect(missingTexts(text, ['Code length minus N·H', 'range coder (known p)', 'rANS (known p)', '−log2 p(x) of this sequence', 'Asymptotic equipartition'])).toEqual([]);
    expect(countMarks(text, 'rect')).toBeGreaterThanOrEqual(5);
    // gibbs entropy: H_k by context order against 8 bits per byte.
    const entropy = join(dir, 'entropy.svg');
    const file = join(dir, 'text.txt');
    writeFileSync(file, 'abracadabra '.repeat(50));
    expect(runCli(['entropy', file, '--order', '3', '--plot', entropy]).code).toBe(0);
    const e = readFileSync(entropy, 'utf8');
    expect(missingTexts(e, ['Empirical entropy of', 'k = 0', 'k = 3', 'raw: 8 bits per byte'])).toEqual([]);
    expect(countMarks(e, 'rect')).toBe(4);
  });

  it('gibbs mixture fit draws the components over the data', () => {
    const data = join(dir, 'mixture.csv');
    const rows = Array.from({ length: 120 }, (_, i) => `${(i % 2 ? 3 : 0) + Math.sin(i * 1.7)},${(i % 2 ? 3 : 0) + Math.cos(i * 2.3)}`);
    writeFileSync(data, `a,b\n${rows.join('\n')}\n`);
    const png = join(dir, 'mixture.png');
    const svg = join(dir, 'mixture.svg');
    expect(runCli(['mixture', 'fit', data, '--components', '2', '--plot', svg]).code).toBe(0);
    expect(runCli(['mixture', 'fit', data, '--components', '2', '--plot', png]).code).toBe(0);
    const text = readFileSync(svg, 'utf8');
    expect(missingTexts(text, ['component 1, 2σ ellipse', 'component 2, 2σ ellipse', 'fitted density'])).toEqual([]);
    expect(countMarks(text, 'symbol')).toBe(120);
    expect(pngSize(readFileSync(png)).width).toBeGreaterThan(400);
    // A saved model: scoring draws the log-density histogram with its threshold, sampling the drawn points.
    const model = join(dir, 'mixture.json');
    expect(runCli(['mixture', 'fit', data, '--components', '2', '--save', model]).code).toBe(0);
    const scores = join(dir, 'scores.svg');
    expect(runCli(['mixture', 'score', model, data, '--plot', scores]).code).toBe(0);
    expect(missingTexts(readFileSync(scores, 'utf8'), ['Log density of each row', 'threshold (the 0.01 quantile of the training data)'])).toEqual([]);
    const samples = join(dir, 'samples.svg');
    expect(runCli(['mixture', 'sample', model, '--n', '50', '--plot', samples]).code).toBe(0);
    expect(countMarks(readFileSync(samples, 'utf8'), 'symbol')).toBe(50);
  });

  it('rejects a bad --plot before computing, with one line and exit 2', () => {
    expectUserError(runCli(['exact', torus, '-T', '2', '--plot', join(dir, 'x.pdf')]), /--plot: got ".*x\.pdf", expected a file name ending in \.svg or \.png/);
    expectUserError(runCli(['exact', torus, '-T', '2', '--plot', join(dir, 'missing', 'x.svg')]), /--plot: .* does not exist/);
    expect(existsSync(join(dir, 'x.pdf'))).toBe(false);
  });
});
