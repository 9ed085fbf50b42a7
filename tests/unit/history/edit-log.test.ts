/**
 * Undo that survives a restart: every save on an editable grid is a step in the workspace's edit
 * log; undo puts back every row the save changed (every day of a spread), redo puts it forward,
 * across a close and reopen of the file, and a step changed again since is refused untouched.
 */
import { describe, expect, it } from 'vitest';
import { openWorkspace, type Workspace } from '../../../src-main/core/app';
import { createCaller } from '../../../src-main/core/dispatch';
import { refusalOf } from '../helpers/refusal';
import { AFTER_YEAR_END, FIXED_NOW, sampleWorkspacePerTest, testContext } from '../helpers/workspace';

const YEAR = FIXED_NOW.getFullYear();
const openSample = sampleWorkspacePerTest();
const openAfterYearEnd = sampleWorkspacePerTest({ now: AFTER_YEAR_END });

async function setup(open = openSample) {
  const ws = await open();
  const call = createCaller(ws);
  const tree = await call('org/list-tree', {});
  const events: string[] = [];
  for (const name of ['targets/changed', 'plan/changed', 'history/changed', 'strategy/changed'] as const) ws.events.on(name, () => events.push(name));
  return { ws, call, tree, events, company: tree.units.find((u) => u.parentId === null)!.id, person: tree.people[0].id };
}

/** Every row a user's edit can touch, in a stable order: what "exactly as before" means. */
function allRows(ws: Workspace) {
  return {
    days: ws.db.all(`SELECT * FROM plan_day_cell ORDER BY plan_year, metric_id, level, subject_id, day`),
    cells: ws.db.all(`SELECT * FROM target_cell ORDER BY plan_year, metric_id, subject_id, measure`),
    locks: ws.db.all(`SELECT * FROM plan_lock ORDER BY 1, 2, 3, 4, 5`),
    demand: ws.db.all(`SELECT * FROM demand_row ORDER BY 1, 2`),
    scores: ws.db.all(`SELECT * FROM customer_score ORDER BY 1, 2, 3`),
    history: ws.db.all(`SELECT * FROM strategy_history ORDER BY id`),
  };
}

