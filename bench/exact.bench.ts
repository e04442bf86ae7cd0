// Exact solvers: enumeration states per second for dense SK models against a plain C Gray-code
// enumerator (gcc -O3, one thread) and a vectorised numpy enumeration, plus timings of the
// transfer matrices and Kaufman's torus. N = 24..28 by default; GIBBS_BENCH_N30=1 adds N = 30.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chunkLayout, enumerateChunk, enumerateChunkPlain, finishEnumeration } from '../src/exact/enumerate.js';
import { enumerationResult } from '../src/exact/enumeration-sums.js';
import { kaufmanLogZ } from '../src/exact/kaufman.js';
import { chainTransferMatrix } from '../src/exact/transfer-matrix-chain.js';
import { stripKrylov } from '../src/exact/transfer-matrix-strip-krylov.js';
import { stripSweep } from '../src/exact/transfer-matrix-strip-sweep.js';
import type { Thermodynamics } from '../src/exact/thermodynamics.js';
import type { IsingModel } from '../src/models/ising.js';
import { sherringtonKirkpatrickModel } from '../src/models/disorder.js';
import { chainModel } from '../src/models/lattices.js';
import { PEERS_DIR, bestTime, compileC, printTable, pythonHas, ratio, runJson, timeIt } from './lib.js';

interface PeerResult {
  logZ: number;
  heatCapacity: number;
  seconds: number;
}

/** The text format both peers read: N, the fields, the dense coupling matrix. */
function writePeerModel(model: IsingModel, dir: string): string {
  const n = model.size;
  const dense = new Float64Array(n * n);
  for (const [a, b, j] of model.edges()) {
    dense[a * n + b] = j;
    dense[b * n + a] = j;
  }
  const path = join(dir, `model-${n}.txt`);
  writeFileSync(path, `${n}\n${Array.from(model.fields).join(' ')}\n${Array.from(dense, (x) => x.toPrecision(17)).join(' ')}\n`);
  return path;
}

/** Our enumeration on one thread: the same chunks the workers get, run in turn. */
function enumerateOneThread(model: IsingModel, beta: number): Thermodynamics {
  const layout = chunkLayout(model, 0);
  const chunks = layout.prefixes.map((p) => enumerateChunk(model, beta, p, layout.prefixBits, { spinMeans: false, correlations: false }));
  return finishEnumeration(chunks, layout, 1 / beta);
}

const perSecond = (states: number, seconds: number) => `${(states / seconds / 1e6).toFixed(1)}M`;

/**
 * The threaded enumeration as users run it: from the built dist/ when present (worker threads
 * then start in milliseconds; from sources every worker first compiles TypeScript with tsx).
 */
async function parallelEnumeration(): Promise<typeof import('../src/node/parallel-enumerate.js')> {
  const dist = new URL('../dist/node/parallel-enumerate.js', import.meta.url);
  return existsSync(dist) ? ((await import(dist.href)) as typeof import('../src/node/parallel-enumerate.js')) : import('../src/node/parallel-enumerate.js');
}

