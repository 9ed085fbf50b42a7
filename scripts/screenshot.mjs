// Takes a screenshot of a running web host: node scripts/screenshot.mjs URL OUT.png [width height]
// Uses Debian's Chromium when present, else Playwright's own browser.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const [url = 'http://127.0.0.1:5180/', out = 'screenshot.png', width = '1600', height = '900'] = process.argv.slice(2);
const executablePath = fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plandesk-shot-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath,
  headless: true,
  viewport: { width: Number(width), height: Number(height) },
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const page = context.pages()[0] ?? (await context.newPage());
page.on('console', (m) => {
  if (m.type() === 'error') console.error('console:', m.text());
});
page.on('pageerror', (e) => console.error('pageerror:', e.message));
await page.goto(url);
await page.waitForSelector('.ag-row', { timeout: 15000 }).catch(() => console.error('no grid rows'));
await page.waitForTimeout(800);
await page.screenshot({ path: out });
await context.close();
console.log(`wrote ${out}`);
