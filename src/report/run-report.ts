import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { invalidValue } from '../core/errors.js';
import { writeFileAtomic } from '../node/atomic-write.js';
import { type RenderedSection, reportHtml } from './html.js';
import { renderSvg } from './render.js';
import { type Highlight, REPORT_SECTIONS, type ReportSection } from './sections/index.js';

/** How to run the report. */
export interface ReportOptions {
  /** Output directory (created if missing); the page is written to OUT/index.html. */
  outDir: string;
  /** Reduced sizes for tests and quick looks (same sections, same figures). */
  quick?: boolean;
  /** Seed of every random stream in the report (default 1). */
  seed?: number;
  /** Only these section ids (default: all, in order). */
  sections?: string[];
  /** Progress messages (one line each). */
  progress?: (message: string) => void;
}

/** What a finished report says about itself: where it is, and each section's key numbers and time. */
export interface ReportSummary {
  path: string;
  seconds: number;
  sections: Array<{ id: string; title: string; seconds: number; highlights: Highlight[] }>;
}

const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Resolve `--sections` ids against the known sections, in report order. */
export function selectSections(ids: string[] | undefined, all: ReportSection[] = REPORT_SECTIONS): ReportSection[] {
  if (ids === undefined) return all;
  const known = all.map((s) => s.id);
  for (const id of ids) if (!known.includes(id)) throw invalidValue('--sections', id, `section ids from ${known.join(', ')}`);
  return all.filter((s) => ids.includes(s.id));
}

/**
 * Run every section, render its figures to SVG and write one self-contained HTML page
 * (atomically). Sections run one after another; each uses the library API of its layer.
 * @example const summary = await runReport({ outDir: 'report', quick: true });
 */
export async function runReport(options: ReportOptions): Promise<ReportSummary> {
  const seed = options.seed ?? 1;
  const sections = selectSections(options.sections);
  const progress = options.progress ?? (() => {});
  const started = performance.now();
  const rendered: RenderedSection[] = [];
  for (const section of sections) {
    const t0 = performance.now();
    progress(`${section.id}: ${section.title}`);
    const result = await section.run({ quick: options.quick ?? false, seed, progress: (message) => progress(`${section.id}: ${message}`) });
    const figures = [];
    for (const { figure, caption } of result.figures) figures.push({ svg: await renderSvg(figure), caption });
    rendered.push({ id: section.id, title: section.title, summary: result.summary, figures, highlights: result.highlights, seconds: (performance.now() - t0) / 1000 });
  }
  const seconds = (performance.now() - started) / 1000;
  const html = reportHtml({
    title: 'gibbs: statistical mechanics and machine learning, computed',
    meta: [
      `gibbs ${version}; ${options.quick ? 'quick run (reduced sizes)' : 'full run'}; seed ${seed}; ${new Date().toISOString().slice(0, 19).replace('T', ' ')} UTC; ${seconds.toFixed(1)} s`,
      'Conventions: E(s) = Σ h_n s_n + Σ_{n<m} J_nm s_n s_m (a ferromagnet has J < 0), p ∝ exp(−E/T), k_B = 1, natural logarithms.',
    ],
    sections: rendered,
    footer: 'Made by `gibbs report` (npm start). Every number on this page was computed by the gibbs library when the page was made.',
  });
  const outDir = resolve(options.outDir);
  mkdirSync(outDir, { recursive: true });
  const path = join(outDir, 'index.html');
  writeFileAtomic(path, html);
  return { path, seconds, sections: rendered.map(({ id, title, seconds: s, highlights }) => ({ id, title, seconds: s, highlights })) };
}
