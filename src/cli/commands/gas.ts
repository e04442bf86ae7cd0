import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { type Command, Option } from 'commander';
import type { Estimate } from '../../core/estimate.js';
import { GibbsError, invalidValue } from '../../core/errors.js';
import { Rng } from '../../core/rng.js';
import { type IdealGasResult, defaultProfileAxis, idealGas } from '../../exact/ideal-gas.js';
import { type ChainSnapshot, type ResolvedPlan, advanceChain, chainDone, resolvePlan, snapshotChain, startChain } from '../../mcmc/driver.js';
import { summarizeChains } from '../../mcmc/summary.js';
import { gasKernel } from '../../mcmc/gas/gas-kernel.js';
import type { GasSamplerOptions, GasSavedState, GasState } from '../../mcmc/gas/gas-state.js';
import type { Kernel, ObservableSet } from '../../mcmc/kernel.js';
import { RadialDistribution } from '../../mcmc/gas/rdf.js';
import type { ChainsResult } from '../../mcmc/run.js';
import { type ParticleBoundary, ParticleBox } from '../../models/particles/box.js';
import { ExternalPotential } from '../../models/particles/external-potential.js';
import { extendedXyzFrame, parseExtendedXyz } from '../../models/particles/extended-xyz.js';
import { GasModel } from '../../models/particles/gas-model.js';
import { PairPotential } from '../../models/particles/pair-potential.js';
import { configurationSvg, rasterizeConfiguration } from '../../models/particles/picture.js';
import { encodePng } from '../../node/png.js';
import { parsePotentialTable } from '../../models/particles/tabulated-potential.js';
import { writeFileAtomic } from '../../node/atomic-write.js';
import { loadCheckpoint } from '../../node/checkpoint.js';
import { moduleUrl } from '../../node/module-url.js';
import { runIdentity, runParallelChains } from '../../node/parallel-chains.js';
import { defaultWorkerCount } from '../../node/worker-pool.js';
import { readTextInput, printJson } from '../io.js';
import { parseChoice, parseInteger, parseNumber, parsePositive } from '../options.js';
import { createProgress } from '../progress.js';
import { formatNumber, formatTable } from '../table.js';

const POTENTIALS = ['lj', 'wca', 'hard-sphere', 'soft-sphere', 'square-well', 'table:FILE'] as const;
const EXTERNALS = ['harmonic', 'gravity'] as const;

interface GasOptions {
  potential?: string;
  ideal?: boolean;
  external?: (typeof EXTERNALS)[number];
  particles?: string;
  density?: string;
  boxLength?: string;
  temperature?: string;
  dimension: string;
  boundary: string;
  cutoff?: string;
  tailCorrection?: boolean;
  shift?: boolean;
  exponent?: string;
  lambda?: string;
  stiffness: string;
  gravity: string;
  sweeps?: string;
  burnIn?: string;
  interval: string;
  chains: string;
  seed: string;
  workers?: string;
  start: string;
  widom?: string;
  rdf?: string;
  rdfBins: string;
  rdfMax?: string;
  profile?: string;
  profileBins: string;
  xyz?: string;
  xyzEvery?: string;
  picture?: string;
  checkpoint?: string;
  checkpointEvery: string;
  resume?: boolean;
  json?: boolean;
}

function required(flag: string, value: string | undefined, allowed: string): string {
  if (value === undefined) throw new GibbsError(`${flag}: missing; give ${flag} ${allowed}`, flag);
  return value;
}

/** An output file must be creatable: its folder exists (checked before a long run starts). */
function outputPath(flag: string, path: string | undefined, extensions?: string[]): string | undefined {
  if (path === undefined) return undefined;
  const folder = dirname(resolve(path));
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new GibbsError(`${flag} ${path}: folder ${folder} does not exist`, flag);
  if (existsSync(path) && statSync(path).isDirectory()) throw new GibbsError(`${flag} ${path}: is a directory, expected a file name`, flag);
  if (extensions && !extensions.includes(extname(path).toLowerCase())) throw invalidValue(flag, path, `a file name ending in ${extensions.join(' or ')}`);
  return path;
}

