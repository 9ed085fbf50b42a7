import { cell, expect, openApp, pasteText, rowIdOf, storedValue, test, totalCell } from './fixtures';

const REVENUE = 'm-revenue';
/** The measures typed in 年度目标; 实际 is the sum of the daily actuals entered in 进度跟踪. */
const measures = ['lastYearActual', 'basic', 'challenge'] as const;

test('opens on the sample organisation with grouped headers, roll-ups and a total row', async ({ page, host }) => {
  await openApp(page, host);
  await expect(page.getByText('2026 年度目标 · 江城市分公司')).toBeVisible();
  await expect(page.getByTestId('workspace-name')).toContainText('e2e.plandesk');
  await expect(page.locator('.ag-header-group-cell', { hasText: '营业收入（万元）' })).toBeVisible();
  for (const header of ['上年实际', '基本目标', '挑战目标', '实际', '基本完成率', '挑战完成率', '同比增长']) {
    await expect(page.locator('.ag-header-cell').filter({ hasText: header }).first()).toBeAttached();
  }
  // The company row is the sum of its three branches; the pinned total equals it.
  const company = await rowIdOf(page, '江城市分公司');
  const branches = await Promise.all(['东湖县分公司', '西岭县分公司', '城区分公司'].map((n) => rowIdOf(page, n)));
  const number = async (rowId: string) => Number((await cell(page, rowId, `${REVENUE}:basic`).innerText()).replace(/,/g, ''));
  const branchSum = (await Promise.all(branches.map(number))).reduce((a, b) => a + b, 0);
  expect(await number(company)).toBeCloseTo(branchSum, 2);
  const total = totalCell(page, `${REVENUE}:basic`);
  await expect(total).toHaveText(await cell(page, company, `${REVENUE}:basic`).innerText());
  // Completion cells carry their band colour.
  await expect(
    page
      .locator(
        `.ag-cell[col-id="${REVENUE}:basicRate"].pd-rate-below, .ag-cell[col-id="${REVENUE}:basicRate"].pd-rate-basic, .ag-cell[col-id="${REVENUE}:basicRate"].pd-rate-challenge`,
      )
      .first(),
  ).toBeVisible();
  await expect(page.getByTestId('targets-chart').locator('svg')).toBeVisible();
});

test('an edited cell is saved, rolls up at once, and is still there after reload', async ({ page, host }) => {
  await openApp(page, host);
  const person = await rowIdOf(page, '李晓燕');
  const target = cell(page, person, `${REVENUE}:basic`);
  const before = Number((await target.innerText()).replace(/,/g, ''));
  const companyId = await rowIdOf(page, '江城市分公司');
  const companyBefore = Number((await cell(page, companyId, `${REVENUE}:basic`).innerText()).replace(/,/g, ''));

  await target.click();
  await page.keyboard.type('188.5');
  await page.keyboard.press('Enter');
  await expect(target).toHaveText('188.50');
  const companyAfter = Number((await cell(page, companyId, `${REVENUE}:basic`).innerText()).replace(/,/g, ''));
  expect(companyAfter).toBeCloseTo(companyBefore - before + 188.5, 2);
  await expect(page.getByTestId('save-state')).toContainText('已保存');
  expect(await storedValue(page, host, person, REVENUE, 'basic')).toBe(18850);

  // Tab commits and moves right, as in Excel.
  await cell(page, person, `${REVENUE}:challenge`).click();
  await page.keyboard.type('201');
  await page.keyboard.press('Tab');
  await expect(cell(page, person, `${REVENUE}:challenge`)).toHaveText('201.00');
  // …to the next cell that takes typing: 实际 and the rates are computed, so the next metric's 上年实际.
  await expect(cell(page, person, 'm-net-users:lastYearActual')).toHaveClass(/ag-cell-focus/);
  await expect.poll(() => storedValue(page, host, person, REVENUE, 'challenge')).toBe(20100);

  await page.reload();
  await expect(cell(page, person, `${REVENUE}:basic`)).toHaveText('188.50');
  await expect(cell(page, person, `${REVENUE}:challenge`)).toHaveText('201.00');

  // Delete clears a cell, and that is saved too.
  await cell(page, person, `${REVENUE}:basic`).click();
  await page.keyboard.press('Delete');
  await expect(cell(page, person, `${REVENUE}:basic`)).toHaveText('');
  await expect.poll(() => storedValue(page, host, person, REVENUE, 'basic')).toBeNull();
});

