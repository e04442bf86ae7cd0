import type { Command } from 'commander';
import { registerExact } from './exact.js';
import { registerModel } from './model.js';
import { registerResults } from './results.js';
import { registerSweep } from './sweep.js';
import { registerWorker } from './worker.js';

/** Every subcommand, in the order `gibbs --help` lists them. */
export const COMMANDS: Array<(program: Command) => void> = [registerExact, registerModel, registerSweep, registerResults, registerWorker];
