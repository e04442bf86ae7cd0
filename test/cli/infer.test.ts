import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectUserError, runCli } from '../helpers/cli.js';
import { expectClose, fixture } from '../prob/helpers.js';

const DATA = 'test/prob/fixtures/conjugate-normal-data.csv';
const fx = fixture<{ data: number[]; cases: Array<{ prior: { mu: number; kappa: number; alpha: number; beta: number }; logEvidence: number }>; reference: { level: number; mean: { lower: number; upper: number } } }>('conjugate-normal.json');

describe('gibbs infer normal', () => {
  it('JSON with a proper prior: the documented keys, evidence matching numerical integration', () => {
    const { mu, kappa, alpha, beta } = fx.cases[0].prior;
    const r = runCli(['infer', 'normal', DATA, '--column', 'height', '--prior', `mu0=${mu},kappa0=${kappa},alpha0=${alpha},beta0=${beta}`, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    for (const key of ['n', 'posterior', 'mean', 'variance', 'predictive', 'logEvidence']) expect(out).toHaveProperty(key);
    expect(Object.keys(out.posterior).sort()).toEqual(['alpha', 'beta', 'kappa', 'mu']);
    expect(Object.keys(out.mean).sort()).toEqual(['estimate', 'lower', 'upper']);
    expect(Object.keys(out.predictive).sort()).toEqual(['df', 'location', 'scale']);
    expect(out.n).toBe(fx.data.length);
    expectClose(out.logEvidence, fx.cases[0].logEvidence, 1e-9, 'logEvidence');
  });

  it('streams from stdin with the reference prior (the classical t interval) and a human table', () => {
    const csv = `height\n${fx.data.join('\n')}\n`;
    const r = runCli(['infer', 'normal', '-', '--level', String(fx.reference.level), '--json'], { input: csv });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expectClose(out.mean.lower, fx.reference.mean.lower, 1e-11, 'lower');
    expectClose(out.mean.upper, fx.reference.mean.upper, 1e-11, 'upper');
    expect(out.logEvidence).toBeNull();
    const text = runCli(['infer', 'normal', DATA, '--column', '2']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/mean mu: +3\.07\d+ +95% credible interval \[/);
    expect(text.stdout).toMatch(/log evidence: +undefined under the improper reference prior/);
  });

  it('bad input: one line, exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gibbs-infer-'));
    const file = (name: string, text: string) => {
      const p = join(dir, name);
      writeFileSync(p, text);
      return p;
    };
    expectUserError(runCli(['infer', 'normal', DATA]), /has 2 columns \(id, height\); choose one with --column NAME/);
    expectUserError(runCli(['infer', 'normal', DATA, '--column', 'weight']), /--column: got "weight", expected a column of .*: id, height/);
    expectUserError(runCli(['infer', 'normal', file('bad.csv', 'x\n1\n2\nabc\n')]), /line 4, column "x": got "abc", expected a number/);
    expectUserError(runCli(['infer', 'normal', file('ragged.csv', 'x,y\n1,2\n3\n'), '--column', 'x']), /line 3 has 1 field, expected 2/);
    expectUserError(runCli(['infer', 'normal', file('empty.csv', '')]), /empty file/);
    expectUserError(runCli(['infer', 'normal', file('one.csv', 'x\n1\n')]), /reference prior needs at least 2 observations/);
    expectUserError(runCli(['infer', 'normal', join(dir, 'missing.csv')]), /no such file/);
    expectUserError(runCli(['infer', 'normal', DATA, '--column', 'height', '--level', '1.5']), /--level: got 1.5/);
    expectUserError(runCli(['infer', 'normal', DATA, '--column', 'height', '--prior', 'mu0=0,kappa0=0,alpha0=1,beta0=1']), /--prior kappa0: got 0, expected a number > 0/);
    expectUserError(runCli(['infer', 'normal', DATA, '--column', 'height', '--prior', 'mu=0']), /--prior: got "mu=0", expected KEY=VALUE/);
    expectUserError(runCli(['infer', 'normal', DATA, '--bogus']), /unknown option '--bogus'/);
  });
});