test('a 3 x 3 block pasted from Excel saves in one go, and undo/redo replay it', async ({ page, host }) => {
  await openApp(page, host);
  const people = await Promise.all(['李晓燕', '张伟', '刘芳'].map((n) => rowIdOf(page, n)));
  const original = await Promise.all(people.map((p) => Promise.all(measures.map((m) => storedValue(page, host, p, REVENUE, m)))));

  await cell(page, people[0], `${REVENUE}:lastYearActual`).click();
  const block = [
    ['100', '110', '120'],
    ['1,200.25', '1300', '1400'],
    ['90', '95', '99.99'],
  ];
  await pasteText(page, block.map((r) => r.join('\t')).join('\r\n') + '\r\n');
  await expect(page.getByText('已粘贴 9 个单元格')).toBeVisible();
  await expect(cell(page, people[1], `${REVENUE}:lastYearActual`)).toHaveText('1,200.25');
  await expect(cell(page, people[2], `${REVENUE}:challenge`)).toHaveText('99.99');
  expect(await storedValue(page, host, people[1], REVENUE, 'lastYearActual')).toBe(120025);
  expect(await storedValue(page, host, people[2], REVENUE, 'challenge')).toBe(9999);

  await page.keyboard.press('Control+z');
  await expect(page.getByText('已撤销：9 个单元格')).toBeVisible();
  for (let r = 0; r < 3; r++) {
    for (let m = 0; m < 3; m++) {
      await expect.poll(() => storedValue(page, host, people[r], REVENUE, measures[m])).toBe(original[r][m]);
    }
  }
  await page.keyboard.press('Control+y');
  await expect(cell(page, people[0], `${REVENUE}:challenge`)).toHaveText('120.00');
  await expect.poll(() => storedValue(page, host, people[0], REVENUE, 'challenge')).toBe(12000);

  // The history is the workspace's: after a reload the toolbar still undoes the paste.
  await page.reload();
  await expect(cell(page, people[0], `${REVENUE}:challenge`)).toHaveText('120.00');
  await expect(page.getByTestId('undo')).toBeEnabled();
  await page.getByTestId('undo').click();
  await expect(page.getByText('已撤销：9 个单元格')).toBeVisible();
  await expect.poll(() => storedValue(page, host, people[0], REVENUE, 'challenge')).toBe(original[0][2]);
  await page.getByTestId('redo').click();
  await expect(cell(page, people[0], `${REVENUE}:challenge`)).toHaveText('120.00');

  // A block reaching into 实际 is refused as a whole, naming the cell: actuals are entered per day.
  await cell(page, people[0], `${REVENUE}:challenge`).click();
  await pasteText(page, '130\t131');
  await expect(page.getByTestId('cell-error')).toContainText('实际：实际数是进度跟踪中逐日录入的实际之和');
  expect(await storedValue(page, host, people[0], REVENUE, 'challenge')).toBe(12000);
});

test('bad input is refused at the cell and nothing is saved', async ({ page, host }) => {
  await openApp(page, host);
  const person = await rowIdOf(page, '张伟');
  const target = cell(page, person, `${REVENUE}:challenge`);
  const shown = await target.innerText();
  const stored = await storedValue(page, host, person, REVENUE, 'challenge');

  for (const [typed, message] of [
    ['abc', '请输入数字'],
    ['12.345', '最多保留 2 位小数'],
    ['-8', '该指标不能为负数'],
  ]) {
    await target.click();
    await page.keyboard.type(typed);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('cell-error')).toContainText(message);
    await expect(target).toHaveText(shown);
    await expect(target).toHaveClass(/pd-cell-invalid/);
    expect(await storedValue(page, host, person, REVENUE, 'challenge')).toBe(stored);
    await page.keyboard.press('Escape');
  }

  // A paste with one bad cell saves nothing and names the cell.
  const people = await Promise.all(['李晓燕', '张伟'].map((n) => rowIdOf(page, n)));
  const before = await Promise.all(people.map((p) => storedValue(page, host, p, REVENUE, 'basic')));
  await cell(page, people[0], `${REVENUE}:basic`).click();
  await pasteText(page, '150\n15x');
  await expect(page.getByTestId('cell-error')).toContainText('第 6 行「张伟」· 营业收入 · 基本目标：请输入数字');
  expect(await Promise.all(people.map((p) => storedValue(page, host, p, REVENUE, 'basic')))).toEqual(before);

  // Roll-up rows are computed, not typed: Delete and typing both say so, and nothing changes.
  const team = await rowIdOf(page, '东湖县分公司');
  const teamValue = await cell(page, team, `${REVENUE}:basic`).innerText();
  await cell(page, team, `${REVENUE}:basic`).click();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('cell-error')).toContainText('由下级自动计算');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('cell-error')).toHaveCount(0);
  await page.keyboard.type('5');
  await expect(page.getByTestId('cell-error')).toContainText('由下级自动计算');
  await expect(cell(page, team, `${REVENUE}:basic`)).toHaveText(teamValue);
  await page.keyboard.press('Escape');

  // 实际 is the sum of the entered daily actuals: typing it here says where to enter them.
  const actual = cell(page, person, `${REVENUE}:actual`);
  const actualShown = await actual.innerText();
  await actual.click();
  await page.keyboard.type('5');
  await expect(page.getByTestId('cell-error')).toContainText('请在进度跟踪中录入');
  await expect(actual).toHaveText(actualShown);
});

