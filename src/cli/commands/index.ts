import type { Command } from 'commander';
import { registerCompare } from './compare.js';
import { registerCoin } from './coin.js';
import { registerCompress } from './compress.js';
import { registerDecompress } from './decompress.js';
import { registerEntropy } from './entropy.js';
import { registerExact } from './exact.js';
import { registerInfer } from './infer.js';
import { registerMixture } from './mixture.js';
import { registerModel } from './model.js';
import { registerReport } from './report.js';
import { registerResults } from './results.js';
import { registerSweep } from './sweep.js';
import { registerSample } from './sample.js';
import { registerVariational } from './variational.js';
import { registerWorker } from './worker.js';

/** Every subcommand, in the order `gibbs --help` lists them. */
export const COMMANDS: Array<(program: Command) => void> = [
  registerExact,
  registerModel,
  registerSample,
  registerVariational,
  registerCompare,
  registerInfer,
  registerMixture,
  registerCompress,
  registerDecompress,
  registerEntropy,
  registerCoin,
  registerSweep,
  registerResults,
  registerWorker,
  registerReport,
];
