import type { Command } from 'commander';

/**
 * Give the subcommands of a command group (e.g. `gibbs mixture fit`) the same treatment main.ts
 * gives top-level commands: commander errors become one line naming the full command, exit code 2.
 * (main.ts configures one level only.)
 */
export function configureNestedCommands(group: Command): void {
  for (const command of group.commands) {
    const name = `${group.name()} ${command.name()}`;
    command.exitOverride();
    command.configureOutput({ outputError: (text, write) => write(`gibbs ${name}: ${text.replace(/^error: /, '').trimEnd()} (see gibbs ${name} --help)\n`) });
  }
}
