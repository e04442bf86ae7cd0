import type { Command } from 'commander';
import { exactMethodsFor } from '../../exact/methods.js';
import { formatNumber } from '../table.js';
import { printJson, readModel } from '../io.js';

/** `gibbs model MODEL`: what a model file describes and which exact methods apply. */
export function registerModel(program: Command): void {
  program
    .command('model')
    .description('summarise an Ising model file: spins, bonds, degrees, fields, applicable exact methods')
    .argument('<model>', 'model file (JSON), or - for stdin')
    .option('--json', 'print JSON instead of text')
    .addHelpText('after', '\nExamples:\n  gibbs model examples/models/torus-16.json\n  gibbs model sk.json --json')
    .action((path: string, options: { json?: boolean }) => {
      const model = readModel(path);
      let minDegree = Infinity;
      for (let n = 0; n < model.size; n++) minDegree = Math.min(minDegree, model.degree(n));
      const fields = Array.from(model.fields);
      const couplings = Array.from(model.couplings);
      const summary = {
        description: model.description,
        spins: model.size,
        edges: model.edgeCount,
        degree: { min: minDegree, max: model.maxDegree(), mean: (2 * model.edgeCount) / model.size },
        field: { min: Math.min(...fields), max: Math.max(...fields) },
        coupling: couplings.length ? { min: Math.min(...couplings), max: Math.max(...couplings) } : null,
        ferromagnetic: model.isFerromagnetic(),
        lattice: model.lattice ?? null,
        exactMethods: exactMethodsFor(model),
      };
      if (options.json) return printJson(summary);
      const lines = [
        `model:        ${model.description}`,
        `spins:        ${model.size}`,
        `bonds:        ${model.edgeCount}`,
        `degree:       min ${minDegree}, max ${summary.degree.max}, mean ${formatNumber(summary.degree.mean)}`,
        `field h:      ${formatNumber(summary.field.min)} .. ${formatNumber(summary.field.max)}`,
        `coupling J:   ${summary.coupling ? `${formatNumber(summary.coupling.min)} .. ${formatNumber(summary.coupling.max)}` : 'none'}${summary.ferromagnetic ? ' (ferromagnetic: all J <= 0)' : ''}`,
        `energy:       E(s) = sum_n h_n s_n + sum_{n<m} J_nm s_n s_m`,
        'exact methods:',
        ...summary.exactMethods.map((m) => `  ${m.applies ? 'yes' : 'no '} ${m.method.padEnd(16)} ${m.reason}`),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
