/**
 * 年度目标 and Excel (issue 11 §3): a people-only block pasted over roll-up rows fills the people and
 * names the roll-up rows it passed over; the template exported from the page, filled in with one
 * bad cell, is refused with the cell listed and nothing written; corrected, it imports.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { cell, expect, openApp, pasteText, rowIdOf, storedValue, test } from './fixtures';

const REVENUE = 'm-revenue';

test('a people-only column pasted over a team row fills the people and says which roll-up rows were skipped', async ({ page, host }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, host);
  const names = ['张伟', '刘芳', '陈明'];
  const people = await Promise.all(names.map((n) => rowIdOf(page, n)));

  await cell(page, people[0], `${REVENUE}:basic`).click();
  await pasteText(page, '151\r\n152\r\n153\r\n');
  await expect(page.getByText('已粘贴 3 个单元格，跳过了汇总行：公众客户部')).toBeVisible();
  await expect.poll(() => storedValue(page, host, people[0], REVENUE, 'basic')).toBe(15100);
  expect(await storedValue(page, host, people[1], REVENUE, 'basic')).toBe(15200);
  expect(await storedValue(page, host, people[2], REVENUE, 'basic')).toBe(15300);
  await expect(cell(page, people[2], `${REVENUE}:basic`)).toHaveText('153.00');
  // A single value pasted on a roll-up row is refused there, as typing is.
  const team = page.locator('.ag-row:not(.ag-row-pinned)').filter({ has: page.locator('.pd-tree-name', { hasText: /^集团客户部$/ }) });
  await team.first().locator(`.ag-cell[col-id="${REVENUE}:basic"]`).click();
  await pasteText(page, '999');
  await expect(page.getByTestId('cell-error')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('paste-over-rollups.png') });

  // A folded unit hides its people: a block that would cross it is refused, nothing written.
  await page.keyboard.press('Escape');
  const west = await rowIdOf(page, '西岭县分公司');
  await page.locator(`.ag-row[row-id="${west}"] .pd-tree-toggle`).click();
  await expect(page.locator('.pd-tree-name', { hasText: '黄志强' })).toHaveCount(0);
  const last = await rowIdOf(page, '赵磊');
  const before = await storedValue(page, host, last, REVENUE, 'basic');
  await cell(page, last, `${REVENUE}:basic`).click();
  await pasteText(page, '161\r\n162\r\n');
  await expect(page.getByText('「西岭县分公司」已折叠')).toBeVisible();
  expect(await storedValue(page, host, last, REVENUE, 'basic')).toBe(before);
});

test('a template with one bad cell is refused with the cell listed and nothing written; corrected, it imports', async ({ page, host }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, host);
  const wang = await rowIdOf(page, '王建国');
  const li = await rowIdOf(page, '李晓燕');
  const before = await storedValue(page, host, wang, REVENUE, 'basic');

  const downloadPromise = page.waitForEvent('download');
  await page.getByTestId('template-export').click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/年度目标模板\.xlsx$/);
  const file = await download.path();

  // Filled in as a planner would, with one bad cell: text in 李晓燕's 基本目标 (C8).
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const sheet = book.worksheets[0];
  expect(sheet.getCell('A7').text).toBe('王建国');
  expect(sheet.getCell('A8').text).toBe('李晓燕');
  sheet.getCell('C7').value = 171.5;
  sheet.getCell('C8').value = '一百八';
  const edited = test.info().outputPath('template-bad.xlsx');
  await book.xlsx.writeFile(edited);

  await page.getByTestId('template-file').setInputFiles(edited);
  const refusals = page.getByTestId('template-refusals');
  await expect(refusals).toBeVisible();
  await expect(page.getByText('有 1 个单元格不符合要求，未写入任何数据。')).toBeVisible();
  const row = refusals.locator('tbody tr').first();
  await expect(row).toContainText('C8');
  await expect(row).toContainText('营业收入 · 基本目标');
  // A refused file changed nothing: the header does not say saving failed.
  await expect(page.getByTestId('save-state')).not.toContainText('保存失败');
  await expect(row).toContainText('一百八');
  await expect(row).toContainText('不是数字');
  await page.screenshot({ path: test.info().outputPath('template-refused.png') });
  expect(await storedValue(page, host, wang, REVENUE, 'basic')).toBe(before);
  await page.getByRole('button', { name: '关闭' }).click();

  // Corrected, the same file imports: one save, shown at once.
  sheet.getCell('C8').value = 180;
  const fixed = test.info().outputPath('template-good.xlsx');
  await book.xlsx.writeFile(fixed);
  fs.statSync(fixed);
  await page.getByTestId('template-file').setInputFiles(fixed);
  await expect(page.getByText('已导入模板：更新了 2 个单元格')).toBeVisible();
  await expect.poll(() => storedValue(page, host, wang, REVENUE, 'basic')).toBe(17150);
  expect(await storedValue(page, host, li, REVENUE, 'basic')).toBe(18000);
  await expect(cell(page, wang, `${REVENUE}:basic`)).toHaveText('171.50');
});
