/**
 * The strategy page's views above the monthly tables, used as a manager would use them, each
 * checked against what the backend computes (the sample is seeded from the clock's month, so
 * every expectation is read from the API, never hard-coded):
 * - 决策视图: the KPI cards show the month's totals as the UI formats them, one row per branch,
 *   the class × product heat map renders, and the fill rate follows a customer being confirmed;
 * - 片区汇总: choosing an area manager narrows the table to exactly their account managers, and
 *   the fill-rate statistic matches;
 * - 大客户筛选: a score typed as text is refused at its cell and nothing is stored; typed scores
 *   are stored and the row's 合计 shows the backend's new total;
 * - 客户与字典: a new target customer turns up in 待填客户 as 本月新增, and deleting a customer
 *   class in use is refused with the number of its uses;
 * - 大客户筛选's undo: a typed score is undone (Ctrl+Z, 撤销) and redone (重做) from the
 *   workspace's edit log, across reloads.
 */
import type { Page } from '@playwright/test';
import {
  INDICATOR_GROUPS,
  type ChannelOutput,
  type Customer,
  type DemandRow,
  type DueCustomer,
  type HabitRow,
  type StrategyKpis,
} from '../../src-shared/contract/channels';
import { expect, pasteText, test } from './fixtures';

async function api<T>(page: Page, host: string, channel: string, data: unknown): Promise<T> {
  const response = await page.request.post(`${host}/api/${channel}`, { data });
  const body = (await response.json()) as { ok: boolean; data: T; error?: unknown };
  expect(body.ok, `${channel}: ${JSON.stringify(body.error)}`).toBe(true);
  return body.data;
}

/** A call the backend must refuse; returns its error. */
async function apiRefusal(page: Page, host: string, channel: string, data: unknown): Promise<{ code: string; details?: Record<string, unknown> }> {
  const response = await page.request.post(`${host}/api/${channel}`, { data });
  const body = (await response.json()) as { ok: boolean; error: { code: string; details?: Record<string, unknown> } };
  expect(body.ok, `${channel} should be refused`).toBe(false);
  return body.error;
}

const thisMonth = () => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
};

/** As DecisionView and SummaryView format a rate: 0.6667 → 66.7%. */
const formatRate = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

async function openStrategyTab(page: Page, host: string, tab: string): Promise<void> {
  await page.goto(`${host}/#/strategy`);
  await page.getByRole('tab', { name: tab }).click();
}

/** The options of the open antd Select dropdown (closed dropdowns stay in the DOM, hidden). */
const openOptions = (page: Page) => page.locator('.ant-select-dropdown:visible .ant-select-item-option');

/** antd puts a space between two Chinese characters on a button: 保存 reads 保 存. */
const buttonName = (text: string) => new RegExp(`^${[...text].join('\\s*')}$`);

async function expectFillRateCard(page: Page, totals: StrategyKpis['totals']): Promise<void> {
  await expect(page.getByTestId('kpi-fill-rate-value')).toHaveText(formatRate(totals.fillRate));
  await expect(page.getByTestId('kpi-fill-rate-counts')).toHaveText(`已填报 ${totals.filled} / 应填 ${totals.customers}`);
}

