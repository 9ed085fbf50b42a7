import { cell, expect, rowIdOf, test, webApi } from './fixtures';

const number = (text: string) => Number(text.replace(/,/g, ''));

test('typing a year total spreads it over the people and fills the days', async ({ page, host }) => {
  // Open the print preview first, so its figures are cached before the targets change.
  await page.goto(`${host}/#/reports`);
  await expect(page.frameLocator('[data-testid="report-preview"]').locator('body')).toContainText('年度目标完成情况表');
  await page.getByRole('link', { name: '目标分解', exact: true }).click();
  await expect(page.locator('.ag-row').first()).toBeVisible();
  const team = await rowIdOf(page, '政企客户部');
  const person = await rowIdOf(page, '郭敏');

  // The team's year total, typed: its people share it (by last year) and each person's months follow.
  await cell(page, team, 'total').click();
  await page.keyboard.type('800');
  await page.keyboard.press('Enter');
  // It rewrites every day of the team's people: the preview asks first (more than 50 cells, more than one person).
  const preview = page.locator('.ant-modal-confirm');
  await expect(preview).toContainText('确认分解：政企客户部 · 全年');
  await expect(preview.getByTestId('split-preview-largest')).toContainText('最大变化：');
  await preview.getByRole('button', { name: /^应\s?用$/ }).click();
  await expect(cell(page, team, 'total')).toHaveText('800.00');
  const months = await Promise.all(Array.from({ length: 12 }, (_, i) => cell(page, team, `2026-${String(i + 1).padStart(2, '0')}`).innerText()));
  expect(months.map(number).reduce((a, b) => a + b, 0)).toBeCloseTo(800, 2);

  // A person's year typed: the days fill by working days; 春节 stays empty, the 调休 Saturday works.
  await cell(page, person, 'total').click();
  await page.keyboard.type('248');
  await page.keyboard.press('Enter');
  await expect(cell(page, person, 'total')).toHaveText('248.00');
  await page.getByTestId('breakdown-grain').getByText('日', { exact: true }).click();
  await expect(cell(page, person, '2026-01-05')).toHaveText('1.00');
  await page.locator('.ag-body-horizontal-scroll-viewport').evaluate((el) => (el.scrollLeft = 96 * 40));
  await expect(cell(page, person, '2026-02-14')).toHaveText('1.00');
  await expect(cell(page, person, '2026-02-17')).toHaveText('0.00');
  await expect(cell(page, person, '2026-02-17')).toHaveClass(/pd-col-holiday/);

  // A locked month keeps its value when the year is typed again.
  await page.getByTestId('breakdown-grain').getByText('月', { exact: true }).click();
  await cell(page, person, '2026-03').click();
  await page.keyboard.press('Control+l');
  await expect(cell(page, person, '2026-03')).toHaveClass(/pd-cell-locked/);
  // The UI kit's lock icon, never the 🔒 emoji (an empty box where no emoji font is installed).
  await expect(cell(page, person, '2026-03').locator('.pd-lock-icon svg')).toBeVisible();
  await expect(cell(page, person, '2026-03')).not.toContainText('🔒');
  const march = await cell(page, person, '2026-03').innerText();
  await cell(page, person, 'total').click();
  await page.keyboard.type('300');
  await page.keyboard.press('Enter');
  await expect(cell(page, person, 'total')).toHaveText('300.00');
  await expect(cell(page, person, '2026-03')).toHaveText(march);

  // A year below the locked month is refused by name: the person, the year and the lock.
  await cell(page, person, 'total').click();
  await page.keyboard.type('1');
  await page.keyboard.press('Enter');
  await expect(page.getByText(`无法分解「郭敏 · 2026年」：输入的总数小于锁定的 ${march}（锁定：郭敏 3月）`)).toBeVisible();
  await expect(cell(page, person, 'total')).toHaveText('300.00');

  // The printed report follows at once: the person's new year target is in the preview.
  await page.getByRole('link', { name: '报表打印', exact: true }).click();
  await expect(page.frameLocator('[data-testid="report-preview"]').locator('body')).toContainText('300.00');
});

