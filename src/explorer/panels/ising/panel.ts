import { ISING_ALGORITHMS } from '../../../mcmc/ising-kernels.js';
import { Chart, type ChartSeries } from '../../ui/chart.js';
import { button, readout, select, slider } from '../../ui/controls.js';
import { el, formatValue } from '../../ui/dom.js';
import { LatticeView } from '../../ui/lattice-view.js';
import { formula } from '../../ui/math.js';
import type { Panel } from '../panel.js';
import { LiveHistogram, Trace } from '../series-buffer.js';
import type { Curve, IsingParams, LiveFrame, SweepPoint, WorkerMessage } from './protocol.js';

const SIZES = [16, 32, 64, 128, 256, 512];
const COLORS = { mc: '#e15759', exact: '#222222', meanField: '#f28e2b' };

/** Panel 1: the Ising model live, its traces and histograms, and a temperature sweep. */
export function createIsingPanel(): Panel {
  const params: IsingParams = { algorithm: ISING_ALGORITHMS[0], temperature: 2.27, field: 0, size: 128, lattice: 'square', coupling: 'ferromagnet', sweepsPerFrame: 4, seed: 1 };
  const live = new Worker(new URL('./live-worker.ts', import.meta.url), { type: 'module' });
  let sweeper: Worker | undefined;

  const view = new LatticeView('ising-canvas', 'Ising spins: dark +1, light −1');
  const status = el('p', { class: 'status', role: 'status', id: 'ising-status' });
  const readouts = {
    sweeps: readout('ising-sweeps', 'sweeps'),
    energy: readout('ising-energy', 'E/N'),
    magnetization: readout('ising-magnetization', 'M/N'),
    acceptance: readout('ising-acceptance', 'acceptance'),
    fps: readout('ising-fps', 'frames/s'),
    rate: readout('ising-rate', 'spin updates/s'),
  };
  const energyTrace = new Trace(600);
  const magnetizationTrace = new Trace(600);
  // E/N lies within ±(z/2 + |h|): z = 4 (square) or 6 (triangular), |h| <= 1.
  let energyHistogram = new LiveHistogram(-3, 3, 120);
  const magnetizationHistogram = new LiveHistogram(-1, 1, 80);
  const energyChart = new Chart({ id: 'ising-energy-trace', title: 'Energy per spin', xLabel: 'sweeps', yLabel: 'E/N (|J|)' });
  const magnetizationChart = new Chart({ id: 'ising-magnetization-trace', title: 'Magnetisation per spin', xLabel: 'sweeps', yLabel: 'M/N', yDomain: [-1.05, 1.05] });
  const energyHistogramChart = new Chart({ id: 'ising-energy-histogram', title: 'Histogram of E/N', xLabel: 'E/N (|J|)', yLabel: 'density' });
  const magnetizationHistogramChart = new Chart({ id: 'ising-magnetization-histogram', title: 'Histogram of M/N', xLabel: 'M/N', yLabel: 'density', xDomain: [-1, 1] });
  const sweepEnergyChart = new Chart({ id: 'ising-sweep-energy', title: 'Energy per spin against temperature', xLabel: 'temperature T (|J|/k_B)', yLabel: 'U/N (|J|)', xDomain: [0.9, 4.5] });
  const sweepMagnetizationChart = new Chart({ id: 'ising-sweep-magnetization', title: 'Magnetisation against temperature', xLabel: 'temperature T (|J|/k_B)', yLabel: '⟨|M|⟩/N', xDomain: [0.9, 4.5], yDomain: [0, 1.05] });
  let sweepPoints: SweepPoint[] = [];
  let sweepCurves: Curve[] = [];

  let running = false;
  let waiting = false;
  let generation = 0;
  let latest: LiveFrame | undefined;
  let drawn: number[] = [];

  const clearStatistics = () => {
    energyTrace.clear();
    magnetizationTrace.clear();
    const bound = (params.lattice === 'square' ? 2 : 3) + Math.abs(params.field);
    energyHistogram = new LiveHistogram(-bound, bound, Math.round(40 * bound));
    magnetizationHistogram.clear();
  };
  /** Send the parameters; traces and histograms restart unless only the pace changed. */
  const send = (type: 'reset' | 'set', clear = true) => {
    generation += 1;
    live.postMessage({ type, params: { ...params }, generation });
    if (clear) clearStatistics();
    if (!running) requestFrame();
  };
  const requestFrame = () => {
    if (waiting) return;
    waiting = true;
    live.postMessage({ type: 'step' });
  };

  // One frame is in flight at a time: it is requested right after the previous one is drawn, so
  // the worker computes while the browser paints, and frames never outrun the display.
  live.onmessage = (event: MessageEvent<WorkerMessage>) => {
    const message = event.data;
    if (message.type === 'error') {
      status.textContent = message.message;
      waiting = false;
      return;
    }
    if (message.type !== 'frame') return;
    waiting = false;
    if (message.generation !== generation) {
      if (!running) requestFrame();
      return;
    }
    record(message);
    latest = message;
    if (!running) draw();
  };

  function record(frame: LiveFrame): void {
    energyTrace.push(frame.sweeps, frame.energy);
    magnetizationTrace.push(frame.sweeps, frame.magnetization);
    energyHistogram.add(frame.energy);
    magnetizationHistogram.add(frame.magnetization);
  }

  function draw(): void {
    const frame = latest;
    if (!frame) return;
    latest = undefined;
    view.draw(frame.spins, frame.columns, frame.rows);
    const now = performance.now();
    drawn.push(now);
    drawn = drawn.filter((t) => now - t < 1000);
    const spinUpdates = frame.sweepMs > 0 ? (frame.columns * frame.rows * params.sweepsPerFrame) / (frame.sweepMs / 1000) : 0;
    readouts.sweeps.set(String(frame.sweeps));
    readouts.energy.set(formatValue(frame.energy, 4));
    readouts.magnetization.set(formatValue(frame.magnetization, 4));
    readouts.acceptance.set(formatValue(frame.acceptance, 3));
    readouts.fps.set(running ? String(drawn.length) : '–');
    readouts.rate.set(spinUpdates > 0 ? `${(spinUpdates / 1e6).toFixed(1)} M` : '–');
    energyChart.update([{ name: 'E/N', color: COLORS.mc, kind: 'line', x: energyTrace.x, y: energyTrace.y }], `latest ${formatValue(frame.energy, 4)}`);
    energyChart.canvas.dataset.values = energyTrace.y.map((v) => v.toFixed(5)).join(',');
    magnetizationChart.update([{ name: 'M/N', color: '#4e79a7', kind: 'line', x: magnetizationTrace.x, y: magnetizationTrace.y }], `latest ${formatValue(frame.magnetization, 4)}`);
    if (drawn.length % 5 === 0 || !running) {
      energyHistogramChart.update([{ name: '', color: COLORS.mc, kind: 'bars', x: energyHistogram.edges, y: energyHistogram.density() }]);
      magnetizationHistogramChart.update([{ name: '', color: '#4e79a7', kind: 'bars', x: magnetizationHistogram.edges, y: magnetizationHistogram.density() }]);
    }
  }

  function tick(): void {
    if (!running) return;
    draw();
    requestFrame();
    requestAnimationFrame(tick);
  }

  const startButton = button({
    id: 'ising-start',
    label: 'Start',
    primary: true,
    onClick: () => {
      running = !running;
      startButton.textContent = running ? 'Pause' : 'Start';
      startButton.setAttribute('aria-pressed', String(running));
      if (running) requestAnimationFrame(tick);
    },
  });
  startButton.setAttribute('aria-pressed', 'false');

  const sweepButton = button({ id: 'ising-sweep', label: 'Sweep temperatures', onClick: () => runSweep() });
  function runSweep(): void {
    sweeper?.terminate();
    sweeper = new Worker(new URL('./sweep-worker.ts', import.meta.url), { type: 'module' });
    const size = Math.min(params.size, 16);
    const temperatures = Array.from({ length: 14 }, (_, i) => Number((1 + i * 0.25).toFixed(2)));
    sweepPoints = [];
    sweepCurves = [];
    status.textContent = `Exact and mean-field curves, then Monte Carlo on a ${size}×${size} lattice at ${temperatures.length} temperatures…`;
    sweepButton.disabled = true;
    sweeper.onmessage = (event: MessageEvent<WorkerMessage>) => {
      const message = event.data;
      if (message.type === 'sweep-curves') {
        sweepCurves = message.curves;
        drawSweep();
      } else if (message.type === 'sweep-point') {
        sweepPoints.push(message);
        drawSweep();
      } else if (message.type === 'sweep-done') {
        status.textContent = `Sweep done: ${sweepPoints.length} temperatures, ${size}×${size}, ${params.algorithm}, error bars of one standard error.`;
        sweepButton.disabled = false;
      } else if (message.type === 'error') {
        status.textContent = message.message;
        sweepButton.disabled = false;
      }
    };
    sweeper.postMessage({ type: 'sweep', params: { ...params, size }, temperatures, sweeps: 1000, burnIn: 200 });
  }
  function drawSweep(): void {
    const t = sweepPoints.map((p) => p.temperature);
    const lines = (pick: (c: Curve) => number[]): ChartSeries[] =>
      sweepCurves.map((c) => ({ name: c.name.startsWith('exact') ? 'exact' : c.name, color: c.name.startsWith('exact') ? COLORS.exact : COLORS.meanField, kind: c.name.startsWith('exact') ? 'line' : 'dashed', x: c.temperature, y: pick(c) }));
    sweepEnergyChart.update([...lines((c) => c.energy), { name: 'Monte Carlo', color: COLORS.mc, kind: 'points', x: t, y: sweepPoints.map((p) => p.energy), error: sweepPoints.map((p) => p.energyError) }], `${sweepPoints.length} temperatures`);
    sweepMagnetizationChart.update([...lines((c) => c.absMagnetization), { name: 'Monte Carlo', color: COLORS.mc, kind: 'points', x: t, y: sweepPoints.map((p) => p.absMagnetization), error: sweepPoints.map((p) => p.absMagnetizationError) }]);
    sweepEnergyChart.canvas.dataset.curves = sweepCurves.map((c) => c.name).join(';');
    sweepEnergyChart.canvas.dataset.points = String(sweepPoints.length);
  }

  const controls = el(
    'div',
    { class: 'controls', role: 'group', 'aria-label': 'Ising model controls' },
    select({ id: 'ising-algorithm', label: 'Algorithm', choices: ISING_ALGORITHMS.map((a) => ({ value: a, label: a })), value: params.algorithm, onChange: (v) => ((params.algorithm = v), send('set')) }).element,
    slider({ id: 'ising-temperature', label: 'Temperature T', min: 0.5, max: 5, step: 0.01, value: params.temperature, format: (v) => v.toFixed(2), onChange: (v) => ((params.temperature = v), send('set')) }).element,
    slider({ id: 'ising-field', label: 'Field h', min: -1, max: 1, step: 0.01, value: params.field, format: (v) => formatValue(v, 2), onChange: (v) => ((params.field = v), send('set')) }).element,
    select({ id: 'ising-size', label: 'Lattice size L', choices: SIZES.map((s) => ({ value: String(s), label: `${s} × ${s}` })), value: String(params.size), onChange: (v) => ((params.size = Number(v)), send('reset')) }).element,
    select({ id: 'ising-lattice', label: 'Lattice', choices: [{ value: 'square', label: 'square (z = 4)' }, { value: 'triangular', label: 'triangular (z = 6)' }], value: params.lattice, onChange: (v) => ((params.lattice = v as IsingParams['lattice']), send('reset')) }).element,
    select({ id: 'ising-coupling', label: 'Coupling', choices: [{ value: 'ferromagnet', label: 'ferromagnet, J = −1' }, { value: 'antiferromagnet', label: 'antiferromagnet, J = +1' }], value: params.coupling, onChange: (v) => ((params.coupling = v as IsingParams['coupling']), send('set')) }).element,
    slider({ id: 'ising-sweeps-per-frame', label: 'Sweeps per frame', min: 1, max: 40, step: 1, value: params.sweepsPerFrame, onChange: (v) => ((params.sweepsPerFrame = v), send('set', false)) }).element,
    el('div', { class: 'buttons' }, startButton, button({ id: 'ising-randomise', label: 'Random start', onClick: () => ((params.seed += 1), send('reset')) }), sweepButton),
  );

  const explanation = el(
    'div',
    { class: 'explanation' },
    el('p', {}, 'Spins s = ±1 on a periodic lattice with energy (a ferromagnet has J < 0, a positive field favours s = −1):'),
    formula('E(s) = \\sum_n h\\, s_n + \\sum_{\\langle nm \\rangle} J\\, s_n s_m, \\qquad p(s) = \\frac{e^{-E(s)/T}}{Z}'),
    el('p', {}, 'A Web Worker runs the library’s Monte Carlo kernels. Metropolis accepts a single flip with probability'),
    formula('\\min\\bigl(1, e^{-\\Delta E / T}\\bigr),'),
    ...((ISING_ALGORITHMS as readonly string[]).includes('wolff')
      ? [el('p', {}, 'and Wolff flips a whole cluster, grown by adding aligned neighbours with probability'), formula('p_{\\text{add}} = 1 - e^{-2|J|/T}.')]
      : []),
    el('p', {}, 'Mean field replaces each spin’s neighbours by their average: it orders at T = z|J| (4 on the square lattice).'),
    el('p', {}, 'On the square ferromagnet the ordered phase ends at Onsager’s'),
    formula('T_c = \\frac{2}{\\ln(1+\\sqrt 2)} \\approx 2.269'),
  );

  const element = el(
    'div',
    { class: 'panel-grid' },
    el('div', { class: 'panel-main' }, view.canvas, el('div', { class: 'readouts' }, ...Object.values(readouts).map((r) => r.element)), status),
    el('div', { class: 'panel-side' }, controls, explanation),
    el('div', { class: 'panel-charts' }, energyChart.element, magnetizationChart.element, energyHistogramChart.element, magnetizationHistogramChart.element),
    el('div', { class: 'panel-charts' }, el('h3', {}, 'Temperature sweep'), sweepEnergyChart.element, sweepMagnetizationChart.element),
  );

  send('reset');
  return {
    element,
    activate() {
      if (running) requestAnimationFrame(tick);
    },
    deactivate() {
      // tick() stops by itself while the panel is hidden; the state and traces are kept.
      running = false;
      startButton.textContent = 'Start';
      startButton.setAttribute('aria-pressed', 'false');
    },
  };
}