/** The pair potential from --potential and its parameters (or none with --ideal). */
function buildPotential(options: GasOptions): PairPotential {
  if (options.ideal && options.potential !== undefined) throw new GibbsError('--ideal and --potential: give one of them (--ideal means no pair potential)', '--potential');
  const forbid = (flag: string, value: unknown, why: string) => {
    if (value !== undefined) throw new GibbsError(`${flag}: ${why}`, flag);
  };
  if (options.ideal) {
    for (const [flag, value] of [['--cutoff', options.cutoff], ['--shift', options.shift], ['--tail-correction', options.tailCorrection], ['--exponent', options.exponent], ['--lambda', options.lambda]] as const) {
      forbid(flag, value, 'not used by --ideal (no pair potential)');
    }
    return PairPotential.none();
  }
  const kind = required('--potential', options.potential, POTENTIALS.join('|'));
  const cutoff = options.cutoff === undefined ? undefined : parsePositive('--cutoff', options.cutoff);
  const finiteRange = (name: string) => {
    forbid('--cutoff', options.cutoff, `the ${name} potential has a fixed range`);
    forbid('--shift', options.shift, `the ${name} potential is not truncated, there is nothing to shift`);
  };
  if (kind !== 'soft-sphere') forbid('--exponent', options.exponent, 'only for --potential soft-sphere');
  if (kind !== 'square-well') forbid('--lambda', options.lambda, 'only for --potential square-well');
  switch (kind) {
    case 'lj':
      return PairPotential.lennardJones({ cutoff, shift: options.shift });
    case 'wca':
      finiteRange('WCA');
      return PairPotential.wca();
    case 'hard-sphere':
      finiteRange('hard-sphere');
      return PairPotential.hardSpheres();
    case 'soft-sphere':
      return PairPotential.softSpheres({ cutoff, shift: options.shift, exponent: options.exponent === undefined ? undefined : parsePositive('--exponent', options.exponent) });
    case 'square-well':
      finiteRange('square-well');
      return PairPotential.squareWell({ lambda: options.lambda === undefined ? undefined : parseNumber('--lambda', options.lambda) });
    default: {
      if (!kind.startsWith('table:') || kind.length <= 'table:'.length) throw invalidValue('--potential', kind, `one of ${POTENTIALS.join(', ')}`);
      forbid('--cutoff', options.cutoff, 'a tabulated potential ends at its last point');
      forbid('--shift', options.shift, 'shift the values in the table instead');
      const file = kind.slice('table:'.length);
      return PairPotential.table(parsePotentialTable(readTextInput(file, 'potential table'), file));
    }
  }
}

/** The box and external potential: a trap in open space, a gravity column, or a bulk box. */
function buildModel(options: GasOptions, pair: PairPotential, temperature: number): GasModel {
  const particles = parseInteger('--particles', required('--particles', options.particles, 'N (an integer >= 1)'), 1, 10_000_000);
  const d = Number(parseChoice('--dimension', options.dimension, ['2', '3'])) as 2 | 3;
  if (options.density !== undefined && options.boxLength !== undefined) throw new GibbsError('--density and --box-length: give one of them', '--density');
  const boxLength = options.boxLength === undefined ? undefined : parsePositive('--box-length', options.boxLength);
  const density = options.density === undefined ? undefined : parsePositive('--density', options.density);
  const side = () => {
    if (boxLength !== undefined) return boxLength;
    if (density === undefined) throw new GibbsError('--density: missing; give --density RHO (number density N/V) or --box-length L', '--density');
    return (particles / density) ** (1 / d);
  };
  const boundary = parseChoice('--boundary', options.boundary, ['periodic', 'wall'] as const);
  if (options.external === 'harmonic') {
    if (density !== undefined) throw new GibbsError('--density: a harmonic trap in open space has no volume; use --box-length to set the reference region (default 10 thermal widths)', '--density');
    const stiffness = parsePositive('--stiffness', options.stiffness);
    const length = boxLength ?? 10 * Math.sqrt(temperature / stiffness);
    return new GasModel({ particles, box: ParticleBox.cubic(d, length, 'open'), pair, external: ExternalPotential.harmonic({ stiffness }), tailCorrection: options.tailCorrection });
  }
  if (options.external === 'gravity') {
    const bounds: ParticleBoundary[] = Array.from({ length: d }, (_, k) => (k === d - 1 ? 'wall' : boundary));
    const box = new ParticleBox(d, Array.from({ length: d }, () => side()), bounds);
    return new GasModel({ particles, box, pair, external: ExternalPotential.gravity({ strength: parsePositive('--gravity', options.gravity) }), tailCorrection: options.tailCorrection });
  }
  return new GasModel({ particles, box: ParticleBox.cubic(d, side(), boundary), pair, tailCorrection: options.tailCorrection });
}

