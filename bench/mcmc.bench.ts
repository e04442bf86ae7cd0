// Monte Carlo benchmarks (issue 3):
// 1. ns per spin-flip attempt on the 1024 x 1024 square lattice at T_c: our plain Metropolis
//    (typewriter order), our multi-spin kernel, a plain C peer (gcc -O3, one byte per spin,
//    typewriter, table, xoshiro128**) and a vectorised numpy checkerboard peer. All CPU time
//    (process time), best of several repeats: the machine is shared, wall time is noise.
// 2. Wolff vs Metropolis at T_c for L = 16..128: tau_int of |M| and E in sweeps, CPU seconds
//    per effectively independent sample (2 tau sweeps), and the fitted dynamic exponent z.
import { Rng } from '../src/core/rng.js';
import { estimateSeries } from '../src/core/estimate.js';
import type { AnyKernel } from '../src/mcmc/kernel.js';
import { metropolisKernel } from '../src/mcmc/metropolis.js';
import { multispinKernel } from '../src/mcmc/multispin.js';
import { wolffKernel } from '../src/mcmc/wolff.js';
import { squareModel } from '../src/models/lattices.js';
import { compileC, PEERS_DIR, printTable, pythonHas, ratio, runJson } from './lib.js';

const BETA_C = Math.log(1 + Math.SQRT2) / 2;

function cpuNs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) * 1000;
}

/** Best CPU ns per spin over `repeats` timed blocks of `sweeps` sweeps (after warm-up sweeps). */
function kernelNsPerSpin(kernel: AnyKernel, size: number, sweeps: number, repeats: number): number {
  const model = squareModel(size, size);
  const rng = Rng.fromSeed(1);
  const state = kernel.init(model, { beta: BETA_C, start: 'up' }, rng);
  for (let i = 0; i < 5; i++) kernel.sweep(state, rng);
  let best = Infinity;
  for (let r = 0; r < repeats; r++) {
    const start = cpuNs();
    for (let i = 0; i < sweeps; i++) kernel.sweep(state, rng);
    best = Math.min(best, (cpuNs() - start) / (sweeps * size * size));
  }
  return best;
}

interface PeerResult {
  nsPerSpin: number;
  energyPerSpin: number;
  acceptance: number;
}

/** Our Metropolis from all spins up, seed 1: the same chain as the C peer (same generator, seeding, order, thresholds). */
function sameChainAsC(size: number, sweeps: number, peer: PeerResult): string {
  const model = squareModel(size, size);
  const rng = Rng.fromSeed(1);
  const state = metropolisKernel.init(model, { beta: BETA_C, start: 'up' }, rng);
  let accepted = 0;
  for (let i = 0; i < sweeps; i++) accepted += metropolisKernel.sweep(state, rng).accepted;
  const same = (state.energy / (size * size)).toFixed(6) === peer.energyPerSpin.toFixed(6) && (accepted / (sweeps * size * size)).toFixed(6) === peer.acceptance.toFixed(6);
  return same ? 'yes (energy and acceptance agree to 6 digits)' : `NO (ours E/N ${(state.energy / (size * size)).toFixed(6)}, C ${peer.energyPerSpin.toFixed(6)})`;
}

function flipRates(): void {
  const size = 1024;
  const binary = compileC('mcmc-metropolis.c');
  let c = Infinity;
  let cCodes = Infinity;
  let first: PeerResult | undefined;
  for (let r = 0; r < 5; r++) {
    const plainRun = runJson<PeerResult>(binary, [String(size), String(BETA_C), '20', '1']);
    first ??= plainRun;
    c = Math.min(c, plainRun.nsPerSpin);
    cCodes = Math.min(cCodes, runJson<PeerResult>(binary, [String(size), String(BETA_C), '20', '1', 'codes']).nsPerSpin);
  }
  const plain = kernelNsPerSpin(metropolisKernel, size, 10, 5);
  const multi = kernelNsPerSpin(multispinKernel, size, 40, 5);
  const rows: Array<Array<string | number>> = [
    ['gibbs Metropolis (TS, typewriter, cached neighbour sums)', plain, ratio(plain, c), 'within 1.5x of C', plain <= 1.5 * c ? 'met' : 'NOT met'],
    ['gibbs multi-spin (TS, 32 spins/word, exact)', multi, ratio(multi, c), '>= 4x faster than C', c >= 4 * multi ? 'met' : 'NOT met'],
    ['C peer (gcc -O3, byte/spin, typewriter)', c, '1.00x', '', ''],
    ['C peer with cached neighbour sums (as gibbs)', cCodes, ratio(cCodes, c), 'for reference', `gibbs is ${ratio(plain, cCodes)} of it`],
  ];
  if (pythonHas('numpy')) {
    let numpy = Infinity;
    for (let r = 0; r < 3; r++) numpy = Math.min(numpy, runJson<{ nsPerSpin: number }>('python3', [`${PEERS_DIR}mcmc_checkerboard.py`, String(size), String(BETA_C), '3']).nsPerSpin);
    rows.push(['numpy checkerboard (vectorised)', numpy, ratio(numpy, c), '', '']);
  } else rows.push(['numpy checkerboard', 'numpy not installed', '', '', '']);
  printTable(`Square lattice ${size}x${size} at T_c: CPU ns per spin-flip attempt (best of repeats; ratio = time / C time)`, ['kernel', 'ns/spin', 'vs C', 'target', ''], rows);
  console.log(`\nSame Markov chain as the C peer (20 sweeps from all up, seed 1): ${sameChainAsC(size, 20, first as PeerResult)}`);
}

