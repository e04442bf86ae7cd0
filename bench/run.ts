// `npm run bench [-- NAME...]`: run every bench/*.bench.ts (or the named ones) in one process,
// each timing our kernels side by side with their peers and printing ratios.
import { readdirSync } from 'node:fs';

const only = process.argv.slice(2);
const files = readdirSync(new URL('./', import.meta.url))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((name) => f.startsWith(name)))
  .sort();

console.log(`# gibbs benchmarks (${new Date().toISOString()}, node ${process.version})`);
for (const file of files) {
  const mod = (await import(`./${file}`)) as { run: () => Promise<void> | void };
  console.log(`\n# ${file}`);
  await mod.run();
}
