import { execFileSync } from 'node:child_process';

/** The CLI tests spawn the built `gibbs`; build it once (incrementally) before any test runs. */
export default function setup(): void {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
}
