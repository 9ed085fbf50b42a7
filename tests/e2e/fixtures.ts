/**
 * Each test gets its own sample workspace (a real SQLite file in a temp dir) served by a real web
 * host on a free port, so tests neither share nor leak state.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { openWorkspace, type Workspace } from '../../src-main/core/app';
import { defaultContext } from '../../src-main/core/context';
import { createChromiumPdfPrinter } from '../../src-main/core/reports/pdf';
import { createWebHost } from '../../src-main/web/server';

const RENDERER = path.resolve(__dirname, '../../out/renderer');

interface Fixtures {
  workspace: Workspace;
  host: string;
}

interface WorkerFixtures {
  /** One headless Chromium per worker prints every test's PDFs, as the web host does. */
  printer: ReturnType<typeof createChromiumPdfPrinter>;
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  printer: [
    async ({}, use) => {
      const printer = createChromiumPdfPrinter();
      await use(printer);
      await printer.close();
    },
    { scope: 'worker' },
  ],
  workspace: async ({}, use) => {
    if (!fs.existsSync(path.join(RENDERER, 'index.html'))) throw new Error('Build the renderer first: npm run build');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plandesk-e2e-'));
    const ws = await openWorkspace(path.join(dir, 'e2e.plandesk'), { createWithSample: true, ctx: defaultContext({ log: () => {} }) });
    await use(ws);
    await ws.close();
    fs.rmSync(dir, { recursive: true, force: true });
  },
  host: async ({ workspace, printer }, use) => {
    const server = createWebHost({ workspace, staticDir: RENDERER, port: 0, host: { printPdf: printer } });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const { port } = server.address() as AddressInfo;
    await use(`http://127.0.0.1:${port}`);
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  },
});

export { expect };

/** The id of the grid row whose name cell shows `name`. */
export async function rowIdOf(page: Page, name: string): Promise<string> {
  const row = page.locator('.ag-row:not(.ag-row-pinned)').filter({ has: page.locator('.pd-tree-name', { hasText: new RegExp(`^${name}$`) }) });
  await expect(row).toHaveCount(1);
  return (await row.getAttribute('row-id'))!;
}

export function cell(page: Page, rowId: string, colId: string): Locator {
  return page.locator(`.ag-row:not(.ag-row-pinned)[row-id="${rowId}"] .ag-cell[col-id="${colId}"]`);
}

/** A cell of the pinned total row. */
export function totalCell(page: Page, colId: string): Locator {
  return page.locator(`.ag-row-pinned .ag-cell[col-id="${colId}"]`);
}

/** The stored value of one target cell, read from the backend (not the screen). */
export async function storedValue(page: Page, host: string, subjectId: string, metricId: string, measure: string): Promise<number | null> {
  const info = await (await page.request.post(`${host}/api/workspace/get-info`, { data: {} })).json();
  const response = await page.request.post(`${host}/api/targets/list-cells`, { data: { year: info.data.planYear } });
  const body = await response.json();
  const found = body.data.cells.find(
    (c: { subjectId: string; metricId: string; measure: string }) => c.subjectId === subjectId && c.metricId === metricId && c.measure === measure,
  );
  return found ? found.value : null;
}

/** Dispatches a paste of tab-separated text onto the focused grid cell, as Ctrl+V from Excel does. */
/** Calls a channel on the test's web host as the renderer does, expecting it to answer ok. */
export function webApi(page: Page, host: string): <T>(channel: string, data: unknown) => Promise<T> {
  return async <T>(channel: string, data: unknown): Promise<T> => {
    const body = (await (await page.request.post(`${host}/api/${channel}`, { data })).json()) as { ok: boolean; data: T };
    expect(body.ok).toBe(true);
    return body.data;
  };
}

export async function pasteText(page: Page, text: string): Promise<void> {
  await page.evaluate((data) => {
    const transfer = new DataTransfer();
    transfer.setData('text/plain', data);
    const target = document.activeElement ?? document.body;
    target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
  }, text);
}

export async function openApp(page: Page, host: string): Promise<void> {
  await page.goto(host);
  await expect(page.locator('.ag-row').first()).toBeVisible();
}

/**
 * The window a test is written for, or the one `PD_VIEWPORT=1440x900` asks for: a walk checked in
 * screenshots is run at each laptop size without a copy of the test per size.
 */
export async function sized(page: Page, width: number, height: number): Promise<void> {
  const asked = /^(\d+)x(\d+)$/.exec(process.env.PD_VIEWPORT ?? '');
  await page.setViewportSize(asked ? { width: Number(asked[1]), height: Number(asked[2]) } : { width, height });
}

/** A screenshot into `PD_SHOTS` (when set), named for what it shows and the window's width. */
export async function shot(page: Page, name: string): Promise<void> {
  const folder = process.env.PD_SHOTS;
  if (folder) await page.screenshot({ path: `${folder}/${name}-${page.viewportSize()?.width ?? 0}.png` });
}
