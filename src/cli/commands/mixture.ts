import type { Command } from 'commander';
import { GibbsError } from '../../core/errors.js';
import { Rng } from '../../core/rng.js';
import { writeFileAtomic } from '../../node/atomic-write.js';
import { anomalyThreshold, flagAnomalies } from '../../prob/anomaly.js';
import { type BernoulliMixture, fitBernoulliMixture } from '../../prob/bernoulli-mixture.js';
import type { DataMatrix } from '../../prob/data-matrix.js';
import { type CovarianceType, GaussianMixture } from '../../prob/gaussian-mixture.js';
import { fitGaussianMixture } from '../../prob/gaussian-mixture-em.js';
import { type MixtureKind, type SavedMixture, covariancesForJson, mixtureToJson, parseMixtureFile } from '../../prob/mixture-file.js';
import { selectComponents } from '../../prob/mixture-selection.js';
import { fitVariationalGaussianMixture } from '../../prob/variational-gaussian-mixture.js';
import { readNumericCsv } from '../csv.js';
import { printJson, readTextInput } from '../io.js';
import { plotOption, plotTarget } from '../plot-option.js';
import { anomalyScoreFigure, mixturePlotFigure } from '../../report/figures/mixture.js';
import { parseChoice, parseInteger, parseNumber, parseNumberList } from '../options.js';
import { createProgress } from '../progress.js';
import { formatNumber, formatTable } from '../table.js';

interface FitOptions {
  components: string;
  model: string;
  covariance: string;
  columns?: string;
  seed: string;
  restarts: string;
  tolerance: string;
  maxIterations: string;
  regularization: string;
  anomalyQuantile: string;
  save?: string;
  json?: boolean;
  plot?: string;
}

/** What one fit reports (the JSON of `gibbs mixture fit`). */
interface FitReport {
  model: MixtureKind;
  covariance?: CovarianceType;
  columns: string[];
  components: number;
  weights: number[];
  means: number[][];
  covariances: unknown;
  logLikelihood: number;
  bic: number;
  iterations: number;
  converged: boolean;
  tolerance: number;
  maxIterations: number;
  elbo?: number;
  pruned?: number;
}

function parseComponents(text: string, rows: number): number[] {
  // a range without a step (1:6) counts in ones
  const ks = parseNumberList('--components', text.replace(/^(\d+):(\d+)$/, '$1:$2:1'));
  for (const k of ks) if (!Number.isInteger(k) || k < 1 || k > rows) throw new GibbsError(`--components: got ${k}, expected integers from 1 to the number of rows (${rows})`, '--components');
  return [...new Set(ks)];
}

function rowsOf(flat: Float64Array, rows: number): number[][] {
  const cols = flat.length / rows;
  return Array.from({ length: rows }, (_, i) => Array.from(flat.subarray(i * cols, (i + 1) * cols)));
}

function fitOnce(x: DataMatrix, k: number, kind: MixtureKind, covariance: CovarianceType, o: FitOptions, rng: Rng, onIteration: () => void): { report: Omit<FitReport, 'columns'>; model: GaussianMixture | BernoulliMixture; score: number } {
  const restarts = parseInteger('--restarts', o.restarts, 1, 1000);
  const tolerance = parseNumber('--tolerance', o.tolerance);
  const maxIterations = parseInteger('--max-iterations', o.maxIterations, 1);
  if (tolerance < 0) throw new GibbsError(`--tolerance: got ${o.tolerance}, expected a number >= 0`, '--tolerance');
  if (kind === 'bernoulli') {
    const fit = fitBernoulliMixture(x, { components: k, restarts, tolerance, maxIterations, rng, onIteration });
    const m = fit.model;
    const report = { model: kind, components: m.components, weights: Array.from(m.weights), means: rowsOf(m.probabilities, m.components), covariances: rowsOf(m.probabilities.map((p) => p * (1 - p)), m.components), logLikelihood: fit.logLikelihood, bic: fit.bic, iterations: fit.iterations, converged: fit.converged, tolerance, maxIterations };
    return { report, model: m, score: fit.bic };
  }
  if (kind === 'bayes-gaussian') {
    if (covariance !== 'full') throw new GibbsError(`--covariance: got "${covariance}", but --model bayes-gaussian has Normal-Wishart (full) covariances only`, '--covariance');
    const fit = fitVariationalGaussianMixture(x, { components: k, restarts, tolerance, maxIterations, rng, onIteration });
    const m = fit.model;
    const bic = m.bic(x);
    const report = { model: kind, covariance, components: m.components, weights: Array.from(m.weights), means: rowsOf(m.means, m.components), covariances: covariancesForJson(m), logLikelihood: fit.logLikelihood, bic, iterations: fit.iterations, converged: fit.converged, tolerance, maxIterations, elbo: fit.elbo, pruned: k - m.components };
    return { report, model: m, score: fit.elbo };
  }
  const regularization = parseNumber('--regularization', o.regularization);
  if (regularization < 0) throw new GibbsError(`--regularization: got ${o.regularization}, expected a number >= 0`, '--regularization');
  const fit = fitGaussianMixture(x, { components: k, covarianceType: covariance, restarts, tolerance, maxIterations, regularization, rng, onIteration });
  const m = fit.model;
  const report = { model: kind, covariance, components: m.components, weights: Array.from(m.weights), means: rowsOf(m.means, m.components), covariances: covariancesForJson(m), logLikelihood: fit.logLikelihood, bic: fit.bic, iterations: fit.iterations, converged: fit.converged, tolerance, maxIterations };
  return { report, model: m, score: fit.bic };
}

