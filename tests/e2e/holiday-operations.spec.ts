/**
 * 促销与服务 and 人员安排 as a planner opens them: the sample's promotions (the coming season not
 * split yet), a promotion added through its dialog, the lift that follows the split once the
 * targets are set, the overdue task closed from its status; the days short of the planned
 * headcount, one picked from the list and filled by a promoter typed in its cell, a bad count refused.
 */
import { cell, expect, test, webApi, shot, sized } from './fixtures';
import type { ChannelOutput } from '../../src-shared/contract/channels';

test('promotions and service tasks: the sample’s lists, a promotion added, its lift from the split, an overdue task closed', async ({ page, host }) => {
  await sized(page, 1280, 720);
  const api = webApi(page, host);
  await page.goto(`${host}/#/holiday`);
  await page.getByRole('tab', { name: '促销与服务' }).click();
  const promotions = page.getByTestId('promotion-list');
  await expect(promotions.locator('tbody tr.ant-table-row')).toHaveCount(3);
  await expect(promotions.locator('tbody tr.ant-table-row', { hasText: '年货节：粮油礼盒满减' })).toContainText('目标未分解');
  await expect(page.getByTestId('promotion-totals')).toHaveText('合计：预算 86,000 元 · 预计增量 0 元');
  await expect(page.getByTestId('tasks-overdue')).toHaveText('逾期 1 项');

  // A new promotion: 小年特卖 in 西岭店 over 小年 (2027-01-30, 31).
  await page.getByTestId('promotion-add').click();
  const dialog = page.getByTestId('promotion-editor');
  await dialog.getByTestId('promotion-name').fill('小年特卖');
  for (const [id, day] of [
    ['promotion-first', '2027-01-30'],
    ['promotion-last', '2027-01-31'],
  ] as const) {
    await dialog.getByTestId(id).click();
    await page.keyboard.type(day);
    await page.keyboard.press('Enter');
  }
  await dialog.getByTestId('promotion-stores').click();
  await page.locator('.ant-select-item-option', { hasText: '西岭店' }).click();
  await dialog.getByTestId('promotion-budget').locator('xpath=self::input | .//input').fill('5000');
  await dialog.getByTestId('promotion-lift').locator('xpath=self::input | .//input').fill('10');
  // The dialog says what is missing before it saves.
  await page.getByRole('button', { name: '保 存' }).click();
  await expect(dialog.getByTestId('promotion-problem')).toHaveText('请填写负责人');
  await dialog.getByTestId('promotion-owner').locator('xpath=self::input | .//input').fill('西岭店长');
  await page.getByRole('button', { name: '保 存' }).click();
  await expect(page.getByText('已保存「小年特卖」')).toBeVisible();
  await expect(promotions.locator('tbody tr.ant-table-row')).toHaveCount(4);
  await expect(page.getByTestId('promotion-totals')).toContainText('预算 91,000 元');

  // Targets from last year and the split: the lift is read from the split, and the screen shows the service's figure.
  await api('holiday/targets-from-last-year', { season: 2027, basicGrowthBp: 800, challengeGrowthBp: 1500 });
  const { stores } = await api<ChannelOutput<'holiday/get-targets'>>('holiday/get-targets', { season: 2027 });
  for (const store of stores) await api('holiday/split', { season: 2027, level: 'basic', subjectId: store.id, orgMethod: 'last-year', dayMethod: 'last-year' });
  const listed = await api<ChannelOutput<'holiday/list-promotions'>>('holiday/list-promotions', { season: 2027 });
  const added = listed.promotions.find((p) => p.name === '小年特卖')!;
  expect(added.baseSales).toBeGreaterThan(0);
  const addedRow = promotions.locator('tbody tr.ant-table-row', { hasText: '小年特卖' });
  await expect(addedRow).toContainText(added.baseSales.toLocaleString('en-US'));
  await expect(addedRow).toContainText(added.expectedLift.toLocaleString('en-US'));
  const lift = listed.promotions.reduce((a, p) => a + p.expectedLift, 0);
  await expect(page.getByTestId('promotion-totals')).toHaveText(`合计：预算 91,000 元 · 预计增量 ${lift.toLocaleString('en-US')} 元`);

  // The overdue 促销员岗前培训 marked done.
  const { tasks } = await api<ChannelOutput<'holiday/list-service-tasks'>>('holiday/list-service-tasks', { season: 2027 });
  const late = tasks.find((t) => t.overdue)!;
  await page.getByTestId(`task-status-${late.id}`).click();
  await page.locator('.ant-select-item-option', { hasText: '已完成' }).last().click();
  await expect(page.getByTestId('tasks-overdue')).toHaveText('没有逾期的工作');
  await shot(page, 'holiday-operations');
});

test('staffing: the days short listed; one picked and filled by a promoter; a bad count refused', async ({ page, host }) => {
  await sized(page, 1440, 900);
  await page.goto(`${host}/#/holiday`);
  await page.getByRole('tab', { name: '人员安排' }).click();
  await expect(page.getByTestId('staffing-short')).toHaveText('缺员 3 天');
  await expect(page.getByTestId('staffing-shortages')).toContainText('东湖店 2027-01-01 缺 2 人');
  await page.getByTestId('staffing-shortages').getByText('中心店 2027-02-05 缺 1 人').click();
  const short = cell(page, '2027-02-05', 'short');
  await expect(short).toHaveText('1');
  await expect(short).toHaveClass(/pd-stock-out/);
  await expect(cell(page, '2027-02-05', 'onHand')).toHaveText('16');

  // 江城粮油批发 sends a second promoter that day.
  const promoter = cell(page, '2027-02-05', 'p:江城粮油批发');
  await expect(promoter).toHaveText('1');
  await promoter.click();
  await page.keyboard.type('2');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('staffing-short')).toHaveText('缺员 2 天');
  await expect(cell(page, '2027-02-05', 'onHand')).toHaveText('17');
  await expect(short).toHaveText('');

  // Not a headcount: refused in the cell, nothing saved.
  const planned = cell(page, '2027-02-05', 'planned');
  await planned.click();
  await page.keyboard.type('12a');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('cell-error')).toContainText('请输入 0 至 10000 的整数');
  await expect(planned).toHaveText('17');
  await shot(page, 'holiday-staffing');
});
