import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The browser explorer: `npm run explorer` serves it on 127.0.0.1, `npm run explorer:build`
// writes a static site to explorer-dist/ with relative paths (base './'), so it works from any
// web server or folder, offline: every script, style and font is bundled, nothing from a CDN.
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  publicDir: false,
  clearScreen: false,
  build: {
    outDir: fileURLToPath(new URL('../../explorer-dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
  },
  worker: { format: 'es' },
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
  preview: { host: '127.0.0.1', port: 4173 },
});
