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
const torus16 = modelFile('torus16.json', '{ "kind": "ising", "lattice": { "shape": "square", "size": [16, 16] }, "coupling": -1 }');
const fieldStrip = modelFile('strip.json', '{ "kind": "ising", "lattice": { "shape": "square", "size": [6, 40], "boundary": ["periodic", "open"] }, "coupling": -1, "field": 0.1 }');
const chain = modelFile('chain.json', '{ "kind": "ising", "lattice": { "shape": "chain", "size": [1000], "boundary": "periodic" }, "coupling": -1, "field": 0.2 }');
const sk40 = modelFile('sk40.json', '{"kind": "ising", "generator": "sk", "spins": 40, "seed": 1}');
const explicit = (body: string) => modelFile(`m${Math.abs(hash(body))}.json`, body);
function hash(text: string): number {
  let h = 0;
  for (const c of text) h = (h * 31 + c.charCodeAt(0)) | 0;
  return h;
}

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
    expect(r.stderr).toMatch(/method: enumeration \(auto\)/);
  });

  it('accepts lists and ranges and prints one row (or object) per temperature', () => {
    const r = runCli(['exact', torus, '--beta', '0.2:0.6:0.2', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).map((x: { beta: number }) => x.beta)).toEqual([0.2, 0.4, 0.6]);
    const table = runCli(['exact', torus, '-T', '1.5,2.5']);
    expect(table.code).toBe(0);
    expect(table.stdout.trim().split('\n')).toHaveLength(5);
  });

  it('reads the model from stdin', () => {
    const r = runCli(['exact', '-', '-T', '2', '--json'], { input: '{"kind":"ising","spins":2,"couplings":[[0,1,-1]]}' });
    expect(r.code).toBe(0);
    // Two spins, E = -s0 s1: Z = 2e^{1/2} + 2e^{-1/2} at T = 2.
    expect(JSON.parse(r.stdout).logZ).toBeCloseTo(Math.log(2 * Math.exp(0.5) + 2 * Math.exp(-0.5)), 12);
  });

  it('every method that applies to a 4x4 torus gives the same answer; onsager reports the infinite lattice per site', () => {
    const results = Object.fromEntries(['enumeration', 'transfer-matrix', 'torus', 'onsager'].map((m) => {
      const r = runCli(['exact', torus, '-T', '2.5', '--method', m, '--json']);
      expect(r.code).toBe(0);
      return [m, JSON.parse(r.stdout)];
    }));
    for (const m of ['transfer-matrix', 'torus']) expect(Math.abs(results[m].logZ - results.enumeration.logZ)).toBeLessThan(1e-12 * results.enumeration.logZ);
    expect(results.torus.absMagnetization).toBeUndefined();
    expect(results.onsager.spins).toBe(1);
    expect(results.onsager.note).toMatch(/infinite square lattice.*per site/);
    expect(results.onsager.criticalTemperature).toBeCloseTo(2.269185314213022, 12);
    const table = runCli(['exact', torus, '-T', '2', '--method', 'onsager']);
    expect(table.stdout).toMatch(/infinite-lattice limit \(Onsager\), values per site/);
  });

  it('auto picks Kaufman for a large torus, transfer matrices for chains and strips', () => {
    const big = runCli(['exact', torus16, '-T', '2.269']);
    expect(big.stderr).toMatch(/method: torus \(auto\)/);
    expect(big.stdout).toMatch(/Kaufman's formula, 16x16 torus/);
    const strip = runCli(['exact', fieldStrip, '-T', '2', '--json']);
    expect(strip.stderr).toMatch(/method: transfer-matrix \(auto\)/);
    expect(JSON.parse(strip.stdout).note).toMatch(/strip W = 6 \(periodic across\) x L = 40 \(open along\)/);
    const ring = JSON.parse(runCli(['exact', chain, '-T', '1', '--json']).stdout);
    expect(ring.method).toBe('transfer-matrix');
    expect(typeof ring.absMagnetization).toBe('number');
  });

  it.each([
    // temperatures
    [['exact', torus, '-T', '-1'], /--temperature: got -1, expected values > 0/],
    [['exact', torus, '-T', '0'], /--temperature: got 0, expected values > 0/],
    [['exact', torus, '-b', '-0.5'], /--beta: got -0.5, expected values > 0/],
    [['exact', torus, '-T', 'abc'], /--temperature: got "abc", expected a finite number/],
    [['exact', torus, '-T', 'NaN'], /--temperature: got "NaN", expected a finite number/],
    [['exact', torus, '-T', 'Infinity'], /--temperature: got "Infinity", expected a finite number/],
    [['exact', torus, '-T', '1:0:0.5'], /--temperature: got "1:0:0.5", expected a range/],
    [['exact', torus, '-T', '1', '-b', '1'], /give one of them, not both/],
    [['exact', torus], /--temperature: missing/],
    // options
    [['exact', torus, '-T', '1', '--method', 'magic'], /--method.*magic.*Allowed choices/i],
    [['exact', torus, '-T', '1', '--workers', '0'], /--workers: got "0", expected an integer from 1 to 256/],
    [['exact', torus, '-T', '1', '--bogus'], /unknown option '--bogus'/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    // files
    [['exact', join(dir, 'missing.json'), '-T', '1'], /no such file/],
    [['exact', dir, '-T', '1'], /is a directory/],
    [['exact', modelFile('bad.json', '{"kind": "ising",'), '-T', '1'], /not valid JSON/],
    [['exact', explicit('{"kind": "potts", "spins": 2, "couplings": []}'), '-T', '1'], /kind: got "potts", expected "ising"/],
    // unknown keys, wrong lengths, indices out of range, self-couplings, duplicates, non-finite numbers
    [['exact', explicit('{"kind": "ising", "spins": 3, "couplings": [[0, 1, -1]], "extra": 1}'), '-T', '1'], /unknown key "extra"/],
    [['exact', explicit('{"kind": "ising", "lattice": {"shape": "square", "size": [4, 4], "bogus": 1}, "coupling": -1}'), '-T', '1'], /unknown key "lattice.bogus"/],
    [['exact', explicit('{"kind": "ising", "spins": 3, "fields": [0, 1], "couplings": [[0, 1, -1]]}'), '-T', '1'], /fields: got 2 values, expected 3/],
    [['exact', explicit('{"kind": "ising", "lattice": {"shape": "square", "size": [4]}, "coupling": -1}'), '-T', '1'], /lattice.size: got \[4\], expected 2 positive integers/],
    [['exact', explicit('{"kind": "ising", "spins": 3, "couplings": [[0, 1]]}'), '-T', '1'], /couplings\[0\]: got \[0,1\], expected at least 3 entries/],
    [['exact', explicit('{"kind": "ising", "spins": 3, "couplings": [[0, 3, -1]]}'), '-T', '1'], /couplings\[0\]: spin index 3 out of range, expected 0..2/],
    [['exact', explicit('{"kind": "ising", "spins": 3, "couplings": [[-1, 2, -1]]}'), '-T', '1'], /couplings\[0\]: spin index -1 out of range/],
    [['exact', explicit('{"kind": "ising", "spins": 3, "couplings": [[1, 1, -1]]}'), '-T', '1'], /couplings\[0\]: got self-coupling \[1, 1\]/],
    [['exact', explicit('{"kind": "ising", "spins": 3, "couplings": [[0, 1, -1], [1, 0, 2]]}'), '-T', '1'], /couplings\[1\]: pair \(1, 0\) already coupled in couplings\[0\]/],
    [['exact', explicit('{"kind": "ising", "spins": 3, "couplings": [[0, 1, 1e999]]}'), '-T', '1'], /couplings\[0\]\[2\]: got Infinity, expected a number/],
    [['exact', explicit('{"kind": "ising", "spins": 3, "fields": [0, "NaN", 0], "couplings": []}'), '-T', '1'], /fields\[1\]: got "NaN", expected a number/],
    [['exact', explicit('{"kind": "ising", "lattice": {"shape": "square", "size": [4, 4]}, "coupling": -1, "field": -1e400}'), '-T', '1'], /field: got -Infinity, expected a number/],
    // methods that do not apply
    [['exact', sk40, '-T', '1'], /no exact method applies.*enumeration: 40 spins > 36/],
    [['exact', sk40, '-T', '1', '--method', 'enumeration'], /--method: enumeration does not apply to this model \(40 spins > 36\)/],
    [['exact', sk40, '-T', '1', '--method', 'transfer-matrix'], /--method: transfer-matrix does not apply.*not a chain/],
    [['exact', fieldStrip, '-T', '1', '--method', 'torus'], /--method: torus does not apply.*not periodic both ways/],
    [['exact', fieldStrip, '-T', '1', '--method', 'onsager'], /--method: onsager does not apply.*field h = 0.1/],
    [['exact', chain, '-T', '1', '--method', 'onsager'], /--method: onsager does not apply.*not a square lattice/],
    [['exact', explicit('{"kind": "ising", "lattice": {"shape": "square", "size": [3, 4]}, "coupling": 1}'), '-T', '1', '--method', 'torus'], /torus does not apply.*frustrated/],
  ])('rejects %j with one clear line and exit 2', (args, pattern) => {
    expectUserError(runCli(args as string[]), pattern);
  });
});

describe('gibbs model', () => {
  it('summarises a model and lists every exact method with a reason', () => {
    const r = runCli(['model', torus, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.spins).toBe(16);
    expect(out.edges).toBe(32);
    expect(out.exactMethods.map((m: { method: string; applies: boolean }) => [m.method, m.applies])).toEqual([['enumeration', true], ['transfer-matrix', true], ['torus', true], ['onsager', true]]);
    const text = runCli(['model', fieldStrip]).stdout;
    expect(text).toMatch(/spins:\s+240/);
    expect(text).toMatch(/no {2}torus\s+not periodic both ways/);
    expect(text).toMatch(/yes transfer-matrix\s+strip W = 6/);
  });

  it('shows help with examples and the version', () => {
    expect(runCli(['--help']).stdout).toMatch(/Examples:/);
    expect(runCli(['exact', '--help']).stdout).toMatch(/Methods:[\s\S]*Examples:/);
    expect(runCli(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
