import react from '@vitejs/plugin-react';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));

/** Shared by `npm run build:web` (browser host) and electron-vite's renderer build. */
export const rendererConfig = {
  root: here,
  base: './',
  plugins: [react()],
  build: { outDir: resolve(here, '..', 'out', 'renderer'), emptyOutDir: true },
};

export default defineConfig(rendererConfig);