test('a year typed in 年度目标 is the year of 目标分解, and a month typed there changes 年度目标', async ({ page, host }) => {
  await openApp(page, host);
  const person = await rowIdOf(page, '郭敏');
  await cell(page, person, `${REVENUE}:basic`).click();
  await page.keyboard.type('240');
  await page.keyboard.press('Enter');
  await expect(cell(page, person, `${REVENUE}:basic`)).toHaveText('240.00');

  await page.getByRole('link', { name: '目标分解', exact: true }).click();
  await expect(cell(page, person, 'total')).toHaveText('240.00');
  const january = Number((await cell(page, person, '2026-01').innerText()).replace(/,/g, ''));
  await cell(page, person, '2026-01').click();
  await page.keyboard.type('30');
  await page.keyboard.press('Enter');
  const year = (240 - january + 30).toFixed(2);
  await expect(cell(page, person, 'total')).toHaveText(year);

  await page.getByRole('link', { name: '年度目标', exact: true }).click();
  await expect(cell(page, person, `${REVENUE}:basic`)).toHaveText(year);
  expect(await storedValue(page, host, person, REVENUE, 'basic')).toBe(Math.round(Number(year) * 100));
});

test('tree rows collapse and expand; the chart follows the selected unit', async ({ page, host }) => {
  await openApp(page, host);
  const branch = await rowIdOf(page, '西岭县分公司');
  await expect(page.locator('.pd-tree-name', { hasText: '黄志强' })).toBeVisible();
  await page.locator(`.ag-row[row-id="${branch}"] .pd-tree-toggle`).click();
  await expect(page.locator('.pd-tree-name', { hasText: '黄志强' })).toHaveCount(0);
  await page.locator(`.ag-row[row-id="${branch}"] .ag-cell[col-id="name"]`).click();
  await page.keyboard.press('Enter');
  await expect(page.locator('.pd-tree-name', { hasText: '黄志强' })).toBeVisible();
  // Selecting the branch charts its teams.
  await cell(page, branch, `${REVENUE}:basic`).click();
  await expect(page.getByTestId('targets-chart')).toContainText('西岭县分公司 · 营业收入（万元）');
  await expect(page.getByTestId('targets-chart')).toContainText('公众客户部');
});

test('switches to English and back; 两节供应计划 opens on the coming season', async ({ page, host }) => {
  await openApp(page, host);
  await page.getByText('English', { exact: true }).click();
  await expect(page.getByText('2026 annual targets · 江城市分公司')).toBeVisible();
  await expect(page.locator('.ag-header-cell').filter({ hasText: 'Basic target' }).first()).toBeAttached();
  await page.getByRole('link', { name: /Holiday supply/ }).click();
  await expect(page.locator('.pd-page-title')).toHaveText('2027 holiday supply plan');
  await page.getByText('中文', { exact: true }).click();
  await expect(page.locator('.pd-page-title')).toHaveText('2027 两节供应计划');
  await expect(page.getByRole('tab', { name: '备货计划' })).toBeVisible();
});

