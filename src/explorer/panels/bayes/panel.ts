import { Rng } from '../../../core/rng.js';
import { ConjugateNormal, type NigParameters } from '../../../prob/conjugate-normal.js';
import { Chart, type ChartSeries } from '../../ui/chart.js';
import { button, readout, slider } from '../../ui/controls.js';
import { el, formatValue } from '../../ui/dom.js';
import { formula } from '../../ui/math.js';
import type { Panel } from '../panel.js';

const RANGE: [number, number] = [-5, 5];
const GRID = Array.from({ length: 301 }, (_, i) => RANGE[0] + ((RANGE[1] - RANGE[0]) * i) / 300);

/** Panel 4: Bayesian updating of a Gaussian with a Normal-Inverse-Gamma prior; click to add data. */
export function createBayesPanel(): Panel {
  const prior: NigParameters = { mu: 0, kappa: 1, alpha: 2, beta: 2 };
  const data: number[] = [];
  const rng = Rng.fromSeed(2024);

  // The data strip: a number line; a click adds an observation where it lands.
  const strip = el('canvas', { id: 'bayes-data', class: 'stage', role: 'img', 'aria-label': 'data: click to add an observation', width: 640, height: 70 });
  strip.style.width = '640px';
  strip.style.height = '70px';
  strip.addEventListener('click', (event) => {
    const box = strip.getBoundingClientRect();
    const x = RANGE[0] + ((event.clientX - box.left) / box.width) * (RANGE[1] - RANGE[0]);
    add(Number(x.toFixed(3)));
  });

  const readouts = {
    n: readout('bayes-n', 'n'),
    mean: readout('bayes-mean', 'posterior mean of μ'),
    interval: readout('bayes-interval', '95% interval of μ'),
    variance: readout('bayes-variance', 'E[σ² | data]'),
    evidence: readout('bayes-evidence', 'log evidence'),
  };
  const muChart = new Chart({ id: 'bayes-mu', title: 'Mean μ: prior and posterior', xLabel: 'μ', yLabel: 'density', xDomain: RANGE });
  const predictiveChart = new Chart({ id: 'bayes-predictive', title: 'Posterior predictive and data', xLabel: 'next observation x', yLabel: 'density', xDomain: RANGE });
  const joint = el('canvas', { id: 'bayes-joint', class: 'stage', role: 'img', 'aria-label': 'joint posterior density of μ and σ', width: 200, height: 200 });
  joint.style.width = '260px';
  const jointCaption = el('figcaption', {}, 'Joint posterior of μ (across) and σ (up)');
  joint.style.height = '260px';

  const valueInput = el('input', { type: 'number', id: 'bayes-value', step: '0.1', value: '1', 'aria-label': 'observation to add' });
  const update = () => draw();
  const controls = el(
    'div',
    { class: 'controls', role: 'group', 'aria-label': 'Bayesian updating controls' },
    slider({ id: 'bayes-mu0', label: 'prior mean μ₀', min: -4, max: 4, step: 0.1, value: prior.mu, format: (v) => formatValue(v, 1), onChange: (v) => ((prior.mu = v), update()) }).element,
    slider({ id: 'bayes-kappa0', label: 'prior strength κ₀', min: 0.1, max: 20, step: 0.1, value: prior.kappa, format: (v) => v.toFixed(1), onChange: (v) => ((prior.kappa = v), update()) }).element,
    slider({ id: 'bayes-alpha0', label: 'prior shape α₀', min: 0.5, max: 20, step: 0.5, value: prior.alpha, format: (v) => v.toFixed(1), onChange: (v) => ((prior.alpha = v), update()) }).element,
    slider({ id: 'bayes-beta0', label: 'prior scale β₀', min: 0.1, max: 20, step: 0.1, value: prior.beta, format: (v) => v.toFixed(1), onChange: (v) => ((prior.beta = v), update()) }).element,
    el('div', { class: 'control' }, el('label', { for: 'bayes-value' }, 'observation'), valueInput),
    el(
      'div',
      { class: 'buttons' },
      button({ id: 'bayes-add', label: 'Add', primary: true, onClick: () => Number.isFinite(valueInput.valueAsNumber) && add(valueInput.valueAsNumber) }),
      button({ id: 'bayes-add-random', label: 'Add 10 from N(1.5, 0.8²)', onClick: () => addRandom(10) }),
      button({ id: 'bayes-undo', label: 'Remove last', onClick: () => (data.pop(), update()) }),
      button({ id: 'bayes-clear', label: 'Clear', onClick: () => ((data.length = 0), update()) }),
    ),
  );

  function add(x: number): void {
    data.push(x);
    draw();
  }
  function addRandom(count: number): void {
    for (let i = 0; i < count; i++) data.push(Number((1.5 + 0.8 * rng.normal()).toFixed(3)));
    draw();
  }

  function draw(): void {
    const start = ConjugateNormal.withPrior(prior);
    const posterior = start.observeAll(data);
    const mu = posterior.meanMarginal();
    const interval = mu.centralInterval(0.95);
    const ig = posterior.varianceMarginal();
    readouts.n.set(String(data.length));
    readouts.mean.set(formatValue(posterior.posterior.mu, 3));
    readouts.interval.set(`[${formatValue(interval.lower, 3)}, ${formatValue(interval.upper, 3)}]`);
    readouts.variance.set(ig.shape > 1 ? formatValue(ig.mean(), 3) : '∞ (α ≤ 1)');
    readouts.evidence.set(formatValue(posterior.logEvidence() ?? Number.NaN, 3));
    const density = (d: { pdf(x: number): number }) => GRID.map((x) => d.pdf(x));
    muChart.update(
      [
        { name: 'prior', color: '#888888', kind: 'dashed', x: GRID, y: density(start.meanMarginal()) },
        { name: `posterior (n = ${data.length})`, color: '#4e79a7', kind: 'line', x: GRID, y: density(mu) },
      ],
      `posterior mean ${formatValue(posterior.posterior.mu, 3)}`,
    );
    muChart.canvas.dataset.width = String(interval.upper - interval.lower);
    const series: ChartSeries[] = [];
    if (data.length > 0) {
      const bins = 40;
      const width = (RANGE[1] - RANGE[0]) / bins;
      const counts = new Array<number>(bins).fill(0);
      for (const x of data) counts[Math.min(bins - 1, Math.max(0, Math.floor((x - RANGE[0]) / width)))] += 1;
      series.push({ name: 'data (histogram)', color: '#bab0ac', kind: 'bars', x: Array.from({ length: bins + 1 }, (_, i) => RANGE[0] + i * width), y: counts.map((c) => c / (data.length * width)) });
    }
    series.push({ name: 'posterior predictive', color: '#f28e2b', kind: 'line', x: GRID, y: density(posterior.predictive()) });
    predictiveChart.update(series);
    drawStrip();
    drawJoint(posterior);
  }

  function drawStrip(): void {
    const g = strip.getContext('2d') as CanvasRenderingContext2D;
    const { width, height } = strip;
    g.fillStyle = '#fff';
    g.fillRect(0, 0, width, height);
    g.strokeStyle = '#888';
    g.fillStyle = '#444';
    g.font = '11px "DejaVu Sans", sans-serif';
    g.textAlign = 'center';
    g.beginPath();
    g.moveTo(0, height - 22.5);
    g.lineTo(width, height - 22.5);
    g.stroke();
    for (let t = RANGE[0]; t <= RANGE[1]; t++) {
      const x = ((t - RANGE[0]) / (RANGE[1] - RANGE[0])) * width;
      g.beginPath();
      g.moveTo(x, height - 26);
      g.lineTo(x, height - 19);
      g.stroke();
      g.fillText(String(t).replace('-', '−'), Math.min(width - 8, Math.max(8, x)), height - 5);
    }
    g.fillStyle = 'rgba(78, 121, 167, 0.55)';
    for (const v of data) {
      const x = ((v - RANGE[0]) / (RANGE[1] - RANGE[0])) * width;
      g.beginPath();
      g.arc(x, height - 36, 5, 0, 2 * Math.PI);
      g.fill();
    }
    g.fillStyle = '#5b6372';
    g.textAlign = 'left';
    g.fillText('click to add an observation', 6, 14);
    strip.setAttribute('aria-label', `data: ${data.length} observations; click to add one`);
  }

  /** The joint posterior p(μ, σ | data) on a grid, as an image (σ = sqrt(σ²), Jacobian 2σ). */
  function drawJoint(posterior: ConjugateNormal): void {
    const g = joint.getContext('2d') as CanvasRenderingContext2D;
    const { width, height } = joint;
    const nig = posterior.joint();
    const muRange = posterior.meanMarginal().centralInterval(0.999);
    const sdHi = Math.sqrt(posterior.varianceMarginal().centralInterval(0.995).upper);
    const values = new Float64Array(width * height);
    let max = -Infinity;
    for (let j = 0; j < height; j++) {
      const sigma = (sdHi * (height - j - 0.5)) / height;
      for (let i = 0; i < width; i++) {
        const m = muRange.lower + ((muRange.upper - muRange.lower) * (i + 0.5)) / width;
        const v = nig.logPdf(m, sigma * sigma) + Math.log(2 * sigma);
        values[i + width * j] = v;
        if (v > max) max = v;
      }
    }
    const image = g.createImageData(width, height);
    for (let k = 0; k < values.length; k++) {
      const p = Math.exp(values[k] - max);
      image.data[4 * k] = Math.round(255 - 200 * p);
      image.data[4 * k + 1] = Math.round(255 - 140 * p);
      image.data[4 * k + 2] = Math.round(255 - 90 * p);
      image.data[4 * k + 3] = 255;
    }
    g.putImageData(image, 0, 0);
    jointCaption.textContent = `Joint posterior density of μ (across, ${formatValue(muRange.lower, 2)} to ${formatValue(muRange.upper, 2)}) and σ (up, 0 to ${formatValue(sdHi, 2)})`;
    joint.setAttribute('aria-label', jointCaption.textContent);
  }

  const explanation = el(
    'div',
    { class: 'explanation' },
    el('p', {}, 'Observations x_i ~ N(μ, σ²) with both unknown; the conjugate Normal-Inverse-Gamma prior stays in its family after every observation:'),
    formula('\\mu \\mid \\sigma^2 \\sim \\mathcal N\\!\\left(\\mu_0, \\tfrac{\\sigma^2}{\\kappa_0}\\right),\\quad \\sigma^2 \\sim \\text{Inv-Gamma}(\\alpha_0, \\beta_0)'),
    formula('\\kappa_n = \\kappa_0 + n,\\quad \\mu_n = \\frac{\\kappa_0\\mu_0 + n\\bar x}{\\kappa_n},\\quad \\alpha_n = \\alpha_0 + \\tfrac n2'),
    formula('\\beta_n = \\beta_0 + \\tfrac12\\textstyle\\sum_i (x_i-\\bar x)^2 + \\dfrac{\\kappa_0 n (\\bar x-\\mu_0)^2}{2\\kappa_n}'),
    el('p', {}, 'The mean’s marginal posterior and the predictive of the next observation are Student-t:'),
    formula('x_{n+1} \\mid \\text{data} \\sim t_{2\\alpha_n}\\!\\left(\\mu_n,\\ \\frac{\\beta_n(\\kappa_n+1)}{\\alpha_n\\kappa_n}\\right)'),
  );

  const element = el(
    'div',
    { class: 'panel-grid' },
    el('div', { class: 'panel-main' }, strip, el('div', { class: 'readouts' }, ...Object.values(readouts).map((r) => r.element)), el('figure', { class: 'chart-figure' }, joint, jointCaption)),
    el('div', { class: 'panel-side' }, controls, explanation),
    el('div', { class: 'panel-charts' }, muChart.element, predictiveChart.element),
  );
  draw();
  return { element, activate() {}, deactivate() {} };
}
