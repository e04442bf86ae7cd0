import { Rng } from '../../../core/rng.js';
import { CostMeter } from '../../../info/coding/cost.js';
import { log2Binomial } from '../../../info/coding/binomial.js';
import { RangeEncoder } from '../../../info/coding/range-coder.js';
import { RansEncoder } from '../../../info/coding/rans.js';
import { binaryEntropyBits } from '../../../info/coin.js';
import { empiricalEntropies } from '../../../info/entropy/empirical.js';
import { AdaptiveBitModel, AdaptiveCountsModel } from '../../../info/models/adaptive.js';
import { ContextModel } from '../../../info/models/context-model.js';
import { BernoulliModel } from '../../../info/models/iid.js';
import type { CodingModel } from '../../../info/models/model.js';
import { MixingModel } from '../../../info/models/mixing-model.js';
import { Chart } from '../../ui/chart.js';
import { button, readout, slider } from '../../ui/controls.js';
import { el, formatValue } from '../../ui/dom.js';
import { formula } from '../../ui/math.js';
import type { Panel } from '../panel.js';

const MAX_FLIPS = 40_000;

/** Bits a real coder spends on `symbols` under a fresh model (the finished stream's length). */
function codedBits(model: CodingModel, symbols: ArrayLike<number>, coder: 'range' | 'rans'): number {
  const encoder = coder === 'range' ? new RangeEncoder() : new RansEncoder();
  for (let i = 0; i < symbols.length; i++) model.encode(symbols[i], encoder);
  return 8 * encoder.finish().length;
}

