/**
 * An account manager's month on the strategy tables, as a user does it: narrow to their
 * customers, confirm an unchanged row, fill a newly targeted customer's needs and match products,
 * be refused when a matched product would lose its need, change a need mid-month and find it in
 * the history, fill the habits, watch the due list empty, then export the table and import it back.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

async function api<T>(page: Page, host: string, channel: string, data: unknown): Promise<T> {
  const response = await page.request.post(`${host}/api/${channel}`, { data });
  const body = (await response.json()) as { ok: boolean; data: T };
  expect(body.ok).toBe(true);
  return body.data;
}

interface Due {
  customerId: string;
  name: string;
  reasons: string[];
}

const thisMonth = () => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
};

function gridCell(page: Page, grid: string, rowId: string, colId: string) {
  return page.locator(`[data-testid="${grid}"] .ag-row[row-id="${rowId}"] .ag-cell[col-id="${colId}"]`);
}

test("an account manager fills the month's strategy tables", async ({ page, host }) => {
  const yearMonth = thisMonth();
  // The sample is seeded from the clock: find the manager who has both a customer made a target
  // this month (no rows yet) and a row copied from last month awaiting review.
  const org = await api<{ people: Array<{ id: string; name: string; role: string }> }>(page, host, 'org/list-tree', {});
  let chosen: { id: string; name: string; due: Due[] } | undefined;
  for (const person of org.people.filter((p) => p.role === '客户经理')) {
    const due = await api<Due[]>(page, host, 'strategy/list-due', { yearMonth, managerId: person.id });
    if (due.some((d) => d.reasons.includes('new')) && due.some((d) => d.reasons.length === 1 && d.reasons[0] === 'not-reviewed')) {
      chosen = { ...person, due };
      break;
    }
  }
  expect(chosen, 'the sample gives some account manager a new target and a row to review').toBeDefined();
  const { due } = chosen!;
  const newCustomer = due.find((d) => d.reasons.includes('new'))!;
  const toReview = due.find((d) => d.reasons.length === 1 && d.reasons[0] === 'not-reviewed')!;

  await page.goto(`${host}/#/strategy`);
  await expect(page.locator('[data-testid="demand-grid"] .ag-row').first()).toBeVisible();
  await page.getByTestId('strategy-manager').click();
  await page.locator('.ant-select-item-option').filter({ hasText: chosen!.name }).click();
  await expect(page.getByTestId('due-tab')).toContainText(String(due.length));

  // A row copied from last month with nothing to change: confirmed in one click. The customer
  // stays due until its habits table is confirmed too.
  await page.getByTestId(`review-${toReview.customerId}`).click();
  await expect(page.getByTestId(`state-${toReview.customerId}`)).toHaveText('已复核');
  await expect(page.getByTestId('due-tab')).toContainText(String(due.length));

  // The new target customer, from the due list straight to its row, focused on the first need:
  // Enter opens the long-text editor, Enter saves.
  await page.getByTestId('due-tab').click();
  // The due list says which of the two tables is still open, one button each.
  const dueRow = page.getByTestId('due-list').locator('tr', { hasText: newCustomer.name });
  await expect(dueRow).toContainText('填写需求分析及产品匹配表');
  await expect(dueRow).toContainText('填写消费习惯及促销表');
  await page.getByTestId(`fill-${newCustomer.customerId}`).click();
  await expect(page.getByTestId(`state-${newCustomer.customerId}`)).toHaveText('未填');
  await expect(gridCell(page, 'demand-grid', newCustomer.customerId, 'urgentPoint')).toHaveClass(/ag-cell-focus/);
  await page.keyboard.press('Enter');
  await page.keyboard.type('新厂区与总部之间需要专线');
  await page.keyboard.press('Enter');
  await expect(gridCell(page, 'demand-grid', newCustomer.customerId, 'urgentPoint')).toHaveText('新厂区与总部之间需要专线');
  await expect(page.getByTestId(`state-${newCustomer.customerId}`)).toHaveText('已复核');

  // Matching a product: the multi-select in the 基础通信 cell; only needs with text can take one.
  const productCell = page.locator(`[data-testid="demand-grid"] .ag-row[row-id="${newCustomer.customerId}"] .ag-cell[col-id^="class:"]`).first();
  await productCell.scrollIntoViewIfNeeded();
  await productCell.click();
  await page.keyboard.press('Enter');
  const editor = page.getByTestId('product-match-editor');
  await expect(editor).toBeVisible();
  const firstProduct = editor.locator('.pd-match-editor-row').first();
  const productName = await firstProduct.getAttribute('data-product');
  await expect(firstProduct.locator('label').filter({ hasText: '潜在' })).toHaveClass(/disabled/);
  await firstProduct.locator('label').filter({ hasText: '迫切' }).click();
  await page.keyboard.press('Enter');
  await expect(productCell).toHaveText(`${productName}（迫切）`);

  // Emptying the need that product answers is refused, and the grid says why; nothing changes.
  const urgent = gridCell(page, 'demand-grid', newCustomer.customerId, 'urgentPoint');
  await urgent.click();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('strategy-cell-error')).toContainText(`「${productName}」匹配在「需求迫切点」下，该需求不能为空`);
  await expect(urgent).toHaveText('新厂区与总部之间需要专线');
  await expect(urgent).toHaveClass(/pd-cell-invalid/);
  const month = await api<{ demandRows: Array<{ customerId: string; urgentPoint: string; products: unknown[] }> }>(page, host, 'strategy/get-month', {
    yearMonth,
  });
  const stored = month.demandRows.find((r) => r.customerId === newCustomer.customerId)!;
  expect(stored.urgentPoint).toBe('新厂区与总部之间需要专线');
  expect(stored.products).toHaveLength(1);

  // A need that changes mid-month: saved again, and kept in the row's history.
  await page.getByTestId('strategy-cell-error').locator('.ant-alert-close-icon').click();
  const plan = gridCell(page, 'demand-grid', newCustomer.customerId, 'demandPlan');
  await plan.click();
  await page.keyboard.press('Enter');
  await page.keyboard.type('明年上半年新建二号厂区');
  await page.keyboard.press('Enter');
  const kept = page.getByText('本月的修改都记入变更记录');
  await expect(kept.first()).toBeVisible();
  // Said once per customer and month, not on every edit.
  await plan.click();
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  await page.keyboard.type('及仓库');
  await page.keyboard.press('Enter');
  await expect(plan).toHaveText('明年上半年新建二号厂区及仓库');
  await expect(kept).toHaveCount(1);
  await page.locator(`[data-testid="demand-grid"] .ag-row[row-id="${newCustomer.customerId}"]`).getByRole('button', { name: '变更记录' }).click();
  await expect(page.getByTestId('history-entry').first()).toContainText('明年上半年新建二号厂区及仓库');
  await page.keyboard.press('Escape');

  // The habits table for the same customer; once both tables are in, the customer is no longer due.
  await page.getByRole('tab', { name: '消费习惯及促销' }).click();
  await page.getByTestId(`review-${toReview.customerId}`).click();
  await expect(page.getByTestId(`state-${toReview.customerId}`)).toHaveText('已复核');
  await expect(page.getByTestId('due-tab')).toContainText(String(due.length - 1));
  await gridCell(page, 'habit-grid', newCustomer.customerId, 'touchHabit').click();
  await page.keyboard.press('Enter');
  await page.keyboard.type('主要通过行业协会和微信群获取信息');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId(`state-${newCustomer.customerId}`)).toHaveText('已复核');
  await expect(page.getByTestId('due-tab')).toContainText(String(due.length - 2));
  await page.getByTestId('due-tab').click();
  await expect(page.getByTestId('due-list')).not.toContainText(newCustomer.name);
  await expect(page.getByTestId('due-list')).not.toContainText(toReview.name);

  // Export the demand table, then import the same file: every row reads back unchanged.
  await page.getByRole('tab', { name: '需求分析及产品匹配' }).click();
  const downloadPromise = page.waitForEvent('download');
  await page.getByTestId('strategy-export').click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/需求分析及产品匹配策略表.*\.xlsx$/);
  const file = await download.path();
  await page.locator('input[type="file"]').setInputFiles(file);
  await expect(page.getByText(/导入完成：\d+ 行，其中 0 行有变化/)).toBeVisible();

  // Next month is not started yet: the page says so, and starting it copies this month forward.
  const [thisYear, thisMonthNumber] = yearMonth.split('-').map(Number);
  const nextMonth = thisMonthNumber === 12 ? `${thisYear + 1}-01` : `${thisYear}-${String(thisMonthNumber + 1).padStart(2, '0')}`;
  await page.getByTestId('strategy-month').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(nextMonth);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('month-not-started')).toBeVisible();
  await page.getByTestId('month-not-started').getByRole('button').click();
  await expect(page.getByTestId('month-not-started')).toBeHidden();
  await expect(page.getByTestId(`state-${newCustomer.customerId}`)).toHaveText('待复核');
  await expect(gridCell(page, 'demand-grid', newCustomer.customerId, 'demandPlan')).toHaveText('明年上半年新建二号厂区及仓库');
});

test('an edit on a monthly table is undone with Ctrl+Z and 撤销, redone with 重做, and the history survives a reload', async ({ page, host }) => {
  const yearMonth = thisMonth();
  const storedUrgentPoint = async (customerId: string) =>
    (await api<{ demandRows: Array<{ customerId: string; urgentPoint: string }> }>(page, host, 'strategy/get-month', { yearMonth })).demandRows.find(
      (r) => r.customerId === customerId,
    )?.urgentPoint ?? null;

  await page.goto(`${host}/#/strategy`);
  // The grid's second row (the first may be a customer not filled in yet).
  const row = page.locator('[data-testid="demand-grid"] .ag-row[row-index="1"]').first();
  await expect(row).toBeVisible();
  const customerId = (await row.getAttribute('row-id'))!;
  const urgent = gridCell(page, 'demand-grid', customerId, 'urgentPoint');
  const original = await urgent.innerText();
  const storedBefore = await storedUrgentPoint(customerId);
  const typed = '本月新增：总部与分厂之间的专线扩容';

  await urgent.click();
  await page.keyboard.press('Enter');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(typed);
  await page.keyboard.press('Enter');
  await expect(urgent).toHaveText(typed);
  await expect.poll(() => storedUrgentPoint(customerId)).toBe(typed);

  // Ctrl+Z in the grid (the editor closed, the focus one row down): the row is as it was.
  await page.keyboard.press('Control+z');
  await expect(page.getByText(/^已撤销：/)).toBeVisible();
  await expect(urgent).toHaveText(original);
  await expect.poll(() => storedUrgentPoint(customerId)).toBe(storedBefore);

  // 重做, then a reload: the edit is stored, and 撤销 still takes it back.
  await page.getByTestId('redo').click();
  await expect(urgent).toHaveText(typed);
  await page.reload();
  await expect(urgent).toHaveText(typed);
  await expect(page.getByTestId('undo')).toBeEnabled();
  await page.getByTestId('undo').click();
  await expect(urgent).toHaveText(original);
  await page.reload();
  await expect(urgent).toHaveText(original);
  expect(await storedUrgentPoint(customerId)).toBe(storedBefore);
});