export async function run(): Promise<void> {
  const sizes = process.env.GIBBS_BENCH_N30 ? [24, 26, 28, 30] : [24, 26, 28];
  const dir = mkdtempSync(join(tmpdir(), 'gibbs-bench-exact-'));
  const cPeer = compileC('enumerate.c');
  const numpy = pythonHas('numpy');
  const beta = 1;
  const { enumerateParallel } = await parallelEnumeration();
  console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} (ratios come from one run; absolute times are noisy)`);
  const rows: Array<Array<string | number>> = [];
  for (const n of sizes) {
    for (const field of [0, 0.1]) {
      const model = sherringtonKirkpatrickModel(n, { seed: 1, field });
      const states = 2 ** n;
      const repeats = n <= 24 ? 3 : 1;
      const one = bestTime(() => enumerateOneThread(model, beta), repeats);
      let two = Infinity;
      for (let r = 0; r < repeats; r++) {
        const start = process.hrtime.bigint();
        await enumerateParallel(model, [1 / beta], { workers: 2, spinMeans: false, correlations: false });
        two = Math.min(two, Number(process.hrtime.bigint() - start) / 1e9);
      }
      const file = writePeerModel(model, dir);
      let c: PeerResult = runJson<PeerResult>(cPeer, [file, String(beta)], 3600);
      for (let r = 1; r < repeats; r++) {
        const again = runJson<PeerResult>(cPeer, [file, String(beta)], 3600);
        if (again.seconds < c.seconds) c = again;
      }
      const py = numpy && n <= 28 ? runJson<PeerResult>('python3', [join(PEERS_DIR, 'enumerate_numpy.py'), file, String(beta)], 3600) : undefined;
      rows.push([
        n, field, one.seconds.toFixed(3), two.toFixed(3), c.seconds.toFixed(3), py ? py.seconds.toFixed(2) : '-',
        perSecond(states, one.seconds), perSecond(states, c.seconds),
        ratio(c.seconds, one.seconds), ratio(c.seconds, two), py ? ratio(py.seconds, one.seconds) : '-',
        Math.abs(one.result.logZ - c.logZ) / Math.abs(c.logZ),
      ]);
    }
  }
  printTable(
    'Enumeration, dense SK (seed 1, T = 1): ours vs plain C (gcc -O3, 1 thread) vs numpy; ratios are peer time / our time (> 1: we are faster)',
    ['N', 'h', 'ours 1T s', 'ours 2T s', 'C s', 'numpy s', 'ours states/s', 'C states/s', 'C/ours 1T', 'C/ours 2T', 'numpy/ours 1T', 'rel |dlogZ| vs C'],
    rows,
  );
  console.log('(h = 0: our enumeration uses the spin-flip symmetry E(-s) = E(s) and visits half the states; the peers visit all.)');

  // Like for like: our plain Gray-code kernel (the same algorithm as the C peer) against C.
  const model = sherringtonKirkpatrickModel(24, { seed: 1, field: 0.1 });
  const plain = bestTime(() => enumerationResult(enumerateChunkPlain(model, beta, 0, 0, { spinMeans: false, correlations: false }), 1 / beta), 2);
  const c = runJson<PeerResult>(cPeer, [writePeerModel(model, dir), String(beta)]);
  printTable('Same algorithm: plain Gray-code kernel (incremental local fields, one exp per state), N = 24, h = 0.1', ['ours plain s', 'C s', 'C/ours'], [[plain.seconds.toFixed(3), c.seconds.toFixed(3), ratio(c.seconds, plain.seconds)]]);

  // Transfer matrices and Kaufman (no peer: timings only).
  const ring = chainModel(1_000_000, { boundary: 'periodic', coupling: -1, field: 0.1 });
  const timings: Array<Array<string | number>> = [
    ['Kaufman torus 1024 x 1024 at T_c (log Z, U, C)', bestTime(() => kaufmanLogZ(1024, 1024, Math.log(1 + Math.SQRT2) / 2), 3).seconds.toFixed(4)],
    ['chain transfer matrix, periodic N = 10^6 with field (log Z, U, C, M, chi)', bestTime(() => chainTransferMatrix(ring, { temperature: 1.5 }), 3).seconds.toFixed(4)],
    ['strip sweep W = 16 x L = 100, open along, field', timeIt(() => stripSweep({ width: 16, length: 100, acrossPeriodic: true, alongPeriodic: false, coupling: -1, field: 0.1 }, 0.44)).seconds.toFixed(3)],
    ['strip Krylov W = 12 x L = 200 torus with field (certified)', timeIt(() => stripKrylov({ width: 12, length: 200, acrossPeriodic: true, alongPeriodic: true, coupling: -1, field: 0.1 }, 0.4)).seconds.toFixed(3)],
  ];
  printTable('Transfer matrices and Kaufman (seconds, best of 3 where repeated)', ['case', 'seconds'], timings);
}
