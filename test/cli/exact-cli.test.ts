import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectUserError, runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'gibbs-cli-'));
function modelFile(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
const torus = modelFile('torus.json', '{ "kind": "ising", "lattice": { "shape": "square", "size": [4, 4] }, "coupling": -1 }');

describe('gibbs exact', () => {
  it('prints JSON with totals and per-spin values', () => {
    const r = runCli(['exact', torus, '--temperature', '2', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.method).toBe('enumeration');
    expect(out.temperature).toBe(2);
    expect(out.perSpin.energy).toBeCloseTo(out.energy / 16, 12);
    expect(out.freeEnergy).toBeCloseTo(-2 * out.logZ, 12);
    for (const key of ['logZ', 'entropy', 'heatCapacity', 'magnetization', 'absMagnetization', 'susceptibility']) expect(typeof out[key]).toBe('number');
  });

  it('accepts lists and ranges and prints one row (or object) per temperature', () => {
    const r = runCli(['exact', torus, '--beta', '0.2:0.6:0.2', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).map((x: { beta: number }) => x.beta)).toEqual([0.2, 0.4, 0.6]);
    const table = runCli(['exact', torus, '-T', '1.5,2.5']);
    expect(table.code).toBe(0);
    expect(table.stdout.trim().split('\n')).toHaveLength(5);
    expect(table.stderr).toMatch(/method: enumeration \(auto\)/);
  });

  it('reads the model from stdin', () => {
    const r = runCli(['exact', '-', '-T', '2', '--json'], { input: '{"kind":"ising","spins":2,"couplings":[[0,1,-1]]}' });
    expect(r.code).toBe(0);
    // Two spins, E = -s0 s1: Z = 2e^{1/2} + 2e^{-1/2} at T = 2.
    expect(JSON.parse(r.stdout).logZ).toBeCloseTo(Math.log(2 * Math.exp(0.5) + 2 * Math.exp(-0.5)), 12);
  });

  it.each([
    [['exact', torus, '-T', '-1'], /--temperature: got -1, expected values > 0/],
    [['exact', torus, '-T', '0'], /--temperature: got 0, expected values > 0/],
    [['exact', torus, '-T', 'abc'], /--temperature: got "abc", expected a finite number/],
    [['exact', torus, '-T', 'NaN'], /--temperature: got "NaN", expected a finite number/],
    [['exact', torus, '-T', 'Infinity'], /--temperature: got "Infinity", expected a finite number/],
    [['exact', torus, '-T', '1', '-b', '1'], /give one of them, not both/],
    [['exact', torus], /--temperature: missing/],
    [['exact', torus, '-T', '1', '--method', 'magic'], /--method.*magic.*Allowed choices/i],
    [['exact', join(dir, 'missing.json'), '-T', '1'], /no such file/],
    [['exact', modelFile('bad.json', '{"kind": "ising",'), '-T', '1'], /not valid JSON/],
    [['exact', modelFile('big.json', '{"kind": "ising", "generator": "sk", "spins": 40, "seed": 1}'), '-T', '1'], /no exact method applies/],
    [['exact', modelFile('big2.json', '{"kind": "ising", "generator": "sk", "spins": 40, "seed": 1}'), '-T', '1', '--method', 'enumeration'], /enumeration does not apply/],
    [['exact', torus, '-T', '1', '--bogus'], /unknown option '--bogus'/],
    [['frobnicate'], /unknown command 'frobnicate'/],
  ])('rejects %j with one clear line and exit 2', (args, pattern) => {
    expectUserError(runCli(args as string[]), pattern);
  });
});

describe('gibbs model', () => {
  it('summarises a model and lists exact methods', () => {
    const r = runCli(['model', torus, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.spins).toBe(16);
    expect(out.edges).toBe(32);
    expect(out.exactMethods.find((m: { method: string }) => m.method === 'enumeration').applies).toBe(true);
    expect(runCli(['model', torus]).stdout).toMatch(/spins:\s+16/);
  });

  it('shows help with examples and the version', () => {
    expect(runCli(['--help']).stdout).toMatch(/Examples:/);
    expect(runCli(['exact', '--help']).stdout).toMatch(/Examples:/);
    expect(runCli(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
