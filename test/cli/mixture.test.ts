import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { fitGaussianMixture, parseMixtureFile, toDataMatrix } from '../../src/prob/index.js';
import { expectUserError, runCli } from '../helpers/cli.js';
import { threeClusters } from '../prob/helpers.js';

let dir: string;
let csv: string;
let points: number[][];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gibbs-mixture-'));
  const { x } = threeClusters(300, 12);
  points = Array.from({ length: x.rows }, (_, i) => [x.data[2 * i], x.data[2 * i + 1]]);
  csv = join(dir, 'points.csv');
  writeFileSync(csv, `x,y\n${points.map((p) => p.join(',')).join('\n')}\n`);
});

describe('gibbs mixture', () => {
  it('fit --json reports the documented keys and the library result; --save then score and sample', () => {
    const model = join(dir, 'model.json');
    const r = runCli(['mixture', 'fit', csv, '--components', '3', '--seed', '4', '--save', model, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    for (const key of ['components', 'weights', 'means', 'covariances', 'logLikelihood', 'bic', 'iterations', 'converged']) expect(out).toHaveProperty(key);
    expect(out.components).toBe(3);
    expect(out.covariances).toHaveLength(3);
    expect(out.covariances[0]).toHaveLength(2);
    const lib = fitGaussianMixture(toDataMatrix(points), { components: 3, rng: Rng.fromSeed(4) });
    expect(out.logLikelihood).toBeCloseTo(lib.logLikelihood, 8);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const saved = parseMixtureFile(readFileSync(model, 'utf8'), model);
    expect(saved.columns).toEqual(['x', 'y']);

    const score = runCli(['mixture', 'score', model, csv, '--json']);
    expect(score.code).toBe(0);
    const s = JSON.parse(score.stdout);
    expect(s.logDensity).toHaveLength(300);
    expect(s.anomalies).toBe(s.anomaly.filter(Boolean).length);
    expect(s.anomalies).toBeGreaterThanOrEqual(2); // the 0.01 quantile of 300 training points
    expect(s.anomalies).toBeLessThanOrEqual(4);
    const text = runCli(['mixture', 'score', model, csv]);
    expect(text.stdout.split('\n')[0]).toBe('row,logDensity,anomaly');
    expect(text.stderr).toMatch(/rows below the log-density threshold/);

    const sample = runCli(['mixture', 'sample', model, '--n', '5', '--seed', '1']);
    expect(sample.code).toBe(0);
    const lines = sample.stdout.trim().split('\n');
    expect(lines[0]).toBe('x,y,component');
    expect(lines).toHaveLength(6);
    expect(runCli(['mixture', 'sample', model, '--n', '5', '--seed', '1']).stdout).toBe(sample.stdout);
  });

  it('selects the number of components by BIC over a range; bayes-gaussian reports the ELBO and prunes', () => {
    const r = runCli(['mixture', 'fit', csv, '--components', '1:4', '--json']);
    const out = JSON.parse(r.stdout);
    expect(out.selection.criterion).toBe('bic');
    expect(out.selection.candidates.map((c: { components: number }) => c.components)).toEqual([1, 2, 3, 4]);
    expect(out.components).toBe(3);
    const b = JSON.parse(runCli(['mixture', 'fit', csv, '--components', '6', '--model', 'bayes-gaussian', '--json']).stdout);
    expect(b.elbo).toBeLessThan(0);
    expect(b.components).toBe(3);
    expect(b.pruned).toBe(3);
  });

  it('fits a Bernoulli mixture to binary columns', () => {
    const bin = join(dir, 'spins.csv');
    const rows = Array.from({ length: 60 }, (_, i) => (i % 2 ? '1,1,1,0' : '0,0,1,1'));
    writeFileSync(bin, `a,b,c,d\n${rows.join('\n')}\n`);
    const out = JSON.parse(runCli(['mixture', 'fit', bin, '--components', '2', '--model', 'bernoulli', '--json']).stdout);
    expect(out.weights[0]).toBeCloseTo(0.5, 6);
    expect(out.means[0][2]).toBeGreaterThan(0.99);
  });

  it('bad input: one line, exit 2, nothing half-written', () => {
    const model = join(dir, 'never.json');
    expectUserError(runCli(['mixture', 'fit', csv]), /required option '--components <K>' not specified/);
    expectUserError(runCli(['mixture', 'fit', csv, '--components', '0']), /--components: got 0, expected integers from 1/);
    expectUserError(runCli(['mixture', 'fit', csv, '--components', '2', '--model', 'poisson']), /--model: got "poisson", expected one of gaussian, bernoulli, bayes-gaussian/);
    expectUserError(runCli(['mixture', 'fit', csv, '--components', '2', '--model', 'bayes-gaussian', '--covariance', 'diag']), /full\) covariances only/);
    expectUserError(runCli(['mixture', 'fit', csv, '--components', '2', '--model', 'bernoulli']), /expected 0 or 1/);
    expectUserError(runCli(['mixture', 'fit', csv, '--components', '2', '--columns', 'x,z']), /--columns: got "z"/);
    expectUserError(runCli(['mixture', 'fit', csv, '--components', '2', '--save', join(dir, 'no', 'such', 'dir.json')]), /--save: cannot write/);
    expectUserError(runCli(['mixture', 'fit', csv, '--components', '2', '--tolerance', '-1']), /--tolerance: got -1/);
    expect(existsSync(model)).toBe(false);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"kind":"gibbs-mixture","version":1}');
    expectUserError(runCli(['mixture', 'score', bad, csv]), /bad.json: model: got nothing \(missing\)/);
    expectUserError(runCli(['mixture', 'sample', join(dir, 'missing.json'), '--n', '3']), /no such file/);
    const good = join(dir, 'good.json');
    runCli(['mixture', 'fit', csv, '--components', '2', '--save', good]);
    const other = join(dir, 'other.csv');
    writeFileSync(other, 'u,v\n1,2\n');
    expectUserError(runCli(['mixture', 'score', good, other]), /columns: got "x", expected a column of .*other.csv: u, v/);
    expectUserError(runCli(['mixture', 'sample', good, '--n', '-1']), /--n: got "-1", expected an integer/);
  });
});
