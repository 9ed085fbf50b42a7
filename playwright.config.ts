import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './src-main/core/reports/pdf';

/**
 * Browser tests drive the real renderer in Chromium against the web host. Debian's Chromium is
 * used where installed (Playwright's own download is blocked on our machines); elsewhere the
 * browser from `npx playwright install chromium`.
 */

export default defineConfig({
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  reporter: process.env.CI ? [['list']] : [['list']],
  outputDir: 'test-results',
  projects: [
    {
      name: 'web',
      testDir: 'tests/e2e',
      use: {
        headless: true,
        viewport: { width: 1600, height: 900 },
        locale: 'zh-CN',
        // The web host takes a write only with the app's header or a same-origin Origin; the
        // page's own requests carry both, the tests' direct page.request calls need the header.
        extraHTTPHeaders: { 'X-PlanDesk': '1' },
        launchOptions: {
          executablePath: findChromium() ?? undefined,
          args: CHROMIUM_ARGS,
        },
        trace: 'retain-on-failure',
        screenshot: 'only-on-failure',
      },
    },
    { name: 'electron', testDir: 'tests/electron', testMatch: '*.electron.spec.ts' },
  ],
});
