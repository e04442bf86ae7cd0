import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { expectUserError, runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'gibbs-sample-'));
function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
const torus = file('torus.json', '{ "kind": "ising", "lattice": { "shape": "square", "size": [4, 4] }, "coupling": -1 }');
const torus16 = file('torus16.json', '{ "kind": "ising", "lattice": { "shape": "square", "size": [16, 16] }, "coupling": -1 }');
const sk = file('sk.json', '{ "kind": "ising", "generator": "sk", "spins": 10, "seed": 1 }');
const bin = fileURLToPath(new URL('../../bin/gibbs.js', import.meta.url));

describe('gibbs sample', () => {
  it('prints the JSON keys of the issue, each observable with mean, error, tau, ess, rHat', () => {
    const r = runCli(['sample', torus, '-T', '2.269', '--sweeps', '2000', '--algorithm', 'metropolis', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    for (const key of ['algorithm', 'temperature', 'beta', 'sweeps', 'chains', 'acceptance']) expect(out).toHaveProperty(key);
    for (const key of ['energy', 'magnetization', 'absMagnetization', 'heatCapacity', 'susceptibility', 'binder']) {
      expect(Object.keys(out[key]).sort()).toEqual(['error', 'ess', 'mean', 'rHat', 'tau']);
    }
    expect(out.perSpin.energy.mean).toBeCloseTo(out.energy.mean / 16, 12);
    expect(out.chains).toBe(4);
    expect(r.stderr.split('\n').filter((line) => line && !line.startsWith('warning: '))).toEqual([]);
  });

  it('says which algorithm auto picked: Wolff near T_c for a ferromagnet, tempering for SK', () => {
    const ferro = runCli(['sample', torus, '-T', '2.3', '--sweeps', '500']);
    expect(ferro.stderr).toMatch(/algorithm: wolff \(auto: ferromagnet near T_c/);
    expect(ferro.stdout).toMatch(/energy/);
    const glass = JSON.parse(runCli(['sample', sk, '-T', '0.5', '--sweeps', '300', '--json']).stdout);
    expect(glass.algorithm).toBe('tempering');
    expect(glass.autoReason).toMatch(/frustrated/);
    expect(glass.stats[0].swapAcceptance).toHaveLength(7);
  });

  it('gives the same numbers on 1 or 2 worker threads and warns about short runs', () => {
    const args = ['sample', torus, '-T', '2.0', '--sweeps', '40', '--algorithm', 'heat-bath', '--json'];
    const one = runCli([...args, '--workers', '1']);
    const two = runCli([...args, '--workers', '2']);
    expect(one.stdout).toBe(two.stdout);
    expect(one.stderr).toMatch(/^warning: .*shorter than 50 autocorrelation times/m);
  });

  it('writes the time series as CSV and a PNG snapshot with one pixel per spin', () => {
    const series = join(dir, 'series.csv');
    const png = join(dir, 'spins.png');
    const r = runCli(['sample', torus16, '-T', '1.5', '--sweeps', '50', '--chains', '2', '--algorithm', 'multispin', '--series', series, '--snapshot', png, '--json']);
    expect(r.code).toBe(0);
    const lines = readFileSync(series, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('chain,measurement,sweep,energy,energySquared,magnetization,absMagnetization,magnetizationSquared,magnetizationFourth');
    expect(lines).toHaveLength(1 + 2 * 50);
    const bytes = readFileSync(png);
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(bytes.readUInt32BE(16)).toBe(16); // width
    expect(bytes.readUInt32BE(20)).toBe(16); // height
    const idatLength = bytes.readUInt32BE(33);
    const raw = inflateSync(bytes.subarray(41, 41 + idatLength));
    expect(raw.length).toBe(16 * 17);
    // Pixels are 0 or 255, and at T = 1.5 most spins agree (the picture is mostly one colour).
    const pixels = [...raw].filter((_, i) => i % 17 !== 0);
    expect(pixels.every((p) => p === 0 || p === 255)).toBe(true);
    const white = pixels.filter((p) => p === 255).length;
    expect(Math.max(white, 256 - white)).toBeGreaterThan(200);
  });

  it('shows a progress bar on a terminal only, and never with --json', () => {
    // `script` (util-linux) runs the command on a pseudo-terminal.
    const onTerminal = (extra: string) => spawnSync('script', ['-qc', `${process.execPath} ${bin} sample ${torus16} -T 2.269 --algorithm metropolis --sweeps 20000 --chains 1 ${extra}`, '/dev/null'], { encoding: 'utf8' }).stdout;
    expect(onTerminal('')).toMatch(/sampling \[.*\] \d+% \| \d+\/22000 sweeps/);
    expect(onTerminal('--json')).not.toMatch(/sampling \[/);
  });

  it('resumes a run killed with SIGKILL and ends with exactly the uninterrupted result', async () => {
    const args = ['sample', torus16, '-T', '2.269', '--algorithm', 'metropolis', '--sweeps', '30000', '--interval', '5', '--chains', '2', '--seed', '9', '--json'];
    const reference = runCli(args);
    expect(reference.code).toBe(0);
    const checkpoint = join(dir, 'run.ckpt');
    const child = spawn(process.execPath, [bin, ...args, '--checkpoint', checkpoint, '--checkpoint-every', '0.1'], { stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    const start = Date.now();
    while (!existsSync(checkpoint) && Date.now() - start < 60_000) await new Promise((r) => setTimeout(r, 10));
    child.kill('SIGKILL');
    await exited;
    expect(child.signalCode).toBe('SIGKILL');
    const saved = JSON.parse(readFileSync(checkpoint, 'utf8'));
    expect(saved.chains.some((c: { sweepsDone: number }) => c.sweepsDone < 33000)).toBe(true);
    const resumed = runCli([...args, '--checkpoint', checkpoint, '--checkpoint-every', '0.1', '--resume']);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toBe(reference.stdout);
    // A different seed refuses the checkpoint instead of mixing two runs.
    expectUserError(runCli([...args.slice(0, -3), '--seed', '10', '--json', '--checkpoint', checkpoint, '--resume']), /written by a different run \(seed/);
    expectUserError(runCli([...args, '--checkpoint', checkpoint]), /file exists; pass --resume/);
  });

  it.each([
    [['sample', torus], /--temperature: missing/],
    [['sample', torus, '-T', '-2'], /--temperature: got -2, expected values > 0/],
    [['sample', torus, '-T', '1,2'], /expected one value/],
    [['sample', torus, '-T', '2', '--sweeps', '0'], /--sweeps: got "0", expected an integer >= 1/],
    [['sample', torus, '-T', '2', '--sweeps', '1e99'], /--sweeps/],
    [['sample', torus, '-T', '2', '--sweeps', '20', '--interval', '5'], /--sweeps: got "20", expected at least 8 measurements per chain/],
    [['sample', torus, '-T', '2', '--chains', '0'], /--chains: got "0"/],
    [['sample', torus, '-T', '2', '--seed', '-1'], /--seed: got "-1"/],
    [['sample', torus, '-T', '2', '--burn-in', 'x'], /--burn-in: got "x"/],
    [['sample', torus, '-T', '2', '--algorithm', 'magic'], /--algorithm.*magic.*Allowed choices/i],
    [['sample', sk, '-T', '2', '--algorithm', 'multispin'], /multispin: needs one coupling value/],
    [['sample', torus, '-T', '2', '--algorithm', 'wolff', '--order', 'random'], /--order: applies to metropolis and heat-bath/],
    [['sample', torus, '-T', '2', '--order', 'diagonal', '--algorithm', 'metropolis'], /--order: got "diagonal"/],
    [['sample', file('tri.json', '{ "kind": "ising", "lattice": { "shape": "triangular", "size": [3, 3] }, "coupling": 1 }'), '-T', '2', '--algorithm', 'metropolis', '--order', 'checkerboard'], /checkerboard needs a bipartite graph/],
    [['sample', sk, '-T', '1', '--snapshot', join(dir, 'x.png')], /--snapshot: spin pictures need a lattice model/],
    [['sample', torus, '-T', '1', '--snapshot', join(dir, 'x.jpg')], /--snapshot: got .*expected a file name ending in .png/],
    [['sample', torus, '-T', '1', '--resume'], /--resume: needs --checkpoint/],
    [['sample', torus, '-T', '1', '--algorithm', 'tempering', '--t-max', '0.5'], /--t-max: got "0.5", expected a temperature above/],
    [['sample', torus, '-T', '1', '--algorithm', 'tempering', '--replicas', '1'], /--replicas: got "1"/],
    [['sample', torus, '-T', '1', '--checkpoint', file('junk.ckpt', 'not json'), '--resume'], /not a readable checkpoint/],
  ])('rejects %j with one clear line and exit 2', (args, pattern) => {
    expectUserError(runCli(args as string[]), pattern);
  });
});