test('决策视图 shows the month’s KPIs per branch, the heat map, and a confirmed customer in the fill rate', async ({ page, host }) => {
  const yearMonth = thisMonth();
  const kpis = await api<StrategyKpis>(page, host, 'strategy/get-kpis', { yearMonth });
  expect(kpis.units.length, 'the sample has branches').toBeGreaterThan(1);
  expect(kpis.heat.customerClasses.length, 'the sample matches products this month').toBeGreaterThan(0);
  const { totals } = kpis;
  for (const value of [totals.fillRate, totals.coverage, totals.revisitRate]) expect(value, 'every KPI has a base in the sample').not.toBeNull();

  await openStrategyTab(page, host, '决策视图');

  // The three cards: the rate as the UI formats it, and the counts behind it.
  await expectFillRateCard(page, totals);
  await expect(page.getByTestId('kpi-coverage-value')).toHaveText(formatRate(totals.coverage));
  await expect(page.getByTestId('kpi-coverage-counts')).toHaveText(`已覆盖 ${totals.keyCovered} / 重要客户 ${totals.keyCustomers}`);
  await expect(page.getByTestId('kpi-revisit-value')).toHaveText(formatRate(totals.revisitRate));
  await expect(page.getByTestId('kpi-revisit-counts')).toHaveText(`已回访 ${totals.revisited} / 上月有记录 ${totals.revisitBase}`);

  // One row per branch, in the API's order, each with its own fill rate.
  const unitRows = page.getByTestId('decision-units').locator('tbody .ant-table-row');
  await expect(unitRows).toHaveCount(kpis.units.length);
  await expect(unitRows.locator('td:first-child')).toHaveText(kpis.units.map((u) => u.name));
  for (const [i, unit] of kpis.units.entries()) {
    await expect(unitRows.nth(i).locator('td').nth(3)).toContainText(formatRate(unit.fillRate));
  }

  // The heat map is drawn: an svg of real size naming the customer classes.
  const heat = page.getByTestId('class-product-heat').locator('svg').first();
  await expect(heat).toBeVisible();
  const box = await heat.boundingBox();
  expect(box!.width).toBeGreaterThan(100);
  expect(box!.height).toBeGreaterThan(100);
  await expect(heat).toContainText(kpis.heat.customerClasses[0].name);
  await expect(page.getByTestId('kpi-trend').locator('svg').first()).toBeVisible();

  // An account manager confirms both tables of a customer copied from last month: the fill rate
  // gains that customer, live (the page refetches on strategy/changed).
  const due = await api<DueCustomer[]>(page, host, 'strategy/list-due', { yearMonth });
  const month = await api<ChannelOutput<'strategy/get-month'>>(page, host, 'strategy/get-month', { yearMonth });
  const demandOf = (id: string) => month.demandRows.find((r) => r.customerId === id);
  const habitOf = (id: string) => month.habitRows.find((r) => r.customerId === id);
  const toConfirm = due.find(
    (d) => d.status !== 'prospect' && d.reasons.includes('not-reviewed') && !d.reasons.includes('missing') && demandOf(d.customerId) && habitOf(d.customerId),
  );
  expect(toConfirm, 'the sample has an active customer whose copied rows await review').toBeDefined();
  const { updatedAt: _d, ...demand } = demandOf(toConfirm!.customerId) as DemandRow;
  const { updatedAt: _h, ...habit } = habitOf(toConfirm!.customerId) as HabitRow;
  await api(page, host, 'strategy/save-demand-row', { ...demand, reviewed: true });
  await api(page, host, 'strategy/save-habit-row', { ...habit, reviewed: true });

  const after = await api<StrategyKpis>(page, host, 'strategy/get-kpis', { yearMonth });
  expect(after.totals.filled).toBe(totals.filled + 1);
  expect(after.totals.customers).toBe(totals.customers);
  await expectFillRateCard(page, after.totals);
});