test('a challenge below the basic target is marked and counted, and a person without a basic target shows 未设目标', async ({ page, host }) => {
  await openApp(page, host);
  const badge = page.getByTestId('targets-inconsistent');
  const count = async () => ((await badge.count()) === 0 ? 0 : Number((await badge.innerText()).replace(/\D/g, '')));
  const before = await count();
  const person = await rowIdOf(page, '李晓燕');
  const challenge = cell(page, person, `${REVENUE}:challenge`);
  const basic = Number((await cell(page, person, `${REVENUE}:basic`).innerText()).replace(/,/g, ''));
  await expect(challenge).not.toHaveClass(/pd-cell-inconsistent/);

  // Typed 5 万元 under the basic target: marked at the cell, with the reason as its title, and counted.
  await challenge.click();
  await page.keyboard.type((basic - 5).toFixed(2));
  await page.keyboard.press('Enter');
  await expect(challenge).toHaveText((basic - 5).toFixed(2));
  await expect(challenge).toHaveClass(/pd-cell-inconsistent/);
  await expect(challenge).toHaveAttribute('title', /挑战目标低于基本目标/);
  await expect(badge).toHaveText(`不一致 ${before + 1}`);
  // Meeting that challenge is not meeting the plan: never coloured as challenge met.
  await expect(cell(page, person, `${REVENUE}:challengeRate`)).not.toHaveClass(/pd-rate-challenge/);

  // The count takes the user to the cell, by mouse or keyboard, opening its branch when collapsed.
  const branch = await rowIdOf(page, '东湖县分公司');
  await page.locator(`.ag-row[row-id="${branch}"] .pd-tree-toggle`).click();
  await expect(challenge).toHaveCount(0);
  await badge.click();
  await expect(challenge).toHaveClass(/ag-cell-focus/);
  await cell(page, person, `${REVENUE}:basic`).click();
  await badge.focus();
  await page.keyboard.press('Enter');
  await expect(challenge).toHaveClass(/ag-cell-focus/);

  // Fixed: the mark goes and the count goes back down.
  await page.keyboard.type((basic + 10).toFixed(2));
  await page.keyboard.press('Enter');
  await expect(challenge).toHaveText((basic + 10).toFixed(2));
  await expect(challenge).not.toHaveClass(/pd-cell-inconsistent/);
  await expect.poll(count).toBe(before);

  // A cleared basic target is 未设目标 in the person's 基本完成率, uncoloured; the team keeps its rate.
  const basicRate = cell(page, person, `${REVENUE}:basicRate`);
  await expect(basicRate).toHaveText(/%$/);
  await cell(page, person, `${REVENUE}:basic`).click();
  await page.keyboard.press('Delete');
  await expect(cell(page, person, `${REVENUE}:basic`)).toHaveText('');
  await expect(basicRate).toHaveText('未设目标');
  await expect(basicRate).toHaveClass(/pd-rate-missing/);
  await expect(basicRate).not.toHaveClass(/pd-rate-(below|basic|challenge)/);
  await expect.poll(() => storedValue(page, host, person, REVENUE, 'basic')).toBeNull();
  const tree = (await (await page.request.post(`${host}/api/org/list-tree`, { data: {} })).json()).data;
  const team = tree.people.find((p: { id: string; unitId: string }) => p.id === person).unitId as string;
  await expect(cell(page, team, `${REVENUE}:basicRate`)).toHaveText(/%$/);
  await page.getByText('English', { exact: true }).click();
  await expect(basicRate).toHaveText('No target');
});

/** The 营业收入 group's columns, in the grid's order. */
const REVENUE_GROUP = ['lastYearActual', 'basic', 'challenge', 'actual', 'basicRate', 'challengeRate', 'yoy'];

/** Whether the name column and every column of the 营业收入 group lie inside the grid, unscrolled. */
async function revenueGroupInView(page: import('@playwright/test').Page) {
  return page.evaluate((kinds) => {
    const grid = document.querySelector('[data-testid="targets-grid"]')!.getBoundingClientRect();
    const scroller = document.querySelector('[data-testid="targets-grid"] .ag-body-horizontal-scroll-viewport');
    const inside = (colId: string) => {
      const header = document.querySelector(`[data-testid="targets-grid"] .ag-header-cell[col-id="${colId}"]`);
      if (!header) return false;
      const box = header.getBoundingClientRect();
      return box.width > 0 && box.left >= grid.left - 1 && box.right <= grid.right + 1;
    };
    return { scrollLeft: scroller?.scrollLeft ?? 0, name: inside('name'), group: kinds.map((k) => inside(`m-revenue:${k}`)) };
  }, REVENUE_GROUP);
}

