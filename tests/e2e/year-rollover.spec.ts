/**
 * 新建年度计划 as a planner does it at 1280 × 720: start 2027 from 2026 with growth rates, see
 * 2026's actual as 2027's 上年实际 and the targets grown from it, switch years on 年度目标 and
 * 目标分解, reload and find the year remembered; starting 2027 again is refused with nothing changed.
 */
import { cell, expect, test, totalCell, webApi } from './fixtures';

const REVENUE = 'm-revenue';
const SHOTS = process.env.PD_SHOTS;

test('新建年度计划 2027 with a growth rate, switch years, the year remembered after a reload', async ({ page, host }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const api = webApi(page, host);
  const year = (await api<{ planYear: number }>('workspace/get-info', {})).planYear;
  const next = year + 1;

  await page.goto(`${host}/#/targets`);
  await expect(page.locator('.ag-row').first()).toBeVisible();
  const yearSwitch = page.getByTestId('year-switch');
  await expect(yearSwitch).toHaveValue(String(year));
  // The first person the grid shows.
  const person = (await page.locator('.ag-row:not(.ag-row-pinned)[row-id^="p-"]').first().getAttribute('row-id'))!;
  const actualTotal = await totalCell(page, `${REVENUE}:actual`).innerText();
  const personActual = await cell(page, person, `${REVENUE}:actual`).innerText();
  // 同比 says what it compares with: the sample's last year has no daily actuals, so pro-rated.
  await expect(cell(page, person, `${REVENUE}:yoy`)).toHaveAttribute('title', /按序时进度 .*折算/);

  // 新建年度计划: basic +10 %, challenge +20 %.
  await page.getByTestId('new-year').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(`新建 ${next} 年度计划`);
  await dialog.getByTestId('growth-basic').fill('10');
  await dialog.getByTestId('growth-challenge').fill('20');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/new-year-dialog-1280.png` });
  await dialog.getByRole('button', { name: `新建 ${next} 年度计划` }).click();
  await expect(page.getByText(`已新建 ${next} 年度计划`)).toBeVisible({ timeout: 30_000 });

  // The new year is shown: last year's actual is its 上年实际, the targets grown from it.
  await expect(yearSwitch).toHaveValue(String(next));
  await expect(page.locator('.pd-page-title')).toContainText(`${next} 年度目标`);
  await expect(totalCell(page, `${REVENUE}:lastYearActual`)).toHaveText(actualTotal);
  await expect(cell(page, person, `${REVENUE}:lastYearActual`)).toHaveText(personActual);
  const last = Number(personActual.replace(/,/g, ''));
  await expect(cell(page, person, `${REVENUE}:basic`)).toHaveText((Math.round(last * 110) / 100).toLocaleString('en-US', { minimumFractionDigits: 2 }));
  await expect(cell(page, person, `${REVENUE}:actual`)).toHaveText('');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/targets-${next}-1280.png` });

  // Back to this year on 年度目标, then 目标分解 in the new year.
  await yearSwitch.selectOption(String(year));
  await expect(page.locator('.pd-page-title')).toContainText(`${year} 年度目标`);
  await expect(totalCell(page, `${REVENUE}:actual`)).toHaveText(actualTotal);
  await page.goto(`${host}/#/breakdown`);
  await expect(yearSwitch).toHaveValue(String(year));
  await expect(page.getByText(`${year} 目标分解`)).toBeVisible();
  await yearSwitch.selectOption(String(next));
  await expect(page.getByText(`${next} 目标分解`)).toBeVisible();
  await expect(page.locator('.ag-row').first()).toBeVisible();

  // Remembered across a reload, per workspace.
  await page.reload();
  await expect(page.getByTestId('year-switch')).toHaveValue(String(next));
  await expect(page.getByText(`${next} 目标分解`)).toBeVisible();
  await page.setViewportSize({ width: 1440, height: 900 });
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/breakdown-${next}-1440.png` });

  // Starting next year again (from this year) is refused, nothing changed.
  await page.getByTestId('year-switch').selectOption(String(year));
  await page.getByTestId('new-year').click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: `新建 ${next} 年度计划` })
    .click();
  await expect(page.getByTestId('new-year-error')).toContainText(`${next} 年度计划已存在，未做任何更改`);
  const info = await api<{ planYears: number[] }>('workspace/get-info', {});
  expect(info.planYears).toEqual([year, next]);
});