test('片区汇总 narrows to the first area manager’s account managers and their fill rate', async ({ page, host }) => {
  const yearMonth = thisMonth();
  const org = await api<ChannelOutput<'org/list-tree'>>(page, host, 'org/list-tree', {});
  // 所属单位 names the branch with the team (东湖县分公司集团客户部): teams repeat their names across branches.
  const byId = new Map(org.units.map((u) => [u.id, u]));
  const parentName = (id: string | null) => (id && byId.get(id)?.parentId ? byId.get(id)!.name : '');
  const unitName = new Map(org.units.map((u) => [u.id, `${parentName(u.parentId)}${u.name}`]));
  const everyone = await api<ChannelOutput<'strategy/get-summary'>>(page, host, 'strategy/get-summary', { yearMonth });

  await openStrategyTab(page, host, '片区汇总');
  const managerRows = page.getByTestId('summary-managers').locator('tbody .ant-table-row');
  await expect(managerRows).toHaveCount(everyone.managers.length);

  // The first 片区经理 offered (the first option is 全部).
  await page.getByTestId('summary-area-manager').click();
  const option = openOptions(page).nth(1);
  const label = (await option.textContent())!;
  const area = org.people.find((p) => p.role === '片区经理' && label === `${p.name}（${unitName.get(p.unitId)}）`);
  expect(area, `an area manager labelled ${label}`).toBeDefined();
  await option.click();

  const summary = await api<ChannelOutput<'strategy/get-summary'>>(page, host, 'strategy/get-summary', { yearMonth, areaManagerId: area!.id });
  // The summary's scope is the area manager's own team, a part of the whole.
  const team = org.people.filter((p) => p.role === '客户经理' && p.unitId === area!.unitId);
  expect(summary.managers.map((m) => m.managerId).sort()).toEqual(team.map((p) => p.id).sort());
  expect(summary.managers.length).toBeLessThan(everyone.managers.length);

  // Exactly those account managers, with their counts.
  await expect(managerRows).toHaveCount(summary.managers.length);
  await expect(managerRows.locator('td:first-child')).toHaveText(summary.managers.map((m) => m.name));
  for (const [i, manager] of summary.managers.entries()) {
    await expect(managerRows.nth(i).locator('td').nth(1)).toHaveText(unitName.get(manager.unitId)!);
    await expect(managerRows.nth(i).locator('td').nth(2)).toHaveText(String(manager.customers));
    await expect(managerRows.nth(i).locator('td').nth(3)).toHaveText(String(manager.filled));
  }

  // The statistics are the team's totals.
  const { totals } = summary;
  await expect(page.getByTestId('summary-customers').locator('.ant-statistic-content-value')).toHaveText(String(totals.customers));
  const fillRate = page.getByTestId('summary-fill-rate');
  await expect(fillRate.locator('.ant-statistic-content-value')).toHaveText(formatRate(totals.fillRate));
  await expect(fillRate.locator('.ant-statistic-content-suffix')).toHaveText(`${totals.filled}/${totals.customers}`);
});

test('大客户筛选 refuses a score typed as text at its cell and stores typed scores with the new total', async ({ page, host }) => {
  const year = new Date().getFullYear();
  const before = await api<ChannelOutput<'screening/get-year'>>(page, host, 'screening/get-year', { year });
  // In the grid's column order: by group (实力, 能力, 硬指标), then the indicator's own order.
  const indicators = [...before.indicators].sort((a, b) => INDICATOR_GROUPS.indexOf(a.group) - INDICATOR_GROUPS.indexOf(b.group) || a.sortOrder - b.sortOrder);
  const typed = indicators.filter((i) => i.group === 'strength');
  // A customer near the top, fully scored, whose 实力 scores are not all 95 already.
  const row = before.rows.slice(0, 5).find((r) => indicators.every((i) => r.scores[i.id] != null) && typed.some((i) => r.scores[i.id] !== 95))!;
  expect(row, 'a fully scored customer near the top of the grid').toBeDefined();
  const scoreCell = (indicatorId: string) =>
    page.locator(`[data-testid="screening-grid"] .ag-row[row-id="${row.customerId}"] .ag-cell[col-id="score:${indicatorId}"]`);
  const totalCell = page.locator(`[data-testid="screening-grid"] .ag-row[row-id="${row.customerId}"] .ag-cell[col-id="total"]`);
  const storedRow = async () =>
    (await api<ChannelOutput<'screening/get-year'>>(page, host, 'screening/get-year', { year })).rows.find((r) => r.customerId === row.customerId)!;

  await openStrategyTab(page, host, '大客户筛选');
  const first = scoreCell(indicators[0].id);
  await expect(first).toHaveText(String(row.scores[indicators[0].id]));
  await expect(totalCell).toHaveText(row.total!.toFixed(1));

  // 八十 (typed through an input method, so into the cell's editor: F2 opens it) is not a
  // number: refused, said in Chinese beside the cell, and nothing is stored.
  await first.click();
  await page.keyboard.press('F2');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('八十');
  await page.keyboard.press('Enter');
  const error = page.getByTestId('cell-error');
  await expect(error).toContainText('八十：得分须为 0–100 的数字');
  await expect(first).toHaveClass(/pd-cell-invalid/);
  const cellBox = (await first.boundingBox())!;
  const errorBox = (await error.boundingBox())!;
  expect(Math.abs(errorBox.y - (cellBox.y + cellBox.height))).toBeLessThan(12);
  await expect(first).toHaveText(String(row.scores[indicators[0].id]));
  expect((await storedRow()).scores).toEqual(row.scores);
  await page.keyboard.press('Escape');
  await expect(error).toBeHidden();

  // 95 typed over each 实力 score of the customer (the grid's first indicators): each is stored,
  // the weighted total is recomputed, and 合计 shows the backend's new total.
  await first.click();
  for (const [i, indicator] of typed.entries()) {
    if (i > 0) {
      // Enter moved down a row after the edit: back up, and on to the next indicator.
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('ArrowRight');
    }
    await page.keyboard.type('95');
    await page.keyboard.press('Enter');
    await expect(scoreCell(indicator.id)).toHaveText('95');
  }
  await expect(error).toBeHidden();
  const expectedScores = { ...row.scores, ...Object.fromEntries(typed.map((i) => [i.id, 95])) };
  await expect.poll(async () => (await storedRow()).scores).toEqual(expectedScores);
  const stored = await storedRow();
  // Σ weight × score / Σ weight, as the contract defines it (every indicator is scored here).
  const weighted = indicators.reduce((sum, i) => sum + i.weight * expectedScores[i.id]!, 0) / indicators.reduce((sum, i) => sum + i.weight, 0);
  expect(Math.abs(stored.total! - weighted)).toBeLessThanOrEqual(0.05 + 1e-9);
  expect(stored.total).not.toBe(row.total);
  await expect(totalCell).toHaveText(stored.total!.toFixed(1));

  // A block copied from Excel (two scores side by side) pasted on the first score: one save.
  await first.click();
  await pasteText(page, '88\t87.5');
  await expect(first).toHaveText('88');
  await expect(scoreCell(indicators[1].id)).toHaveText('87.5');
  await expect.poll(async () => (await storedRow()).scores[indicators[1].id]).toBe(87.5);
});