describe('the edit log', () => {
  it('undoes a spread over the whole company, every day of it, and redoes it; the steps survive a restart', async () => {
    const { ws, call, company, events } = await setup();
    const before = allRows(ws);
    await call('plan/set-total', { year: YEAR, metricId: 'm-revenue', level: 'basic', subjectId: company, periodKey: 'total', text: '9000' });
    const after = allRows(ws);
    expect(after.days).not.toEqual(before.days);
    const state = await call('history/get', { grid: 'breakdown' });
    expect(state.undo).toMatchObject({ grid: 'breakdown', channel: 'plan/set-total', subjectName: '江城市分公司', periodKey: 'total' });
    // Every day whose value the spread changed, and only those.
    const key = (r: Record<string, unknown>) => `${r.plan_year}|${r.metric_id}|${r.level}|${r.subject_id}|${r.day}`;
    const old = new Map(before.days.map((r) => [key(r as Record<string, unknown>), (r as { value: number }).value]));
    const changed = after.days.filter((r) => old.get(key(r as Record<string, unknown>)) !== (r as { value: number }).value).length;
    expect(changed).toBeGreaterThan(1000);
    expect(state.undo!.rows).toBe(changed);
    expect(state.redo).toBeNull();

    // Closed and opened again, as after a restart.
    const file = ws.file;
    await ws.close();
    const reopened = await openWorkspace(file, { ctx: testContext() });
    try {
      const again = createCaller(reopened);
      const undone = await again('history/undo', { grid: 'breakdown' });
      expect(undone.done.id).toBe(state.undo!.id);
      expect(undone.undo).toBeNull();
      expect(undone.redo).toMatchObject({ id: state.undo!.id });
      expect(allRows(reopened)).toEqual(before);
      const company2 = await again('plan/get-grid', { year: YEAR, metricId: 'm-revenue', level: 'basic', grain: 'month' });
      expect(company2.rows[0].total).not.toBe(900000);

      await again('history/redo', { grid: 'breakdown' });
      expect(allRows(reopened)).toEqual(after);
      expect((await again('plan/get-grid', { year: YEAR, metricId: 'm-revenue', level: 'basic', grain: 'month' })).rows[0].total).toBe(900000);
    } finally {
      await reopened.close();
    }
    expect(events).toContain('history/changed');
  });

  it('keeps one history per grid; undo and redo of 年度目标 replay its events so every screen refetches', async () => {
    const { ws, call, person, events } = await setup();
    const before = allRows(ws);
    await call('targets/save-cells', { year: YEAR, changes: [{ metricId: 'm-revenue', subjectId: person, measure: 'basic', text: '321' }] });
    await call('targets/save-cells', { year: YEAR, changes: [{ metricId: 'm-revenue', subjectId: person, measure: 'lastYearActual', text: '12' }] });
    const middle = allRows(ws);
    expect((await call('history/get', { grid: 'breakdown' })).undo).toBeNull();
    events.length = 0;
    await call('history/undo', { grid: 'targets' });
    expect(events).toEqual(expect.arrayContaining(['targets/changed', 'history/changed']));
    await call('history/undo', { grid: 'targets' });
    expect(allRows(ws)).toEqual(before);
    expect((await refusalOf(call('history/undo', { grid: 'targets' }))).code).toBe('NOT_FOUND');
    await call('history/redo', { grid: 'targets' });
    await call('history/redo', { grid: 'targets' });
    expect(allRows(ws)).toEqual(middle);
    // A new save ends the redo branch.
    await call('history/undo', { grid: 'targets' });
    await call('targets/save-cells', { year: YEAR, changes: [{ metricId: 'm-revenue', subjectId: person, measure: 'challenge', text: '400' }] });
    expect((await call('history/get', { grid: 'targets' })).redo).toBeNull();
  });

  it('refuses to undo a step whose rows were changed since on another grid, and changes nothing', async () => {
    const { ws, call, person } = await setup();
    await call('targets/save-cells', { year: YEAR, changes: [{ metricId: 'm-revenue', subjectId: person, measure: 'basic', text: '321' }] });
    await call('plan/set-total', { year: YEAR, metricId: 'm-revenue', level: 'basic', subjectId: person, periodKey: `${YEAR}-03`, text: '5' });
    const now = allRows(ws);
    const error = await refusalOf(call('history/undo', { grid: 'targets' }));
    expect(error.code).toBe('CONFLICT');
    expect(error.details).toMatchObject({ grid: 'targets', direction: 'undo' });
    expect(allRows(ws)).toEqual(now);
    // Undoing the later step first makes the earlier one undoable again.
    await call('history/undo', { grid: 'breakdown' });
    await call('history/undo', { grid: 'targets' });
  });

  it('undoes a replaced daily actual back to the old value', async () => {
    const { ws, call, person } = await setup(openAfterYearEnd);
    const day = `${YEAR}-12-28`;
    const old = (await call('plan/get-grid', { year: YEAR, metricId: 'm-revenue', level: 'actual', grain: 'day' })).rows.find((r) => r.id === person)!.values[
      day
    ];
    const before = allRows(ws);
    await call('plan/set-total', { year: YEAR, metricId: 'm-revenue', level: 'actual', subjectId: person, periodKey: day, text: '8.88' });
    expect((await call('history/get', { grid: 'actuals' })).undo).toMatchObject({ channel: 'plan/set-total', periodKey: day, rows: 1 });
    await call('history/undo', { grid: 'actuals' });
    expect(allRows(ws)).toEqual(before);
    expect(
      (await call('plan/get-grid', { year: YEAR, metricId: 'm-revenue', level: 'actual', grain: 'day' })).rows.find((r) => r.id === person)!.values[day],
    ).toBe(old);
  });

  it('records nothing for a refused save', async () => {
    const { call, person } = await setup();
    await refusalOf(call('targets/save-cells', { year: YEAR, changes: [{ metricId: 'm-revenue', subjectId: person, measure: 'basic', text: 'abc' }] }));
    expect((await call('history/get', { grid: 'targets' })).undo).toBeNull();
  });

  it('undoes a strategy table row (with its change history) and a screening score', async () => {
    const { ws, call } = await setup();
    const yearMonth = `${YEAR}-11`;
    const month = await call('strategy/get-month', { yearMonth });
    const row = month.demandRows[0];
    const before = allRows(ws);
    await call('strategy/save-demand-row', {
      yearMonth,
      customerId: row.customerId,
      urgentPoint: '资金周转紧',
      demandPlan: row.demandPlan,
      potentialPlan: row.potentialPlan,
      guidedNeed: row.guidedNeed,
      products: row.products,
    });
    expect(allRows(ws).demand).not.toEqual(before.demand);
    await call('history/undo', { grid: 'strategy' });
    expect(allRows(ws)).toEqual(before);

    const screening = await call('screening/get-year', { year: YEAR });
    const target = screening.rows[0];
    const indicator = screening.indicators[0];
    await call('screening/save-scores', { year: YEAR, changes: [{ customerId: target.customerId, indicatorId: indicator.id, text: '37' }] });
    expect((await call('screening/get-year', { year: YEAR })).rows[0].scores[indicator.id]).toBe(37);
    await call('history/undo', { grid: 'screening' });
    expect(allRows(ws)).toEqual(before);
  });

  it('refuses, as a conflict and changing nothing, an undo that would bring back a row whose parent was deleted since', async () => {
    const { ws, call } = await setup();
    const yearMonth = `${YEAR}-11`;
    const row = (await call('strategy/get-month', { yearMonth })).demandRows[0];
    const productClass = (await call('dictionaries/list', { dictionary: 'product-class' }))[0];
    const product = await call('dictionaries/save-entry', { dictionary: 'product', parentId: productClass.id, name: '临时测试产品' });
    const save = (products: typeof row.products) =>
      call('strategy/save-demand-row', {
        yearMonth,
        customerId: row.customerId,
        urgentPoint: row.urgentPoint,
        demandPlan: row.demandPlan,
        potentialPlan: row.potentialPlan,
        guidedNeed: row.guidedNeed,
        products,
      });
    await save([{ productId: product.id, needKind: row.products[0]?.needKind ?? 'current' }]);
    await save([]);
    await call('dictionaries/delete-entry', { id: product.id });
    // Undoing the second save would bring back the match to the deleted product.
    const before = allRows(ws);
    const error = await refusalOf(call('history/undo', { grid: 'strategy' }));
    expect(error.code).toBe('CONFLICT');
    expect(allRows(ws)).toEqual(before);
  });

  it('records a lock on the grid it was toggled on, and its toggle, undo and redo each tell the grids to refetch', async () => {
    const { ws, call, person, events } = await setup();
    const lock = { year: YEAR, metricId: 'm-revenue', subjectId: person, periodKey: `${YEAR}-03` };
    const locks = () => ws.db.all(`SELECT level FROM plan_lock WHERE subject_id = ? AND period_key = ?`, person, `${YEAR}-03`);
    await call('plan/set-lock', { ...lock, level: 'actual', locked: true });
    expect(events).toEqual(['plan/changed', 'history/changed']);
    expect((await call('history/get', { grid: 'actuals' })).undo).toMatchObject({ channel: 'plan/set-lock' });
    expect((await call('history/get', { grid: 'breakdown' })).undo).toBeNull();
    await call('plan/set-lock', { ...lock, level: 'basic', locked: true });
    expect((await call('history/get', { grid: 'breakdown' })).undo).toMatchObject({ channel: 'plan/set-lock' });
    expect(locks()).toHaveLength(2);
    events.length = 0;
    await call('history/undo', { grid: 'actuals' });
    expect(events).toEqual(['plan/changed', 'history/changed']);
    expect(locks()).toEqual([{ level: 'basic' }]);
    events.length = 0;
    await call('history/redo', { grid: 'actuals' });
    expect(events).toEqual(['plan/changed', 'history/changed']);
    expect(locks()).toHaveLength(2);
  });

  it('refuses, naming the lock and changing nothing, an undo or redo that would change a figure locked since', async () => {
    const { ws, call, tree, person } = await setup();
    const name = tree.people[0].name;
    const march = { year: YEAR, metricId: 'm-revenue', level: 'basic' as const, subjectId: person, periodKey: `${YEAR}-03` };
    // 年度目标 rewrites the person's days (a step of the targets grid), then 目标分解 locks their March.
    await call('targets/save-cells', { year: YEAR, changes: [{ metricId: 'm-revenue', subjectId: person, measure: 'basic', text: '321' }] });
    await call('plan/set-lock', { ...march, locked: true });
    const now = allRows(ws);
    const undo = await refusalOf(call('history/undo', { grid: 'targets' }));
    expect(undo.code).toBe('CONFLICT');
    expect(undo.details).toMatchObject({
      direction: 'undo',
      reason: 'locked',
      locks: [{ subjectId: person, subjectName: name, periodKey: `${YEAR}-03`, periodLabel: { zh: '3月' } }],
    });
    expect(allRows(ws)).toEqual(now);
    // Unlocked, the undo goes ahead; locked again, the redo is refused the same way.
    await call('plan/set-lock', { ...march, locked: false });
    await call('history/undo', { grid: 'targets' });
    await call('plan/set-lock', { ...march, locked: true });
    const redo = await refusalOf(call('history/redo', { grid: 'targets' }));
    expect(redo.details).toMatchObject({ direction: 'redo', reason: 'locked' });
    expect(redo.message).toMatch(/^Cannot redo/);
  });

  it('refuses an undo that would change the figure of a unit whose period was locked since', async () => {
    const { ws, call, tree, person } = await setup();
    const team = tree.people[0].unitId;
    await call('targets/save-cells', { year: YEAR, changes: [{ metricId: 'm-revenue', subjectId: person, measure: 'basic', text: '321' }] });
    await call('plan/set-lock', { year: YEAR, metricId: 'm-revenue', level: 'basic', subjectId: team, periodKey: `${YEAR}-Q2`, locked: true });
    const now = allRows(ws);
    const error = await refusalOf(call('history/undo', { grid: 'targets' }));
    expect(error.details).toMatchObject({ reason: 'locked', locks: [{ subjectId: team, periodKey: `${YEAR}-Q2` }] });
    expect(allRows(ws)).toEqual(now);
    // A lock on the actuals of that quarter holds no plan figure.
    await call('plan/set-lock', { year: YEAR, metricId: 'm-revenue', level: 'basic', subjectId: team, periodKey: `${YEAR}-Q2`, locked: false });
    await call('plan/set-lock', { year: YEAR, metricId: 'm-revenue', level: 'actual', subjectId: team, periodKey: `${YEAR}-Q2`, locked: true });
    await call('history/undo', { grid: 'targets' });
  });

  it('an organisation change made while an import reads its file waits its turn: the import’s undo does not put it back', async () => {
    const { ws, call, tree } = await setup();
    const person = tree.people[0];
    const template = await call('targets/export-template', { year: YEAR });
    const importing = call('targets/import-template', { year: YEAR, base64: template.base64! });
    // Called while the import is still reading the file (its capture open).
    const renaming = new Promise((resolve) => setTimeout(resolve, 5)).then(() => call('org/save-person', { id: person.id, name: '改名后', role: person.role }));
    await Promise.all([importing, renaming]);
    const name = () => ws.db.scalar<string>(`SELECT name FROM person WHERE id = ?`, person.id);
    expect(name()).toBe('改名后');
    const history = await call('history/get', { grid: 'targets' });
    if (history.undo) await call('history/undo', { grid: 'targets' });
    expect(name()).toBe('改名后');
  });
});
