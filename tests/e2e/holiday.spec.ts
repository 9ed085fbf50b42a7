/**
 * 两节供应计划 as a planner opens it at 1280 × 720: the coming season (2027) with its landmarks and
 * last year's lunar-aligned window; 按上年同期生成目标 sets every store and category from last year;
 * a growth typed on a category and an amount pasted from Excel save, the store and 合计 rows add
 * up, a store row refuses a typed value, and Ctrl+Z takes the paste back.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { cell, expect, pasteText, test, webApi, shot, sized } from './fixtures';
import type { ChannelOutput } from '../../src-shared/contract/channels';

test('holiday sales targets: from last year, typed growth, pasted amounts, roll-ups and undo', async ({ page, host }) => {
  await sized(page, 1280, 720);
  const api = webApi(page, host);
  await page.goto(`${host}/#/holiday`);
  await expect(page.locator('.pd-page-title')).toHaveText('2027 两节供应计划');
  await expect(page.getByTestId('holiday-window')).toContainText('计划时段：2026-12-18 至 2027-02-20，共 65 天');
  await expect(page.getByTestId('holiday-window')).toContainText('春节 2027-02-06');
  await expect(page.getByTestId('holiday-last-year')).toHaveText('上年同期（按农历对齐）：2025-12-29 至 2026-03-03');

  const before = await api<ChannelOutput<'holiday/get-targets'>>('holiday/get-targets', { season: 2027 });
  const store = before.stores[0];
  const [grain, oil] = before.categories;
  const last = (categoryId: string) => before.rows.find((r) => r.storeId === store.id && r.categoryId === categoryId)!.lastYear;
  await expect(cell(page, store.id, 'lastYear')).toHaveText(
    before.rows
      .filter((r) => r.storeId === store.id)
      .reduce((a, r) => a + r.lastYear, 0)
      .toLocaleString('en-US'),
  );

  // From last year: basic +8 %, challenge +15 %.
  await page.getByTestId('from-last-year-open').click();
  await page.getByTestId('from-last-year-apply').click();
  await expect(page.getByText('已生成 33 个目标')).toBeVisible();
  const grainRow = `${store.id}|${grain.id}`;
  await expect(cell(page, grainRow, 'basic')).toHaveText(Math.round((last(grain.id) * 108) / 100).toLocaleString('en-US'));
  await expect(cell(page, grainRow, 'basicGrowth')).toHaveText('+8.0%');
  await shot(page, 'holiday-targets');

  // A growth typed on 粮食's 挑战增长: 20 % over last year.
  await cell(page, grainRow, 'challengeGrowth').click();
  await page.keyboard.type('20');
  await page.keyboard.press('Enter');
  const challenge = Math.round((last(grain.id) * 120) / 100);
  await expect(cell(page, grainRow, 'challenge')).toHaveText(challenge.toLocaleString('en-US'));

  // Two amounts pasted from Excel down the 基本目标 column: 粮食 and 食用油.
  await cell(page, grainRow, 'basic').click();
  await pasteText(page, '1,600,000\r\n1200000\r\n');
  await expect(page.getByText('已保存 2 个目标')).toBeVisible();
  await expect(cell(page, `${store.id}|${oil.id}`, 'basic')).toHaveText('1,200,000');
  const after = await api<ChannelOutput<'holiday/get-targets'>>('holiday/get-targets', { season: 2027 });
  const own = after.rows.filter((r) => r.storeId === store.id);
  expect(own.find((r) => r.categoryId === grain.id)).toMatchObject({ basic: 1_600_000, challenge });
  // The store row and 合计 are the sums of what is stored.
  await expect(cell(page, store.id, 'basic')).toHaveText(own.reduce((a, r) => a + (r.basic ?? 0), 0).toLocaleString('en-US'));
  await expect(page.locator('.ag-row-pinned .ag-cell[col-id="basic"]')).toHaveText(after.rows.reduce((a, r) => a + (r.basic ?? 0), 0).toLocaleString('en-US'));

  // A store row adds up its categories: typing there is refused, nothing saved.
  await cell(page, store.id, 'basic').click();
  await page.keyboard.type('5');
  await expect(page.getByTestId('cell-error')).toContainText('门店与合计行由各品类目标相加');
  await page.keyboard.press('Escape');

  // Ctrl+Z takes the paste back.
  await cell(page, grainRow, 'basic').click();
  await page.keyboard.press('Control+z');
  await expect(cell(page, `${store.id}|${oil.id}`, 'basic')).toHaveText(Math.round((last(oil.id) * 108) / 100).toLocaleString('en-US'));
  await expect(cell(page, grainRow, 'basic')).toHaveText(Math.round((last(grain.id) * 108) / 100).toLocaleString('en-US'));
});

test('holiday breakdown: every store split to its 班组, employees and days; a crew total typed is held, a lock keeps a total', async ({ page, host }) => {
  await sized(page, 1440, 900);
  const api = webApi(page, host);
  await api('holiday/targets-from-last-year', { season: 2027, basicGrowthBp: 800, challengeGrowthBp: 1500 });
  await page.goto(`${host}/#/holiday`);
  await page.getByRole('tab', { name: '目标分解' }).click();
  await expect(page.getByTestId('split-all')).toHaveText('全部门店分解（3 个）');
  await page.getByTestId('split-all').click();
  await expect(page.getByText(/已分解：写入 \d+ 个日数据/)).toBeVisible();

  const split = () => api<ChannelOutput<'holiday/get-split'>>('holiday/get-split', { season: 2027, level: 'basic' });
  const first = await split();
  const store = first.rows.find((r) => r.kind === 'store')!;
  const crews = first.rows.filter((r) => r.parentId === store.id && r.kind === 'unit');
  expect(store.total).toBe(store.target);
  await expect(cell(page, store.id, 'total')).toHaveText(store.target!.toLocaleString('en-US'));
  // 春节 and 除夕 are marked on their days.
  expect(first.days.filter((d) => d.mark).map((d) => `${d.mark} ${d.day}`)).toEqual([
    '元旦 2027-01-01',
    '除夕 2027-02-05',
    '春节 2027-02-06',
    '元宵 2027-02-20',
  ]);

  // Lock the last crew, then type the first crew's total: the middle one absorbs, the store keeps its target.
  const [a, b, c] = crews;
  await page.getByTestId(`split-lock-${c.id}`).click();
  await expect.poll(async () => (await split()).rows.find((r) => r.id === c.id)!.locked).toBe(true);
  await cell(page, a.id, 'total').click();
  await page.keyboard.type('5000000');
  await page.keyboard.press('Enter');
  await expect(cell(page, a.id, 'total')).toHaveText('5,000,000');
  const after = await split();
  const row = (id: string) => after.rows.find((r) => r.id === id)!;
  expect(row(c.id).total).toBe(c.total);
  expect(row(b.id).total).toBe(store.target! - 5_000_000 - c.total - row(first.rows.find((r) => r.parentId === store.id && r.kind === 'person')!.id).total);
  expect(row(store.id).total).toBe(store.target);
  // A person's days add up to their total, and the store's day to its people's.
  for (const r of after.rows.filter((x) => x.kind === 'person')) expect(r.values.reduce((x, y) => x + y, 0)).toBe(r.total);
  await shot(page, 'holiday-split');
});

test('stocking plan: moving a delivery later turns the days before it into 断货, listed and coloured at once', async ({ page, host }) => {
  await sized(page, 1280, 720);
  const api = webApi(page, host);
  await page.goto(`${host}/#/holiday`);
  await page.getByRole('tab', { name: '备货计划' }).click();
  // The sample opens on 中心店's 水产品 warning.
  await expect(page.getByTestId('stock-warnings')).toContainText('水产品');
  await expect(page.getByTestId('stock-warnings')).not.toContainText('断货');
  const storeId = (await api<ChannelOutput<'holiday/get-targets'>>('holiday/get-targets', { season: 2027 })).stores[0].id;
  const stock = await api<ChannelOutput<'holiday/get-stock'>>('holiday/get-stock', { season: 2027, storeId });
  const greens = stock.rows.find((r) => r.name === '叶类蔬菜')!;
  const delivery = greens.deliveries[1];
  expect(delivery.arrivalDay).toBe('2027-01-02');

  // 叶类蔬菜's delivery of 2027-01-02 moved to 2027-01-12 in its drawer.
  await page.getByTestId(`deliveries-${greens.categoryId}`).click();
  const drawer = page.getByTestId('deliveries-drawer');
  const picker = drawer.getByTestId(`arrival-${delivery.id}`);
  await picker.click();
  await picker.fill('2027-01-12');
  await picker.press('Enter');
  await expect(page.getByTestId('stock-warnings')).toContainText('断货');
  await expect(page.getByTestId('stock-warnings')).toContainText('叶类蔬菜');
  const after = await api<ChannelOutput<'holiday/get-stock'>>('holiday/get-stock', { season: 2027, storeId });
  const moved = after.rows.find((r) => r.categoryId === greens.categoryId)!;
  const outDay = after.days[moved.states.indexOf('stock-out')].day;
  expect(outDay >= '2027-01-02' && outDay < '2027-01-12').toBe(true);
  // Closed by its own button: an Escape may go to the date picker still open in it instead.
  await page.locator('.ant-drawer-close').click();
  await expect(drawer).toBeHidden();
  // The day is red in the grid (scrolled to it: off-screen day columns are not drawn).
  const index = after.days.findIndex((d) => d.day === outDay);
  await page
    .locator('[data-testid=holiday-stock-grid] .ag-body-horizontal-scroll-viewport')
    .evaluate((el, left) => (el.scrollLeft = left), Math.max(0, index - 2) * 84);
  await expect(cell(page, greens.categoryId, `d:${outDay}`)).toHaveClass(/pd-stock-out/);
  await shot(page, 'holiday-stock-out');

  // A new category (乳制品, in 箱, 5 safety days) joins the plan of every store.
  await page.getByTestId('new-category-open').click();
  const form = page.getByTestId('new-category');
  await form.getByPlaceholder('品类').fill('乳制品');
  await form.getByPlaceholder('单位').fill('箱');
  await form.getByRole('button', { name: /添\s?加到货|添加/ }).click();
  await expect(page.getByText('已新增品类「乳制品」')).toBeVisible();
  await expect(page.locator('[data-testid=holiday-stock-grid] .pd-tree-name', { hasText: '乳制品' })).toBeVisible();

  // Printed from the tab: the preview and the PDF carry the 断货 just made.
  await page.getByTestId('holiday-print').click();
  const frame = page.frameLocator('[data-testid="report-preview"]');
  await expect(frame.locator('body')).toContainText('2027 年两节备货计划', { timeout: 20_000 });
  await expect(frame.locator('body')).toContainText('叶类蔬菜');
  await expect(frame.locator('body')).toContainText('断货');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 PDF' }).click()]);
  const pdfPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'plandesk-stock-')), 'stock.pdf');
  await download.saveAs(pdfPath);
  const text = execFileSync('pdftotext', [pdfPath, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  for (const expected of ['两节备货计划', '中心店', '东湖店', '西岭店', '叶类蔬菜', '断货', '乳制品']) expect(text).toContain(expected);
  await shot(page, 'holiday-stock-print');
});

test('stocking plan and duty roster in Excel: exported, filled in, imported back; a bad cell refused and listed, nothing written', async ({ page, host }) => {
  await sized(page, 1280, 720);
  const api = webApi(page, host);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plandesk-holiday-xlsx-'));
  await page.goto(`${host}/#/holiday`);
  await page.getByRole('tab', { name: '备货计划' }).click();
  await expect(page.getByTestId('stock-warnings')).toContainText('水产品');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('holiday-export-xlsx').click()]);
  const exported = path.join(dir, download.suggestedFilename());
  await download.saveAs(exported);
  expect(download.suggestedFilename()).toContain('两节备货计划');

  const storeId = (await api<ChannelOutput<'holiday/get-targets'>>('holiday/get-targets', { season: 2027 })).stores[0].id;
  const before = await api<ChannelOutput<'holiday/get-stock'>>('holiday/get-stock', { season: 2027, storeId });
  const fish = before.rows.find((r) => r.name === '水产品')!;
  // In Excel: 中心店's 水产品 opening stock raised by 10,000 斤 (enough to clear its 预警); and a copy with a wrong unit.
  const fill = async (name: string, change: (sheet: ExcelJS.Worksheet) => void) => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(exported);
    change(book.getWorksheet('一、中心店')!);
    const file = path.join(dir, name);
    await book.xlsx.writeFile(file);
    return file;
  };
  const rowOf = (sheet: ExcelJS.Worksheet, text: string) => {
    for (let r = 1; r <= sheet.rowCount; r++) if (sheet.getRow(r).getCell(1).value === text) return sheet.getRow(r);
    throw new Error(`no ${text}`);
  };
  const filled = await fill('备货计划-已填.xlsx', (sheet) => (rowOf(sheet, '水产品').getCell(5).value = fish.opening + 10_000));
  const wrong = await fill('备货计划-单位错.xlsx', (sheet) => (rowOf(sheet, '粮食').getCell(2).value = '箱'));

  const upload = page.locator('input[type="file"]');
  await upload.setInputFiles(wrong);
  const refusals = page.getByTestId('import-refusals');
  await expect(page.getByText('「备货计划-单位错.xlsx」未导入')).toBeVisible();
  await expect(refusals).toContainText('B4');
  await expect(refusals).toContainText('单位与品类字典中的单位不符');
  await shot(page, 'holiday-stock-import-refused');
  await page.getByRole('button', { name: '关 闭', exact: true }).click();
  expect((await api<ChannelOutput<'holiday/get-stock'>>('holiday/get-stock', { season: 2027, storeId })).rows.find((r) => r.name === '水产品')!.opening).toBe(
    fish.opening,
  );

  await upload.setInputFiles(filled);
  await expect(page.getByText('导入完成：3 个门店 33 个品类，其中 1 行有变化（可撤销）')).toBeVisible();
  await expect(page.getByText('各门店库存均在安全线以上')).toBeVisible();
  expect((await api<ChannelOutput<'holiday/get-stock'>>('holiday/get-stock', { season: 2027, storeId })).rows.find((r) => r.name === '水产品')!.opening).toBe(
    fish.opening + 10_000,
  );
  await shot(page, 'holiday-stock-imported');
  // The whole import is one step of the holiday history.
  await page.getByRole('button', { name: /撤\s?销/ }).click();
  await expect(page.getByText('已撤销：导入的 Excel（1 处修改）')).toBeVisible();
  await expect(page.getByTestId('stock-warnings')).toContainText('水产品');

  // 值班表: exported, 东湖店's gap on 02-09 (初四) filled in Excel, imported back.
  await page.getByRole('tab', { name: '值班表' }).click();
  await expect(page.getByTestId('roster-gaps')).toHaveText('缺值班领导 2 处');
  const [rosterDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('holiday-export-xlsx').click()]);
  const rosterFile = path.join(dir, rosterDownload.suggestedFilename());
  await rosterDownload.saveAs(rosterFile);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(rosterFile);
  const sheet = book.worksheets[0];
  for (let r = 1; r <= sheet.rowCount; r++)
    if (String(sheet.getRow(r).getCell(1).value).startsWith('02-09')) {
      expect(sheet.getRow(r).getCell(5).value).toBe('（空缺）');
      sheet.getRow(r).getCell(5).value = '东湖店长';
    }
  await book.xlsx.writeFile(rosterFile);
  await upload.setInputFiles(rosterFile);
  await expect(page.getByText('导入完成：65 天，其中 1 个班次有变化（可撤销）')).toBeVisible();
  await expect(page.getByTestId('roster-gaps')).toHaveText('缺值班领导 1 处');
  await shot(page, 'holiday-roster-imported');
});

test('duty roster: the sample’s gaps are red and counted; filling one from the list clears it; a double booking is refused, named', async ({ page, host }) => {
  await sized(page, 1440, 900);
  await page.goto(`${host}/#/holiday`);
  await page.getByRole('tab', { name: '值班表' }).click();
  await expect(page.getByTestId('roster-gaps')).toHaveText('缺值班领导 2 处');
  const roster = (await (await page.request.post(`${host}/api/holiday/get-roster`, { data: { season: 2027 } })).json())
    .data as ChannelOutput<'holiday/get-roster'>;
  const east = roster.stores[1];
  await page.getByTestId('roster-next-gap').click();
  const gapCell = cell(page, '2027-02-09', `duty|${east.id}|all|leaderId`);
  await expect(gapCell).toHaveClass(/pd-duty-gap/);
  await gapCell.dblclick();
  await page.locator('.ag-cell-inline-editing .ag-picker-field-wrapper').click();
  await page.locator('.ag-list-item', { hasText: '东湖店长（东湖店）' }).click();
  await expect(page.getByTestId('roster-gaps')).toHaveText('缺值班领导 1 处');
  await expect(gapCell).toHaveText('东湖店长');
  await expect(gapCell).not.toHaveClass(/pd-duty-gap/);

  // 中心店长 leads 中心店 on 2027-01-10: not 东湖店 too.
  const busy = cell(page, '2027-01-10', `duty|${east.id}|all|leaderId`);
  // Up the column to it with the keyboard (rows out of view are not drawn until then).
  await gapCell.click();
  await page.keyboard.press('Escape');
  const steps = roster.days.findIndex((d) => d.day === '2027-02-09') - roster.days.findIndex((d) => d.day === '2027-01-10');
  for (let i = 0; i < steps; i++) await page.keyboard.press('ArrowUp');
  await busy.dblclick();
  await page.locator('.ag-cell-inline-editing .ag-picker-field-wrapper').click();
  await page.locator('.ag-list-item', { hasText: '中心店长（中心店）' }).click();
  await expect(page.getByTestId('cell-error')).toContainText('中心店长 2027-01-10 已在「中心店」值班');
  await expect(busy).toHaveText('东湖店长');
  await shot(page, 'holiday-roster');
});

test('safety self-inspection: the open 整改 listed; closing one takes it off; a 需整改 without its owner is not saved', async ({ page, host }) => {
  await sized(page, 1280, 720);
  await page.goto(`${host}/#/holiday`);
  await page.getByRole('tab', { name: '安全自查' }).click();
  await expect(page.getByTestId('open-fixes')).toHaveText('待整改 2 项');
  const checklist = page.getByTestId('inspection-checklist');
  await expect(checklist).toContainText('防火器材');
  // 中心店's open 整改: 灭火器, closed today.
  const row = page.getByTestId('inspection-item-fire-equipment');
  const closed = row.getByTestId('closed-fire-equipment');
  await closed.click();
  const today = new Date().toISOString().slice(0, 10);
  await closed.fill(today);
  await closed.press('Enter');
  await expect(page.getByTestId('open-fixes')).toHaveText('待整改 1 项');
  // 用电安全 marked 需整改 with a finding but nobody responsible: nothing saved yet.
  const electric = page.getByTestId('inspection-item-fire-electric');
  await electric.getByText('需整改').click();
  await electric.getByTestId('finding-fire-electric').fill('冷柜插座松动');
  await electric.getByTestId('finding-fire-electric').blur();
  await expect(page.getByTestId('open-fixes')).toHaveText('待整改 1 项');
  await electric.getByTestId('owner-fire-electric').fill('彭晓东');
  await electric.getByTestId('owner-fire-electric').blur();
  const deadline = electric.getByTestId('deadline-fire-electric');
  await deadline.click();
  await deadline.fill('2026-12-31');
  await deadline.press('Enter');
  await expect(page.getByTestId('open-fixes')).toHaveText('待整改 2 项');
  await expect(page.getByTestId('open-fix-list')).toContainText('冷柜插座松动');
  await shot(page, 'holiday-inspection');
});
