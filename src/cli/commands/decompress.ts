import type { Command } from 'commander';
import { decompressFile } from '../../node/compress-file.js';
import { codecProgress, resolveCodecPaths } from '../codec-files.js';
import { printJson } from '../io.js';

interface DecompressOptions {
  force?: boolean;
  json?: boolean;
}

/** `gibbs decompress IN [OUT]`: inverse of compress, with every checksum verified. */
export function registerDecompress(program: Command): void {
  program
    .command('decompress')
    .description('decompress a .gibbs file (output IN without .gibbs), verifying every checksum')
    .argument('<in>', 'compressed file, or - for stdin')
    .argument('[out]', 'output file (default IN without .gibbs; stdout when IN is -), or - for stdout')
    .option('-f, --force', 'overwrite an existing output file')
    .option('--json', 'print a JSON summary on stdout (not with output to stdout)')
    .addHelpText('after', '\nA truncated, corrupted or foreign file is an error (exit 2) and leaves no output file.\n\nExamples:\n  gibbs decompress notes.txt.gibbs\n  gibbs decompress - < dir.tar.gibbs | tar x')
    .action(async (input: string, output: string | undefined, options: DecompressOptions) => {
      const out = resolveCodecPaths(input, output, 'decompress');
      const progress = codecProgress('decompressing', input, options.json);
      let result;
      try {
        result = await decompressFile(input, out, { force: options.force, onProgress: (n) => progress.update(n) });
      } finally {
        progress.stop();
      }
      if (options.json && out !== '-') printJson({ input, output: out, bytesIn: result.bytesIn, bytesOut: result.bytesOut });
    });
}
