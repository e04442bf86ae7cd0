// Variational free energies: accuracy against exact references (SK N = 20 by enumeration, the
// 16x16 torus against Kaufman's formula), wall time, and the autoregressive network's training
// throughput side by side with the same architecture in PyTorch (CPU, same thread count).
//
// `npm run bench -- variational`. Environment: GIBBS_BENCH_VAN_STEPS scales the training steps
// (default 1: the settings below), GIBBS_BENCH_VAN=0 skips the network training points.
import { readFileSync } from 'node:fs';
import { Rng } from '../src/core/rng.js';
import { enumerate } from '../src/exact/enumerate.js';
import type { IsingModel } from '../src/models/ising.js';
import { squareModel } from '../src/models/lattices.js';
import { sherringtonKirkpatrickModel } from '../src/models/disorder.js';
import { type AutoregressiveOptions, AutoregressiveTrainer } from '../src/variational/autoregressive.js';
import { bethe } from '../src/variational/bethe.js';
import { Adam } from '../src/variational/adam.js';
import { MadeNetwork } from '../src/variational/made.js';
import { meanField } from '../src/variational/mean-field.js';
import type { VariationalResult } from '../src/variational/result.js';
import { tap } from '../src/variational/tap.js';
import { PEERS_DIR, bestTime, printTable, pythonHas, ratio, runJson, timeIt } from './lib.js';

const TORCH_PYTHON = '/usr/bin/python3';

interface Point {
  name: string;
  model: IsingModel;
  beta: number;
  /** Exact F (total), with where it came from. */
  exact: number;
  /** Autoregressive settings and the target on the relative F_q error. */
  van: AutoregressiveOptions;
  target: number;
}

function points(): Point[] {
  const sk = sherringtonKirkpatrickModel(20, { seed: 1 });
  const out: Point[] = [0.5, 1, 2].map((beta) => ({
    name: `SK N=20 seed 1, beta=${beta}`,
    model: sk,
    beta,
    exact: enumerate(sk, { beta, correlations: false }).freeEnergy,
    van: { depth: 1, width: 40, batch: 500, steps: 2000, lr: 3e-3 },
    target: 1e-3,
  }));
  // Kaufman's exact torus, from an independent python/mpmath script (test/variational/fixtures).
  const fixture = JSON.parse(readFileSync(new URL('../test/variational/fixtures/kaufman-torus.json', import.meta.url), 'utf8')) as { points: Array<{ L: number; temperature: number; freeEnergyPerSpin: number }> };
  const torus = squareModel(16, 16, { coupling: -1 });
  for (const p of fixture.points) {
    const critical = Math.abs(p.temperature - 2.269185314213022) < 1e-9;
    out.push({
      name: `torus 16x16 T=${p.temperature.toFixed(critical ? 6 : 1)}`,
      model: torus,
      beta: 1 / p.temperature,
      exact: p.freeEnergyPerSpin * 256,
      van: { depth: 1, width: 4, masks: 'graph', batch: 256, steps: 800, lr: 5e-3, decay: 0.5 },
      target: critical ? 3e-3 : 1e-3,
    });
  }
  return out;
}

function relative(value: number, exact: number): number {
  return (value - exact) / Math.abs(exact);
}

function fixedPointRows(point: Point): Array<Array<string | number>> {
  const rows: Array<Array<string | number>> = [];
  const methods: Array<[string, () => VariationalResult]> = [
    ['mean-field', () => meanField(point.model, { beta: point.beta })],
    ['tap', () => tap(point.model, { beta: point.beta })],
    ['bethe', () => bethe(point.model, { beta: point.beta })],
  ];
  for (const [name, solve] of methods) {
    const { seconds, result } = bestTime(solve, 3);
    rows.push([point.name, name, result.bound, relative(result.freeEnergy, point.exact), result.converged ? 'yes' : 'NO', seconds, seconds < 0.5 ? 'met (< 0.5 s)' : 'NOT met']);
  }
  return rows;
}

