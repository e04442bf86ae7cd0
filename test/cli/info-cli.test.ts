import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectUserError, runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'gibbs-info-cli-'));
const text = 'In the beginning the coin was biased, and its flips carried N H bits. '.repeat(200);
function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
const bin = fileURLToPath(new URL('../../bin/gibbs.js', import.meta.url));

describe('gibbs compress / decompress', () => {
  it('round trips with gzip-like names for every coder and a few models, keeping the input', () => {
    for (const [model, coder] of [['mix', 'range'], ['iid', 'rans']]) {
      const input = file(`a-${model}.txt`, text);
      const c = runCli(['compress', input, '--model', model, '--coder', coder, '--table-bits', '18', '--json']);
      expect(c.code).toBe(0);
      const summary = JSON.parse(c.stdout);
      expect(summary.output).toBe(`${input}.gibbs`);
      expect(summary.bytesOut).toBeLessThan(model === 'iid' || model === 'adaptive' ? 0.7 * text.length : text.length / 4);
      writeFileSync(input, 'will be replaced');
      expectUserError(runCli(['decompress', `${input}.gibbs`]), /already exists \(use --force to overwrite\)/);
      expect(runCli(['decompress', `${input}.gibbs`, '--force']).code).toBe(0);
      expect(readFileSync(input, 'utf8')).toBe(text);
    }
  });

  it('refuses to overwrite without --force and streams stdin to stdout', () => {
    const input = file('b.txt', text);
    expect(runCli(['compress', input]).code).toBe(0);
    expectUserError(runCli(['compress', input]), /b\.txt\.gibbs: already exists/);
    expect(runCli(['compress', input, '--force']).code).toBe(0);
    const packed = spawnSync(process.execPath, [bin, 'compress', '-'], { input: text });
    expect(packed.status).toBe(0);
    const unpacked = spawnSync(process.execPath, [bin, 'decompress', '-'], { input: packed.stdout });
    expect(unpacked.status).toBe(0);
    expect(unpacked.stdout.toString()).toBe(text);
  });

  it('truncated, corrupted and foreign inputs exit 2 with one line and leave no output file', () => {
    const input = file('c.txt', text);
    expect(runCli(['compress', input]).code).toBe(0);
    const packed = readFileSync(`${input}.gibbs`);
    const truncated = file('trunc.gibbs', packed.subarray(0, packed.length - 7));
    expectUserError(runCli(['decompress', truncated]), /corrupt or truncated compressed data: stream ends early/);
    const flipped = Buffer.from(packed);
    flipped[40] ^= 4;
    const corrupted = file('flip.gibbs', flipped);
    expectUserError(runCli(['decompress', corrupted]), /corrupt or truncated compressed data/);
    const foreign = file('foreign.gibbs', 'just some text');
    expectUserError(runCli(['decompress', foreign]), /not a gibbs compressed file/);
    expect(existsSync(join(dir, 'trunc')) || existsSync(join(dir, 'flip')) || existsSync(join(dir, 'foreign'))).toBe(false);
    expect(readdirSync(dir).some((f) => f.endsWith('.tmp'))).toBe(false);
  });

  it('bad arguments are one-line errors', () => {
    const input = file('d.txt', text);
    expectUserError(runCli(['compress', join(dir, 'missing.txt')]), /missing\.txt: no such file/);
    expectUserError(runCli(['compress', input, '--model', 'order9']), /--model: got "order9", expected one of/);
    expectUserError(runCli(['compress', input, '--coder', 'huffman']), /--coder: got "huffman"/);
    expectUserError(runCli(['compress', input, '--block-bits', '40']), /--block-bits: got "40"/);
    expectUserError(runCli(['decompress', input]), /does not end in \.gibbs/);
    expectUserError(runCli(['compress', dir]), /is a directory/);
  });
});

describe('gibbs entropy', () => {
  it('prints empirical entropies per order (JSON and table)', () => {
    const input = file('e.txt', 'ab'.repeat(500));
    const r = runCli(['entropy', input, '--order', '2', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.bytes).toBe(1000);
    expect(out.orders.map((o: { bitsPerByte: number }) => o.bitsPerByte)).toEqual([1, 0, 0]);
    const table = runCli(['entropy', input]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/order\s+bits\/byte/);
    expectUserError(runCli(['entropy', input, '--order', '9']), /--order: got "9", expected an integer from 0 to 5/);
  });
});

describe('gibbs coin', () => {
  it('reports bounds and every code; each decodes and the arithmetic codes sit at -log2 p(x)', () => {
    const r = runCli(['coin', '--p', '0.9', '--n', '20000', '--seed', '3', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.n).toBe(20000);
    expect(out.shannonBits).toBeCloseTo(20000 * -(0.9 * Math.log2(0.9) + 0.1 * Math.log2(0.1)), 6);
    const byName = Object.fromEntries(out.codes.map((c: { method: string }) => [c.method, c]));
    for (const c of out.codes) expect(c.roundTrip).toBe(true);
    const enumerative = byName['enumerative (K, then index)'];
    expect(enumerative.bits).toBe(Math.ceil(out.log2Arrangements) + Math.ceil(Math.log2(20001)));
    expect(Math.abs(byName['range coder (known p)'].bits - out.informationBits)).toBeLessThan(24);
    expect(Math.abs(byName['rANS (known p)'].bits - out.informationBits)).toBeLessThan(96);
    expect(out.aep.at(-1).n).toBe(20000);
    const table = runCli(['coin', '--n', '1001']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/AEP/);
    expectUserError(runCli(['coin', '--p', '1']), /--p: got "1", expected a probability strictly between 0 and 1/);
    expectUserError(runCli(['coin', '--n', '0']), /--n: got "0"/);
  });
});
