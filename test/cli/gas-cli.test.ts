import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseExtendedXyz } from '../../src/models/particles/extended-xyz.js';
import { expectUserError, runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'gibbs-gas-cli-'));
const file = (name: string) => join(dir, name);

function json(args: string[]) {
  const r = runCli([...args, '--json']);
  if (r.code !== 0) throw new Error(`gibbs ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  return JSON.parse(r.stdout);
}

const smallLj = ['gas', '--potential', 'lj', '--particles', '108', '--density', '0.6', '--temperature', '1.5', '--cutoff', '1.8', '--tail-correction', '--sweeps', '200', '--burn-in', '50', '--chains', '2'];
// Worker threads only where they are the point (each one loads the library again).
const oneThread = ['--workers', '1'];

describe('gibbs gas: Monte Carlo', () => {
  it('prints the issue\'s JSON keys and writes g(r), XYZ snapshots and a picture', () => {
    const out = json([...smallLj, '--widom', '10', '--rdf', file('rdf.csv'), '--rdf-bins', '40', '--xyz', file('final.xyz'), ...oneThread]);
    for (const key of ['energyPerParticle', 'pressure', 'excessChemicalPotential']) {
      expect(Object.keys(out[key]).sort()).toEqual(['error', 'ess', 'mean', 'rHat', 'tau']);
      expect(Number.isFinite(out[key].mean)).toBe(true);
    }
    expect(out.acceptance).toBeGreaterThan(0.2);
    expect(out.acceptance).toBeLessThan(0.7);
    expect(out.stepSize).toBeGreaterThan(0);
    expect(out.rdf).toBe(file('rdf.csv'));
    const rows = readFileSync(file('rdf.csv'), 'utf8').trim().split('\n');
    expect(rows[0]).toBe('r,g,error');
    expect(rows).toHaveLength(41);
    // g(r) vanishes inside the core and peaks near r = 1.1.
    const g = rows.slice(1).map((row) => row.split(',').map(Number));
    expect(g[5][1]).toBe(0);
    expect(Math.max(...g.map((row) => row[1]))).toBeGreaterThan(1.3);
    const frames = parseExtendedXyz(readFileSync(file('final.xyz'), 'utf8'));
    expect(frames).toHaveLength(2);
    expect(frames[0].positions.length).toBe(3 * 108);
    expect(frames[1].info.chain).toBe('1');
    expect(frames[0].pbc).toEqual([true, true, true]);
  });

  it('writes a trajectory of chain 0 with --xyz-every, with the same numbers as a threaded run', () => {
    const out = json([...smallLj, '--xyz', file('traj.xyz'), '--xyz-every', '50']);
    const frames = parseExtendedXyz(readFileSync(file('traj.xyz'), 'utf8'));
    expect(frames.map((f) => Number(f.info.sweep))).toEqual([0, 50, 100, 150, 200, 250]);
    expect(json([...smallLj, '--workers', '2']).energyPerParticle).toEqual(out.energyPerParticle);
  });

  it('gives the same numbers for any number of worker threads', () => {
    const one = json([...smallLj, ...oneThread]);
    const two = json([...smallLj, '--workers', '2']);
    expect(two.energyPerParticle).toEqual(one.energyPerParticle);
    expect(two.pressure).toEqual(one.pressure);
  });

  it('draws 2D configurations as PNG and SVG', () => {
    const base = ['gas', '--potential', 'hard-sphere', '--dimension', '2', '-N', '64', '--density', '0.5', '-T', '1', '--sweeps', '50', '--chains', '1', ...oneThread];
    expect(runCli([...base, '--picture', file('hs.png')]).code).toBe(0);
    const png = readFileSync(file('hs.png'));
    expect(Array.from(png.subarray(0, 8))).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
    expect(runCli([...base, '--picture', file('hs.svg')]).code).toBe(0);
    const svg = readFileSync(file('hs.svg'), 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect((svg.match(/<circle/g) ?? []).length).toBeGreaterThanOrEqual(64);
  });

  it('reads a tabulated potential and restarts from an XYZ snapshot', () => {
    const r = Array.from({ length: 60 }, (_, k) => 0.9 + (k * 1.6) / 59);
    writeFileSync(file('lj.table'), `# r u\n${r.map((x) => `${x} ${4 * (x ** -12 - x ** -6)}`).join('\n')}\n`);
    const out = json(['gas', '--potential', `table:${file('lj.table')}`, '-N', '108', '--density', '0.6', '-T', '1.5', '--sweeps', '100', '--chains', '1', '--xyz', file('table.xyz'), ...oneThread]);
    expect(out.potential).toBe('table');
    const again = json(['gas', '--potential', `table:${file('lj.table')}`, '-N', '108', '--density', '0.6', '-T', '1.5', '--sweeps', '100', '--chains', '1', '--start', file('table.xyz'), ...oneThread]);
    expect(Number.isFinite(again.energyPerParticle.mean)).toBe(true);
  });
});

