import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Option } from 'commander';
import { GibbsError } from '../core/errors.js';
import type { Figure } from '../report/figure.js';
import { figureFormat, saveFigure } from '../report/save.js';

/** The `--plot FILE` option every computing command shares. */
export function plotOption(): Option {
  return new Option('--plot <file>', 'also draw the natural figure into FILE.svg or FILE.png');
}

/** A validated plot destination: call `write` once the numbers are in. */
export interface PlotTarget {
  path: string;
  write(figure: () => Figure): Promise<void>;
}

/**
 * Check `--plot FILE` before any computing starts (extension .svg/.png, an existing directory), so
 * a typo does not cost a long run; returns undefined when the option is absent. `write` renders the
 * figure, writes it atomically and says where on stderr.
 */
export function plotTarget(path: string | undefined): PlotTarget | undefined {
  if (path === undefined) return undefined;
  figureFormat(path, '--plot');
  const directory = dirname(resolve(path));
  if (!existsSync(directory) || !statSync(directory).isDirectory()) throw new GibbsError(`--plot: ${path}: directory ${directory} does not exist`, '--plot');
  if (existsSync(path) && statSync(path).isDirectory()) throw new GibbsError(`--plot: ${path}: is a directory, expected a file name ending in .svg or .png`, '--plot');
  return {
    path,
    async write(figure) {
      await saveFigure(path, figure(), { field: '--plot' });
      process.stderr.write(`plot: wrote ${path}\n`);
    },
  };
}