function vanRow(point: Point, scale: number): Array<string | number> {
  const options = { ...point.van, beta: point.beta, steps: Math.max(1, Math.round((point.van.steps ?? 1000) * scale)), seed: 1 };
  const { seconds, result } = timeIt(() => {
    const trainer = new AutoregressiveTrainer(point.model, options);
    while (!trainer.done) trainer.trainStep();
    return trainer.result({ samples: 20_000, seed: 2 });
  });
  const fq = relative(result.freeEnergy, point.exact);
  const is = relative(result.freeEnergyImportance.mean, point.exact);
  const met = fq < point.target && Math.abs(is) < 1e-4 && seconds < 600;
  return [
    point.name,
    `${options.masks ?? 'dense'} d${options.depth} w${options.width} b${options.batch} x${options.steps}`,
    fq,
    result.freeEnergyError / Math.abs(point.exact),
    is,
    result.freeEnergyImportance.error / Math.abs(point.exact),
    Math.round(result.ess),
    seconds,
    met ? `met (< ${point.target}, IS < 1e-4)` : 'NOT met',
  ];
}

/** Our samples/s for forward+backward on a fixed batch, and for a full training step (sample + backward). */
function ourThroughput(n: number, depth: number, width: number, batch: number): { fwdbwd: number; train: number } {
  const net = new MadeNetwork({ spins: n, depth, width, z2: false });
  net.initialize(Rng.fromSeed(1));
  const ws = net.workspace(batch);
  const rng = Rng.fromSeed(2);
  const spins = Int8Array.from({ length: batch * n }, () => (rng.nextDouble() < 0.5 ? 1 : -1));
  const weights = Float64Array.from({ length: batch }, () => rng.normal());
  const grad = new Float64Array(net.params.length);
  const fwdbwd = bestTime(() => {
    grad.fill(0);
    net.logProbability(ws, spins, batch);
    net.accumulateGradient(ws, weights, batch, grad);
  }, 5).seconds;
  const adam = new Adam(net.params.length);
  const train = bestTime(() => {
    grad.fill(0);
    net.sampleBatch(ws, batch, rng);
    net.accumulateGradient(ws, ws.logq, batch, grad);
    adam.update(net.params, grad, 1e-3);
  }, 5).seconds;
  return { fwdbwd: batch / fwdbwd, train: batch / train };
}

export async function run(): Promise<void> {
  const all = points();
  printTable(
    'Mean field, TAP, Bethe: relative free-energy error (F - F_exact) / |F_exact| and wall time (target: well under a second)',
    ['point', 'method', 'bound', 'relative error', 'converged', 'seconds', 'target'],
    all.flatMap(fixedPointRows),
  );

  const scale = Number(process.env.GIBBS_BENCH_VAN_STEPS ?? '1');
  if (process.env.GIBBS_BENCH_VAN !== '0') {
    const rows = all.map((point) => vanRow(point, scale));
    printTable(
      'Autoregressive network (single thread): F_q and importance-sampling F against exact (targets: F_q < 1e-3, < 3e-3 at T_c; IS within 1e-4; 10 CPU minutes)',
      ['point', 'network', 'F_q rel. error', '± (1 s.e.)', 'IS rel. error', '± (1 s.e.)', 'ESS / 20000', 'seconds', 'target'],
      rows,
    );
  }

  const architectures: Array<[number, number, number, number]> = [
    [20, 1, 40, 500],
    [64, 2, 128, 256],
    [256, 1, 256, 256],
  ];
  const torch = pythonHas('torch', TORCH_PYTHON);
  const rows = architectures.map(([n, depth, width, batch]) => {
    const ours = ourThroughput(n, depth, width, batch);
    const peer = torch ? runJson<{ fwdbwd: number; train: number }>(TORCH_PYTHON, [`${PEERS_DIR}variational-made.py`, String(n), String(depth), String(width), String(batch), '5', '1']) : undefined;
    return [
      `N=${n} depth ${depth} width ${width} batch ${batch}`,
      Math.round(ours.fwdbwd), peer ? Math.round(peer.fwdbwd) : 'no torch', peer ? ratio(ours.fwdbwd, peer.fwdbwd) : '-',
      Math.round(ours.train), peer ? Math.round(peer.train) : 'no torch', peer ? ratio(ours.train, peer.train) : '-',
    ];
  });
  printTable(
    'Dense MADE throughput, samples/s on 1 thread, float64 (fwd+bwd: log q and its gradient on a fixed batch; step: draw the batch by the chain rule, then backward and Adam; PyTorch samples with N forward passes, as VAN reference code does). Target: >= 1.00x',
    ['architecture', 'gibbs fwd+bwd', 'torch fwd+bwd', 'ratio', 'gibbs step', 'torch step', 'ratio'],
    rows,
  );
}
