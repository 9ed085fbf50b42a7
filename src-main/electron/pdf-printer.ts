/**
 * PDF printing with Electron's own Chromium: the report HTML is loaded into a window that is never
 * shown (sandboxed, context-isolated, no preload, JavaScript disabled) and printed with printToPDF.
 * A plain `show: false` window, the usual pattern for printToPDF, rather than offscreen-rendering
 * mode (`webPreferences.offscreen`), which printing does not need.
 * The HTML is written to a private temp file rather than a data: URL, which has size limits.
 * main.ts hardens every webContents (no navigation away, no new windows); loadFile is not a
 * renderer-initiated navigation, so it is not blocked.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BrowserWindow } from 'electron';
import type { PdfPrinter } from '../core/reports/pdf';

function hiddenPrintWindow(): BrowserWindow {
  return new BrowserWindow({
    show: false,
    width: 1200,
    height: 900,
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: false,
      webSecurity: true,
      spellcheck: false,
      // Never shown: keep it from being throttled as a background window while it lays out.
      backgroundThrottling: false,
    },
  });
}

export function createElectronPdfPrinter(): PdfPrinter {
  return async (html, page) => {
    const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'plandesk-print-'));
    const file = path.join(dir, 'report.html');
    const win = hiddenPrintWindow();
    try {
      await fs.promises.writeFile(file, html, { encoding: 'utf8', mode: 0o600 });
      await win.loadFile(file);
      const pdf = await win.webContents.printToPDF({
        preferCSSPageSize: true,
        printBackground: true,
        // The CSS @page size wins; these are only the fallback.
        pageSize: page.size,
        landscape: page.orientation === 'landscape',
      });
      return Buffer.from(pdf);
    } finally {
      if (!win.isDestroyed()) win.destroy();
      await fs.promises.rm(dir, { recursive: true, force: true });
    }
  };
}
