import { enumerate } from '../../exact/enumerate.js';
import { sherringtonKirkpatrickModel } from '../../models/disorder.js';
import type { Figure } from '../figure.js';
import { type FreeEnergyRow, type VariationalPoint, freeEnergyBarsFigure, freeEnergyErrorFigure } from '../figures/variational.js';
import { reportTask, runReportTasks } from '../tasks.js';
import { formatEstimate } from './ising.js';
import type { ReportSection, SectionOptions, SectionResult } from './section.js';

const SPINS = 20;
const TEMPERATURES = [0.5, 1, 2];

async function run(options: SectionOptions): Promise<SectionResult> {
  // One fixed SK instance (the one in examples/models/sk-20.json), so the page compares methods, not samples.
  const model = sherringtonKirkpatrickModel(SPINS, { seed: 1 });
  const ar = options.quick ? { steps: 40, batch: 64, samples: 500, seed: options.seed } : { steps: 400, batch: 256, samples: 4000, seed: options.seed };
  options.progress(`exact enumeration of 2^${SPINS} states and mean field, TAP, Bethe and an autoregressive network at T = ${TEMPERATURES.join(', ')}`);
  const data = model.toData();
  const results = await runReportTasks([
    ...TEMPERATURES.map((t) => reportTask('autoregressiveTask', [data, t, ar])),
    reportTask('meanFieldTask', [data, TEMPERATURES]),
    reportTask('tapTask', [data, TEMPERATURES]),
    reportTask('betheTask', [data, TEMPERATURES]),
  ]);
  const network = results.slice(0, TEMPERATURES.length) as VariationalPoint[];
  const byTemperature = (points: VariationalPoint[]) => TEMPERATURES.map((t) => points.find((p) => p.temperature === t) as VariationalPoint);
  const [meanField, tap, bethe] = (results.slice(TEMPERATURES.length) as VariationalPoint[][]).map(byTemperature);
  const exact = TEMPERATURES.map((temperature) => enumerate(model, { temperature }).freeEnergy / SPINS);

  const rows: FreeEnergyRow[] = TEMPERATURES.flatMap((temperature, i) => [
    { method: 'exact (enumeration)', temperature, freeEnergyPerSpin: exact[i], exact: true },
    { method: 'mean field (F_q ≥ F)', temperature, freeEnergyPerSpin: meanField[i].freeEnergy },
    { method: 'TAP (no bound)', temperature, freeEnergyPerSpin: tap[i].freeEnergy },
    { method: 'Bethe (no bound)', temperature, freeEnergyPerSpin: bethe[i].freeEnergy },
    { method: 'network F_q (≥ F)', temperature, freeEnergyPerSpin: network[i].freeEnergy, errorPerSpin: network[i].freeEnergyError },
    { method: 'network, importance sampling', temperature, freeEnergyPerSpin: network[i].importance?.mean ?? Number.NaN, errorPerSpin: network[i].importance?.error },
  ]);
  const levels = freeEnergyBarsFigure(rows, `Free energy per spin of an SK spin glass (N = ${SPINS}) by method`);
  const gaps = freeEnergyErrorFigure(rows, 'Error of each approximation against exact enumeration') as Figure;
  const mid = TEMPERATURES.indexOf(1);
  const importanceGap = Math.max(...network.map((p, i) => Math.abs((p.importance?.mean ?? Number.NaN) - exact[i])));
  const importanceZ = Math.max(...network.map((p, i) => Math.abs((p.importance?.mean ?? Number.NaN) - exact[i]) / (p.importance?.error ?? Number.NaN)));
  return {
    summary:
      `The free energy per spin of one Sherrington–Kirkpatrick spin glass with ${SPINS} spins (J_nm ~ N(0, 1/N)) at three temperatures, exact by enumeration of all 2^${SPINS} states, against mean field, TAP, Bethe and an autoregressive network. ` +
      'The second chart shows the errors: mean field and the network\u2019s F_q err upward as their bounds require, TAP and Bethe have no bound and land below the exact value, ' +
      `and the network\u2019s importance-sampling estimate lies within ${importanceGap.toExponential(1)} per spin of exact (at most ${importanceZ.toFixed(1)} of its error bars).`,
    figures: [
      { figure: levels, caption: 'Free energy per spin by method (energies in units of the coupling scale J; error bars are one standard error of the sampled estimates).' },
      { figure: gaps, caption: `Free-energy error per spin; the network was trained for ${ar.steps} steps of ${ar.batch} samples, its estimates use ${ar.samples} fresh samples.` },
    ],
    highlights: [
      { label: 'exact F/N at T = 1', value: exact[mid].toFixed(6) },
      { label: 'network F_q − F at T = 1', value: formatEstimate(network[mid].freeEnergy - exact[mid], network[mid].freeEnergyError ?? 0) },
      { label: 'importance sampling − F at T = 1', value: formatEstimate((network[mid].importance?.mean ?? Number.NaN) - exact[mid], network[mid].importance?.error ?? 0) },
      { label: 'mean field F_q − F at T = 1', value: (meanField[mid].freeEnergy - exact[mid]).toFixed(4) },
    ],
  };
}

/** The SK spin glass: free energy by every method against exact enumeration. */
export const skSection: ReportSection = { id: 'sk', title: 'Spin glass free energy by method', run };
