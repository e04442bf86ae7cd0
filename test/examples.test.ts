import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// Every example script runs (so documentation cannot rot) and prints something.
const examples = readdirSync(new URL('../examples/', import.meta.url)).filter((f) => f.endsWith('.ts'));

describe('examples', () => {
  it.each(examples)('%s runs', (file) => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', `examples/${file}`], { encoding: 'utf8', timeout: 120_000 });
    expect(out.trim().length).toBeGreaterThan(0);
  });
});
