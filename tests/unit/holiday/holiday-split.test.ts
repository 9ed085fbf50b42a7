/**
 * The holiday split through dispatch, on a store built for the purpose (one 班组, two employees)
 * with figures computed by hand: a store's target spread by last season's actuals and its
 * lunar-aligned daily pattern, evenly, locks kept, a typed total held under its parent, a target
 * change followed in the same shape, and refusals that write nothing.
 */
import { describe, expect, it } from 'vitest';
import { createCaller } from '../../../src-main/core/dispatch';
import type { Workspace } from '../../../src-main/core/app';
import { defaultWindow, lastYearWindow, windowDays } from '../../../src-shared/domain/holiday-season';
import { sampleWorkspacePerTest } from '../helpers/workspace';
import { refusalOf } from '../helpers/refusal';

const openSample = sampleWorkspacePerTest();
const SEASON = 2027;

async function smallStore(ws: Workspace) {
  const call = createCaller(ws);
  const arm = (await call('org/list-history', {})).units.find((u) => u.name === '惠民超市')!;
  const { id: storeId } = await call('org/add-unit', { parentId: arm.id, level: 'store', name: '试点店', effectiveFrom: '2025-01-01' });
  const { id: crewId } = await call('org/add-unit', { parentId: storeId, level: 'crew', name: '试点组', effectiveFrom: '2025-01-01' });
  const { id: a } = await call('org/add-person', { unitId: crewId, name: '甲', role: '营业员', effectiveFrom: '2025-01-01' });
  const { id: b } = await call('org/add-person', { unitId: crewId, name: '乙', role: '营业员', effectiveFrom: '2025-01-01' });
  const categoryId = (await call('holiday/list-categories', {}))[0].id;
  // Last season: the store sold 300 on 腊月二十 (2026-02-07) and 100 on 除夕 (2026-02-16);
  // 甲 was credited 300, 乙 100.
  for (const [day, amount] of [
    ['2026-02-07', 300],
    ['2026-02-16', 100],
  ] as const)
    ws.db.run(`INSERT INTO holiday_category_sales (store_id, category_id, day, amount, quantity) VALUES (?, ?, ?, ?, 1)`, storeId, categoryId, day, amount);
  ws.db.run(
    `INSERT INTO holiday_day_cell (season, level, person_id, day, value) VALUES (2026, 'actual', ?, '2026-02-07', 300), (2026, 'actual', ?, '2026-02-16', 100)`,
    a,
    b,
  );
  await call('holiday/save-targets', { season: SEASON, changes: [{ storeId, categoryId, basic: 1000 }] });
  return { call, storeId, crewId, a, b, categoryId };
}

const DAYS = 65;

async function rowsOf(call: ReturnType<typeof createCaller>) {
  const split = await call('holiday/get-split', { season: SEASON, level: 'basic' });
  const at = (day: string) => split.days.findIndex((d) => d.day === day);
  const row = (id: string) => split.rows.find((r) => r.id === id)!;
  return { split, at, row };
}

