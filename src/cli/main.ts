import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { GibbsError } from '../core/errors.js';
import { COMMANDS } from './commands/index.js';

const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

/** Build the `gibbs` program with every subcommand registered. */
export function buildProgram(): Command {
  const program = new Command('gibbs')
    .version(packageJson.version, '-V, --version')
    .description('gibbs: exact, Monte Carlo and variational statistical mechanics; Bayesian inference; entropy and compression.\nEnergy convention: E(s) = sum_n h_n s_n + sum_{n<m} J_nm s_n s_m (ferromagnet: J < 0), p(s) = exp(-E/T)/Z.')
    .addHelpText('after', '\nExamples:\n  gibbs exact model.json --temperature 2.269\n  gibbs model model.json\n  gibbs <command> --help');
  for (const register of COMMANDS) register(program);
  configureErrors(program, 'gibbs');
  return program;
}

/**
 * Commander errors (unknown option, missing argument, bad choice) at every level of the command
 * tree (e.g. `gibbs mixture fit`) become one line naming the full command, and exit code 2.
 */
function configureErrors(command: Command, name: string): void {
  command.exitOverride();
  command.configureOutput({ outputError: (text, write) => write(`${name}: ${text.replace(/^error: /, '').trimEnd()} (see ${name} --help)\n`) });
  for (const sub of command.commands) configureErrors(sub, `${name} ${sub.name()}`);
}

/** Run the CLI: user errors print one line and exit 2; internal bugs print the stack and exit 1. */
export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof GibbsError) {
      process.stderr.write(`gibbs: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`gibbs: internal error (please report): ${(error as Error)?.stack ?? String(error)}\n`);
    return 1;
  }
}

const code = await main(process.argv.slice(2));
process.exitCode = code;
