import { createBayesPanel } from './bayes/panel.js';
import { createCoinPanel } from './coin/panel.js';
import { createIsingPanel } from './ising/panel.js';
import { createMixturePanel } from './mixture/panel.js';
import type { PanelEntry } from './panel.js';

/** The explorer's panels, in tab order. */
export const PANELS: PanelEntry[] = [
  { id: 'ising', title: 'Ising model', create: createIsingPanel },
  { id: 'coin', title: 'Compression', create: createCoinPanel },
  { id: 'bayes', title: 'Bayesian updating', create: createBayesPanel },
  { id: 'mixture', title: 'Mixture model (EM)', create: createMixturePanel },
];
