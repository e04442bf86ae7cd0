import { Rng } from '../../core/rng.js';
import { ConjugateNormal } from '../../prob/conjugate-normal.js';
import type { Figure, Series } from '../figure.js';
import { densityCurve, linearGrid } from '../figures/bayes.js';
import { PALETTE } from '../vega-lite.js';
import type { ReportSection, SectionOptions, SectionResult } from './section.js';

/** The data-generating Gaussian (unknown to the model) and the prior the model starts from. */
const TRUTH = { mean: 1.5, sd: 0.8 };
const PRIOR = { mu: 0, kappa: 1, alpha: 2, beta: 1 };

async function run(options: SectionOptions): Promise<SectionResult> {
  const total = options.quick ? 200 : 2000;
  const rng = Rng.stream(options.seed, 101);
  const data = Float64Array.from({ length: total }, () => TRUTH.mean + TRUTH.sd * rng.normal());
  options.progress(`updating a Normal-Inverse-Gamma posterior one observation at a time, ${total} observations`);
  // Sequential updates: after each observation, record the posterior of μ.
  const steps: number[] = [];
  const lower: number[] = [];
  const upper: number[] = [];
  const centre: number[] = [];
  const shown = [0, 1, 3, 10, 30, 100];
  const snapshots = new Map<number, ConjugateNormal>();
  let posterior = ConjugateNormal.withPrior(PRIOR);
  snapshots.set(0, posterior);
  for (let n = 1; n <= total; n++) {
    posterior = posterior.observe(data[n - 1]);
    if (shown.includes(n)) snapshots.set(n, posterior);
    if (n >= 2 && (n <= 20 || n % Math.ceil(n / 40) === 0 || n === total)) {
      const interval = posterior.meanMarginal().centralInterval(0.95);
      steps.push(n);
      lower.push(interval.lower);
      upper.push(interval.upper);
      centre.push(posterior.posterior.mu);
    }
  }
  const x = linearGrid(-1.5, 3.5, 301);
  const densities: Series[] = shown.map((n, i) => densityCurve(n === 0 ? 'prior (n = 0)' : `n = ${n}`, (snapshots.get(n) as ConjugateNormal).meanMarginal(), x, { dash: n === 0, color: n === 0 ? '#888888' : PALETTE[(i - 1) % PALETTE.length] }));
  const tightening: Figure = {
    type: 'line',
    title: 'Posterior of the mean μ as data arrive',
    subtitle: `data from N(${TRUTH.mean}, ${TRUTH.sd}²); prior μ₀ = ${PRIOR.mu}, κ₀ = ${PRIOR.kappa}, α₀ = ${PRIOR.alpha}, β₀ = ${PRIOR.beta}`,
    x: { label: 'mean', symbol: 'μ' },
    y: { label: 'posterior density' },
    series: densities,
    references: [{ label: 'true μ', value: TRUTH.mean, orientation: 'vertical' }],
    width: 420,
  };
  const interval: Figure = {
    type: 'line',
    title: '95% credible interval of μ against the number of observations',
    x: { label: 'observations', symbol: 'n', scale: 'log', domain: [2, total] },
    y: { label: 'mean', symbol: 'μ' },
    series: [
      { kind: 'band', name: '95% credible interval', x: steps, lower, upper, color: '#4e79a7' },
      { kind: 'line', name: 'posterior mean', x: steps, y: centre, color: '#4e79a7' },
    ],
    references: [{ label: 'true μ', value: TRUTH.mean, orientation: 'horizontal' }],
    width: 420,
  };
  const final = posterior.meanMarginal().centralInterval(0.95);
  const early = (snapshots.get(10) as ConjugateNormal).meanMarginal().centralInterval(0.95);
  const ratio = (early.upper - early.lower) / (final.upper - final.lower);
  return {
    summary:
      `The posterior of a Gaussian's mean under a conjugate Normal-Inverse-Gamma prior, updated one observation at a time with data drawn from N(${TRUTH.mean}, ${TRUTH.sd}²): the density narrows and moves onto the true value as data arrive. ` +
      `The 95% credible interval shrinks like 1/√n (${ratio.toFixed(1)} times narrower at n = ${total} than at n = 10, against √${total / 10} = ${Math.sqrt(total / 10).toFixed(1)}) and keeps covering the true mean.`,
    figures: [
      { figure: tightening, caption: 'Marginal posterior of μ (a Student-t) after n observations; the dashed curve is the prior.' },
      { figure: interval, caption: 'Posterior mean and equal-tailed 95% credible interval of μ against n (logarithmic axis).' },
    ],
    highlights: [
      { label: `95% interval of μ at n = ${total}`, value: `[${final.lower.toFixed(4)}, ${final.upper.toFixed(4)}] (true ${TRUTH.mean})` },
      { label: 'log evidence', value: (posterior.logEvidence() as number).toFixed(3) },
    ],
  };
}

/** Bayesian updating of a Gaussian: the posterior tightening as data arrive. */
export const bayesSection: ReportSection = { id: 'bayes', title: 'Bayesian posterior as data arrive', run };
