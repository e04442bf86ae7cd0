import type { Highlight } from './sections/section.js';

/** A rendered section: its text, its figures as SVG documents, its key numbers and its run time. */
export interface RenderedSection {
  id: string;
  title: string;
  summary: string;
  figures: Array<{ svg: string; caption: string }>;
  highlights: Highlight[];
  seconds: number;
}

/** Escape text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Make an SVG document safe to inline next to others: prefix its ids (Vega numbers clip paths
 * from 1 in every figure, and ids are global in an HTML page) and drop the XML prolog.
 */
export function inlineSvg(svg: string, prefix: string): string {
  return svg
    .replace(/^<\?xml[^>]*>\s*/, '')
    .replace(/\bid="([^"]+)"/g, `id="${prefix}-$1"`)
    .replace(/url\(#([^)]+)\)/g, `url(#${prefix}-$1)`)
    .replace(/href="#([^"]+)"/g, `href="#${prefix}-$1"`)
    .replace(/^<svg\b/, `<svg role="img"`);
}

const STYLE = `
:root { color-scheme: light; --ink: #1d2330; --muted: #5b6372; --rule: #dde1e8; --accent: #4e79a7; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.55 "DejaVu Sans", "Liberation Sans", system-ui, sans-serif; color: var(--ink); background: #f6f7f9; }
header, main, footer { max-width: 1180px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 32px; }
h1 { font-size: 1.9rem; margin: 0 0 4px; }
h2 { font-size: 1.35rem; margin: 0 0 8px; }
.meta { color: var(--muted); font-size: .9rem; }
nav ol { columns: 2; padding-left: 1.2em; }
section { background: white; border: 1px solid var(--rule); border-radius: 8px; padding: 20px 24px; margin: 22px 0; }
.summary { max-width: 80ch; }
figure { margin: 16px 0; overflow-x: auto; }
figure svg { max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: .9rem; max-width: 90ch; }
table { border-collapse: collapse; font-size: .92rem; margin-top: 8px; }
td, th { border-bottom: 1px solid var(--rule); padding: 4px 12px 4px 0; text-align: left; vertical-align: top; }
td.value { font-variant-numeric: tabular-nums; }
footer { color: var(--muted); font-size: .85rem; padding-bottom: 40px; }
`;

/**
 * The report as one self-contained HTML page: inline CSS and inline SVG figures, no scripts,
 * no external resources, so it opens offline from a file.
 */
export function reportHtml(report: { title: string; meta: string[]; sections: RenderedSection[]; footer: string }): string {
  const toc = report.sections.map((s) => `<li><a href="#${s.id}">${escapeHtml(s.title)}</a></li>`).join('');
  const sections = report.sections
    .map((s) => {
      const figures = s.figures
        .map((f, i) => `<figure id="${s.id}-figure-${i + 1}">${inlineSvg(f.svg, `${s.id}-${i + 1}`)}<figcaption>${escapeHtml(f.caption)}</figcaption></figure>`)
        .join('\n');
      const rows = s.highlights.map((h) => `<tr><th scope="row">${escapeHtml(h.label)}</th><td class="value">${escapeHtml(h.value)}</td></tr>`).join('');
      return `<section id="${s.id}" aria-labelledby="${s.id}-title">
<h2 id="${s.id}-title">${escapeHtml(s.title)}</h2>
<p class="summary">${escapeHtml(s.summary)}</p>
${figures}
${rows ? `<table>${rows}</table>` : ''}
<p class="meta">computed in ${s.seconds.toFixed(1)} s</p>
</section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(report.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(report.title)}</h1>
${report.meta.map((m) => `<p class="meta">${escapeHtml(m)}</p>`).join('\n')}
<nav aria-label="sections"><ol>${toc}</ol></nav>
</header>
<main>
${sections}
</main>
<footer><p>${escapeHtml(report.footer)}</p></footer>
</body>
</html>
`;
}
