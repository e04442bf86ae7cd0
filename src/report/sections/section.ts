import type { Figure } from '../figure.js';

/** What every report section is given: the size of the run and a seed for its random streams. */
export interface SectionOptions {
  /** A reduced run (smaller systems, fewer sweeps) for tests and quick looks. */
  quick: boolean;
  /** Seed of the section's random numbers (each section derives its own streams from it). */
  seed: number;
  /** Report a step in progress (one short line, shown on stderr). */
  progress(message: string): void;
}

/** One key number of a section, for the printed summary table and the section's table in the HTML. */
export interface Highlight {
  label: string;
  value: string;
}

/** A section's content: its figures with captions, two sentences on what they show, and key numbers. */
export interface SectionResult {
  summary: string;
  figures: Array<{ figure: Figure; caption: string }>;
  highlights: Highlight[];
}

/**
 * A section of the report: it computes with the library API of the layer it shows and returns
 * figures, never numbers made up for the picture.
 */
export interface ReportSection {
  /** Short stable id (used for anchors and `--sections`). */
  id: string;
  title: string;
  run(options: SectionOptions): Promise<SectionResult>;
}