test('客户与字典: a new target customer is due as 本月新增, and a class in use cannot be deleted', async ({ page, host }) => {
  const yearMonth = thisMonth();
  const org = await api<ChannelOutput<'org/list-tree'>>(page, host, 'org/list-tree', {});
  // Not the form's default (the first account manager): the user picks one.
  const manager = org.people.filter((p) => p.role === '客户经理')[1];
  const name = `江城新材料科技${Date.now() % 100000}`;

  await openStrategyTab(page, host, '客户与字典');
  await page.getByTestId('new-customer').click();
  const form = page.getByTestId('customer-form');
  await form.getByLabel('客户单位').fill(name);
  await form.locator('.ant-form-item').filter({ hasText: '客户经理' }).locator('.ant-select').click();
  await openOptions(page)
    .filter({ hasText: `${manager.name}（` })
    .click();
  await form.getByText('目标客户', { exact: true }).click();
  await page.getByRole('button', { name: buttonName('保存') }).click();
  await expect(page.locator('.ant-message')).toContainText(`已保存客户「${name}」`);

  const customers = await api<Customer[]>(page, host, 'customers/list', {});
  const created = customers.find((c) => c.name === name);
  expect(created).toMatchObject({ status: 'target', managerId: manager.id, unitId: manager.unitId });

  // Made a target today: due this month, tagged 本月新增, under its manager.
  const due = await api<DueCustomer[]>(page, host, 'strategy/list-due', { yearMonth });
  expect(due.find((d) => d.customerId === created!.id)?.reasons).toContain('new');
  await page.getByRole('tab', { name: '待填客户' }).click();
  await expect(page.getByTestId('due-tab')).toContainText(String(due.length));
  const dueRow = page.getByTestId('due-list').locator('.ant-table-row').filter({ hasText: name });
  await expect(dueRow).toHaveCount(1);
  await expect(dueRow).toContainText('本月新增');
  await expect(dueRow).toContainText(manager.name);
  await expect(dueRow).toContainText('目标客户');

  // The new customer's class (小类) now has one customer more; deleting it is refused with the count.
  const cls = (await api<Array<{ id: string; name: string }>>(page, host, 'dictionaries/list', { dictionary: 'customer-class' })).find(
    (e) => e.id === created!.classId,
  )!;
  const uses = customers.filter((c) => c.classId === cls.id).length;
  expect(uses).toBeGreaterThan(1);
  await page.getByRole('tab', { name: '客户与字典' }).click();
  const entry = page.getByTestId('dictionary-editor').locator(`tr[data-row-key="${cls.id}"]`);
  await entry.getByRole('button', { name: buttonName('删除') }).click();
  await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
  await expect(page.locator('.ant-message')).toContainText(`「${cls.name}」正被 ${uses} 处使用`);
  await expect(entry).toBeVisible();

  // The backend agrees: the class is still there, and its refusal names the same count.
  const refusal = await apiRefusal(page, host, 'dictionaries/delete-entry', { id: cls.id });
  expect(refusal.code).toBe('IN_USE');
  expect(refusal.details?.count).toBe(uses);
  const classes = await api<Array<{ id: string }>>(page, host, 'dictionaries/list', { dictionary: 'customer-class' });
  expect(classes.some((e) => e.id === cls.id)).toBe(true);

  // Renaming it instead is allowed, and every table shows the new name at once (rows hold ids).
  const renamed = `${cls.name}类`;
  await entry.getByRole('button', { name: buttonName('改名') }).click();
  const input = entry.locator('input');
  await input.fill(renamed);
  await input.press('Enter');
  await expect(page.locator('.ant-message')).toContainText(`已保存「${renamed}」`);
  await page.getByRole('tab', { name: '需求分析及产品匹配' }).click();
  const createdRow = page.locator(`[data-testid="demand-grid"] .ag-row[row-id="${created!.id}"]`);
  await expect(createdRow.locator('.ag-cell[col-id="minor"]')).toHaveText(renamed);
});

