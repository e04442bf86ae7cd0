import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectUserError, runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'gibbs-compare-'));
const torus = join(dir, 'torus.json');
writeFileSync(torus, '{ "kind": "ising", "lattice": { "shape": "square", "size": [3, 3] }, "coupling": -1 }');
const big = join(dir, 'big.json');
writeFileSync(big, '{ "kind": "ising", "generator": "sk", "spins": 34, "seed": 1 }');
const torus8 = join(dir, 'torus8.json');
writeFileSync(torus8, '{ "kind": "ising", "lattice": { "shape": "square", "size": [8, 8] }, "coupling": -1 }');

describe('gibbs compare', () => {
  it('runs exact and every variational method and measures them against exact', () => {
    const r = runCli(['compare', torus, '-T', '2.5', '--steps', '30', '--batch', '32', '--samples', '2000', '--json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Array<{ method: string; kind: string; freeEnergy: number; errorVsExact: number; seconds: number }>;
    expect(rows.map((row) => row.method)).toEqual(['exact (enumeration)', 'monte-carlo (thermodynamic integration)', 'mean-field', 'tap', 'bethe', 'autoregressive F_q', 'autoregressive IS']);
    expect(rows[0].kind).toBe('exact');
    expect(rows[0].errorVsExact).toBe(0);
    const mf = rows[2];
    expect(rows[1].kind).toBe('estimate');
    expect(mf.kind).toBe('upper bound');
    expect(mf.errorVsExact).toBeGreaterThan(0);
    for (const row of rows) expect(row.seconds).toBeGreaterThanOrEqual(0);
  });

  it('skips exact enumeration when it is infeasible and says so', () => {
    const r = runCli(['compare', big, '-T', '3', '--methods', 'exact,mean-field,bethe']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/mean-field/);
    expect(r.stdout).not.toMatch(/enumeration/);
    expect(r.stderr).toMatch(/skipped exact: 34 spins > 30 for enumeration/);
  });

  it('uses the best exact method as the reference: Kaufman for a square torus', () => {
    const r = runCli(['compare', torus8, '-T', '3', '--methods', 'exact,mean-field', '--json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Array<{ method: string; errorVsExact: number }>;
    expect(rows.map((row) => row.method)).toEqual(['exact (torus)', 'mean-field']);
    expect(rows[1].errorVsExact).toBeGreaterThan(0);
  });

  it.each([
    [['compare', torus], /--temperature: missing/],
    [['compare', torus, '-T', '2', '--methods', 'magic'], /--methods: got "magic"/],
    [['compare', torus, '-T', '2', '--steps', 'x'], /--steps: got "x"/],
  ])('rejects %j with one clear line and exit 2', (args, pattern) => {
    expectUserError(runCli(args as string[]), pattern);
  });
});
