import { expect, test } from './fixtures';

test('tracking shows the year so far with its charts, and a typed daily actual moves it', async ({ page, host }) => {
  await page.goto(`${host}/#/tracking`);
  const stats = page.getByTestId('tracking-stats');
  await expect(stats).toContainText('序时进度');
  await expect(stats).toContainText('基本目标日均需完成');
  await expect(page.getByTestId('tracking-verdict')).toContainText('江城市分公司');
  for (const chart of ['tracking-curve', 'tracking-ranking', 'tracking-heat']) {
    await expect(page.getByTestId(chart).locator('svg')).toBeAttached();
  }
  await expect(page.getByTestId('tracking-ranking')).toContainText('城区分公司');
  const before = Number((await stats.locator('.ant-statistic-content-value').first().innerText()).replace(/,/g, ''));

  await page.getByTestId('entry-value').fill('100');
  await page.getByTestId('entry-save').click();
  await expect(page.getByText('已录入')).toBeVisible();
  await expect.poll(async () => Number((await stats.locator('.ant-statistic-content-value').first().innerText()).replace(/,/g, ''))).not.toBe(before);
});
