import type { Command } from 'commander';
import { registerExact } from './exact.js';
import { registerGas } from './gas.js';
import { registerModel } from './model.js';

/** Every subcommand, in the order `gibbs --help` lists them. */
export const COMMANDS: Array<(program: Command) => void> = [registerExact, registerModel, registerGas];
