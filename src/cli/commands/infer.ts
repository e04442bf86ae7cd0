import type { Command } from 'commander';
import { GibbsError } from '../../core/errors.js';
import { ConjugateNormal, type NigParameters, type NormalInferenceSummary } from '../../prob/conjugate-normal.js';
import { streamNumericCsv } from '../csv.js';
import { printJson } from '../io.js';
import { parseNumber } from '../options.js';
import { plotOption, plotTarget } from '../plot-option.js';
import { normalPosteriorFigure } from '../../report/figures/bayes.js';
import { formatNumber } from '../table.js';

const PRIOR_KEYS = ['mu0', 'kappa0', 'alpha0', 'beta0'] as const;

/** Parse `--prior mu0=..,kappa0=..,alpha0=..,beta0=..` or `--prior reference`. */
export function parseNigPrior(text: string | undefined): NigParameters | 'reference' {
  if (text === undefined || text.trim() === 'reference') return 'reference';
  const values: Partial<Record<(typeof PRIOR_KEYS)[number], number>> = {};
  for (const part of text.split(',')) {
    const [key, value, ...rest] = part.split('=').map((s) => s.trim());
    if (!(PRIOR_KEYS as readonly string[]).includes(key) || value === undefined || rest.length) {
      throw new GibbsError(`--prior: got ${JSON.stringify(part)}, expected KEY=VALUE with KEY one of ${PRIOR_KEYS.join(', ')} (or --prior reference)`, '--prior');
    }
    values[key as (typeof PRIOR_KEYS)[number]] = parseNumber(`--prior ${key}`, value);
  }
  const missing = PRIOR_KEYS.filter((k) => values[k] === undefined);
  if (missing.length) throw new GibbsError(`--prior: missing ${missing.join(', ')}; give all of mu0, kappa0, alpha0, beta0 (e.g. mu0=0,kappa0=1,alpha0=2,beta0=2) or --prior reference`, '--prior');
  for (const k of ['kappa0', 'alpha0', 'beta0'] as const) {
    if (!((values[k] as number) > 0)) throw new GibbsError(`--prior ${k}: got ${values[k]}, expected a number > 0`, '--prior');
  }
  return { mu: values.mu0 as number, kappa: values.kappa0 as number, alpha: values.alpha0 as number, beta: values.beta0 as number };
}

function parseLevel(text: string): number {
  const level = parseNumber('--level', text);
  if (!(level > 0 && level < 1)) throw new GibbsError(`--level: got ${text}, expected a probability strictly between 0 and 1 (e.g. 0.95)`, '--level');
  return level;
}

function describePrior(s: NormalInferenceSummary): string {
  if (s.prior === 'reference') return 'reference prior p(mu, sigma^2) ∝ 1/sigma^2';
  const p = s.prior;
  return `NIG prior mu0=${formatNumber(p.mu)} kappa0=${formatNumber(p.kappa)} alpha0=${formatNumber(p.alpha)} beta0=${formatNumber(p.beta)}`;
}

function printSummary(s: NormalInferenceSummary, column: string): void {
  const pct = `${formatNumber(100 * s.level)}%`;
  const interval = (c: { estimate: number; lower: number; upper: number }) => `${formatNumber(c.estimate).padEnd(12)} ${pct} credible interval [${formatNumber(c.lower)}, ${formatNumber(c.upper)}]`;
  const p = s.posterior;
  const lines = [
    `Normal model with unknown mean and variance for column ${column}; ${describePrior(s)}`,
    `observations:   ${s.n}`,
    `posterior:      mu=${formatNumber(p.mu)} kappa=${formatNumber(p.kappa)} alpha=${formatNumber(p.alpha)} beta=${formatNumber(p.beta)}`,
    `mean mu:        ${interval(s.mean)}`,
    `variance:       ${interval(s.variance)}`,
    `predictive:     Student-t(df=${formatNumber(s.predictive.df)}, location=${formatNumber(s.predictive.location)}, scale=${formatNumber(s.predictive.scale)})`,
    `log evidence:   ${s.logEvidence === null ? 'undefined under the improper reference prior (give --prior for it)' : formatNumber(s.logEvidence, 10)}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** `gibbs infer normal DATA.csv`: conjugate Bayesian inference of a Gaussian's mean and variance. */
export function registerInfer(program: Command): void {
  const infer = program.command('infer').description('Bayesian inference with conjugate priors');
  infer
    .command('normal')
    .description('posterior of a Gaussian mean and variance (Normal-Inverse-Gamma prior), streamed row by row')
    .argument('<data>', 'CSV file with a header row, or - to stream from standard input')
    .option('--column <name>', 'column to use (header name or 1-based number); needed when there are several')
    .option('--prior <spec>', 'mu0=..,kappa0=..,alpha0=..,beta0=.. (mu|sigma2 ~ N(mu0, sigma2/kappa0), sigma2 ~ InvGamma(alpha0, beta0)) or "reference" (default)')
    .option('--level <p>', 'credible level of the equal-tailed intervals', '0.95')
    .option('--json', 'print JSON')
    .addOption(plotOption())
    .addHelpText(
      'after',
      '\nWithout --prior the reference prior p(mu, sigma^2) ∝ 1/sigma^2 is used (classical t interval; no evidence).\nExamples:\n  gibbs infer normal heights.csv --column height\n  gibbs infer normal heights.csv --column height --prior mu0=170,kappa0=1,alpha0=2,beta0=50 --json\n  cat heights.csv | gibbs infer normal - --column height --level 0.9',
    )
    .action(async (path: string, options: { column?: string; prior?: string; level: string; json?: boolean; plot?: string }) => {
      const prior = parseNigPrior(options.prior);
      const level = parseLevel(options.level);
      const plot = plotTarget(options.plot);
      let posterior = prior === 'reference' ? ConjugateNormal.reference() : ConjugateNormal.withPrior(prior);
      const selection = { columns: options.column === undefined ? undefined : [options.column], flag: '--column', single: true };
      const { columns } = await streamNumericCsv(path, selection, (values) => {
        posterior = posterior.observe(values[0]);
      });
      const summary = posterior.summary(level);
      if (options.json) printJson(summary);
      else printSummary(summary, columns[0]);
      await plot?.write(() => normalPosteriorFigure(posterior, level, `Posterior of a Normal model for ${columns[0]} (n = ${posterior.n})`));
    });
}
