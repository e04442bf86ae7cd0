import { Rng } from '../../../core/rng.js';
import type { DataMatrix } from '../../../prob/data-matrix.js';
import { fitGaussianMixture, initialMixture } from '../../../prob/gaussian-mixture-em.js';
import { GaussianMixture } from '../../../prob/gaussian-mixture.js';
import { Chart } from '../../ui/chart.js';
import { button, readout, slider } from '../../ui/controls.js';
import { el, formatValue } from '../../ui/dom.js';
import { formula } from '../../ui/math.js';
import type { Panel } from '../panel.js';

const RANGE = 5; // the canvas shows [-5, 5] x [-5, 5]
const COLORS: Array<[number, number, number]> = [[78, 121, 167], [242, 142, 43], [225, 87, 89], [118, 183, 178], [89, 161, 79], [176, 122, 161]];

/** Panel 5: a Gaussian mixture fitted by EM, one iteration at a time, on clicked or generated points. */
export function createMixturePanel(): Panel {
  const points: number[] = [];
  let components = 3;
  let model: GaussianMixture | undefined;
  let iteration = 0;
  const history: number[] = [];
  const rng = Rng.fromSeed(11);
  let running = false;

  const size = 480;
  const stage = el('canvas', { id: 'mixture-canvas', class: 'stage', role: 'img', 'aria-label': 'data points and mixture components; click to add a point', width: size, height: size });
  stage.addEventListener('click', (event) => {
    const box = stage.getBoundingClientRect();
    points.push(((event.clientX - box.left) / box.width) * 2 * RANGE - RANGE, RANGE - ((event.clientY - box.top) / box.height) * 2 * RANGE);
    model = undefined;
    draw();
  });
  const readouts = {
    n: readout('mixture-n', 'points'),
    iteration: readout('mixture-iteration', 'EM iteration'),
    ll: readout('mixture-ll', 'log-likelihood / n'),
    bic: readout('mixture-bic', 'BIC'),
  };
  const status = el('p', { class: 'status', role: 'status', id: 'mixture-status' });
  const llChart = new Chart({ id: 'mixture-ll-trace', title: 'EM: log-likelihood per point', xLabel: 'iteration', yLabel: 'ℓ / n (nats)' });

  const data = (): DataMatrix => ({ data: Float64Array.from(points), rows: points.length / 2, cols: 2 });

  function generate(): void {
    // Three Gaussian clusters at random places, 100 points each.
    for (let c = 0; c < 3; c++) {
      const cx = 6 * rng.nextDouble() - 3;
      const cy = 6 * rng.nextDouble() - 3;
      const sx = 0.3 + 0.7 * rng.nextDouble();
      const sy = 0.3 + 0.7 * rng.nextDouble();
      const rho = 1.6 * rng.nextDouble() - 0.8;
      for (let i = 0; i < 100; i++) {
        const a = rng.normal();
        const b = rng.normal();
        points.push(cx + sx * a, cy + sy * (rho * a + Math.sqrt(1 - rho * rho) * b));
      }
    }
    model = undefined;
    draw();
  }

  /** A fresh start: k-means++ and k-means, then one M-step from the hard labels. */
  function initialise(): boolean {
    const x = data();
    if (x.rows < components * 3) {
      status.textContent = `Add at least ${components * 3} points for ${components} components (click the canvas or generate).`;
      return false;
    }
    model = initialMixture(x, components, 'full', 1e-6, rng);
    iteration = 0;
    history.length = 0;
    history.push(model.logLikelihood(x) / x.rows);
    status.textContent = 'Initialised by k-means++; press “EM step”.';
    return true;
  }

  /** One EM iteration from the current parameters (the library's fit, capped at one iteration). */
  function emStep(): boolean {
    if (!model && !initialise()) return false;
    const x = data();
    const fit = fitGaussianMixture(x, { components, init: (model as GaussianMixture).parameters(), maxIterations: 1, tolerance: 0 });
    model = fit.model;
    iteration += 1;
    const ll = model.logLikelihood(x) / x.rows;
    const converged = history.length > 0 && Math.abs(ll - (history.at(-1) as number)) < 1e-7;
    history.push(ll);
    status.textContent = converged ? `Converged after ${iteration} iterations.` : `EM iteration ${iteration}.`;
    draw();
    return !converged;
  }

  function draw(): void {
    const g = stage.getContext('2d') as CanvasRenderingContext2D;
    const px = (v: number) => ((v + RANGE) / (2 * RANGE)) * size;
    const py = (v: number) => size - ((v + RANGE) / (2 * RANGE)) * size;
    g.fillStyle = '#fff';
    g.fillRect(0, 0, size, size);
    g.strokeStyle = '#eee';
    for (let t = -RANGE; t <= RANGE; t++) {
      g.beginPath(); g.moveTo(px(t), 0); g.lineTo(px(t), size); g.stroke();
      g.beginPath(); g.moveTo(0, py(t)); g.lineTo(size, py(t)); g.stroke();
    }
    const x = data();
    const r = model ? model.responsibilities(x) : undefined;
    for (let i = 0; i < x.rows; i++) {
      let color: [number, number, number] = [120, 120, 120];
      if (r && model) {
        color = [0, 0, 0];
        for (let k = 0; k < model.components; k++) for (let c = 0; c < 3; c++) color[c] += r[i * model.components + k] * COLORS[k % COLORS.length][c];
      }
      g.fillStyle = `rgba(${color.map(Math.round).join(',')}, 0.8)`;
      g.beginPath();
      g.arc(px(points[2 * i]), py(points[2 * i + 1]), 3, 0, 2 * Math.PI);
      g.fill();
    }
    if (model) {
      for (let k = 0; k < model.components; k++) {
        const c = model.covarianceMatrix(k);
        const l11 = Math.sqrt(c[0]);
        const l21 = c[1] / l11;
        const l22 = Math.sqrt(Math.max(0, c[3] - l21 * l21));
        g.strokeStyle = `rgb(${COLORS[k % COLORS.length].join(',')})`;
        g.lineWidth = 2;
        g.beginPath();
        for (let s = 0; s <= 64; s++) {
          const t = (2 * Math.PI * s) / 64;
          const u = 2 * Math.cos(t);
          const v = 2 * Math.sin(t);
          const X = model.means[2 * k] + l11 * u;
          const Y = model.means[2 * k + 1] + l21 * u + l22 * v;
          if (s === 0) g.moveTo(px(X), py(Y));
          else g.lineTo(px(X), py(Y));
        }
        g.stroke();
        g.lineWidth = 1;
      }
    }
    readouts.n.set(String(x.rows));
    readouts.iteration.set(String(iteration));
    readouts.ll.set(history.length ? formatValue(history.at(-1) as number, 4) : '–');
    readouts.bic.set(model && x.rows > 0 ? formatValue(model.bic(x), 1) : '–');
    llChart.update([{ name: 'ℓ/n', color: '#4e79a7', kind: 'line', x: history.map((_, i) => i), y: history }, { name: '', color: '#4e79a7', kind: 'points', x: history.map((_, i) => i), y: history }]);
    llChart.canvas.dataset.values = history.map((v) => v.toFixed(6)).join(',');
  }

  function tick(): void {
    if (!running) return;
    if (!emStep()) {
      toggle();
      return;
    }
    setTimeout(() => requestAnimationFrame(tick), 150);
  }
  const runButton = button({ id: 'mixture-run', label: 'Run EM', onClick: () => toggle() });
  function toggle(): void {
    running = !running;
    runButton.textContent = running ? 'Pause' : 'Run EM';
    runButton.setAttribute('aria-pressed', String(running));
    if (running) requestAnimationFrame(tick);
  }

  const controls = el(
    'div',
    { class: 'controls', role: 'group', 'aria-label': 'mixture controls' },
    slider({ id: 'mixture-components', label: 'Components K', min: 1, max: 6, step: 1, value: components, onChange: (v) => ((components = v), (model = undefined), draw()) }).element,
    el(
      'div',
      { class: 'buttons' },
      button({ id: 'mixture-generate', label: 'Generate 300 points', onClick: () => generate() }),
      button({ id: 'mixture-step', label: 'EM step', primary: true, onClick: () => emStep() }),
      runButton,
      button({ id: 'mixture-restart', label: 'New start', onClick: () => initialise() && draw() }),
      button({ id: 'mixture-clear', label: 'Clear points', onClick: () => ((points.length = 0), (model = undefined), (history.length = 0), (iteration = 0), draw()) }),
    ),
  );
  const explanation = el(
    'div',
    { class: 'explanation' },
    el('p', {}, 'A Gaussian mixture p(x) = Σ_k π_k N(x | μ_k, Σ_k) with a hidden component m for each point. EM alternates two steps:'),
    formula('\\text{E:}\\quad r_{ik} = p(m_i = k \\mid x_i) = \\frac{\\pi_k\\,\\mathcal N(x_i\\mid\\mu_k,\\Sigma_k)}{\\sum_j \\pi_j\\,\\mathcal N(x_i\\mid\\mu_j,\\Sigma_j)}'),
    formula('\\text{M:}\\quad \\pi_k = \\tfrac1n\\textstyle\\sum_i r_{ik},\\quad \\mu_k = \\frac{\\sum_i r_{ik} x_i}{\\sum_i r_{ik}},\\quad \\Sigma_k = \\frac{\\sum_i r_{ik}(x_i-\\mu_k)(x_i-\\mu_k)^\\top}{\\sum_i r_{ik}}'),
    el('p', {}, 'Each step raises the log-likelihood (it maximises the ELBO, which touches log p(x) at the exact posterior r). Points are coloured by their responsibilities; ellipses are 2σ contours.'),
  );
  const element = el(
    'div',
    { class: 'panel-grid' },
    el('div', { class: 'panel-main' }, stage, el('div', { class: 'readouts' }, ...Object.values(readouts).map((r) => r.element)), status),
    el('div', { class: 'panel-side' }, controls, explanation),
    el('div', { class: 'panel-charts' }, llChart.element),
  );
  draw();
  return {
    element,
    activate() {},
    deactivate() {
      if (running) toggle();
    },
  };
}
