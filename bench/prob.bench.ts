// EM for a 5-component full-covariance Gaussian mixture, seconds per iteration, side by side with
// scikit-learn's GaussianMixture and a vectorised numpy EM (one core each, same data, same start,
// same number of iterations), and the final log-likelihoods compared (target: 1e-6 relative).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rng } from '../src/core/rng.js';
import { type DataMatrix, fitGaussianMixture, initialMixture } from '../src/prob/index.js';
import { PEERS_DIR, printTable, pythonHas, ratio } from './lib.js';

const PYTHON = '/usr/bin/python3';
const ITERATIONS = 8;
const REPEATS = 3;
const REGULARIZATION = 1e-6;

/** n points from 5 Gaussian clusters in d dimensions (random centres, random correlated covariances). */
function clusters(n: number, d: number, seed: number): DataMatrix {
  const rng = Rng.fromSeed(seed);
  const k = 5;
  const centres = Float64Array.from({ length: k * d }, () => 2.5 * rng.normal());
  const mixing = Float64Array.from({ length: k * d * d }, () => rng.normal() / Math.sqrt(d));
  const data = new Float64Array(n * d);
  const z = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const c = rng.nextInt(k);
    for (let a = 0; a < d; a++) z[a] = rng.normal();
    for (let a = 0; a < d; a++) {
      let v = centres[c * d + a] + 0.5 * z[a];
      for (let b = 0; b < d; b++) v += mixing[c * d * d + a * d + b] * z[b];
      data[i * d + a] = v;
    }
  }
  return { data, rows: n, cols: d };
}

function oursPerIteration(x: DataMatrix, init: ReturnType<typeof initialMixture>): { seconds: number; logLikelihood: number } {
  const run = (iterations: number) => {
    const start = process.hrtime.bigint();
    const fit = fitGaussianMixture(x, { components: 5, init: init.parameters(), maxIterations: iterations, tolerance: 0, regularization: REGULARIZATION });
    return { seconds: Number(process.hrtime.bigint() - start) / 1e9, logLikelihood: fit.logLikelihood };
  };
  let best = Infinity;
  let logLikelihood = Number.NaN;
  for (let r = 0; r < REPEATS; r++) {
    const short = run(2);
    const long = run(2 + ITERATIONS);
    best = Math.min(best, (long.seconds - short.seconds) / ITERATIONS);
    logLikelihood = long.logLikelihood;
  }
  return { seconds: best, logLikelihood };
}

export async function run(): Promise<void> {
  const haveSklearn = pythonHas('sklearn', PYTHON);
  const haveNumpy = pythonHas('scipy', PYTHON);
  if (!haveSklearn) console.log('scikit-learn not importable with /usr/bin/python3 (apt-get install -y python3-sklearn): its column is skipped');
  const dir = mkdtempSync(join(tmpdir(), 'gibbs-prob-bench-'));
  const env = { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1', PYTHONPATH: PEERS_DIR };
  const rows: Array<Array<string | number>> = [];
  try {
    for (const [n, d] of [
      [1_000_000, 2],
      [100_000, 20],
    ]) {
      const x = clusters(n, d, 7);
      const init = initialMixture(x, 5, 'full', REGULARIZATION, Rng.fromSeed(1));
      const file = join(dir, `x-${n}-${d}.f64`);
      writeFileSync(file, new Uint8Array(x.data.buffer));
      const spec = JSON.stringify({
        data: file,
        rows: n,
        cols: d,
        iterations: ITERATIONS,
        repeats: REPEATS,
        regularization: REGULARIZATION,
        init: { weights: Array.from(init.weights), means: Array.from(init.means), covariances: Array.from(init.covariances) },
      });
      const peer = (script: string) => {
        const r = spawnSync(PYTHON, [join(PEERS_DIR, script), spec], { encoding: 'utf8', env, timeout: 1_800_000, maxBuffer: 1 << 24 });
        if (r.status !== 0) throw new Error(`${script} failed: ${r.stderr}`);
        return JSON.parse(r.stdout) as { secondsPerIteration: number; logLikelihood: number; blas?: string[]; version?: string };
      };
      const ours = oursPerIteration(x, init);
      const sk = haveSklearn ? peer('prob-sklearn.py') : null;
      const np = haveNumpy ? peer('prob-numpy.py') : null;
      const rel = (ll?: number) => (ll === undefined ? '-' : (Math.abs(ll - ours.logLikelihood) / Math.abs(ll)).toExponential(1));
      rows.push([
        `${n} x ${d}`,
        ours.seconds,
        sk?.secondsPerIteration ?? '-',
        np?.secondsPerIteration ?? '-',
        sk ? ratio(sk.secondsPerIteration, ours.seconds) : '-',
        np ? ratio(np.secondsPerIteration, ours.seconds) : '-',
        rel(sk?.logLikelihood),
        rel(np?.logLikelihood),
      ]);
      if (sk?.blas) console.log(`scikit-learn ${sk.version}, BLAS: ${sk.blas.join('; ')}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  printTable(
    `EM, 5-component full-covariance Gaussian mixture: seconds per iteration (best of ${REPEATS}; ${ITERATIONS} iterations timed after 2, one core; ratio > 1 means gibbs is faster)`,
    ['points x dims', 'gibbs s/it', 'sklearn s/it', 'numpy s/it', 'sklearn/gibbs', 'numpy/gibbs', 'logL rel. diff sklearn', 'logL rel. diff numpy'],
    rows,
  );
}
