/**
 * The 2027 calendar as a planner meets it, at 1280 × 720: 目标分解 says the holidays are
 * provisional; the company's year is spread (previewed, confirmed); the published arrangement is
 * entered (refused first for a day both rest and work); the notice names it; 按工作日重新分解
 * previews the days that move (2月11日/12日 become rest days, the 调休 Saturday 2月20日 works) and
 * applies exactly that; 进度跟踪 shows the notice too.
 *
 * 2027 is started through 新建年度计划 and chosen with the year switch; everything goes through the page.
 */
import type { Page } from '@playwright/test';
import { cell, expect, rowIdOf, test } from './fixtures';

const NOTICE = '国务院办公厅关于2027年部分节假日安排的通知';
const SHOTS = process.env.PD_SHOTS;
const shot = async (page: Page, name: string) => {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png` });
};

async function dayValues(page: Page, host: string, subjectId: string): Promise<Record<string, number | null>> {
  const response = await page.request.post(`${host}/api/plan/get-grid`, { data: { year: 2027, metricId: 'm-revenue', level: 'basic', grain: 'day' } });
  const body = await response.json();
  return body.data.rows.find((r: { id: string }) => r.id === subjectId).values;
}

test('2027: provisional notice, a previewed spread, the arrangement entered, and a re-split that shows which days move', async ({ page, host }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  // 2027 as a planner starts it: 新建年度计划 from 2026 (targets empty), then 目标分解 in the year chosen.
  await page.goto(`${host}/#/targets`);
  await expect(page.getByTestId('year-switch')).toHaveValue('2026');
  await page.getByTestId('new-year').click();
  await page.getByRole('dialog').getByRole('button', { name: '新建 2027 年度计划' }).click();
  await expect(page.getByText('已新建 2027 年度计划')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('year-switch')).toHaveValue('2027');
  await page.locator('.pd-sider').getByText('目标分解', { exact: true }).click();
  await expect(page.getByText('2027 目标分解')).toBeVisible();
  await expect(page.getByTestId('year-switch')).toHaveValue('2027');
  const notice = page.getByTestId('calendar-notice');
  await expect(notice).toHaveAttribute('data-source', 'provisional');
  await expect(notice).toContainText('2027 年放假安排尚未发布，暂按法定节假日计算（元旦、春节、清明、劳动节、端午、中秋、国庆节）');
  const company = await rowIdOf(page, '江城市分公司');

  // The company's year, spread evenly over the people and by working days: it rewrites every
  // person's days, so the preview asks first.
  await page.getByText('组织：按上年占比').click();
  await page.getByTitle('组织：平均').click();
  await cell(page, company, 'total').click();
  await page.keyboard.type('24800');
  await page.keyboard.press('Enter');
  const confirm = page.locator('.ant-modal-confirm');
  await expect(confirm).toContainText('确认分解：江城市分公司 · 全年');
  await expect(page.getByTestId('split-preview-cells')).toContainText('涉及 24 个人员');
  await shot(page, 'calendar-1-spread-preview');
  await confirm.getByRole('button', { name: /^应\s?用$/ }).click();
  await expect(cell(page, company, 'total')).toHaveText('24,800.00');
  const provisional = await dayValues(page, host, company);
  expect(provisional['2027-01-01'] ?? 0).toBe(0);
  expect(provisional['2027-02-10'] ?? 0).toBe(0);
  expect(provisional['2027-02-11']).toBeGreaterThan(0);
  expect(provisional['2027-02-20'] ?? 0).toBe(0);

  // 录入放假安排: prefilled with the statutory days; 春节 as the notice gives it.
  await page.getByTestId('calendar-enter').click();
  const dialog = page.locator('.ant-modal').filter({ hasText: '录入 2027 年放假安排' });
  await expect(dialog.getByTestId('calendar-notice-name')).toHaveValue(NOTICE);
  const spring = dialog.locator('tr[data-holiday="春节"]');
  await expect(spring.locator('input').nth(0)).toHaveValue('2027-02-05');
  await expect(spring.locator('input').nth(1)).toHaveValue('2027-02-10');
  await spring.locator('input').nth(1).click();
  await spring.locator('input').nth(1).fill('2027-02-12');
  await spring.locator('input').nth(1).press('Enter');
  await expect(spring.locator('input').nth(1)).toHaveValue('2027-02-12');
  // 调休: 2月20日 (Saturday), and by mistake 2月6日 (a Saturday inside the holiday).
  await spring.locator('.ant-picker').nth(1).click();
  const panel = page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-range):visible');
  await panel.locator('td[title="2027-02-20"]').click();
  await panel.locator('td[title="2027-02-06"]').click();
  await page.keyboard.press('Escape');
  await shot(page, 'calendar-2-dialog');
  await dialog.getByTestId('calendar-save').click();
  await expect(dialog.getByTestId('calendar-problem')).toHaveText('同一天既是放假日又是上班日：2027-02-06');
  await spring.locator('.ant-picker').nth(1).click();
  await panel.locator('td[title="2027-02-06"]').click();
  await page.keyboard.press('Escape');
  await dialog.getByTestId('calendar-save').click();
  await expect(page.getByText('已保存 2027 年放假安排：全年 247 个工作日')).toBeVisible();
  await expect(notice).toHaveAttribute('data-source', 'entered');
  await expect(notice).toContainText(`2027 年放假安排按已录入的《${NOTICE}》计算`);
  // Saving changes the calendar, not the figures already split.
  expect(await dayValues(page, host, company)).toEqual(provisional);

  // 按工作日重新分解 of the selected row (the company): the preview shows the days that move, before anything is written.
  await cell(page, company, 'total').click();
  await page.getByTestId('resplit').click();
  const preview = page.locator('.ant-modal-confirm').filter({ hasText: '按工作日重新分解：江城市分公司 2027 年' });
  const day = (d: string) => preview.locator(`tr[data-day="${d}"]`);
  await expect(day('2027-02-11')).toContainText('→0.00');
  await expect(day('2027-02-12')).toContainText('→0.00');
  await expect(day('2027-02-20')).toContainText('0.00→');
  await expect(preview.getByTestId('split-preview-largest')).toContainText('最大变化：');
  await shot(page, 'calendar-3-resplit-preview');
  expect(await dayValues(page, host, company)).toEqual(provisional);
  const listed = await preview.locator('tr[data-day]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-day')));
  await preview.getByRole('button', { name: /^应\s?用$/ }).click();
  await expect(preview).toBeHidden();

  // Applied: exactly as previewed; 元旦 and 春节 rest, 2月20日 works, the year's figure kept.
  await expect.poll(async () => (await dayValues(page, host, company))['2027-02-20'] ?? 0).toBeGreaterThan(0);
  const entered = await dayValues(page, host, company);
  for (const d of ['2027-01-01', '2027-02-05', '2027-02-08', '2027-02-11', '2027-02-12']) expect(entered[d] ?? 0, d).toBe(0);
  for (const d of listed) expect(entered[d!], d!).not.toBe(provisional[d!] ?? 0);
  await expect(cell(page, company, 'total')).toHaveText('24,800.00');

  // 进度跟踪 counts working days too (序时进度): the same notice.
  await page.getByRole('link', { name: '进度跟踪', exact: true }).click();
  await expect(page.getByTestId('calendar-notice')).toContainText(`按已录入的《${NOTICE}》计算`);
  await shot(page, 'calendar-4-tracking');
});
