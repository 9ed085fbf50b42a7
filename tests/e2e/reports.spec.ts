import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { cell, expect, openApp, rowIdOf, test } from './fixtures';

test('print preview shows A4 pages and downloads the PDF and the XLSX', async ({ page, host }) => {
  await openApp(page, host);
  await page.getByRole('button', { name: '打印预览' }).click();
  const frame = page.frameLocator('[data-testid="report-preview"]');
  await expect(frame.locator('body')).toContainText('2026 年度目标完成情况表');
  const pageCountText = await page.getByTestId('page-count').innerText();
  const pageCount = Number(/共 (\d+) 页/.exec(pageCountText)![1]);
  expect(pageCount).toBeGreaterThanOrEqual(2);
  await expect(frame.locator('body')).toContainText(`第 1 页 共 ${pageCount} 页`);
  await expect(frame.locator('body')).toContainText(`第 ${pageCount} 页 共 ${pageCount} 页`);
  await expect(frame.locator('svg').first()).toBeAttached();

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plandesk-download-'));
  const [pdfDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 PDF' }).click()]);
  expect(pdfDownload.suggestedFilename()).toBe('江城市分公司-2026年度目标完成情况表.pdf');
  const pdfPath = path.join(dir, 'report.pdf');
  await pdfDownload.saveAs(pdfPath);
  const info = execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
  expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBe(pageCount);
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
  expect(text).toContain('江城市分公司');
  expect(text).toContain('基本目标');

  const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
  const xlsxPath = path.join(dir, 'report.xlsx');
  await xlsxDownload.saveAs(xlsxPath);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(xlsxPath);
  expect(book.worksheets[0].getCell('A1').value).toContain('年度目标完成情况表');
});

test('the preview follows an edit made in the grid', async ({ page, host }) => {
  await openApp(page, host);
  const person = await rowIdOf(page, '李晓燕');
  await cell(page, person, 'm-revenue:basic').click();
  await page.keyboard.type('9999.99');
  await page.keyboard.press('Enter');
  await expect(cell(page, person, 'm-revenue:basic')).toHaveText('9,999.99');
  await page.getByRole('link', { name: '报表打印', exact: true }).click();
  await expect(page.frameLocator('[data-testid="report-preview"]').locator('body')).toContainText('9,999.99');
});
