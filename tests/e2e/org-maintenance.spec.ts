/**
 * 组织与指标 as a planner uses it: add a person to a team, move them to another team, and see
 * 年度目标 show them under the new one; a move effective next year leaves this year's grid as it
 * was and shows in next year's organisation. A metric with figures cannot be deleted (the count).
 */
import type { ChannelOutput } from '../../src-shared/contract/channels';
import { cell, expect, test, webApi } from './fixtures';

test('add a person, move them, and 年度目标 shows them under the new team; a move dated next year keeps this year', async ({ page, host }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const api = webApi(page, host);
  const info = await api<{ planYear: number }>('workspace/get-info', {});
  const year = info.planYear;
  const tree = await api<ChannelOutput<'org/list-tree'>>('org/list-tree', {});
  const root = tree.units.find((u) => u.parentId === null)!;
  const byOrder = <T extends { sortOrder: number }>(list: T[]) => [...list].sort((a, b) => a.sortOrder - b.sortOrder);
  const branch = byOrder(tree.units.filter((u) => u.parentId === root.id))[0];
  const [teamB, teamA] = byOrder(tree.units.filter((u) => u.parentId === branch.id));
  // A team of another branch whose name is the only one of its kind (to pick it by name).
  const teamC = tree.units.find((u) => u.level === 'team' && u.parentId !== branch.id && tree.units.filter((v) => v.name === u.name).length === 1)!;
  const NAME = '新员工王一';

  await page.goto(`${host}/#/org`);
  await expect(page.getByTestId('org-page')).toContainText('年度计划按当年 1 月 1 日的组织汇总');
  await page.getByTestId(`org-node-${teamA.id}`).click();
  await expect(page.getByTestId('org-selected-name')).toHaveText(teamA.name);

  // Add: a 客户经理 joining team A on 1 December.
  await page.getByTestId('org-add-person').click();
  await page.getByTestId('org-name').fill(NAME);
  await page.getByTestId('org-date').fill(`${year}-12-01`);
  await page.getByTestId('org-date').press('Enter');
  await page.getByTestId('org-ok').click();
  await expect(page.getByText(`已保存：${NAME}`)).toBeVisible();
  const person = (await api<ChannelOutput<'org/list-history'>>('org/list-history', {})).people.find((p) => p.name === NAME)!;
  expect(person).toMatchObject({ unitId: teamA.id, activeFrom: `${year}-12-01`, role: '客户经理' });
  await expect(page.getByTestId(`org-node-${person.id}`)).toContainText(`${year}-12-01 起`);

  // Move: into team B from their first day (where they really started).
  await page.getByTestId(`org-node-${person.id}`).click();
  await page.getByTestId('org-move').click();
  await page.getByTestId('org-target').click();
  await page.keyboard.type(teamB.name);
  await page.locator(`.ant-select-tree-node-content-wrapper[title="${teamB.name}"]`).first().click();
  await page.getByTestId('org-date').fill(`${year}-12-01`);
  await page.getByTestId('org-date').press('Enter');
  await page.getByTestId('org-ok').click();
  await expect(page.getByText(`已保存：${NAME}`).last()).toBeVisible();
  await expect(page.getByTestId('org-selected-unit')).toContainText(teamB.name);

  // 年度目标: the person's row sits under team B, before team A.
  await page.goto(`${host}/#/targets`);
  const rowIndex = async (id: string) => Number(await page.locator(`.ag-row[row-id="${id}"]`).first().getAttribute('row-index'));
  await expect(page.locator(`.ag-row[row-id="${person.id}"]`).first()).toContainText(NAME);
  const [atB, atPerson, atA] = [await rowIndex(teamB.id), await rowIndex(person.id), await rowIndex(teamA.id)];
  expect(atB).toBeLessThan(atPerson);
  expect(atPerson).toBeLessThan(atA);

  // A move to team C effective next 1 January: this year's grid keeps them in team B; next year's org has them in C.
  await page.goto(`${host}/#/org`);
  await page.getByTestId(`org-node-${person.id}`).click();
  await page.getByTestId('org-move').click();
  await page.getByTestId('org-target').click();
  await page.keyboard.type(teamC.name);
  await page.locator(`.ant-select-tree-node-content-wrapper[title="${teamC.name}"]`).first().click();
  await expect(page.getByTestId('org-date')).toHaveValue(`${year + 1}-01-01`);
  await page.getByTestId('org-ok').click();
  await expect(page.getByTestId('org-history')).toContainText(`自 ${year + 1}-01-01 起：${teamC.name}`);
  await expect(page.getByTestId('org-history')).toContainText(`自 ${year}-12-01 起：${teamB.name}`);
  expect((await api<ChannelOutput<'org/list-tree'>>('org/list-tree', { year: year + 1 })).people.find((p) => p.id === person.id)?.unitId).toBe(teamC.id);
  expect((await api<ChannelOutput<'org/list-tree'>>('org/list-tree', { year })).people.find((p) => p.id === person.id)?.unitId).toBe(teamB.id);

  await page.goto(`${host}/#/targets`);
  await expect(page.locator(`.ag-row[row-id="${person.id}"]`).first()).toContainText(NAME);
  expect(await rowIndex(person.id)).toBeLessThan(await rowIndex(teamA.id));
  await page.screenshot({ path: test.info().outputPath('targets-after-moves.png') });
});

