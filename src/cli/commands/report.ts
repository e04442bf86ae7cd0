import { existsSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { GibbsError } from '../../core/errors.js';
import { REPORT_SECTIONS } from '../../report/sections/index.js';
import { runReport, selectSections } from '../../report/run-report.js';
import { printJson } from '../io.js';
import { parseInteger } from '../options.js';
import { formatTable } from '../table.js';

interface ReportCommandOptions {
  out: string;
  quick?: boolean;
  seed: string;
  sections?: string;
  json?: boolean;
}

/** `gibbs report`: compute every showcase section and write a self-contained HTML page. */
export function registerReport(program: Command): void {
  program
    .command('report')
    .description('compute the showcase (exact, Monte Carlo and variational results with figures) and write report/index.html')
    .option('-o, --out <dir>', 'output directory (created if missing)', 'report')
    .option('--quick', 'reduced sizes: same sections and figures in a few seconds')
    .option('--seed <n>', 'seed of every random stream', '1')
    .option('--sections <ids>', `only these sections, comma-separated: ${REPORT_SECTIONS.map((s) => s.id).join(', ')}`)
    .option('--json', 'print the summary as JSON')
    .addHelpText('after', '\nExamples:\n  gibbs report                 # the full report, about 3 minutes on 2 cores\n  gibbs report --quick --out /tmp/report\n  gibbs report --sections ising')
    .action(async (options: ReportCommandOptions) => {
      const seed = parseInteger('--seed', options.seed, 0, 2 ** 32 - 1);
      const sections = options.sections === undefined ? undefined : options.sections.split(',').map((s) => s.trim());
      selectSections(sections);
      if (existsSync(options.out) && !statSync(options.out).isDirectory()) throw new GibbsError(`--out: ${options.out}: is a file, expected a directory`, '--out');
      const summary = await runReport({
        outDir: options.out,
        quick: options.quick,
        seed,
        sections,
        progress: options.json ? undefined : (message) => process.stderr.write(`report: ${message}\n`),
      });
      if (options.json) {
        printJson(summary);
        return;
      }
      const rows = summary.sections.flatMap((s) => s.highlights.map((h, i) => [i === 0 ? s.title : '', h.label, h.value, i === 0 ? s.seconds.toFixed(1) : '']));
      process.stdout.write(`${formatTable(['section', 'quantity', 'value', 'seconds'], rows)}\n\nwrote ${summary.path} (${summary.seconds.toFixed(1)} s); open it in a browser\n`);
    });
}
