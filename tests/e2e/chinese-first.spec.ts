import { expect, test } from './fixtures';

// Issue 11 §6: pickers in the UI language with YYYY-MM-DD days; English mode with English names
// and half-width punctuation.

test('the day picker speaks Chinese and shows YYYY-MM-DD; in English it speaks English', async ({ page, host }) => {
  await page.goto(`${host}/#/tracking`);
  const asOf = page.getByTestId('tracking-as-of');
  await expect(asOf).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
  await asOf.click();
  const panel = page.locator('.ant-picker-dropdown:visible');
  await expect(panel.locator('.ant-picker-content thead')).toContainText('一');
  await expect(panel.locator('.ant-picker-header')).toContainText('月');
  await page.keyboard.press('Escape');

  await page.getByText('English', { exact: true }).click();
  await expect(page.getByText(/^Workspace: /)).toBeVisible();
  await asOf.click();
  await expect(panel.locator('.ant-picker-content thead')).toContainText('Mo');
  await expect(panel.locator('.ant-picker-header')).not.toContainText('月');
  await page.keyboard.press('Escape');
  await page.getByText('中文', { exact: true }).click();
  await expect(page.getByText(/^工作区：/)).toBeVisible();
});

test('in English the need marks, roles and report names are English, with half-width punctuation', async ({ page, host }) => {
  await page.goto(`${host}/#/strategy`);
  await page.getByText('English', { exact: true }).click();
  const products = page.locator('.ag-cell[col-id^="class:"]').filter({ hasText: '(' }).first();
  await expect(products).toHaveText(/\((urgent|planned|potential|guided)\)/);
  await expect(products).not.toContainText('（');

  await page.getByRole('link', { name: 'Tracking', exact: true }).click();
  await expect(page.getByTestId('entry-person')).toContainText(/\((Account manager|Area manager|Salesperson|Store manager|Leader)\)/);
  // The metric is named with its unit in half-width brackets: 营业收入 (万元).
  await expect(page.getByText('营业收入 (万元)', { exact: true })).toBeVisible();
  await expect(page.getByText('营业收入（万元）', { exact: true })).toHaveCount(0);

  await page.getByRole('link', { name: 'Reports', exact: true }).click();
  await expect(page.getByTestId('report-select')).toContainText('Annual targets and attainment');
  await page.getByText('中文', { exact: true }).click();
  await expect(page.getByTestId('report-select')).toContainText('年度目标完成情况表');
});