describe('gibbs gas --ideal', () => {
  it('harmonic trap: exact thermodynamics (equipartition)', () => {
    const out = json(['gas', '--ideal', '--external', 'harmonic', '-N', '50', '-T', '2', '--stiffness', '3']);
    expect(out.method).toBe('closed-form');
    expect(out.energy).toBeCloseTo(1.5 * 50 * 2, 10);
    expect(out.heatCapacity).toBeCloseTo(1.5 * 50, 10);
    expect(out.logZ).toBeCloseTo(50 * 1.5 * Math.log((2 * Math.PI * 2) / 3), 10);
    expect(out.pressure).toBeNull();
    expect(out.profile.probability.reduce((a: number, b: number) => a + b, 0)).toBeGreaterThan(0.999);
  });

  it('gravity with --sweeps: Monte Carlo agrees with the exact energy and writes the profile', () => {
    const out = json(['gas', '--ideal', '--external', 'gravity', '-N', '40', '--density', '0.05', '-T', '1', '--sweeps', '3000', '--chains', '2', '--profile', file('column.csv'), '--profile-bins', '10', ...oneThread]);
    const e = out.energyPerParticle;
    expect(Math.abs(e.mean - out.exact.perParticle.energy)).toBeLessThan(4 * e.error);
    const csv = readFileSync(file('column.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('x,probability,error,linear_density,exact_probability,exact_linear_density');
    expect(csv).toHaveLength(11);
    const table = runCli(['gas', '--ideal', '--external', 'gravity', '-N', '40', '--density', '0.05', '-T', '1']);
    expect(table.stdout).toMatch(/pressure on the walls across axis 2/);
  });
});

describe('gibbs gas: checkpoints', () => {
  const bin = fileURLToPath(new URL('../../bin/gibbs.js', import.meta.url));
  const args = ['gas', '--potential', 'lj', '-N', '108', '--density', '0.6', '-T', '1.5', '--cutoff', '1.8', '--shift', '--sweeps', '1500', '--burn-in', '100', '--chains', '2', '--workers', '1', '--json'];

  it('a run killed with SIGKILL and resumed ends exactly like an uninterrupted run', async () => {
    const reference = json(args.slice(0, -1));
    const checkpoint = file('run.ckpt');
    // Start, wait for the first checkpoint, kill hard.
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [bin, ...args, '--checkpoint', checkpoint, '--checkpoint-every', '0.2'], { stdio: 'ignore' });
      const timer = setInterval(() => {
        if (existsSync(checkpoint)) {
          clearInterval(timer);
          child.kill('SIGKILL');
        }
      }, 20);
      child.on('exit', (code, signal) => {
        clearInterval(timer);
        if (signal === 'SIGKILL' || code === 0) resolve();
        else reject(new Error(`run exited with ${code}`));
      });
    });
    expect(existsSync(checkpoint)).toBe(true);
    const resumed = runCli([...args, '--checkpoint', checkpoint, '--resume']);
    expect(resumed.code).toBe(0);
    const out = JSON.parse(resumed.stdout);
    expect(out.energyPerParticle).toEqual(reference.energyPerParticle);
    expect(out.pressure).toEqual(reference.pressure);
    // A different run refuses that checkpoint.
    expectUserError(runCli([...args.slice(0, -1), '--seed', '2', '--checkpoint', checkpoint, '--resume']), /--checkpoint .*different run.*seed/);
  });
});

describe('gibbs gas: bad input', () => {
  const base = ['gas', '--potential', 'lj', '-N', '100', '--density', '0.5', '-T', '1'];
  it.each([
    [['gas', '-N', '100', '--density', '0.5', '-T', '1'], /--potential: missing/],
    [['gas', '--potential', 'morse', '-N', '100', '--density', '0.5', '-T', '1'], /--potential: got "morse", expected one of lj, wca/],
    [['gas', '--potential', `table:${join(dir, 'missing.txt')}`, '-N', '10', '--density', '0.5', '-T', '1'], /no such file/],
    [['gas', '--potential', 'lj', '--density', '0.5', '-T', '1'], /--particles: missing/],
    [['gas', '--potential', 'lj', '-N', '0', '--density', '0.5', '-T', '1'], /--particles: got "0"/],
    [['gas', '--potential', 'lj', '-N', '100', '-T', '1'], /--density: missing/],
    [['gas', '--potential', 'lj', '-N', '100', '--density', '-2', '-T', '1'], /--density: got "-2", expected a number > 0/],
    [[...base, '--dimension', '4'], /--dimension: got "4", expected one of 2, 3/],
    [[...base, '--cutoff', '5'], /cutoff: got 5, expected at most half the shortest periodic box side/],
    [['gas', '--potential', 'hard-sphere', '-N', '100', '--density', '0.5', '-T', '1', '--tail-correction'], /--tail-correction: the hard-sphere potential has no long-range tail/],
    [['gas', '--potential', 'wca', '-N', '100', '--density', '0.5', '-T', '1', '--shift'], /--shift: the WCA potential is not truncated/],
    [['gas', '--potential', 'hard-sphere', '-N', '100', '--density', '0.95', '-T', '1', '--start', 'random'], /--start random: could not place particle/],
    [['gas', '--potential', 'lj', '--ideal', '-N', '10', '--density', '0.5', '-T', '1'], /--ideal and --potential/],
    [['gas', '--ideal', '--external', 'harmonic', '-N', '10', '--density', '0.5', '-T', '1'], /--density: a harmonic trap in open space has no volume/],
    [['gas', '--potential', 'lj', '--external', 'gravity', '-N', '100', '--density', '0.1', '-T', '1', '--widom', '5'], /--widom: Widom insertion needs a homogeneous fluid/],
    [[...base, '--picture', file('x.png')], /--picture: pictures are of 2D configurations/],
    [[...base, '--rdf', join(dir, 'no', 'such', 'dir', 'g.csv')], /--rdf .*does not exist/],
    [[...base, '--resume'], /--resume: needs --checkpoint/],
    [[...base, '--external', 'magnetic'], /--external.*magnetic.*Allowed choices/i],
  ])('rejects %j with one clear line and exit 2', (args, pattern) => {
    expectUserError(runCli(args as string[]), pattern);
  });

  it('shows help with examples', () => {
    const help = runCli(['gas', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Examples:/);
    expect(help.stdout).toMatch(/--tail-correction/);
  });
});
