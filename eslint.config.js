import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', 'report/', 'node_modules/', 'coverage/', 'bench/peers/build/', 'explorer-dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Pass an explicit rng (DESIGN.md: randomness is explicit).' }],
    },
  },
  {
    // Library layers must run in a browser too: no Node built-ins below cli/.
    files: ['src/core/**', 'src/models/**', 'src/exact/**', 'src/mcmc/**', 'src/variational/**', 'src/prob/**', 'src/info/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'fs', 'path', 'os', 'worker_threads', 'child_process'], message: 'Library layers are browser-safe; Node APIs belong in cli/, report/, sweep/ or node/.' }] }],
    },
  },
);
