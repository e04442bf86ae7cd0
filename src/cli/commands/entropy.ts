import type { Command } from 'commander';
import { EmpiricalEntropyCounter, MAX_ENTROPY_ORDER } from '../../info/entropy/empirical.js';
import { checkInput, readChunks } from '../../node/byte-streams.js';
import { codecProgress } from '../codec-files.js';
import { printJson } from '../io.js';
import { parseInteger } from '../options.js';
import { formatTable } from '../table.js';
import { plotOption, plotTarget } from '../plot-option.js';
import { entropyOrdersFigure } from '../../report/figures/coin.js';

/** `gibbs entropy FILE`: empirical entropies of orders 0..K in bits per byte and the size bounds they imply. */
export function registerEntropy(program: Command): void {
  program
    .command('entropy')
    .description('empirical conditional entropies H_0..H_K of a file in bits per byte, and the sizes they imply')
    .argument('<file>', 'input file, or - for stdin')
    .option('--order <k>', `highest context order K (0..${MAX_ENTROPY_ORDER})`, '2')
    .option('--json', 'print JSON instead of a table')
    .addOption(plotOption())
    .addHelpText('after', '\nH_k = -(1/M) sum n(c,s) log2(n(c,s)/n(c)) over contexts c of k bytes: the size of the file under the best static\norder-k model fitted to it (the model not counted), (M H_k + 8k)/8 bytes.\n\nExamples:\n  gibbs entropy book.txt --order 4\n  cat data.bin | gibbs entropy - --json')
    .action(async (file: string, options: { order: string; json?: boolean; plot?: string }) => {
      const order = parseInteger('--order', options.order, 0, MAX_ENTROPY_ORDER);
      const plot = plotTarget(options.plot);
      checkInput(file, 'file');
      const counter = new EmpiricalEntropyCounter(order);
      const progress = codecProgress('counting', file, options.json);
      let bytes = 0;
      try {
        for await (const chunk of readChunks(file)) {
          counter.update(chunk);
          bytes += chunk.length;
          progress.update(bytes);
        }
      } finally {
        progress.stop();
      }
      const orders = counter.result();
      await plot?.write(() => entropyOrdersFigure(orders, file, bytes));
      if (options.json) return printJson({ file, bytes, orders });
      process.stdout.write(
        `${formatTable(
          ['order', 'bits/byte', 'bound bytes', 'ratio', 'contexts'],
          orders.map((o) => [o.order, o.bitsPerByte, Math.ceil(o.boundBytes), bytes > 0 ? o.boundBytes / bytes : 0, o.contexts]),
        )}\n`,
      );
      process.stderr.write(`${bytes} bytes; bound = (M H_k + 8k) / 8 bytes for the best static order-k model (model cost not included)\n`);
    });
}