test('a spread year total is one undo step: Ctrl+Z puts back every day it changed, and after a reload 重做 spreads it again', async ({ page, host }) => {
  interface GridRow {
    id: string;
    parentId: string | null;
    total: number | null;
    values: Record<string, number | null>;
  }
  const api = webApi(page, host);
  const year = (await api<{ planYear: number }>('workspace/get-info', {})).planYear;
  // Every day of the year, as stored: what a spread changes and an undo must put back.
  const storedDays = async () => (await api<{ rows: GridRow[] }>('plan/get-grid', { year, metricId: 'm-revenue', level: 'basic', grain: 'day' })).rows;

  await page.goto(`${host}/#/breakdown`);
  await expect(page.locator('.ag-row').first()).toBeVisible();
  const team = await rowIdOf(page, '政企客户部');
  const person = await rowIdOf(page, '郭敏');
  const before = await storedDays();
  const people = before.filter((r) => r.parentId === team);
  expect(people.length).toBeGreaterThan(1);
  const teamTotal = await cell(page, team, 'total').innerText();
  const personCells = ['total', `${year}-01`, `${year}-06`, `${year}-12`];
  const personBefore = await Promise.all(personCells.map((colId) => cell(page, person, colId).innerText()));
  expect(teamTotal).not.toBe('800.00');

  // The team's year typed: spread over its people and down to their days.
  await cell(page, team, 'total').click();
  await page.keyboard.type('800');
  await page.keyboard.press('Enter');
  await page
    .locator('.ant-modal-confirm')
    .getByRole('button', { name: /^应\s?用$/ })
    .click();
  await expect(cell(page, team, 'total')).toHaveText('800.00');
  await expect(cell(page, person, 'total')).not.toHaveText(personBefore[0]);
  const spread = await storedDays();
  const changedDays = people.reduce((n, p) => n + Object.keys(p.values).filter((d) => spread.find((r) => r.id === p.id)!.values[d] !== p.values[d]).length, 0);
  expect(changedDays).toBeGreaterThan(300);

  // Ctrl+Z: every person's days are back, and the grid shows it.
  await page.keyboard.press('Control+z');
  await expect(page.getByText(/^已撤销：政企客户部/)).toBeVisible();
  await expect(cell(page, team, 'total')).toHaveText(teamTotal);
  for (const [i, colId] of personCells.entries()) await expect(cell(page, person, colId)).toHaveText(personBefore[i]);
  const undone = await storedDays();
  for (const p of people) expect(undone.find((r) => r.id === p.id)!.values).toEqual(p.values);

  // The history is the workspace's: after a reload, 重做 spreads the total again.
  await page.reload();
  await expect(cell(page, team, 'total')).toHaveText(teamTotal);
  await expect(page.getByTestId('redo')).toBeEnabled();
  await page.getByTestId('redo').click();
  await expect(page.getByText(/^已重做：政企客户部/)).toBeVisible();
  await expect(cell(page, team, 'total')).toHaveText('800.00');
  const redone = await storedDays();
  for (const p of people) expect(redone.find((r) => r.id === p.id)!.values).toEqual(spread.find((r) => r.id === p.id)!.values);
});

test('at 1280 × 720: a pinned 合计 equal to the company row, weeks with their dates, and today in view on day grain', async ({ page, host }) => {
  await page.clock.setFixedTime(new Date('2026-06-15T10:00:00'));
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(host);
  await page.getByRole('link', { name: '目标分解', exact: true }).click();
  await expect(page.locator('[data-testid="breakdown-grid"] .ag-row').first()).toBeVisible();
  const company = await rowIdOf(page, '江城市分公司');
  const totalCell = (colId: string) => page.locator(`[data-testid="breakdown-grid"] .ag-row-pinned .ag-cell[col-id="${colId}"]`);

  // 合计, pinned under the rows, is the company's figures (one company: its own row).
  await expect(totalCell('name')).toHaveText('合计');
  for (const colId of ['total', '2026-01', '2026-06']) {
    const companyText = await cell(page, company, colId).innerText();
    expect(number(companyText)).toBeGreaterThan(0);
    await expect(totalCell(colId)).toHaveText(companyText);
  }
  // It reads, it does not take typing: nothing opens an editor there.
  await totalCell('2026-01').dblclick();
  await expect(page.locator('[data-testid="breakdown-grid"] .ag-row-pinned .ag-cell-inline-editing')).toHaveCount(0);

  // Weeks say which days they hold; the first week is cut to the year.
  await page.getByTestId('breakdown-grain').getByText('周', { exact: true }).click();
  await expect(page.locator('.ag-header-cell[col-id="2026-W01"]')).toContainText('W1 01-01~01-04');
  await page.locator('[data-testid="breakdown-grid"] .ag-body-horizontal-scroll-viewport').evaluate((el) => (el.scrollLeft = 128 * 6));
  await expect(page.locator('.ag-header-cell[col-id="2026-W10"]')).toContainText('W10 03-02~03-08');
  await expect(totalCell('2026-W10')).toHaveText(await cell(page, company, '2026-W10').innerText());

  // Days show today beside the year, marked, and still there scrolled to December.
  await page.getByTestId('breakdown-grain').getByText('日', { exact: true }).click();
  const todayHeader = page.locator('.ag-header-cell[col-id="2026-06-15"]');
  await expect(todayHeader).toBeInViewport();
  await expect(todayHeader).toContainText('今天 6月15日');
  await expect(todayHeader).toHaveClass(/pd-col-today/);
  await expect(cell(page, company, '2026-06-15')).toBeInViewport();
  await page.locator('[data-testid="breakdown-grid"] .ag-body-horizontal-scroll-viewport').evaluate((el) => (el.scrollLeft = 0));
  await expect(cell(page, company, '2026-01-05')).toBeInViewport();
  await expect(cell(page, company, '2026-06-15')).toBeInViewport();
  await expect(totalCell('2026-06-15')).toHaveText(await cell(page, company, '2026-06-15').innerText());
  await page.locator('[data-testid="breakdown-grid"] .ag-body-horizontal-scroll-viewport').evaluate((el) => (el.scrollLeft = el.scrollWidth));
  await expect(cell(page, company, '2026-12-31')).toBeInViewport();
  await expect(cell(page, company, '2026-06-15')).toBeInViewport();
});
