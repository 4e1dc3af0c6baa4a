import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { rendererConfig } from './renderer/vite.config';

const root = import.meta.dirname;

/**
 * `electron-vite dev` only: React Fast Refresh injects an inline module script into index.html,
 * which the page's strict CSP meta tag would block. The built app keeps `script-src 'self'`.
 */
const devServerInlineScript: Plugin = {
  name: 'watchfloor:dev-server-csp',
  apply: 'serve',
  transformIndexHtml: {
    order: 'post',
    handler: (html) => html.replace(/(<meta[^>]+Content-Security-Policy[^>]+script-src 'self')/i, "$1 'unsafe-inline'"),
  },
};

/**
 * `electron-vite build` → out/main (ESM, as package.json is "type": "module"), out/preload
 * (CommonJS: sandboxed preloads cannot be ES modules, and may `require` only a few Electron
 * built-ins, so everything they import is bundled in) and out/renderer (the same build as
 * `npm run build:web`).
 */
export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      lib: { entry: resolve(root, 'electron/main/index.ts'), formats: ['es'], fileName: () => 'index.js' },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    ...rendererConfig,
    plugins: [...rendererConfig.plugins, devServerInlineScript],
    root: resolve(root, 'renderer'),
    build: {
      ...rendererConfig.build,
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: { input: resolve(root, 'renderer/index.html') },
    },
  },
});
