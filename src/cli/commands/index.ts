import type { Command } from 'commander';
import { registerCoin } from './coin.js';
import { registerCompress } from './compress.js';
import { registerDecompress } from './decompress.js';
import { registerEntropy } from './entropy.js';
import { registerExact } from './exact.js';
import { registerModel } from './model.js';

/** Every subcommand, in the order `gibbs --help` lists them. */
export const COMMANDS: Array<(program: Command) => void> = [registerExact, registerModel, registerCompress, registerDecompress, registerEntropy, registerCoin];