/** Panel 3: a biased coin (or typed text) compressed by the library's coders, against N·H. */
export function createCoinPanel(): Panel {
  let p = 0.9;
  const flips = new Uint8Array(MAX_FLIPS);
  let count = 0;
  const rng = Rng.fromSeed(7);
  const history = { n: [] as number[], nh: [] as number[], info: [] as number[], range: [] as number[], rans: [] as number[], adaptive: [] as number[], arrangements: [] as number[] };
  let running = false;

  const strip = el('canvas', { id: 'coin-flips', class: 'stage', role: 'img', 'aria-label': 'coin flips', width: 600, height: 80 });
  const readouts = {
    n: readout('coin-n', 'flips N'),
    ones: readout('coin-ones', 'heads K'),
    nh: readout('coin-nh', 'N·H (bits)'),
    range: readout('coin-range', 'range coder (bits)'),
    rans: readout('coin-rans', 'rANS (bits)'),
    adaptive: readout('coin-adaptive', 'adaptive KT (bits)'),
  };
  const bitsChart = new Chart({ id: 'coin-bits', title: 'Bits used against N·H', xLabel: 'flips N', yLabel: 'bits' });
  const excessChart = new Chart({ id: 'coin-excess', title: 'Bits used minus N·H', xLabel: 'flips N', yLabel: 'bits − N·H' });

  function flip(k: number): void {
    const bits = Math.min(k, MAX_FLIPS - count);
    for (let i = 0; i < bits; i++) flips[count++] = rng.nextDouble() < p ? 1 : 0;
    measure();
    draw();
  }

  function reset(): void {
    count = 0;
    for (const list of Object.values(history)) list.length = 0;
    measure();
    draw();
  }

  /** Code the flips so far with each coder (cheap at these sizes) and record the lengths. */
  function measure(): void {
    const seq = flips.subarray(0, count);
    let ones = 0;
    for (let i = 0; i < count; i++) ones += seq[i];
    const meter = new CostMeter();
    meter.encodeBits(seq, new BernoulliModel(p).p1);
    history.n.push(count);
    history.nh.push(count * binaryEntropyBits(p));
    history.info.push(meter.bits);
    history.range.push(count > 0 ? codedBits(new BernoulliModel(p), seq, 'range') : 0);
    history.rans.push(count > 0 ? codedBits(new BernoulliModel(p), seq, 'rans') : 0);
    history.adaptive.push(count > 0 ? codedBits(new AdaptiveBitModel('kt'), seq, 'range') : 0);
    history.arrangements.push(log2Binomial(count, ones) + Math.log2(count + 1));
    readouts.n.set(String(count));
    readouts.ones.set(String(ones));
    readouts.nh.set(formatValue(history.nh.at(-1) as number, 1));
    readouts.range.set(String(history.range.at(-1)));
    readouts.rans.set(String(history.rans.at(-1)));
    readouts.adaptive.set(String(history.adaptive.at(-1)));
  }

  function draw(): void {
    const g = strip.getContext('2d') as CanvasRenderingContext2D;
    const cell = 5;
    const columns = Math.floor(strip.width / cell);
    const rows = Math.floor(strip.height / cell);
    const shown = Math.min(count, columns * rows);
    g.fillStyle = '#f0f3f7';
    g.fillRect(0, 0, strip.width, strip.height);
    g.fillStyle = '#1f2a44';
    for (let i = 0; i < shown; i++) {
      if (flips[count - shown + i]) g.fillRect((i % columns) * cell, Math.floor(i / columns) * cell, cell - 1, cell - 1);
    }
    strip.setAttribute('aria-label', `the last ${shown} of ${count} flips: dark squares are heads`);
    const h = history;
    bitsChart.update([
      { name: 'N·H', color: '#222222', kind: 'line', x: h.n, y: h.nh },
      { name: 'range coder (known p)', color: '#4e79a7', kind: 'line', x: h.n, y: h.range },
      { name: 'adaptive KT', color: '#59a14f', kind: 'dashed', x: h.n, y: h.adaptive },
    ]);
    const minus = (ys: number[]) => ys.map((y, i) => y - h.nh[i]);
    excessChart.update([
      { name: '−log2 p(x)', color: '#222222', kind: 'dashed', x: h.n, y: minus(h.info) },
      { name: 'range coder', color: '#4e79a7', kind: 'line', x: h.n, y: minus(h.range) },
      { name: 'rANS', color: '#e15759', kind: 'line', x: h.n, y: minus(h.rans) },
      { name: 'adaptive KT', color: '#59a14f', kind: 'line', x: h.n, y: minus(h.adaptive) },
      { name: 'log2 C(N,K) + log2(N+1)', color: '#b07aa1', kind: 'dashed', x: h.n, y: minus(h.arrangements) },
    ]);
    bitsChart.canvas.dataset.bits = `${h.nh.at(-1)},${h.range.at(-1)}`;
  }

  function tick(): void {
    if (!running) return;
    if (count >= MAX_FLIPS) {
      toggle();
      return;
    }
    flip(Math.max(10, Math.round(count * 0.04)));
    requestAnimationFrame(tick);
  }
  const runButton = button({ id: 'coin-run', label: 'Run', primary: true, onClick: () => toggle() });
  function toggle(): void {
    running = !running;
    runButton.textContent = running ? 'Pause' : 'Run';
    runButton.setAttribute('aria-pressed', String(running));
    if (running) requestAnimationFrame(tick);
  }

  // Text: the same question for bytes, with adaptive models (no p is known in advance).
  const text = el('textarea', { id: 'coin-text', rows: 5, 'aria-label': 'text to compress' }, 'It was the best of times, it was the worst of times, it was the age of wisdom, it was the age of foolishness.');
  const textTable = el('table', { id: 'coin-text-table', class: 'small-table' });
  function compressText(): void {
    const bytes = new TextEncoder().encode(text.value);
    const n = bytes.length;
    const h0 = n > 0 ? empiricalEntropies(bytes, 0)[0].bitsPerByte : 0;
    const rows: Array<[string, number]> = [
      ['raw: 8 bits per byte', 8 * n],
      ['N·H₀ (order-0 empirical entropy)', n * h0],
      ['adaptive order 0 (KT), range coder', n ? codedBits(new AdaptiveCountsModel(256, 'kt'), bytes, 'range') : 0],
      ['adaptive order 2, range coder', n ? codedBits(new ContextModel(2, { tableBits: 16 }), bytes, 'range') : 0],
      ['context mixing, range coder', n ? codedBits(new MixingModel({ tableBits: 16 }), bytes, 'range') : 0],
    ];
    textTable.replaceChildren(
      el('tr', {}, el('th', {}, `${n} bytes`), el('th', {}, 'bits'), el('th', {}, 'bits/byte')),
      ...rows.map(([label, bits]) => el('tr', {}, el('td', {}, label), el('td', { class: 'value' }, bits.toFixed(0)), el('td', { class: 'value' }, n ? (bits / n).toFixed(3) : '–'))),
    );
  }
  text.addEventListener('input', compressText);

  const controls = el(
    'div',
    { class: 'controls', role: 'group', 'aria-label': 'coin controls' },
    slider({ id: 'coin-p', label: 'P(heads) p', min: 0.5, max: 0.99, step: 0.01, value: p, format: (v) => v.toFixed(2), onChange: (v) => ((p = v), reset()) }).element,
    el('div', { class: 'buttons' }, runButton, button({ id: 'coin-flip', label: 'Flip 100', onClick: () => flip(100) }), button({ id: 'coin-reset', label: 'Reset', onClick: () => reset() })),
    el('div', { class: 'control' }, el('label', { for: 'coin-text' }, 'Or type text to compress'), text),
    textTable,
  );
  const explanation = el(
    'div',
    { class: 'explanation' },
    el('p', {}, 'N flips with P(heads) = p carry N·H bits of information, and no code does better on average:'),
    formula('H(p) = -p\\log_2 p - (1-p)\\log_2(1-p)'),
    el('p', {}, 'A sequence with K heads is one of C(N, K) arrangements, so K and its index take'),
    formula('\\log_2\\binom{N}{K} + \\log_2(N+1) \\approx N H(K/N)\\ \\text{bits.}'),
    el('p', {}, 'The library’s range coder and rANS, driven by the model q, spend −log₂ q(x) plus a few bits; the adaptive (Krichevsky–Trofimov) model learns p as it goes and pays about ½ log₂ N more.'),
  );
  const element = el(
    'div',
    { class: 'panel-grid' },
    el('div', { class: 'panel-main' }, strip, el('div', { class: 'readouts' }, ...Object.values(readouts).map((r) => r.element))),
    el('div', { class: 'panel-side' }, controls, explanation),
    el('div', { class: 'panel-charts' }, bitsChart.element, excessChart.element),
  );
  reset();
  compressText();
  return {
    element,
    activate() {},
    deactivate() {
      if (running) toggle();
    },
  };
}
