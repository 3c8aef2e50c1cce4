import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './e2e/support/chromium';

/** End-to-end tests drive the built app (vite build + vite preview) in Debian's Chromium. */
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
    baseURL: 'http://127.0.0.1:4173/',
    browserName: 'chromium',
    launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
    // Each test starts with a fresh profile; service workers are tested on purpose where they matter.
    serviceWorkers: 'block',
    trace: 'off',
  },
  webServer: [
    {
      command: 'npx vite preview --port 4173 --strictPort --host 127.0.0.1',
      url: 'http://127.0.0.1:4173/',
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      command: 'node e2e/support/subpathServer.mjs',
      url: 'http://127.0.0.1:4174/some/sub/path/',
      env: { PORT: '4174', SUBPATH: '/some/sub/path/' },
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
  ],
});
