import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './e2e/support/chromium';

/**
 * End-to-end tests drive the built app (vite build + vite preview) in Debian's Chromium.
 * E2E_DIST and E2E_PORT let several builds be tested side by side (default dist/ on 4173; the
 * sub-path server uses the next port).
 */
const dist = process.env.E2E_DIST || 'dist';
const port = Number(process.env.E2E_PORT || 4173);

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    browserName: 'chromium',
    launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
    // Each test starts with a fresh profile; service workers are tested on purpose where they matter.
    serviceWorkers: 'block',
    trace: 'off',
  },
  webServer: [
    {
      command: `npx vite preview --outDir ${dist} --port ${port} --strictPort --host 127.0.0.1`,
      url: `http://127.0.0.1:${port}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      command: 'node e2e/support/subpathServer.mjs',
      url: `http://127.0.0.1:${port + 1}/some/sub/path/`,
      env: { PORT: String(port + 1), SUBPATH: '/some/sub/path/', DIST: dist },
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
  ],
});