/** --start: lattice, random, or the last frame of an extended XYZ file. */
function startOption(text: string, model: GasModel): GasSamplerOptions['start'] {
  if (text === 'lattice' || text === 'random') return text;
  const frames = parseExtendedXyz(readTextInput(text, 'start configuration'), text);
  const frame = frames[frames.length - 1];
  if (!frame) throw new GibbsError(`--start ${text}: no frames in the file`, '--start');
  const n = frame.positions.length / 3;
  if (n !== model.particles) throw invalidValue(`--start ${text}`, `${n} particles`, `${model.particles} (--particles)`);
  const d = model.dimension;
  return Float64Array.from({ length: n * d }, (_, k) => frame.positions[3 * Math.floor(k / d) + (k % d)]);
}

function estimateJson(e: Estimate | undefined): Record<string, number | null> | null {
  if (!e) return null;
  const num = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? null : x);
  return { mean: num(e.mean), error: num(e.error), tau: num(e.tau), ess: num(e.ess), rHat: num(e.rHat) };
}

function exactJson(exact: IdealGasResult): Record<string, unknown> {
  return {
    method: exact.method,
    logZ: exact.logZ,
    freeEnergy: exact.freeEnergy,
    energy: exact.energy,
    entropy: exact.entropy,
    heatCapacity: exact.heatCapacity,
    perParticle: exact.perParticle,
    pressure: exact.pressure,
    wallPressures: exact.wallPressures,
    profile: { axis: exact.profile.axis, edges: Array.from(exact.profile.edges), probability: Array.from(exact.profile.probability), density: Array.from(exact.profile.density) },
  };
}

function estimateRow(name: string, e: Estimate | undefined, exact?: number): Array<string | number | undefined> {
  return [name, e?.mean, e?.error, e?.tau, e?.ess, e?.rHat, exact];
}

/** Write the density profile (and exact values, when known) as CSV. */
function profileCsv(model: GasModel, result: ChainsResult | null, exact: IdealGasResult | null, axis: number, bins: number): string {
  const length = model.box.lengths[axis];
  const mc = result?.summary.vectors.densityProfile;
  const lines = [`x,${mc ? 'probability,error,' : ''}${mc ? 'linear_density,' : ''}${exact ? 'exact_probability,exact_linear_density' : ''}`.replace(/,$/, '')];
  for (let b = 0; b < bins; b++) {
    const x = ((b + 0.5) * length) / bins;
    const width = length / bins;
    const cells: number[] = [x];
    if (mc) cells.push(mc.mean[b], mc.error[b], (model.particles * mc.mean[b]) / width);
    if (exact) cells.push(exact.profile.probability[b], exact.profile.density[b]);
    lines.push(cells.join(','));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Run the chains in this thread, writing chain 0's configuration every `every` sweeps (from
 * the start, burn-in included) as extended XYZ frames to a temporary file that replaces `path`
 * only when the run completes. Cutting a chain into segments does not change its numbers.
 */
function runWithTrajectory(model: GasModel, options: GasSamplerOptions, plan: ResolvedPlan, chains: number, seed: number, every: number, path: string, onProgress: (done: number) => void): ChainsResult {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const fd = openSync(temp, 'w');
  const perChain = plan.burnIn + plan.sweeps;
  const snapshots: ChainSnapshot[] = [];
  const stats: Array<Record<string, number | number[]>> = [];
  const kernel = gasKernel as Kernel<unknown, GasState, unknown>;
  try {
    for (let index = 0; index < chains; index++) {
      const chain = startChain(gasKernel, model, options, plan, seed, index);
      const frame = () => writeSync(fd, extendedXyzFrame({ positions: chain.state.positions, box: model.box, info: { chain: 0, sweep: chain.sweepsDone, burnIn: plan.burnIn } }));
      if (index === 0) frame();
      while (!chainDone(chain, plan)) {
        advanceChain(kernel, chain, plan, { stopEvery: index === 0 ? every : 64, shouldStop: () => index === 0, onProgress: (done) => onProgress(index * perChain + done) });
        if (index === 0) frame();
      }
      snapshots.push(snapshotChain(kernel, chain));
      stats.push(gasKernel.stats?.(chain.state) ?? {});
    }
    fsyncSync(fd);
    closeSync(fd);
    renameSync(temp, path);
  } catch (error) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    rmSync(temp, { force: true });
    throw error;
  }
  return { summary: summarizeChains(gasKernel.observables(model, options) as ObservableSet<unknown>, snapshots, plan), snapshots, stats };
}

