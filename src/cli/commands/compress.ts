import type { Command } from 'commander';
import { MODEL_NAMES, type ModelName } from '../../info/container/models.js';
import { compressFile } from '../../node/compress-file.js';
import { codecProgress, resolveCodecPaths } from '../codec-files.js';
import { printJson } from '../io.js';
import { parseChoice, parseInteger } from '../options.js';

interface CompressOptions {
  model: string;
  coder: string;
  force?: boolean;
  blockBits: string;
  tableBits: string;
  json?: boolean;
  verbose?: boolean;
}

/** `gibbs compress IN [OUT]`: model-driven lossless compression into the gibbs container. */
export function registerCompress(program: Command): void {
  program
    .command('compress')
    .description('compress a file losslessly with a probability model and an entropy coder (output IN.gibbs)')
    .argument('<in>', 'input file, or - for stdin')
    .argument('[out]', 'output file (default IN.gibbs; stdout when IN is -), or - for stdout')
    .option('--model <name>', `byte model: ${MODEL_NAMES.join(' | ')}`, 'order2')
    .option('--coder <name>', 'entropy coder: range | rans', 'rans')
    .option('-f, --force', 'overwrite an existing output file')
    .option('--block-bits <n>', 'log2 of the block size in bytes (10..24)', '20')
    .option('--table-bits <n>', 'log2 of counters per hashed context table, order2..order4 and mix (16..24)', '22')
    .option('--json', 'print a JSON summary on stdout (not with output to stdout)')
    .option('-v, --verbose', 'print a summary line on stderr')
    .addHelpText('after', '\nModels: iid (per-block byte frequencies), adaptive (order-0 KT counts), order0..order4 (bitwise context models),\nmix (logistic mixing of orders 0-4, 6, words and matches). The input is kept.\n\nExamples:\n  gibbs compress notes.txt --model mix\n  tar c dir | gibbs compress - > dir.tar.gibbs\n  gibbs compress big.bin out.gibbs --coder range --force')
    .action(async (input: string, output: string | undefined, options: CompressOptions) => {
      const model = parseChoice('--model', options.model, MODEL_NAMES) as ModelName;
      const coder = parseChoice('--coder', options.coder, ['range', 'rans'] as const);
      const blockBits = parseInteger('--block-bits', options.blockBits, 10, 24);
      const tableBits = parseInteger('--table-bits', options.tableBits, 16, 24);
      const out = resolveCodecPaths(input, output, 'compress');
      const progress = codecProgress('compressing', input, options.json);
      const start = Date.now();
      let result;
      try {
        result = await compressFile(input, out, { model, coder, blockBits, tableBits, force: options.force, onProgress: (n) => progress.update(n) });
      } finally {
        progress.stop();
      }
      const summary = {
        input,
        output: out,
        model,
        coder,
        bytesIn: result.bytesIn,
        bytesOut: result.bytesOut,
        bitsPerByte: result.bytesIn > 0 ? (8 * result.bytesOut) / result.bytesIn : null,
        seconds: (Date.now() - start) / 1000,
      };
      if (options.json && out !== '-') printJson(summary);
      if (options.verbose) process.stderr.write(`${input}: ${summary.bytesIn} -> ${summary.bytesOut} bytes (${summary.bitsPerByte === null ? '-' : summary.bitsPerByte.toFixed(3)} bits/byte, ${model}, ${coder}, ${summary.seconds.toFixed(2)} s)\n`);
    });
}
