import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/gibbs.js', import.meta.url));

/** Result of running the CLI as a user would. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Spawn the built `gibbs` with arguments (and optional stdin), as a user runs it. */
export function runCli(args: string[], options: { input?: string; cwd?: string; env?: Record<string, string>; timeout?: number } = {}): CliResult {
  const result = spawnSync(process.execPath, [bin, ...args], {
    input: options.input,
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    timeout: options.timeout ?? 120_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Assert the standard bad-input behaviour: exit 2, one line on stderr, no stack trace. */
export function expectUserError(result: CliResult, pattern: RegExp): void {
  const lines = result.stderr.trim().split('\n');
  if (result.code !== 2 || lines.length !== 1 || !pattern.test(lines[0]) || /\bat .*\(.*:\d+:\d+\)/.test(result.stderr)) {
    throw new Error(`expected exit 2 and one line matching ${pattern}; got exit ${result.code}, stderr:\n${result.stderr}\nstdout:\n${result.stdout}`);
  }
}
