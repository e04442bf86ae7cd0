import { squareModel } from '../../models/lattices.js';
import type { Figure } from '../figure.js';
import { isingPoints } from '../monte-carlo.js';
import { SQUARE_TC } from './ising.js';
import type { ReportSection, SectionOptions, SectionResult } from './section.js';

async function run(options: SectionOptions): Promise<SectionResult> {
  const side = options.quick ? 32 : 128;
  const algorithm = 'wolff';
  const temperatures = [1.8, Number(SQUARE_TC.toFixed(3)), 3.2];
  // Wolff decorrelates in a few sweeps even at T_c: a short run reaches equilibrium pictures.
  const plan = options.quick ? { sweeps: 100, burnIn: 100 } : { sweeps: 300, burnIn: 700 };
  options.progress(`${algorithm} on a ${side}x${side} torus at T = ${temperatures.join(', ')}`);
  // A cold start (all spins up): below T_c it is the equilibrium phase, so no metastable stripes.
  const points = await isingPoints(algorithm, squareModel(side, side, { coupling: -1 }), temperatures, plan, options.seed, { chains: 1, start: 'up' });
  const names = ['below T_c', 'at T_c', 'above T_c'];
  const figures: Figure[] = points.map((p, i) => ({
    type: 'heatmap',
    title: `T = ${p.temperature} (${names[i]})`,
    subtitle: `⟨|M|⟩/N = ${(p.absMagnetization.mean / p.spins).toFixed(3)}`,
    columns: side,
    rows: side,
    values: p.configuration ?? new Int8Array(side * side),
    color: { scheme: 'spins' },
    width: 260,
  }));
  if (points.some((p) => !p.configuration)) throw new Error(`the ${algorithm} kernel's saved state carries no spins`);
  return {
    summary:
      `Equilibrium configurations of a ${side}×${side} ferromagnetic torus (dark: s = +1, light: s = −1) after ${plan.burnIn + plan.sweeps} Wolff cluster sweeps from all spins up. ` +
      'Below T_c one phase fills the lattice with a few flipped islands, at T_c domains of every size coexist (the lattice is critical), and above T_c the spins are disordered with small correlated patches.',
    figures: [{ figure: { type: 'grid', columns: 3, figures }, caption: `Spin snapshots below, at and above Onsager's T_c = ${SQUARE_TC.toFixed(4)}.` }],
    highlights: points.map((p, i) => ({ label: `|M|/N ${names[i]}`, value: (p.absMagnetization.mean / p.spins).toFixed(3) })),
  };
}

/** Spin configurations below, at and above the critical temperature. */
export const snapshotsSection: ReportSection = { id: 'snapshots', title: 'Spin snapshots around T_c', run };
