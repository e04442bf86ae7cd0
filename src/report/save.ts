import { extname } from 'node:path';
import { invalidValue } from '../core/errors.js';
import { writeFileAtomic } from '../node/atomic-write.js';
import type { Figure } from './figure.js';
import { renderPng, renderSvg } from './render.js';

/** The picture formats gibbs writes. */
export type FigureFormat = 'svg' | 'png';

/**
 * The format a file name asks for, from its extension (case-insensitive); anything else is a
 * GibbsError naming `field` (e.g. the CLI flag), so a typo fails before any computing starts.
 * @example figureFormat('energy.png') // 'png'
 */
export function figureFormat(path: string, field = 'path'): FigureFormat {
  const extension = extname(path).toLowerCase();
  if (extension === '.svg') return 'svg';
  if (extension === '.png') return 'png';
  throw invalidValue(field, path, 'a file name ending in .svg or .png');
}

/**
 * Draw a figure into `path` (.svg or .png, chosen by the extension), atomically: the file is
 * complete or absent, never half-written.
 * @example await saveFigure('energy.svg', figure);
 */
export async function saveFigure(path: string, figure: Figure, options: { field?: string; scale?: number } = {}): Promise<void> {
  const format = figureFormat(path, options.field);
  const data = format === 'svg' ? await renderSvg(figure) : await renderPng(figure, { scale: options.scale });
  writeFileAtomic(path, data);
}