test('大客户筛选: a typed score is undone with Ctrl+Z and 撤销, redone with 重做, across a reload', async ({ page, host }) => {
  const year = new Date().getFullYear();
  const before = await api<ChannelOutput<'screening/get-year'>>(page, host, 'screening/get-year', { year });
  const indicators = [...before.indicators].sort((a, b) => INDICATOR_GROUPS.indexOf(a.group) - INDICATOR_GROUPS.indexOf(b.group) || a.sortOrder - b.sortOrder);
  const indicator = indicators[0];
  const row = before.rows.slice(0, 5).find((r) => r.scores[indicator.id] != null && r.scores[indicator.id] !== 77)!;
  expect(row, 'a scored customer near the top of the grid').toBeDefined();
  const original = row.scores[indicator.id]!;
  const scoreCell = page.locator(`[data-testid="screening-grid"] .ag-row[row-id="${row.customerId}"] .ag-cell[col-id="score:${indicator.id}"]`);
  const storedScore = async () =>
    (await api<ChannelOutput<'screening/get-year'>>(page, host, 'screening/get-year', { year })).rows.find((r) => r.customerId === row.customerId)!.scores[
      indicator.id
    ];

  await openStrategyTab(page, host, '大客户筛选');
  await expect(scoreCell).toHaveText(String(original));
  await scoreCell.click();
  await page.keyboard.type('77');
  await page.keyboard.press('Enter');
  await expect(scoreCell).toHaveText('77');
  await expect.poll(storedScore).toBe(77);

  // Ctrl+Z in the grid: the score as it was, stored and shown.
  await page.keyboard.press('Control+z');
  await expect(page.getByText(/^已撤销：/)).toBeVisible();
  await expect(scoreCell).toHaveText(String(original));
  await expect.poll(storedScore).toBe(original);

  // 重做, a reload, then 撤销 from the toolbar: the history is the workspace's.
  await page.getByTestId('redo').click();
  await expect(scoreCell).toHaveText('77');
  await page.reload();
  await openStrategyTab(page, host, '大客户筛选');
  await expect(scoreCell).toHaveText('77');
  await expect(page.getByTestId('undo')).toBeEnabled();
  await page.getByTestId('undo').click();
  await expect(scoreCell).toHaveText(String(original));
  await page.reload();
  await openStrategyTab(page, host, '大客户筛选');
  await expect(scoreCell).toHaveText(String(original));
  expect(await storedScore()).toBe(original);
});
