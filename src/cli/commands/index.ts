import type { Command } from 'commander';
import { registerExact } from './exact.js';
import { registerModel } from './model.js';
import { registerReport } from './report.js';

/** Every subcommand, in the order `gibbs --help` lists them. */
export const COMMANDS: Array<(program: Command) => void> = [registerExact, registerModel, registerReport];