describe('the holiday split', () => {
  it('by last season: 甲 750 and 乙 250 of 1,000; each over 腊月二十 and 除夕 at 3 : 1', async () => {
    const { call, storeId, crewId, a, b } = await smallStore(await openSample());
    await call('holiday/split', { season: SEASON, level: 'basic', subjectId: storeId, orgMethod: 'last-year', dayMethod: 'last-year' });
    const { split, at, row } = await rowsOf(call);
    expect(split.days).toHaveLength(DAYS);
    expect(split.days[at('2027-01-27')]).toMatchObject({ lunar: '腊月二十', mark: null });
    expect(split.days[at('2027-02-05')]).toMatchObject({ lunar: '腊月廿九', mark: '除夕' });
    expect(row(storeId)).toMatchObject({ kind: 'store', target: 1000, total: 1000 });
    expect(row(crewId).total).toBe(1000);
    expect(row(a).total).toBe(750);
    expect(row(b).total).toBe(250);
    // 750 × 3/4 = 562.5 → 563 (largest remainder, ties by key: 2027-01-27 first), 187; 250 → 187.5/62.5 → 188, 62.
    expect([row(a).values[at('2027-01-27')], row(a).values[at('2027-02-05')]]).toEqual([563, 187]);
    expect([row(b).values[at('2027-01-27')], row(b).values[at('2027-02-05')]]).toEqual([188, 62]);
    expect(row(a).values.reduce((x, y) => x + y, 0)).toBe(750);
    expect(row(storeId).values[at('2027-01-27')]).toBe(563 + 188);
  });

  it('evenly: 500 each, over 65 days (45 days of 8, 20 of 7)', async () => {
    const { call, storeId, a } = await smallStore(await openSample());
    await call('holiday/split', { season: SEASON, level: 'basic', subjectId: storeId, orgMethod: 'even', dayMethod: 'even' });
    const { row } = await rowsOf(call);
    expect(row(a).total).toBe(500);
    expect(row(a).values.filter((v) => v === 8)).toHaveLength(45);
    expect(row(a).values.filter((v) => v === 7)).toHaveLength(20);
  });

  it('a lock holds through a target change; the split follows the new target in its shape', async () => {
    const ws = await openSample();
    const { call, storeId, a, b, categoryId } = await smallStore(ws);
    await call('holiday/split', { season: SEASON, level: 'basic', subjectId: storeId, orgMethod: 'last-year', dayMethod: 'last-year' });
    await call('holiday/set-lock', { season: SEASON, level: 'basic', subjectId: b, locked: true });
    await call('holiday/save-targets', { season: SEASON, changes: [{ storeId, categoryId, basic: 1200 }] });
    const { row, at } = await rowsOf(call);
    expect(row(storeId)).toMatchObject({ target: 1200, total: 1200 });
    expect(row(b)).toMatchObject({ total: 250, locked: true });
    expect(row(a).total).toBe(950);
    // 甲's days keep their 3 : 1 shape: 950 → 712.5/237.5 → 713, 237.
    expect([row(a).values[at('2027-01-27')], row(a).values[at('2027-02-05')]]).toEqual([713, 237]);

    // A target below the lock is refused, nothing written (the target included).
    const before = ws.db.all(`SELECT * FROM holiday_day_cell WHERE season = 2027 ORDER BY 1, 2, 3, 4`);
    const error = await refusalOf(call('holiday/save-targets', { season: SEASON, changes: [{ storeId, categoryId, basic: 200 }] }));
    expect(error.code).toBe('SPLIT_REFUSED');
    expect(error.details).toMatchObject({ reason: 'total-below-locked', lockedSum: 250, locked: ['乙'] });
    expect(ws.db.all(`SELECT * FROM holiday_day_cell WHERE season = 2027 ORDER BY 1, 2, 3, 4`)).toEqual(before);
    expect((await call('holiday/get-targets', { season: SEASON })).rows.find((r) => r.storeId === storeId)!.basic).toBe(1200);
  });

  it('a total typed below the store is held: its sibling absorbs the rest, the store keeps its target', async () => {
    const { call, storeId, a, b } = await smallStore(await openSample());
    await call('holiday/split', { season: SEASON, level: 'basic', subjectId: storeId, orgMethod: 'last-year', dayMethod: 'last-year' });
    await call('holiday/split', { season: SEASON, level: 'basic', subjectId: a, total: 600, orgMethod: 'last-year', dayMethod: 'last-year' });
    let { row } = await rowsOf(call);
    expect([row(a).total, row(b).total, row(storeId).total]).toEqual([600, 400, 1000]);

    // With 乙 locked, 甲 cannot change alone: refused, named.
    await call('holiday/set-lock', { season: SEASON, level: 'basic', subjectId: b, locked: true });
    const error = await refusalOf(
      call('holiday/split', { season: SEASON, level: 'basic', subjectId: a, total: 700, orgMethod: 'last-year', dayMethod: 'last-year' }),
    );
    expect(error.code).toBe('SPLIT_REFUSED');
    expect(error.details).toMatchObject({ reason: 'all-locked', lockedSum: 400, locked: ['乙'] });
    expect((error.details as { zh: string }).zh).toContain('其余成员均已锁定（乙），合计须为 400 元');
    ({ row } = await rowsOf(call));
    expect([row(a).total, row(b).total]).toEqual([600, 400]);
    // More than the store: refused.
    await call('holiday/set-lock', { season: SEASON, level: 'basic', subjectId: b, locked: false });
    expect(
      (await refusalOf(call('holiday/split', { season: SEASON, level: 'basic', subjectId: a, total: 1001, orgMethod: 'even', dayMethod: 'even' }))).details,
    ).toMatchObject({
      reason: 'above-parent',
    });
  });

  it('a 班组 nobody is in takes no share and does not stop its store’s split', async () => {
    const { call, storeId, crewId, a } = await smallStore(await openSample());
    const { id: empty } = await call('org/add-unit', { parentId: storeId, level: 'crew', name: '空组', effectiveFrom: '2025-01-01' });
    await call('holiday/split', { season: SEASON, level: 'basic', subjectId: storeId, orgMethod: 'even', dayMethod: 'even' });
    const { row } = await rowsOf(call);
    expect([row(storeId).total, row(crewId).total, row(empty).total, row(a).total]).toEqual([1000, 1000, 0, 500]);
  });

  it('refuses a store without a target, a total typed on a store, and an unknown subject', async () => {
    const ws = await openSample();
    const { call, storeId, categoryId } = await smallStore(ws);
    await call('holiday/save-targets', { season: SEASON, changes: [{ storeId, categoryId, basic: null }] });
    const base = { season: SEASON, level: 'basic' as const, orgMethod: 'even' as const, dayMethod: 'even' as const };
    expect((await refusalOf(call('holiday/split', { ...base, subjectId: storeId }))).details).toMatchObject({ reason: 'no-target' });
    expect((await refusalOf(call('holiday/split', { ...base, subjectId: storeId, total: 5 }))).details).toMatchObject({ reason: 'store-total' });
    expect((await refusalOf(call('holiday/split', { ...base, subjectId: 'p-nobody' }))).code).toBe('NOT_FOUND');
    expect(ws.db.scalar<number>(`SELECT COUNT(*) FROM holiday_day_cell WHERE season = 2027`)).toBe(0);
  });

  it('the sample: last season’s actuals per employee add up to the tills’ sales by category, store by store and day by day', async () => {
    const ws = await openSample();
    const mismatches = ws.db.all(
      `SELECT s.store_id, s.day, s.amount, c.amount AS credited FROM
         (SELECT store_id, day, SUM(amount) AS amount FROM holiday_category_sales GROUP BY store_id, day) s
       LEFT JOIN (SELECT u.parent_id AS store_id, d.day, SUM(d.value) AS amount FROM holiday_day_cell d JOIN person p ON p.id = d.person_id JOIN org_unit u ON u.id = p.unit_id WHERE d.level = 'actual' GROUP BY u.parent_id, d.day) c
         ON c.store_id = s.store_id AND c.day = s.day
       WHERE c.amount IS NULL OR c.amount <> s.amount`,
    );
    expect(mismatches).toEqual([]);
    // Two winters, each its window and the days the next season's window matches by lunar date:
    // 2026's window starts on 2025-12-18 (十月廿九), which matches 2024-11-29, before 2025's window.
    expect(lastYearWindow(defaultWindow(2026)).firstDay).toBe('2024-11-29');
    const span = (season: number) => {
      const own = defaultWindow(season);
      const next = lastYearWindow(defaultWindow(season + 1));
      return windowDays({ firstDay: [own.firstDay, next.firstDay].sort()[0], lastDay: [own.lastDay, next.lastDay].sort()[1] }).length;
    };
    const days = span(2025) + span(2026);
    expect(ws.db.scalar<number>(`SELECT COUNT(DISTINCT day) FROM holiday_category_sales`)).toBe(days);
  });
});
