/**
 * HTML (from renderReportHtml) → PDF bytes. The host injects the printer: Electron prints with its
 * own Chromium (src-main/electron/pdf-printer.ts); the web host, the CLI and the tests drive a
 * system Chromium through playwright-core (this file). The HTML carries its page size in
 * `@page`, so both honour the CSS page size and print backgrounds (completion colours).
 */
import fs from 'node:fs';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import type { PageSetup } from '../../../src-shared/reports/report-model';
import type { PdfPrinter } from '../host-services';

export type { PdfPrinter } from '../host-services';

const SYSTEM_CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Flags for headless Chromium on a locked-down machine: no sandbox as root, no background network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const NOT_FOUND_MESSAGE =
  '找不到 Chromium 浏览器，无法导出 PDF：请安装 Chromium，或设置环境变量 PLANDESK_CHROMIUM 指向浏览器程序。' +
  ' / Chromium not found: install it or set PLANDESK_CHROMIUM to the browser executable.';

function playwrightChromium(): string | null {
  try {
    const file = chromium.executablePath();
    return file && fs.existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

/**
 * The browser to print with: PLANDESK_CHROMIUM, the usual system locations, then Playwright's own
 * download. Null when there is none.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const configured = env.PLANDESK_CHROMIUM?.trim();
  if (configured) return fs.existsSync(configured) ? configured : null;
  return SYSTEM_CHROMIUM_PATHS.find((file) => fs.existsSync(file)) ?? playwrightChromium();
}

function resolveExecutable(explicit: string | undefined): string {
  const file = explicit ?? findChromium();
  if (!file || !fs.existsSync(file)) {
    const where = explicit ?? process.env.PLANDESK_CHROMIUM?.trim();
    throw new Error(where ? `${NOT_FOUND_MESSAGE} (${where})` : NOT_FOUND_MESSAGE);
  }
  return file;
}

interface Session {
  browser: Browser;
  /** One context for all prints: JavaScript off, offline, every request refused. */
  context: BrowserContext;
}

async function startSession(executablePath: string): Promise<Session> {
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    // Reports are self-contained: nothing may be fetched while printing.
    await context.route('**/*', (route) => route.abort());
    return { browser, context };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/**
 * A printer that launches Chromium on first use and keeps it for later calls; each call prints in
 * a fresh page (in one shared context with JavaScript off and no network). `close()` ends the browser.
 */
export function createChromiumPdfPrinter(options: { executablePath?: string } = {}): PdfPrinter & { close(): Promise<void> } {
  let session: Promise<Session> | null = null;

  const launch = (): Promise<Session> => {
    if (!session) {
      const started = startSession(resolveExecutable(options.executablePath));
      session = started;
      started.catch(() => {
        if (session === started) session = null;
      });
    }
    return session;
  };

  const print = async (html: string, page: PageSetup): Promise<Buffer> => {
    const tab = await (await launch()).context.newPage();
    try {
      await tab.setContent(html, { waitUntil: 'load' });
      await tab.emulateMedia({ media: 'print' });
      // The CSS @page size wins; format/landscape are only the fallback.
      return await tab.pdf({ preferCSSPageSize: true, printBackground: true, format: page.size, landscape: page.orientation === 'landscape' });
    } finally {
      await tab.close();
    }
  };

  const close = async (): Promise<void> => {
    const running = session;
    session = null;
    if (running) await (await running.catch(() => null))?.browser.close();
  };

  return Object.assign(print, { close });
}