function printFit(report: FitReport, selection: Array<{ components: number; score: number }> | null, criterion: string, saved?: string): void {
  const lines: string[] = [];
  if (selection) {
    lines.push(`model selection by ${criterion.toUpperCase()} (${criterion === 'bic' ? 'lower' : 'higher'} is better):`);
    lines.push(formatTable(['components', criterion], selection.map((r) => [r.components, r.score])), '');
  }
  lines.push(`${report.model} mixture, ${report.components} components${report.covariance ? `, ${report.covariance} covariances` : ''}, columns ${report.columns.join(', ')}`);
  const header = ['component', 'weight', ...report.columns.map((c) => `mean ${c}`)];
  lines.push(formatTable(header, report.weights.map((w, k) => [k, w, ...report.means[k]])));
  lines.push('', `log-likelihood:  ${formatNumber(report.logLikelihood, 10)} (total over the data)`, `BIC:             ${formatNumber(report.bic, 10)}`);
  if (report.elbo !== undefined) lines.push(`ELBO:            ${formatNumber(report.elbo, 10)} (lower bound on log evidence)${report.pruned ? `; ${report.pruned} unused components pruned` : ''}`);
  lines.push(`iterations:      ${report.iterations}${report.converged ? ` (converged: change < ${report.tolerance} per point)` : ` (NOT converged within --max-iterations ${report.maxIterations})`}`);
  if (saved) lines.push(`saved:           ${saved}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function runFit(path: string, o: FitOptions): Promise<void> {
  const kind = parseChoice('--model', o.model, ['gaussian', 'bernoulli', 'bayes-gaussian'] as const);
  const covariance = parseChoice('--covariance', o.covariance, ['full', 'diag', 'spherical'] as const);
  const seed = parseInteger('--seed', o.seed, 0);
  const plot = plotTarget(o.plot);
  const quantile = parseNumber('--anomaly-quantile', o.anomalyQuantile);
  if (!(quantile >= 0 && quantile < 1)) throw new GibbsError(`--anomaly-quantile: got ${o.anomalyQuantile}, expected a probability from 0 to below 1`, '--anomaly-quantile');
  const columns = o.columns === undefined ? undefined : o.columns.split(',').map((c) => c.trim());
  const csv = await readNumericCsv(path, { columns, flag: '--columns' });
  const x: DataMatrix = { data: csv.data, rows: csv.rows, cols: csv.cols };
  const ks = parseComponents(o.components, x.rows);
  const criterion = kind === 'bayes-gaussian' ? 'elbo' : 'bic';
  const progress = createProgress('EM', ks.length * parseInteger('--max-iterations', o.maxIterations, 1) * parseInteger('--restarts', o.restarts, 1, 1000), { json: o.json, unit: 'iterations' });
  let done = 0;
  const tick = () => progress.update(++done);
  let selection;
  try {
    selection = selectComponents(ks, (k) => fitOnce(x, k, kind, covariance, o, Rng.fromSeed(seed), tick), (f) => f.score, criterion);
  } finally {
    progress.stop();
  }
  const { report, model } = selection.best.fit;
  const full: FitReport = { ...report, columns: csv.columns };
  const table = ks.length > 1 ? selection.table.map((r) => ({ components: r.components, score: r.score })) : null;
  if (o.save) {
    const threshold = anomalyThreshold(model.scoreSamples(x), quantile);
    const { model: _k, covariance: _c, columns: _cols, weights: _w, means: _m, covariances: _v, ...fitInfo } = full;
    const saved: SavedMixture = { kind, model, columns: csv.columns, anomaly: { quantile, threshold }, fit: { ...fitInfo, rows: x.rows, seed } };
    const json = mixtureToJson(saved);
    const text = `{\n${Object.entries(json).map(([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`).join(',\n')}\n}\n`;
    try {
      writeFileAtomic(o.save, text);
    } catch (error) {
      throw new GibbsError(`--save: cannot write ${o.save} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, '--save');
    }
  }
  if (o.json) printJson(table ? { ...full, selection: { criterion, candidates: table } } : full);
  else printFit(full, table, criterion, o.save);
  await plot?.write(() => mixturePlotFigure(x, model, csv.columns));
}

function readMixture(path: string): SavedMixture {
  return parseMixtureFile(readTextInput(path, 'model'), path === '-' ? 'stdin' : path);
}

async function runScore(modelPath: string, dataPath: string, o: { json?: boolean; plot?: string }): Promise<void> {
  const plot = plotTarget(o.plot);
  const saved = readMixture(modelPath);
  const csv = await readNumericCsv(dataPath, { columns: saved.columns, flag: `${modelPath} columns` });
  const x: DataMatrix = { data: csv.data, rows: csv.rows, cols: csv.cols };
  const logDensity = saved.model.scoreSamples(x);
  const flags = flagAnomalies(logDensity, saved.anomaly.threshold);
  const anomalies = flags.reduce((a, b) => a + b, 0);
  await plot?.write(() => anomalyScoreFigure(logDensity, saved.anomaly.threshold, saved.anomaly.quantile));
  if (o.json) {
    printJson({ threshold: saved.anomaly.threshold, quantile: saved.anomaly.quantile, rows: x.rows, anomalies, logDensity: Array.from(logDensity), anomaly: Array.from(flags, (f) => f === 1) });
    return;
  }
  const out = ['row,logDensity,anomaly'];
  for (let i = 0; i < x.rows; i++) out.push(`${i + 1},${logDensity[i]},${flags[i] === 1}`);
  process.stdout.write(`${out.join('\n')}\n`);
  process.stderr.write(`${anomalies} of ${x.rows} rows below the log-density threshold ${formatNumber(saved.anomaly.threshold)} (the ${saved.anomaly.quantile} quantile of the training data)\n`);
}

async function runSample(modelPath: string, o: { n: string; seed: string; json?: boolean; plot?: string }): Promise<void> {
  const plot = plotTarget(o.plot);
  const saved = readMixture(modelPath);
  const n = parseInteger('--n', o.n, 0, 100_000_000);
  const { points, labels } = saved.model.sample(Rng.fromSeed(parseInteger('--seed', o.seed, 0)), n);
  await plot?.write(() => mixturePlotFigure(points, saved.model, saved.columns));
  if (o.json) {
    printJson({ columns: saved.columns, points: rowsOf(points.data, n), components: Array.from(labels) });
    return;
  }
  const d = points.cols;
  const out = [[...saved.columns, 'component'].join(',')];
  for (let i = 0; i < n; i++) out.push(`${Array.from(points.data.subarray(i * d, (i + 1) * d)).join(',')},${labels[i]}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

/** `gibbs mixture fit|score|sample`: mixture models from CSV data. */
export function registerMixture(program: Command): void {
  const mixture = program.command('mixture').description('mixture models: fit by EM or variational Bayes, score (log density, anomalies), sample');
  mixture
    .command('fit')
    .description('fit a Gaussian, Bernoulli or variational Bayesian Gaussian mixture to the numeric columns of a CSV file')
    .argument('<data>', 'CSV file (header row optional), or - for standard input')
    .requiredOption('--components <K>', 'number of components; a list or range (1:6) selects by BIC (ELBO for bayes-gaussian)')
    .option('--model <kind>', 'gaussian | bernoulli | bayes-gaussian', 'gaussian')
    .option('--covariance <type>', 'full | diag | spherical (Gaussian models)', 'full')
    .option('--columns <names>', 'comma-separated columns to use (default: all)')
    .option('--seed <S>', 'seed of the k-means++ initialisations', '0')
    .option('--restarts <R>', 'independent initialisations; the best log-likelihood (ELBO) wins', '3')
    .option('--tolerance <tol>', 'stop when the objective changes by less than this per point', '1e-5')
    .option('--max-iterations <N>', 'iteration cap per restart', '500')
    .option('--regularization <eps>', 'added to every variance (Gaussian EM)', '1e-6')
    .option('--anomaly-quantile <q>', 'saved anomaly threshold: this quantile of the training log densities', '0.01')
    .option('--save <file>', 'write the fitted model as JSON (atomically)')
    .option('--json', 'print JSON')
    .addOption(plotOption())
    .addHelpText('after', '\nExamples:\n  gibbs mixture fit points.csv --components 3 --save model.json\n  gibbs mixture fit points.csv --components 1:8 --covariance diag --json\n  gibbs mixture fit spins.csv --components 2 --model bernoulli\n  gibbs mixture fit points.csv --components 10 --model bayes-gaussian')
    .action((path: string, o: FitOptions) => runFit(path, o));
  mixture
    .command('score')
    .description('log density of each row under a saved model, and whether it is an anomaly (below the saved threshold)')
    .argument('<model>', 'model JSON written by gibbs mixture fit --save')
    .argument('<data>', 'CSV file with the model\'s columns, or - for standard input')
    .option('--json', 'print JSON')
    .addOption(plotOption())
    .addHelpText('after', '\nExample:\n  gibbs mixture score model.json new-points.csv')
    .action((modelPath: string, dataPath: string, o: { json?: boolean; plot?: string }) => runScore(modelPath, dataPath, o));
  mixture
    .command('sample')
    .description('draw points from a saved model (CSV with a component column)')
    .argument('<model>', 'model JSON written by gibbs mixture fit --save')
    .requiredOption('--n <N>', 'number of points')
    .option('--seed <S>', 'random seed', '0')
    .option('--json', 'print JSON')
    .addOption(plotOption())
    .addHelpText('after', '\nExample:\n  gibbs mixture sample model.json --n 1000 --seed 7 > synthetic.csv')
    .action((modelPath: string, o: { n: string; seed: string; json?: boolean; plot?: string }) => runSample(modelPath, o));
}
