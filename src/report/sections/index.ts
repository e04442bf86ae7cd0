import { bayesSection } from './bayes.js';
import { coinSection } from './coin.js';
import { isingSection } from './ising.js';
import { mixtureSection } from './mixture.js';
import { skSection } from './sk.js';
import { snapshotsSection } from './snapshots.js';
import type { ReportSection } from './section.js';

export type { Highlight, ReportSection, SectionOptions, SectionResult } from './section.js';

/** Every section of the report, in reading order. */
export const REPORT_SECTIONS: ReportSection[] = [isingSection, snapshotsSection, skSection, coinSection, bayesSection, mixtureSection];