/** `gibbs gas ...`: classical particle gases by Monte Carlo, and the exact ideal gas. */
export function registerGas(program: Command): void {
  program
    .command('gas')
    .description('classical particles in continuous space: NVT Monte Carlo of interacting gases (energy, pressure, g(r), mu_ex) and the exact ideal gas')
    .option('--potential <kind>', `pair potential: ${POTENTIALS.join('|')} (reduced units: sigma = epsilon = 1)`)
    .option('--ideal', 'no pair potential: exact results (closed form or quadrature); add --sweeps to compare with Monte Carlo')
    .addOption(new Option('--external <kind>', 'one-body potential: harmonic trap (open space) or gravity (wall at the bottom and top)').choices([...EXTERNALS]))
    .option('-N, --particles <n>', 'number of particles')
    .option('--density <rho>', 'number density N/V (sets the cube or square side)')
    .option('--box-length <L>', 'box side instead of --density (the reference region for a trap)')
    .option('-T, --temperature <T>', 'temperature (k_B = 1, units of epsilon)')
    .option('--dimension <d>', 'space dimension: 2 or 3', '3')
    .option('--boundary <kind>', 'box faces: periodic or wall (hard walls confining the centres)', 'periodic')
    .option('--cutoff <rc>', 'cutoff of lj and soft-sphere (default 2.5 sigma)')
    .option('--tail-correction', 'add the analytic long-range corrections to energy and pressure (lj, soft-sphere)')
    .option('--shift', 'shift the truncated potential to 0 at the cutoff')
    .option('--exponent <n>', 'soft-sphere exponent n in (sigma/r)^n (default 12)')
    .option('--lambda <l>', 'square-well range in sigma (default 1.5)')
    .option('--stiffness <k>', 'harmonic trap: E1 = k/2 |x - centre|^2', '1')
    .option('--gravity <mg>', 'gravity: E1 = m g z', '1')
    .option('--sweeps <n>', 'measured sweeps per chain (a sweep = N trial moves)')
    .option('--burn-in <n>', 'sweeps discarded first, during which the step size is tuned (default: sweeps / 5)')
    .option('--interval <n>', 'measure every n sweeps', '1')
    .option('--chains <n>', 'independent chains (chain k uses stream k of the seed)', '4')
    .option('--seed <n>', 'random seed (same seed, same numbers, any thread count)', '1')
    .option('--workers <n>', 'worker threads (default: min(chains, cores)); results do not depend on it')
    .option('--start <start>', 'initial positions: lattice (fcc / square), random (no overlaps), or an extended XYZ file', 'lattice')
    .option('--widom <k>', 'Widom test-particle insertions per measurement: excess chemical potential')
    .option('--rdf <file.csv>', 'write g(r) with error bars to a CSV file')
    .option('--rdf-bins <n>', 'bins of g(r)', '100')
    .option('--rdf-max <r>', 'largest r of g(r) (default min(L/2, 5 sigma))')
    .option('--profile <file.csv>', 'write the density profile (along the gravity axis, else x) to a CSV file')
    .option('--profile-bins <n>', 'bins of the density profile', '40')
    .option('--xyz <file.xyz>', 'write the final configuration of every chain (one frame each) as extended XYZ')
    .option('--xyz-every <n>', "instead, write chain 0's trajectory to --xyz: a frame every n sweeps (chains then run in this thread)")
    .option('--picture <file>', "draw chain 0's final configuration (2D) as .png or .svg")
    .option('--checkpoint <file>', 'save the run state to this file periodically (atomic writes)')
    .option('--checkpoint-every <seconds>', 'seconds between checkpoints', '60')
    .option('--resume', 'continue the run saved in --checkpoint (same arguments)')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  gibbs gas --potential lj --particles 500 --density 0.776 --temperature 0.85 --cutoff 3 --tail-correction',
        '  gibbs gas --potential hard-sphere -N 256 --density 0.764 -T 1 --widom 20 --rdf hs.csv',
        '  gibbs gas --potential lj --dimension 2 -N 400 --density 0.3 -T 0.45 --picture gas.png',
        '  gibbs gas --ideal --external harmonic -N 100 -T 2 --json',
        '  gibbs gas --ideal --external gravity -N 100 --density 0.1 -T 1 --sweeps 2000 --profile column.csv',
      ].join('\n'),
    )
    .action(async (options: GasOptions) => {
      const temperature = parsePositive('--temperature', required('--temperature', options.temperature, 'T (a number > 0)'));
      const pair = buildPotential(options);
      const model = buildModel(options, pair, temperature);
      const exact = options.ideal
        ? idealGas(model, { temperature, profileBins: parseInteger('--profile-bins', options.profileBins, 1, 100_000) })
        : null;
      const runMonteCarlo = !options.ideal || options.sweeps !== undefined;
      if (!runMonteCarlo) {
        for (const flag of ['widom', 'rdf', 'xyz', 'picture', 'checkpoint', 'resume'] as const) {
          if (options[flag] !== undefined) throw new GibbsError(`--${flag}: needs a Monte Carlo run (add --sweeps N)`, `--${flag}`);
        }
        const profilePath = outputPath('--profile', options.profile, ['.csv']);
        if (profilePath) writeFileAtomic(profilePath, profileCsv(model, null, exact, exact!.profile.axis, exact!.profile.probability.length));
        if (options.json) printJson({ ideal: true, model: model.describe(), temperature, particles: model.particles, dimension: model.dimension, ...exactJson(exact!), profilePath: profilePath ?? null });
        else process.stdout.write(`${idealTable(model, exact!, temperature)}\n`);
        return;
      }
      const sweeps = parseInteger('--sweeps', options.sweeps ?? '5000', 1);
      const burnIn = options.burnIn === undefined ? Math.floor(sweeps / 5) : parseInteger('--burn-in', options.burnIn, 0);
      const interval = parseInteger('--interval', options.interval, 1, sweeps);
      const chains = parseInteger('--chains', options.chains, 1, 1024);
      const seed = parseInteger('--seed', options.seed, 0);
      const workers = options.workers === undefined ? Math.min(chains, defaultWorkerCount()) : parseInteger('--workers', options.workers, 1, 256);
      const checkpointSeconds = parsePositive('--checkpoint-every', options.checkpointEvery);
      if (options.resume && !options.checkpoint) throw new GibbsError('--resume: needs --checkpoint FILE (the run to continue)', '--resume');
      const rdfPath = outputPath('--rdf', options.rdf, ['.csv']);
      const profilePath = outputPath('--profile', options.profile, ['.csv']);
      const xyzPath = outputPath('--xyz', options.xyz, ['.xyz', '.extxyz']);
      const picturePath = outputPath('--picture', options.picture, ['.png', '.svg']);
      const xyzEvery = options.xyzEvery === undefined ? undefined : parseInteger('--xyz-every', options.xyzEvery, 1);
      if (xyzEvery !== undefined && !xyzPath) throw new GibbsError('--xyz-every: needs --xyz FILE (where the trajectory goes)', '--xyz-every');
      if (xyzEvery !== undefined && options.checkpoint) throw new GibbsError('--xyz-every: cannot be combined with --checkpoint (a trajectory run is not resumable)', '--xyz-every');
      if (picturePath && model.dimension !== 2) throw new GibbsError('--picture: pictures are of 2D configurations (--dimension 2); for 3D write --xyz and open it in OVITO, VMD or ASE', '--picture');
      if (options.external === undefined && profilePath && model.box.fullyPeriodic) throw new GibbsError('--profile: a homogeneous periodic fluid has a flat profile; use --external or --boundary wall', '--profile');
      const profileBins = parseInteger('--profile-bins', options.profileBins, 1, 100_000);
      const rdfBins = parseInteger('--rdf-bins', options.rdfBins, 1, 100_000);
      const wantProfile = !model.external.isNone || profilePath !== undefined;
      const samplerOptions: GasSamplerOptions = {
        temperature,
        start: startOption(options.start, model),
        ...(options.widom !== undefined ? { widomInsertions: parseInteger('--widom', options.widom, 1, 1_000_000) } : {}),
        ...(rdfPath ? { rdfBins, rdfMax: options.rdfMax === undefined ? RadialDistribution.defaultMax(model) : parsePositive('--rdf-max', options.rdfMax) } : {}),
        ...(wantProfile ? { profileBins, profileAxis: defaultProfileAxis(model) } : {}),
      };
      // Validate everything (options against the model, the start) before any long work.
      gasKernel.init(model, { ...samplerOptions, start: samplerOptions.start === 'random' ? 'lattice' : samplerOptions.start }, Rng.fromSeed(0));
      const plan = resolvePlan({ sweeps, burnIn, interval, checkInterval: 100 });
      const ref = { module: moduleUrl(import.meta.url, '../../mcmc/gas/gas-kernel').href, exportName: 'gasKernel' };
      const parallel = { kernel: ref, model, options: samplerOptions, plan, chains, seed, workers, checkpoint: options.checkpoint, checkpointSeconds };
      let resume;
      if (options.checkpoint) {
        outputPath('--checkpoint', options.checkpoint);
        const identity = runIdentity(parallel, model.toData());
        if (options.resume) {
          resume = loadCheckpoint(options.checkpoint, identity)?.chains;
          if (!resume && !options.json) process.stderr.write(`checkpoint ${options.checkpoint} does not exist yet: starting a new run\n`);
        } else if (existsSync(options.checkpoint)) {
          throw new GibbsError(`--checkpoint ${options.checkpoint}: file exists; pass --resume to continue that run, or remove it`, '--checkpoint');
        }
      }
      const progress = createProgress('sampling', chains * (sweeps + burnIn), { json: options.json, unit: 'sweeps' });
      const started = Date.now();
      let result: ChainsResult;
      try {
        result = xyzEvery !== undefined
          ? runWithTrajectory(model, samplerOptions, plan, chains, seed, xyzEvery, xyzPath as string, (done) => progress.update(done))
          : await runParallelChains({ ...parallel, resume, onProgress: (done) => progress.update(done) });
      } catch (error) {
        // A user error raised inside a worker thread (e.g. a random start that cannot be placed)
        // arrives as a plain Error named GibbsError: keep it a one-line user error.
        if (error instanceof Error && error.name === 'GibbsError' && !(error instanceof GibbsError)) throw new GibbsError(error.message);
        throw error;
      } finally {
        progress.stop();
      }
      const summary = result.summary;
      const finals = result.snapshots.map((s) => (s.state as GasSavedState).positions);
      if (rdfPath) {
        const rdf = summary.vectors.rdf;
        const width = (samplerOptions.rdfMax as number) / rdfBins;
        const lines = ['r,g,error', ...Array.from(rdf.mean, (g, b) => `${(b + 0.5) * width},${g},${rdf.error[b]}`)];
        writeFileAtomic(rdfPath, `${lines.join('\n')}\n`);
      }
      if (profilePath) writeFileAtomic(profilePath, profileCsv(model, result, exact, defaultProfileAxis(model), profileBins));
      if (xyzPath && xyzEvery === undefined) {
        writeFileAtomic(xyzPath, finals.map((positions, chain) => extendedXyzFrame({ positions, box: model.box, info: { chain, temperature, sweeps: burnIn + sweeps } })).join(''));
      }
      if (picturePath) {
        const picture = extname(picturePath).toLowerCase() === '.svg'
          ? configurationSvg(finals[0], model.box, { diameter: model.pair.isNone ? 0.5 : model.pair.sigma })
          : encodePng(rasterizeConfiguration(finals[0], model.box, { diameter: model.pair.isNone ? 0.5 : model.pair.sigma }));
        writeFileAtomic(picturePath, picture);
      }
      const stepSizes = result.stats.map((s) => s.stepSize as number);
      const warnings = [...summary.warnings];
      if (summary.maxDrift > 1e-6 * model.particles) warnings.push(`energy drift ${summary.maxDrift.toExponential(2)} found by the periodic recomputation (expected round-off only)`);
      const widom = summary.scalars.widomWeight;
      if (widom && widom.mean === 0) warnings.push('--widom: no insertion succeeded (the fluid is too dense for test particles); excessChemicalPotential is undefined');
      for (const warning of warnings) process.stderr.write(`warning: ${warning}\n`);
      if (options.json) {
        printJson({
          model: model.describe(),
          potential: pair.kind,
          particles: model.particles,
          dimension: model.dimension,
          density: model.density,
          temperature,
          tailCorrection: model.tailCorrection,
          sweeps,
          burnIn,
          interval,
          chains,
          seed,
          energyPerParticle: estimateJson(summary.scalars.energyPerParticle),
          pressure: estimateJson(summary.scalars.pressure),
          excessChemicalPotential: estimateJson(summary.derived.excessChemicalPotential),
          acceptance: summary.acceptance,
          stepSize: stepSizes[0],
          stepSizes,
          maxDrift: summary.maxDrift,
          warnings,
          rdf: rdfPath ?? null,
          profile: profilePath ?? null,
          xyz: xyzPath ?? null,
          picture: picturePath ?? null,
          ...(exact ? { exact: exactJson(exact) } : {}),
          ...(summary.vectors.densityProfile ? { densityProfile: { axis: defaultProfileAxis(model), probability: Array.from(summary.vectors.densityProfile.mean), error: Array.from(summary.vectors.densityProfile.error) } } : {}),
        });
        return;
      }
      const rows = [
        estimateRow('energy per particle', summary.scalars.energyPerParticle, exact?.perParticle.energy),
        ...(summary.scalars.pressure ? [estimateRow('pressure', summary.scalars.pressure, exact?.pressure ?? undefined)] : []),
        ...(summary.derived.excessChemicalPotential ? [estimateRow('excess chemical potential', summary.derived.excessChemicalPotential)] : []),
      ];
      const headers = ['quantity', 'mean', 'error', 'tau (sweeps)', 'ESS', 'R-hat', ...(exact ? ['exact'] : [])];
      const lines = [
        `gas: ${model.describe()}`,
        `T = ${formatNumber(temperature)}, ${chains} chain${chains === 1 ? '' : 's'} x ${sweeps} sweeps (burn-in ${burnIn}), seed ${seed}, acceptance ${formatNumber(summary.acceptance, 3)}, step size ${formatNumber(stepSizes[0], 4)}`,
        '',
        formatTable(headers, rows.map((r) => (exact ? r : r.slice(0, 6)))),
      ];
      for (const [label, path] of [['g(r)', rdfPath], ['density profile', profilePath], ['configurations', xyzPath], ['picture', picturePath]] as const) {
        if (path) lines.push(`${label} written to ${path}`);
      }
      process.stdout.write(`${lines.join('\n')}\n`);
      process.stderr.write(`done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    });
}

/** The exact ideal-gas results as a table. */
function idealTable(model: GasModel, exact: IdealGasResult, temperature: number): string {
  const p = exact.perParticle;
  const rows: Array<Array<string | number | undefined>> = [
    ['log Z', exact.logZ, p.logZ],
    ['free energy F', exact.freeEnergy, p.freeEnergy],
    ['energy U', exact.energy, p.energy],
    ['entropy S', exact.entropy, p.entropy],
    ['heat capacity C', exact.heatCapacity, p.heatCapacity],
  ];
  const lines = [
    `ideal gas (exact, ${exact.method}): ${model.describe()}`,
    `T = ${formatNumber(temperature)}; configurational part: Z = Z1^N (no 1/N!, no kinetic term)`,
    '',
    formatTable(['quantity', 'total', 'per particle'], rows),
  ];
  if (exact.pressure !== null) lines.push('', `pressure N T / V = ${formatNumber(exact.pressure)}`);
  for (const w of exact.wallPressures) lines.push(`pressure on the walls across axis ${w.axis}: ${formatNumber(w.lower)} (at 0), ${formatNumber(w.upper)} (at L)`);
  return lines.join('\n');
}