test('a metric with figures is not deleted: the refusal gives the count; a new metric shows in 年度目标', async ({ page, host }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(`${host}/#/org`);
  await page.getByRole('tab', { name: '指标' }).click();
  await page.getByTestId('metric-delete-revenue').click();
  await page.locator('.ant-popconfirm .ant-btn-primary').click();
  await expect(page.getByText(/该指标已有 [\d,]+ 个数据，不能删除/)).toBeVisible();

  await page.getByTestId('metric-add').click();
  await page.getByTestId('metric-name').fill('门店客流');
  await page.getByTestId('metric-code').fill('store_visits');
  await page.getByTestId('metric-unit').fill('人次');
  await page.getByTestId('metric-ok').click();
  await expect(page.getByText('已保存：门店客流')).toBeVisible();
  await expect(page.getByTestId('metrics-table')).toContainText('store_visits');
  await page.screenshot({ path: test.info().outputPath('metrics.png') });
});

test('a person who leaves during the year stays in 年度目标 with their figures, greyed and tagged with the day; the roll-up is unchanged', async ({
  page,
  host,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const api = webApi(page, host);
  const year = (await api<{ planYear: number }>('workspace/get-info', {})).planYear;
  const tree = await api<ChannelOutput<'org/list-tree'>>('org/list-tree', {});
  const person = tree.people.find((p) => tree.people.filter((q) => q.name === p.name).length === 1 && p.role === '销售员')!;
  const LEFT = `${year}-10-01`;

  await page.goto(`${host}/#/targets`);
  const row = page.locator(`.ag-row[row-id="${person.id}"]`).first();
  await expect(row).toContainText(person.name);
  const columns = ['m-revenue:basic', 'm-revenue:challenge', 'm-revenue:actual'];
  const read = (id: string) => Promise.all(columns.map((c) => cell(page, id, c).innerText()));
  const figures = await read(person.id);
  const teamFigures = await read(person.unitId);
  expect(figures.every((f) => f !== '')).toBe(true);
  await expect(row).not.toHaveClass(/pd-row-retired/);

  await page.goto(`${host}/#/org`);
  await page.getByTestId(`org-node-${person.id}`).click();
  await page.getByTestId('org-retire').click();
  await page.getByTestId('org-date').fill(LEFT);
  await page.getByTestId('org-date').press('Enter');
  await page.getByTestId('org-ok').click();
  await expect(page.getByTestId(`org-node-${person.id}`)).toContainText(`${LEFT} 离任`);

  await page.goto(`${host}/#/targets`);
  await expect(row).toHaveClass(/pd-row-retired/);
  await expect(row.getByTestId('retired-tag')).toHaveText(`${LEFT} 离任`);
  // Same figures, same roll-up: leaving keeps what they did this year.
  await expect(cell(page, person.id, 'm-revenue:basic')).toHaveText(figures[0]);
  expect(await read(person.id)).toEqual(figures);
  expect(await read(person.unitId)).toEqual(teamFigures);
  await page.screenshot({ path: test.info().outputPath('targets-retired.png') });
});
