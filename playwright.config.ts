import { defineConfig } from '@playwright/test';

/** Debian's Chromium by default; CHROMIUM_PATH points elsewhere (macOS/Windows, or a Playwright-installed one). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export default defineConfig({
  testDir: 'tests',
  testMatch: ['e2e/**/*.spec.ts', 'electron-e2e/**/*.spec.ts'],
  outputDir: 'test-results/artifacts',
  timeout: 60_000,
  workers: 2,
  reporter: [['list']],
  use: {
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS },
    viewport: { width: 1600, height: 900 },
  },
});
