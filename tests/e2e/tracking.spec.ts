import { formatDecimal } from '../../src-shared/domain/decimal';
import { expect, test, webApi } from './fixtures';

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

test('an actual typed over a day says what it replaced, and Ctrl+Z puts the old one back (重做 after a reload)', async ({ page, host }) => {
  const api = webApi(page, host);
  const year = (await api<{ planYear: number }>('workspace/get-info', {})).planYear;
  const person = (await api<{ people: Array<{ id: string; name: string }> }>('org/list-tree', {})).people[0];
  const storedActuals = async () =>
    (
      await api<{ rows: Array<{ id: string; values: Record<string, number | null> }> }>('plan/get-grid', {
        year,
        metricId: 'm-revenue',
        level: 'actual',
        grain: 'day',
      })
    ).rows.find((r) => r.id === person.id)!.values;
  const storedActual = async (day: string) => (await storedActuals())[day] ?? null;
  // A day the sample already gave the entry form's first person an actual (the sample's actuals
  // run up to today): the first above zero, else the first stored (a 1 January clock).
  const stored = Object.entries(await storedActuals()).filter(([, value]) => value !== null && value !== 888);
  const [day, old] = stored.find(([, value]) => value! > 0) ?? stored[0];
  expect(old).not.toBeNull();

  await page.goto(`${host}/#/tracking`);
  const actualToDate = page.getByTestId('tracking-stats').locator('.ant-statistic-content-value').first();
  await expect(actualToDate).not.toBeEmpty();
  const totalBefore = await actualToDate.innerText();
  // The day is typed as YYYY-MM-DD into the picker and taken with Enter, as from the keyboard.
  await page.getByTestId('entry-day').fill(day);
  await page.getByTestId('entry-day').press('Enter');
  await expect(page.getByTestId('entry-day')).toHaveValue(day);
  await page.getByTestId('entry-value').fill('8.88');
  await page.getByTestId('entry-save').click();
  await expect(page.getByText(`已录入：${person.name} ${day.slice(5)} 的实际从 ${formatDecimal(old! / 100, 2)} 改为 8.88（Ctrl+Z 撤销）`)).toBeVisible();
  await expect.poll(() => storedActual(day)).toBe(888);
  await expect(actualToDate).not.toHaveText(totalBefore);

  // Ctrl+Z (the focus is on 录入实际, outside any text field): the old actual is back.
  await page.keyboard.press('Control+z');
  await expect(page.getByText(/^已撤销：/)).toBeVisible();
  await expect.poll(() => storedActual(day)).toBe(old);
  await expect(actualToDate).toHaveText(totalBefore);

  // The step is kept in the workspace: after a reload 重做 enters 8.88 again.
  await page.reload();
  await expect(page.getByTestId('redo')).toBeEnabled();
  await page.getByTestId('redo').click();
  await expect(page.getByText(/^已重做：/)).toBeVisible();
  await expect.poll(() => storedActual(day)).toBe(888);
  await expect(actualToDate).not.toHaveText(totalBefore);
});
