/**
 * The holiday plans printed through the report pipeline on a real sample workspace: each figure
 * equals the screen's (the services the grids read), the stocking plan lists its warnings, the
 * roster prints its gaps as 空缺; XLSX read back with ExcelJS, and the stocking plan and roster as
 * real PDFs through Chromium, their text read with pdftotext (pages kept in <tmp> for a look).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { createCaller } from '../../../src-main/core/dispatch';
import { REPORTS } from '../../../src-main/core/app';
import { renderReportHtml, wrapCellLines } from '../../../src-main/core/reports/html-renderer';
import { createChromiumPdfPrinter, findChromium } from '../../../src-main/core/reports/pdf';
import type { TableSection } from '../../../src-shared/reports/report-model';
import { sampleWorkspacePerTest } from '../helpers/workspace';

const openSample = sampleWorkspacePerTest();
const SEASON = 2027;
const squash = (text: string) => text.replace(/\s+/g, '');

function hasTool(tool: string): boolean {
  try {
    execFileSync(tool, ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('holiday reports', () => {
  it('the targets report prints each store, 班组 and employee with the split’s figures', async () => {
    const ws = await openSample();
    const call = createCaller(ws);
    await call('holiday/targets-from-last-year', { season: SEASON, basicGrowthBp: 800, challengeGrowthBp: 1500 });
    const stores = (await call('holiday/get-targets', { season: SEASON })).stores;
    for (const level of ['basic', 'challenge'] as const)
      for (const s of stores) await call('holiday/split', { season: SEASON, level, subjectId: s.id, orgMethod: 'last-year', dayMethod: 'last-year' });
    const split = await call('holiday/get-split', { season: SEASON, level: 'basic' });
    const report = await REPORTS['holiday-targets'].build(ws, { year: SEASON });
    const table = report.sections[0] as TableSection;
    for (const r of split.rows) expect(table.rows.find((row) => row.id === r.id)?.cells.basic).toBe(r.total);
    expect(table.rows.at(-1)!.cells.basic).toBe(split.rows.filter((r) => r.kind === 'store').reduce((a, r) => a + r.total, 0));
    const preview = await call('reports/preview', { report: 'holiday-targets', year: SEASON });
    expect(squash(preview.html)).toContain(`${SEASON}年两节销售目标分解表`);
    expect(preview.html).toContain(split.rows[0].total.toLocaleString('en-US'));
  });

  it('the stocking plan lists the categories and the sample’s warning, in XLSX as on screen', async () => {
    const ws = await openSample();
    const call = createCaller(ws);
    const { warnings } = await call('holiday/list-stock-warnings', { season: SEASON });
    const store = warnings[0].storeId;
    const stock = await call('holiday/get-stock', { season: SEASON, storeId: store });
    const report = await REPORTS['holiday-stock'].build(ws, { year: SEASON, scopeId: store });
    const tables = report.sections.filter((s): s is TableSection => s.kind === 'table');
    expect(tables[0].rows.map((r) => r.cells.name)).toEqual(stock.rows.map((r) => r.name));
    expect(tables[0].rows.find((r) => r.cells.name === '水产品')!.cells.state).toBe('预警');
    expect(tables[1].rows).toHaveLength(stock.warnings.length);
    expect(report.sections.some((s) => s.kind === 'chart')).toBe(true);
    // Each 到货批次 lot prints as one unbreakable run whose quantity is the stored one.
    for (const row of tables[0].rows) {
      const stockRow = stock.rows.find((r) => r.name === row.cells.name)!;
      const line = String(row.cells.deliveries ?? '');
      const lots = line
        .replace(/^[^：]*：/, '')
        .split('；')
        .filter(Boolean);
      expect(lots.map((lot) => Number(lot.split('\u00a0').at(-1)))).toEqual(stockRow.deliveries.map((d) => d.quantity));
      for (const lot of lots) expect(lot).not.toMatch(/[ ,]/);
      // Printed in a narrow column, the cell's lines break between lots, never inside one.
      for (const widthMm of [32, 41, 60]) {
        const lines = wrapCellLines(line, widthMm, 9);
        expect(lines.length).toBeGreaterThan(1);
        for (const lot of lots) expect(lines.some((l) => l.includes(lot))).toBe(true);
      }
    }
    const exported = await call('reports/export', { report: 'holiday-stock', format: 'xlsx', jobId: 'job-stock', year: SEASON, scopeId: store });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(exported.base64!, 'base64') as never);
    const sheet = book.worksheets[0];
    let found = 0;
    sheet.eachRow((row) => {
      const name = row.getCell(1).text;
      const stockRow = stock.rows.find((r) => r.name === name);
      if (!stockRow) return;
      found++;
      expect(Number(row.getCell(5).value)).toBe(stockRow.opening);
      expect(Number(row.getCell(6).value)).toBe(stockRow.delivered);
    });
    expect(found).toBe(stock.rows.length);
  });

  it('the roster prints as the notice, gaps as 空缺', async () => {
    const ws = await openSample();
    const report = await REPORTS['holiday-roster'].build(ws, { year: SEASON });
    expect(report.title).toBe(`关于 ${SEASON} 年元旦、春节期间领导值班安排的通知`);
    const { html } = renderReportHtml(report);
    expect(html.match(/（空缺）/g)).toHaveLength(2);
    expect(html).toContain('尚有 2 个班次未安排值班领导');
  });

  const chromiumPath = findChromium();
  const tools = ['pdftotext', 'pdftoppm', 'pdffonts'].every(hasTool);
  describe.skipIf(!chromiumPath || !tools)('as PDF', () => {
    const printer = createChromiumPdfPrinter();
    afterAll(() => printer.close());
    const outDir = path.join(os.tmpdir(), 'plandesk-holiday-pdf');
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.mkdirSync(outDir, { recursive: true });

    it('the stocking plan and the roster print with their Chinese text, every page kept as PNG', async () => {
      const ws = await openSample();
      for (const id of ['holiday-stock', 'holiday-roster'] as const) {
        const report = await REPORTS[id].build(ws, { year: SEASON });
        const { html, pageCount } = renderReportHtml(report);
        const file = path.join(outDir, `${id}.pdf`);
        fs.writeFileSync(file, await printer(html, report.page));
        const text = squash(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }));
        expect(text).toContain(squash(report.title));
        expect(Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1])).toBe(pageCount);
        execFileSync('pdftoppm', ['-png', '-r', '60', file, path.join(outDir, id)]);
      }
    }, 180_000);
  });
});