test('at 1280 × 720 the names and the whole 营业收入 group show unscrolled with the chart folded, and the fold is remembered', async ({ page, host }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, host);
  const toggle = page.getByTestId('chart-toggle');
  // A laptop window opens with the chart folded away.
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(page.locator('.pd-chart-card')).toHaveCount(0);
  // Opened, it is remembered for this workspace across a reload…
  await toggle.click();
  await expect(page.getByTestId('targets-chart').locator('svg')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('targets-chart').locator('svg')).toBeVisible();
  // …and so is folding it again.
  await page.getByTestId('chart-toggle').focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.pd-chart-card')).toHaveCount(0);
  await page.reload();
  await expect(page.locator('.ag-row').first()).toBeVisible();
  await expect(page.getByTestId('chart-toggle')).toHaveAttribute('aria-expanded', 'false');
  await expect(page.locator('.pd-chart-card')).toHaveCount(0);

  await expect(page.locator('.ag-header-group-cell', { hasText: '营业收入（万元）' })).toBeVisible();
  expect(await revenueGroupInView(page)).toEqual({ scrollLeft: 0, name: true, group: REVENUE_GROUP.map(() => true) });
  // The name column is frozen on the left: scrolled right, the names stay.
  const company = await rowIdOf(page, '江城市分公司');
  await page.locator('[data-testid="targets-grid"] .ag-body-horizontal-scroll-viewport').evaluate((el) => (el.scrollLeft = 1500));
  await expect(page.locator(`.ag-cell[col-id="${REVENUE}:lastYearActual"]`)).toHaveCount(0);
  await expect(cell(page, company, 'name')).toBeInViewport();
  await expect(cell(page, company, 'name')).toContainText('江城市分公司');
  await page.locator('[data-testid="targets-grid"] .ag-body-horizontal-scroll-viewport').evaluate((el) => (el.scrollLeft = 0));
  // Completion and 同比 cells show their whole text, for an additive metric and a ratio one (个百分点).
  const cutCells = () =>
    page.evaluate(() =>
      [
        ...document.querySelectorAll<HTMLElement>(
          '[data-testid="targets-grid"] .ag-cell[col-id$="Rate"], [data-testid="targets-grid"] .ag-cell[col-id$=":yoy"]',
        ),
      ]
        .filter((el) => el.scrollWidth > el.clientWidth + 1)
        .map((el) => `${el.getAttribute('col-id')}: ${el.innerText}`),
    );
  await expect(cell(page, company, `${REVENUE}:yoy`)).toHaveText(/%$/);
  expect(await cutCells()).toEqual([]);
  // The last metric is a ratio: its 同比 is in 个百分点.
  await page.locator('[data-testid="targets-grid"] .ag-body-horizontal-scroll-viewport').evaluate((el) => (el.scrollLeft = el.scrollWidth));
  await expect(cell(page, company, 'm-arrears-rate:yoy')).toHaveText(/个百分点$/);
  expect(await cutCells()).toEqual([]);
});

test('the column chooser hides a metric and a column by keyboard, and the choice survives a reload', async ({ page, host }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, host);
  const chooser = page.getByTestId('column-chooser');
  await chooser.focus();
  await page.keyboard.press('Enter');
  const panel = page.getByTestId('column-chooser-panel');
  await expect(panel).toBeVisible();
  // The first metric's box has the focus: Space unticks 营业收入.
  await expect(page.getByTestId(`chooser-${REVENUE}`)).toBeFocused();
  await page.keyboard.press('Space');
  await expect(page.locator('.ag-header-group-cell', { hasText: '营业收入（万元）' })).toHaveCount(0);
  await expect(page.locator(`.ag-header-cell[col-id="${REVENUE}:basic"]`)).toHaveCount(0);
  // Enter ticks too: 上年实际 hidden in every metric.
  await page.getByTestId('chooser-lastYearActual').focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.ag-header-cell[col-id="m-net-users:lastYearActual"]')).toHaveCount(0);
  await expect(page.locator('.ag-header-cell[col-id="m-net-users:basic"]')).toBeVisible();
  // Escape closes and gives the focus back to the button.
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  await expect(chooser).toBeFocused();
  await expect(chooser).toHaveText('显示列（部分隐藏）');

  await page.reload();
  await expect(page.locator('.ag-row').first()).toBeVisible();
  await expect(page.locator('.ag-header-group-cell', { hasText: '净增用户（户）' })).toBeVisible();
  await expect(page.locator('.ag-header-group-cell', { hasText: '营业收入（万元）' })).toHaveCount(0);
  await expect(page.locator('.ag-header-cell[col-id="m-net-users:lastYearActual"]')).toHaveCount(0);

  // 全部显示 brings everything back; a click outside closes the panel.
  await page.getByTestId('column-chooser').click();
  await page.getByRole('button', { name: '全部显示' }).click();
  await expect(page.locator('.ag-header-group-cell', { hasText: '营业收入（万元）' })).toBeVisible();
  await page.locator('.pd-page-title').click();
  await expect(page.getByTestId('column-chooser-panel')).toHaveCount(0);
});
