import { existsSync } from 'node:fs';
import { GibbsError } from '../core/errors.js';

/** A font family the SVG names (see FONT_FAMILY) and where its TrueType files live on common systems. */
interface FontChoice {
  family: string;
  files: string[];
}

/**
 * Fonts for PNG output, in order of preference: DejaVu Sans (Debian's fonts-dejavu-core, present
 * on every machine image this project uses), Liberation Sans, then Arial on macOS or Windows.
 * The SVG names the same families, so an SVG viewed in a browser and the PNG look alike.
 */
export const FONT_CHOICES: FontChoice[] = [
  { family: 'DejaVu Sans', files: ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'] },
  { family: 'DejaVu Sans', files: ['/usr/share/fonts/TTF/DejaVuSans.ttf', '/usr/share/fonts/TTF/DejaVuSans-Bold.ttf'] },
  { family: 'DejaVu Sans', files: ['/usr/share/fonts/dejavu/DejaVuSans.ttf', '/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf'] },
  { family: 'Liberation Sans', files: ['/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf', '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf'] },
  { family: 'Arial', files: ['/System/Library/Fonts/Supplemental/Arial.ttf', '/Library/Fonts/Arial.ttf', 'C:\\Windows\\Fonts\\arial.ttf'] },
];

/**
 * The font family and files the PNG renderer loads: the first choice with a regular face on
 * this machine. Text drawn without a font would silently vanish from a PNG, so finding none
 * is an error that says how to fix it.
 */
export function pngFont(choices: FontChoice[] = FONT_CHOICES): FontChoice {
  for (const choice of choices) {
    const files = choice.files.filter((path) => existsSync(path));
    if (files.length > 0) return { family: choice.family, files };
  }
  throw new GibbsError('PNG output needs a TrueType font and none was found: install DejaVu Sans (Debian: apt-get install fonts-dejavu-core), or write .svg instead', 'font');
}
