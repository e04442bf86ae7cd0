import type { Command } from 'commander';
import { Rng } from '../../core/rng.js';
import { biasedCoin, coinExperiment, packBits } from '../../info/coin.js';
import { EXTERNAL_COMPRESSORS, runExternal } from '../../node/external-compressors.js';
import { printJson } from '../io.js';
import { parseInteger, parseNumber } from '../options.js';
import { invalidValue } from '../../core/errors.js';
import { formatNumber, formatTable } from '../table.js';
import { plotOption, plotTarget } from '../plot-option.js';
import { coinFigure } from '../../report/figures/coin.js';

interface CoinOptions {
  p: string;
  n: string;
  seed: string;
  json?: boolean;
  plot?: string;
}

/** `gibbs coin`: a biased coin's flips coded every way, beside N·H and log2 C(N, K). */
export function registerCoin(program: Command): void {
  program
    .command('coin')
    .description('flip a biased coin N times and compare code lengths with N·H and log2 C(N,K): enumerative, arithmetic, rANS, run-length, gzip/xz/zstd')
    .option('--p <p>', 'probability of a 1 (0 < p < 1)', '0.9')
    .option('--n <n>', 'number of flips (1 .. 3e8)', '1000000')
    .option('--seed <s>', 'random seed', '1')
    .option('--json', 'print JSON instead of tables')
    .addOption(plotOption())
    .addHelpText('after', '\nEvery code is decoded again and checked. -1/n log2 p(x_1..x_n) is shown for growing n: it approaches H (AEP).\nThe enumerative code runs for N <= 2e6. gzip/xz/zstd see the flips packed 8 per byte.\n\nExamples:\n  gibbs coin --p 0.9 --n 1000000\n  gibbs coin --p 0.99 --n 100000 --seed 7 --json')
    .action(async (options: CoinOptions) => {
      const p = parseNumber('--p', options.p);
      if (!(p > 0 && p < 1)) throw invalidValue('--p', options.p, 'a probability strictly between 0 and 1');
      const n = parseInteger('--n', options.n, 1, 3e8);
      const seed = parseInteger('--seed', options.seed, 0);
      const plot = plotTarget(options.plot);
      const flips = biasedCoin(n, p, Rng.fromSeed(seed));
      const result = coinExperiment(flips, p);
      const packed = packBits(flips);
      const external = EXTERNAL_COMPRESSORS.filter((c) => c.name !== 'bzip2 -9')
        .map((c) => runExternal(c, packed))
        .filter((r) => r !== null)
        .map((r) => ({ method: `${r.name} (packed bits)`, bits: 8 * r.bytes, bitsPerFlip: (8 * r.bytes) / n, overNH: 8 * r.bytes - result.shannonBits, roundTrip: r.roundTrip, encodeSeconds: r.compressSeconds, decodeSeconds: r.decompressSeconds }));
      const codes = [...result.codes, ...external];
      await plot?.write(() => coinFigure(result, codes));
      if (options.json) return printJson({ ...result, seed, codes });
      const lines = [
        `N = ${n} flips, p = ${p}, K = ${result.ones} ones (seed ${seed})`,
        '',
        formatTable(
          ['bound', 'bits', 'bits/flip'],
          [
            ['N·H(p)  (Shannon)', result.shannonBits, result.entropy],
            ['-log2 p(x)  (this sequence)', result.informationBits, result.informationBits / n],
            ['log2 C(N,K)', result.log2Arrangements, result.log2Arrangements / n],
            ['log2 C(N,K) + log2(N+1)', result.log2Arrangements + result.countBits, (result.log2Arrangements + result.countBits) / n],
          ],
        ),
        '',
        formatTable(
          ['code', 'bits', 'bits/flip', 'bits - N·H', 'ok', 'encode s', 'decode s'],
          codes.map((c) => [c.method, c.bits, c.bitsPerFlip, c.overNH, c.roundTrip ? 'yes' : 'NO', c.encodeSeconds, c.decodeSeconds]),
        ),
        '',
        `AEP: -1/n log2 p(x_1..x_n) -> H = ${formatNumber(result.entropy)} bits`,
        formatTable(
          ['n', '-1/n log2 p', 'minus H'],
          result.aep.map((a) => [a.n, a.bitsPerFlip, a.bitsPerFlip - result.entropy]),
        ),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
