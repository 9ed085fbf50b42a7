/**
 * 绩效考核 as a manager uses it: the month's sheet opens scored and ranked with 原计划销售指标 from
 * the plan; a typed visit count rescores the person; a bad count and a typed plan figure are
 * refused in the cell; a spread in 目标分解 changes the sheet at once; Ctrl+Z undoes; a quarter is
 * read-only; the scoring rules refuse weights that do not add up to 100 and rescore when they do;
 * the sheet prints through 报表打印.
 */
import type { ChannelOutput } from '../../src-shared/contract/channels';
import { cell, expect, shot, sized, test, webApi } from './fixtures';

type Sheet = ChannelOutput<'evaluation/get-sheet'>;
// The page opens on the month just closed (January itself in January).
const closed = new Date(new Date().getFullYear(), new Date().getMonth() === 0 ? 0 : new Date().getMonth() - 1, 1);
const MONTH = closed.getFullYear() === 2026 ? `2026-${String(closed.getMonth() + 1).padStart(2, '0')}` : '2026-12';

test('evaluation: scored and ranked from the plan, typed, refused, following 目标分解, undone, rules saved, printed', async ({ page, host }) => {
  await sized(page, 1440, 900);
  const api = webApi(page, host);
  const sheetNow = () => api<Sheet>('evaluation/get-sheet', { year: 2026, period: MONTH });
  const sheet = await sheetNow();
  const person = sheet.rows.find((r) => r.name === '李晓燕')!;
  await page.goto(`${host}/#/evaluation`);
  await expect(page.getByTestId('evaluation-grid')).toBeVisible();
  const target = cell(page, person.personId, 'v:salesTarget');
  await expect(target).toHaveText((person.values.salesTarget! / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2 }));
  await expect(cell(page, person.personId, 'rank')).toHaveText(String(person.rank));
  await expect(cell(page, person.personId, 'total')).toHaveText((person.total / 10).toFixed(1));
  await shot(page, 'evaluation');

  // 现有客户拜访数量: 30 visits against 20 a month, capped at 120% of 10 points.
  const visits = cell(page, person.personId, 'v:customerVisits');
  await visits.click();
  await page.keyboard.type('30');
  await page.keyboard.press('Enter');
  await expect(cell(page, person.personId, 's:customerVisits')).toHaveText('12.0');
  await expect(visits).toHaveText('30');
  const typed = (await sheetNow()).rows.find((r) => r.personId === person.personId)!;
  expect(typed.values.customerVisits).toBe(300);
  await expect(cell(page, person.personId, 'total')).toHaveText((typed.total / 10).toFixed(1));

  // Half a visit, and a figure the plan owns: refused where typed, nothing saved.
  await visits.click();
  await page.keyboard.type('2.5');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('cell-error')).toContainText('数量须为不小于 0 的整数');
  await expect(visits).toHaveText('30');
  await page.keyboard.press('Escape');
  await target.click();
  await page.keyboard.type('9');
  await expect(page.getByTestId('cell-error')).toContainText('原计划销售指标取自计划');

  // 目标分解: the person's month spread as 25 万元; the sheet follows.
  await api('plan/set-total', { year: 2026, metricId: 'm-revenue', level: 'basic', subjectId: person.personId, periodKey: MONTH, text: '25' });
  await expect(target).toHaveText('25.00');

  // Ctrl+Z puts the visits back.
  await visits.click();
  await page.keyboard.press('Control+z');
  await expect(visits).toHaveText(String(person.values.customerVisits! / 10));

  // A quarter adds its months up and cannot be typed in.
  await page.getByTestId('evaluation-period-kind').getByText('季度').click();
  await expect(page.getByText('季度和年度的考核由各月汇总').first()).toBeVisible();
  await cell(page, person.personId, 'v:phoneVisits').click();
  await page.keyboard.type('5');
  await expect(page.getByTestId('cell-error')).toContainText('请切换到月度填写');
  await page.keyboard.press('Escape');
  // Printed as the quarter, not a month.
  await page.getByTestId('evaluation-print').click();
  await expect(
    page
      .frameLocator('[data-testid=report-preview]')
      .getByText(/年第.季度销售人员绩效考核表/)
      .first(),
  ).toBeVisible();
  await page.goBack();
  await page.getByTestId('evaluation-period-kind').getByText('月度').click();

  // 计分规则: 实际完成销量 up to 40 points is refused until 10 come off 开发新客户数量.
  await page.getByTestId('evaluation-rules').click();
  const weight = page.getByTestId('scheme-weight-salesActual');
  await weight.fill('40');
  await expect(page.getByTestId('scheme-sum')).toHaveText('权重合计 110 分');
  await expect(page.getByTestId('scheme-save')).toBeDisabled();
  await page.getByTestId('scheme-weight-newCustomers').fill('0');
  await expect(page.getByTestId('scheme-sum')).toHaveText('权重合计 100 分');
  await shot(page, 'evaluation-rules');
  await page.getByTestId('scheme-save').click();
  await expect(page.getByText('计分规则已保存')).toBeVisible();
  const rescored = (await sheetNow()).rows.find((r) => r.personId === person.personId)!;
  expect(rescored.scores.newCustomers).toBe(0);
  await expect(cell(page, person.personId, 's:newCustomers')).toHaveText('0.0');
  await expect(cell(page, person.personId, 'total')).toHaveText((rescored.total / 10).toFixed(1));

  // Printed: the report of the same month and unit.
  await page.getByTestId('evaluation-print').click();
  const preview = page.frameLocator('[data-testid=report-preview]');
  await expect(preview.getByText('销售人员绩效考核表').first()).toBeVisible();
  await expect(preview.getByText('一、考核得分与排名')).toBeVisible();
  await expect(preview.getByText('李晓燕').first()).toBeVisible();
  await shot(page, 'evaluation-report');

  // 工作计划: the sheet inserted as a table under its caption; it follows a change typed in 绩效考核.
  await page.goto(`${host}/#/documents`);
  await page.getByTestId('doc-editor').getByText('在此写出下一年的基本目标和挑战目标。').click();
  await page.keyboard.press('End');
  await page.getByTestId('insert-evaluation-table').click();
  await page.getByTestId('evaluation-table-ok').click();
  const table = page.getByTestId('evaluation-table');
  await expect(table).toHaveAttribute('data-period', MONTH);
  const personRow = table.locator('tr', { hasText: '李晓燕' });
  await expect(personRow.locator('td').last()).toHaveText((rescored.total / 10).toFixed(1));
  await expect(page.getByText('已保存')).toBeVisible();
  await api('evaluation/save-entries', { month: MONTH, changes: [{ personId: person.personId, item: 'discipline', value: 0 }] });
  const lowered = (await sheetNow()).rows.find((r) => r.personId === person.personId)!;
  expect(lowered.total).toBeLessThan(rescored.total);
  await expect(personRow.locator('td').last()).toHaveText((lowered.total / 10).toFixed(1));
  await expect(personRow.locator('td').first()).toHaveText(String(lowered.rank));
  await shot(page, 'evaluation-in-work-plan');
});
