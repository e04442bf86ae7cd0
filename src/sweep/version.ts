import { readFileSync } from 'node:fs';

// src/sweep/version.ts and dist/sweep/version.js both sit two folders below package.json.
const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

/** The installed gibbs version (package.json), recorded with every stored result. */
export const GIBBS_VERSION: string = packageJson.version;
