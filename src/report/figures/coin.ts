import type { CoinCodeResult, CoinExperiment } from '../../info/coin.js';
import type { Figure, LinePlot } from '../figure.js';

/**
 * Each code's length minus N·H in bits (symmetric-log axis: a few bits and a hundred thousand
 * both show), with the sequence's own information content −log2 p(x) and the enumerative bound
 * log2 C(N, K) + log2(N + 1) as reference lines.
 */
export function coinCodesFigure(result: CoinExperiment, codes: CoinCodeResult[] = result.codes): Figure {
  const over = codes.map((c) => c.bits - result.shannonBits);
  const largest = Math.max(1, ...over.map(Math.abs), Math.abs(result.informationBits - result.shannonBits));
  const decades = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8].filter((d) => d <= 2 * largest);
  return {
    type: 'bar',
    title: `Code length minus N·H, N = ${result.n} flips, p = ${result.p}`,
    subtitle: `N·H = ${result.shannonBits.toFixed(1)} bits; symmetric-log axis (linear within ±1 bit)`,
    categoryLabel: 'code',
    categories: codes.map((c) => c.method),
    y: { label: 'bits − N·H', unit: 'bits', scale: 'symlog', symlogLinear: 1, domain: [-1.5 * largest, 1.5 * largest], ticks: [...decades.map((d) => -d).reverse(), 0, ...decades] },
    groups: [{ name: 'code length − N·H', values: over, color: '#4e79a7' }],
    references: [
      { label: '−log2 p(x) of this sequence', value: result.informationBits - result.shannonBits, orientation: 'horizontal' },
      { label: 'log2 C(N,K) + log2(N+1)', value: result.log2Arrangements + result.countBits - result.shannonBits, orientation: 'horizontal' },
    ],
    width: 460,
    height: 280,
  };
}

/** −(1/n) log2 p(x_1..x_n) against n, approaching H (the asymptotic equipartition property). */
export function aepFigure(result: CoinExperiment): LinePlot {
  const n = result.aep.map((a) => a.n);
  return {
    type: 'line',
    title: 'Asymptotic equipartition: −(1/n) log2 p(x₁…xₙ) → H',
    x: { label: 'flips', symbol: 'n', scale: 'log' },
    y: { label: 'bits per flip' },
    series: [{ kind: 'line', name: '−(1/n) log2 p(x₁…xₙ)', x: n, y: result.aep.map((a) => a.bitsPerFlip), color: '#e15759' }, { kind: 'points', name: 'prefix lengths', x: n, y: result.aep.map((a) => a.bitsPerFlip), color: '#e15759' }],
    references: [{ label: `H(p) = ${result.entropy.toFixed(4)}`, value: result.entropy, orientation: 'horizontal' }],
    width: 360,
    height: 280,
    legend: 'bottom',
  };
}

/** The natural figure of `gibbs coin`: code lengths against N·H, and the AEP curve. */
export function coinFigure(result: CoinExperiment, codes: CoinCodeResult[] = result.codes): Figure {
  return { type: 'grid', columns: 2, figures: [coinCodesFigure(result, codes), aepFigure(result)] };
}

/**
 * The figure of `gibbs entropy --plot`: the empirical conditional entropy H_k of a file in bits
 * per byte for each context order k, against the 8 bits per byte of the raw file.
 */
export function entropyOrdersFigure(orders: Array<{ order: number; bitsPerByte: number }>, file: string, bytes: number): Figure {
  return {
    type: 'bar',
    title: `Empirical entropy of ${file} (${bytes} bytes) by context order`,
    categoryLabel: 'context order k (bytes)',
    categories: orders.map((o) => `k = ${o.order}`),
    y: { label: 'conditional entropy', symbol: 'H_k', unit: 'bits per byte' },
    groups: [{ name: 'H_k', values: orders.map((o) => o.bitsPerByte), color: '#4e79a7' }],
    references: [{ label: 'raw: 8 bits per byte', value: 8, orientation: 'horizontal' }],
    width: 360,
  };
}