interface TauPoint {
  size: number;
  tauAbsM: number;
  tauE: number;
  secondsPerSweep: number;
}

/** One chain at T_c: tau_int (sweeps) of |M| and E, and CPU seconds per sweep. */
function tauAt(kernel: AnyKernel, size: number, sweeps: number, burnIn: number): TauPoint {
  const model = squareModel(size, size);
  const rng = Rng.fromSeed(size);
  const state = kernel.init(model, { beta: BETA_C }, rng);
  for (let i = 0; i < burnIn; i++) {
    const info = kernel.sweep(state, rng);
    kernel.adapt?.(state, info, i + 1, burnIn);
  }
  const observables = kernel.observables(model, { beta: BETA_C });
  const row = new Float64Array(observables.scalars.length);
  const energy = new Float64Array(sweeps);
  const absM = new Float64Array(sweeps);
  const start = cpuNs();
  for (let i = 0; i < sweeps; i++) {
    kernel.sweep(state, rng);
    observables.measure(state, row);
    energy[i] = row[0];
    absM[i] = row[3];
  }
  const seconds = (cpuNs() - start) / 1e9;
  return { size, tauAbsM: estimateSeries(absM).tau, tauE: estimateSeries(energy).tau, secondsPerSweep: seconds / sweeps };
}

/** Least-squares slope of log y against log x: the dynamic exponent z in tau ~ L^z. */
function fitExponent(points: TauPoint[], pick: (p: TauPoint) => number): number {
  const xs = points.map((p) => Math.log(p.size));
  const ys = points.map((p) => Math.log(pick(p)));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  xs.forEach((x, i) => {
    num += (x - mx) * (ys[i] - my);
    den += (x - mx) ** 2;
  });
  return num / den;
}

function criticalSlowingDown(): void {
  const sizes = [16, 32, 64, 128];
  // Runs of many autocorrelation times (Metropolis tau_|M| grows like L^2.17).
  const metropolis = sizes.map((size) => tauAt(metropolisKernel, size, Math.round(15 * size * size), Math.round(2 * size * size)));
  const wolff = sizes.map((size) => tauAt(wolffKernel, size, 20000, 2000));
  const rows: Array<Array<string | number>> = [];
  for (const [name, points] of [['Metropolis', metropolis], ['Wolff', wolff]] as const) {
    for (const p of points) {
      const tau = Math.max(p.tauAbsM, p.tauE);
      rows.push([name, p.size, p.tauAbsM, p.tauE, p.secondsPerSweep * 1e3, 2 * tau * p.secondsPerSweep]);
    }
  }
  printTable('Critical slowing down at T_c (tau_int in sweeps; CPU seconds per independent sample = 2 max(tau) x seconds per sweep)', ['kernel', 'L', 'tau |M|', 'tau E', 'ms/sweep', 's/indep. sample'], rows);
  printTable('Fitted dynamic exponent z (tau ~ L^z; literature: Metropolis ~2.17, Wolff ~0.25)', ['kernel', 'z from tau |M|', 'z from tau E'], [
    ['Metropolis', fitExponent(metropolis, (p) => p.tauAbsM), fitExponent(metropolis, (p) => p.tauE)],
    ['Wolff', fitExponent(wolff, (p) => p.tauAbsM), fitExponent(wolff, (p) => p.tauE)],
  ]);
  const last = (points: TauPoint[]) => points[points.length - 1];
  const speedup = (2 * Math.max(last(metropolis).tauAbsM, last(metropolis).tauE) * last(metropolis).secondsPerSweep) / (2 * Math.max(last(wolff).tauAbsM, last(wolff).tauE) * last(wolff).secondsPerSweep);
  console.log(`\nAt L = 128 Wolff needs ${speedup.toFixed(1)}x less CPU time per independent sample than Metropolis.`);
}

export async function run(): Promise<void> {
  flipRates();
  criticalSlowingDown();
}
