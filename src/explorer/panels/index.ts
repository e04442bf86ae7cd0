import { createIsingPanel } from './ising/panel.js';
import type { PanelEntry } from './panel.js';

/** The explorer's panels, in tab order. */
export const PANELS: PanelEntry[] = [{ id: 'ising', title: 'Ising model', create: createIsingPanel }];
