import { cell, expect, rowIdOf, test } from './fixtures';

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
