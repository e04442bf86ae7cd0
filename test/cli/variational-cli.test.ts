import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectUserError, runCli } from '../helpers/cli.js';

const bin = fileURLToPath(new URL('../../bin/gibbs.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'gibbs-variational-'));
function modelFile(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
const torus = modelFile('torus.json', '{ "kind": "ising", "lattice": { "shape": "square", "size": [3, 3] }, "coupling": -1 }');
const sk = modelFile('sk.json', '{ "kind": "ising", "generator": "sk", "spins": 8, "seed": 2, "field": 0.1 }');
const small = ['--steps', '40', '--batch', '32', '--width', '8', '--samples', '2000'];

describe('gibbs variational', () => {
  it.each(['mean-field', 'tap', 'bethe'])('--method %s prints the documented JSON keys', (method) => {
    const r = runCli(['variational', sk, '--method', method, '-b', '0.5', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.method).toBe(method);
    expect(out.bound).toBe(method === 'mean-field' ? 'upper' : 'none');
    for (const key of ['freeEnergy', 'logZ', 'energy', 'entropy', 'iterations']) expect(Number.isFinite(out[key])).toBe(true);
    expect(out.magnetization).toHaveLength(8);
    expect(out.converged).toBe(true);
    expect(out.logZ).toBeCloseTo(-0.5 * out.freeEnergy, 10);
  });

  it('sweeps temperatures (one row per point) and warns about unconverged points', () => {
    const r = runCli(['variational', torus, '-T', '6,5,4,3,2']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(8);
    const capped = runCli(['variational', torus, '-T', '3.9', '--max-iterations', '1', '--starts', '0']);
    expect(capped.code).toBe(0);
    expect(capped.stdout).toMatch(/NO/);
    expect(capped.stderr).toMatch(/did not converge/);
  });

  it('--method autoregressive reports F_q, importance sampling and ESS; saves, loads and resumes', () => {
    const saved = join(dir, 'net.json');
    const r = runCli(['variational', torus, '--method', 'autoregressive', '-T', '2', ...small, '--save', saved, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.bound).toBe('upper');
    for (const key of ['freeEnergy', 'freeEnergyError', 'logZ', 'ess']) expect(Number.isFinite(out[key])).toBe(true);
    expect(Number.isFinite(out.logZImportance.mean) && out.logZImportance.error > 0).toBe(true);
    expect(out.iterations).toBe(40);
    // Loading evaluates the saved network with the same evaluation samples: the same numbers.
    const loaded = JSON.parse(runCli(['variational', torus, '--method', 'autoregressive', '-T', '2', '--load', saved, '--samples', '2000', '--json']).stdout);
    expect(loaded.freeEnergy).toBe(out.freeEnergy);
    expect(loaded.iterations).toBe(0);
    // A finished checkpointed run resumes to the same result (no steps left).
    const checkpoint = join(dir, 'ckpt.json');
    const full = runCli(['variational', torus, '--method', 'autoregressive', '-T', '2', ...small, '--checkpoint', checkpoint, '--json']);
    expect(JSON.parse(full.stdout).freeEnergy).toBe(out.freeEnergy);
    expect(JSON.parse(readFileSync(checkpoint, 'utf8')).step).toBe(40);
    const resumed = runCli(['variational', torus, '--method', 'autoregressive', '-T', '2', ...small, '--checkpoint', checkpoint, '--resume', '--json']);
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout).freeEnergy).toBe(out.freeEnergy);
  });

  it('stops cleanly on SIGINT with a checkpoint, and --resume continues from it', () => {
    const checkpoint = join(dir, 'interrupted.json');
    const args = [bin, 'variational', torus, '--method', 'autoregressive', '-T', '2', '--batch', '16', '--width', '8', '--steps', '100000000', '--checkpoint', checkpoint];
    // stderr to a file: spawnSync closes its pipes when the timeout fires, before the child's last words.
    const errPath = join(dir, 'stderr.txt');
    const errFd = openSync(errPath, 'w');
    const run = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', errFd], timeout: 4000, killSignal: 'SIGINT' });
    closeSync(errFd);
    expect(run.status).toBe(130);
    expect(readFileSync(errPath, 'utf8')).toMatch(/^gibbs: interrupted at step \d+; checkpoint saved/);
    const step = JSON.parse(readFileSync(checkpoint, 'utf8')).step as number;
    expect(step).toBeGreaterThan(0);
    const resumed = runCli(['variational', torus, '--method', 'autoregressive', '-T', '2', '--checkpoint', checkpoint, '--resume', '--steps', String(step + 5), '--samples', '1000', '--json']);
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout).iterations).toBe(step + 5);
  });

  it.each([
    [['variational', torus, '-T', '1', '--method', 'magic'], /--method.*magic/],
    [['variational', torus, '-T', '-1'], /--temperature: got -1/],
    [['variational', torus], /--temperature: missing/],
    [['variational', torus, '-T', '1', '--damping', '1.5'], /damping: got 1.5/],
    [['variational', torus, '-T', '1', '--steps', '10'], /--steps: does not apply to --method mean-field/],
    [['variational', torus, '-T', '1', '--method', 'autoregressive', '--damping', '0.1'], /--damping: does not apply/],
    [['variational', torus, '-T', '1', '--method', 'autoregressive', '--depth', '-1'], /--depth: got "-1"/],
    [['variational', torus, '-T', '1', '--method', 'autoregressive', '--lr', '0'], /--lr: got "0"/],
    [['variational', torus, '-T', '1', '--method', 'autoregressive', '--anneal', '1'], /--anneal: got 1/],
    [['variational', torus, '-T', '1', '--method', 'autoregressive', '--resume'], /--resume: needs --checkpoint/],
    [['variational', torus, '-T', '1,2', '--method', 'autoregressive', '--save', join(dir, 'x.json')], /--save: needs a single temperature/],
    [['variational', torus, '-T', '1', '--method', 'autoregressive', '--load', join(dir, 'missing.json')], /no such file/],
    [['variational', torus, '-T', '1', '--method', 'autoregressive', '--load', join(dir, 'missing.json'), '--width', '3'], /--width: the loaded network .* fixes its architecture/],
    [['variational', torus, '-T', '1', '--method', 'autoregressive', '--load', modelFile('bad-net.json', '{"format": "gibbs-autoregressive-network", "version": 1}')], /activation: got nothing/],
    [['variational', torus, '-T', '1', '--method', 'autoregressive', '--load', modelFile('not-json.json', '{')], /not valid JSON/],
  ])('rejects %j with one clear line and exit 2', (args, pattern) => {
    expectUserError(runCli(args as string[]), pattern);
  });
});
