/**
 * 促销活动, 服务工作 and 人员安排 through dispatch on the sample: a promotion's basic sales equal the
 * split's store days over its dates (after a target change too), the checks that refuse a
 * promotion, a task or a staffing change writing nothing, overdue tasks by the clock, and the days
 * short of the planned headcount with the own staff, support and promoters that make them up.
 */
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { REPORTS } from '../../../src-main/core/app';
import { createCaller } from '../../../src-main/core/dispatch';
import type { TableSection } from '../../../src-shared/reports/report-model';
import { sampleWorkspacePerTest } from '../helpers/workspace';
import { refusalOf } from '../helpers/refusal';

const openSample = sampleWorkspacePerTest();
const SEASON = 2027;

async function setUp() {
  const ws = await openSample();
  const call = createCaller(ws);
  const roster = await call('holiday/get-roster', { season: SEASON });
  const [central, east, west] = roster.stores;
  return { ws, call, central, east, west };
}

/** The split's store rows summed over the days from `first` to `last`: what 目标分解 shows. */
async function splitSales(call: ReturnType<typeof createCaller>, season: number, storeIds: string[], first: string, last: string) {
  const split = await call('holiday/get-split', { season, level: 'basic' });
  let sum = 0;
  for (const row of split.rows.filter((r) => r.kind === 'store' && storeIds.includes(r.id)))
    split.days.forEach((d, i) => {
      if (d.day >= first && d.day <= last) sum += row.values[i];
    });
  return sum;
}

describe('promotions', () => {
  it('lists the sample’s promotions by first day, their basic sales read from the split', async () => {
    const { call, central, east, west } = await setUp();
    const { promotions } = await call('holiday/list-promotions', { season: SEASON });
    expect(promotions.map((p) => [p.name, p.firstDay, p.lastDay, p.storeNames])).toEqual([
      ['元旦迎新特惠', '2026-12-30', '2027-01-02', ['中心店', '东湖店']],
      ['年货节：粮油礼盒满减', '2027-01-22', '2027-02-05', ['中心店', '东湖店', '西岭店']],
      ['元宵节汤圆节令促销', '2027-02-16', '2027-02-20', ['西岭店']],
    ]);
    // The coming season is not split yet: nothing to lift.
    expect(promotions.map((p) => p.baseSales)).toEqual([0, 0, 0]);

    await call('holiday/targets-from-last-year', { season: SEASON, basicGrowthBp: 800, challengeGrowthBp: 1500 });
    for (const store of [central, east, west])
      await call('holiday/split', { season: SEASON, level: 'basic', subjectId: store.id, orgMethod: 'last-year', dayMethod: 'last-year' });
    const split = (await call('holiday/list-promotions', { season: SEASON })).promotions;
    for (const p of split) {
      const expected = await splitSales(call, SEASON, p.storeIds, p.firstDay, p.lastDay);
      expect(expected).toBeGreaterThan(0);
      expect(p.baseSales).toBe(expected);
      expect(p.expectedLift).toBe(Math.round((expected * p.liftBp) / 10_000));
    }

    // A target raised on 销售目标 re-spreads the split, and the promotion follows it.
    const targets = await call('holiday/get-targets', { season: SEASON });
    const row = targets.rows.find((r) => r.storeId === central.id)!;
    await call('holiday/save-targets', { season: SEASON, changes: [{ storeId: central.id, categoryId: row.categoryId, basic: row.basic! + 100_000 }] });
    const newYear = (await call('holiday/list-promotions', { season: SEASON })).promotions[0];
    expect(newYear.baseSales).toBe(await splitSales(call, SEASON, newYear.storeIds, newYear.firstDay, newYear.lastDay));
    expect(newYear.baseSales).toBeGreaterThan(split[0].baseSales);
  });

  it('last season’s 年货节 reads last season’s split', async () => {
    const { call } = await setUp();
    const [fair] = (await call('holiday/list-promotions', { season: 2026 })).promotions;
    expect(fair.name).toBe('年货节：粮油礼盒满减');
    expect(fair.baseSales).toBe(await splitSales(call, 2026, fair.storeIds, fair.firstDay, fair.lastDay));
    expect(fair.baseSales).toBeGreaterThan(1_000_000);
  });

  it('adds, changes and deletes a promotion, and refuses dates outside the window, reversed dates and unknown stores', async () => {
    const { ws, call, central, west } = await setUp();
    const promotion = {
      name: '小年特卖',
      firstDay: '2027-01-30',
      lastDay: '2027-01-31',
      storeIds: [west.id, central.id],
      budget: 5000,
      liftBp: 1000,
      owner: '孙丽',
    };
    const saved = await call('holiday/save-promotion', { season: SEASON, promotion });
    expect(saved.storeNames).toEqual(['中心店', '西岭店']);
    const changed = await call('holiday/save-promotion', { season: SEASON, promotion: { ...promotion, id: saved.id, budget: 6000 } });
    expect(changed.budget).toBe(6000);
    expect((await call('holiday/list-promotions', { season: SEASON })).promotions).toHaveLength(4);

    const before = ws.db.all(`SELECT * FROM holiday_promotion ORDER BY id`);
    const refused = async (p: typeof promotion) => (await refusalOf(call('holiday/save-promotion', { season: SEASON, promotion: p }))).details;
    expect(await refused({ ...promotion, lastDay: '2027-02-21' })).toMatchObject({
      reason: 'promotion-outside-window',
      zh: expect.stringContaining('2027-02-20'),
    });
    expect(await refused({ ...promotion, firstDay: '2027-02-01' })).toMatchObject({ reason: 'first-after-last' });
    expect(await refused({ ...promotion, storeIds: ['u-nope'] })).toMatchObject({ reason: 'unknown-store' });
    expect(await refused({ ...promotion, storeIds: [west.id, west.id] })).toMatchObject({ reason: 'store-twice' });
    expect(ws.db.all(`SELECT * FROM holiday_promotion ORDER BY id`)).toEqual(before);

    expect(await call('holiday/delete-promotion', { season: SEASON, id: saved.id })).toEqual({ deleted: true });
    expect(ws.db.scalar(`SELECT COUNT(*) FROM holiday_promotion_store WHERE promotion_id = ?`, saved.id)).toBe(0);
    expect((await refusalOf(call('holiday/delete-promotion', { season: SEASON, id: saved.id }))).code).toBe('NOT_FOUND');
  });
});

describe('service tasks', () => {
  it('marks a task overdue when it is not done after its deadline (the clock: 2026-11-26)', async () => {
    const { call } = await setUp();
    const { tasks } = await call('holiday/list-service-tasks', { season: SEASON });
    expect(tasks.map((t) => [t.title, t.deadline, t.status, t.overdue])).toEqual([
      ['价签与促销标识核对', '2026-11-23', 'done', false],
      ['促销员岗前培训', '2026-11-25', 'doing', true],
      ['卖场规范与商品陈列', '2026-12-27', 'doing', false],
      ['消防与安全通道清理', '2026-12-29', 'todo', false],
      ['停车位与购物车管理', '2027-01-25', 'todo', false],
      ['收银台增开与排队疏导', '2027-01-27', 'todo', false],
    ]);
    expect(tasks.find((t) => t.title === '停车位与购物车管理')!.storeName).toBe('东湖店');
    expect(tasks[0].storeName).toBeNull();

    const late = tasks[1];
    const done = await call('holiday/save-service-task', { season: SEASON, task: { ...late, status: 'done' } });
    expect(done.overdue).toBe(false);
  });

  it('refuses a deadline after the window and an unknown task, writing nothing', async () => {
    const { ws, call } = await setUp();
    const before = ws.db.all(`SELECT * FROM holiday_service_task ORDER BY id`);
    const task = { title: '通道清理', storeId: null, owner: '孙丽', deadline: '2027-02-21', status: 'todo' as const };
    expect((await refusalOf(call('holiday/save-service-task', { season: SEASON, task }))).details).toMatchObject({ reason: 'deadline-after-window' });
    expect((await refusalOf(call('holiday/save-service-task', { season: SEASON, task: { ...task, deadline: '2027-02-01', id: 'st-nope' } }))).code).toBe(
      'NOT_FOUND',
    );
    expect((await refusalOf(call('holiday/save-service-task', { season: SEASON, task: { ...task, owner: ' ' } }))).code).toBe('INVALID_INPUT');
    expect(ws.db.all(`SELECT * FROM holiday_service_task ORDER BY id`)).toEqual(before);
  });
});

describe('staffing', () => {
  it('counts own staff, support and promoters against the plan, and lists the days short', async () => {
    const { call, central, east } = await setUp();
    const staffing = await call('holiday/get-staffing', { season: SEASON, storeId: central.id });
    // 中心店: its manager and ten in three 班组.
    expect(staffing.ownStaff).toBe(11);
    expect(staffing.rows).toHaveLength(staffing.days.length);
    const day = (d: string) => staffing.rows.find((r) => r.day === d)!;
    // 2027-01-27, ten days before 除夕 (2027-02-05): 11 + 2 support + 1 + 2 + 1 promoters = 17 of 17.
    expect(day('2027-01-27')).toMatchObject({ planned: 17, support: 2, onHand: 17, short: 0 });
    expect(Object.fromEntries(day('2027-01-27').promoters.map((p) => [p.supplier, p.count]))).toEqual({ 江城粮油批发: 1, 金穗油脂: 2, 惠农肉联厂: 1 });
    // The last two days before the festival, 惠农肉联厂 sends nobody.
    expect(day('2027-02-05')).toMatchObject({ planned: 17, onHand: 16, short: 1 });
    // A day without a plan is never short.
    expect(day('2027-01-10')).toMatchObject({ planned: null, onHand: 11, short: 0 });
    // A column for each supplier with promoters; those delivering to the store are offered.
    expect([...staffing.suppliers].sort()).toEqual(['惠农肉联厂', '江城粮油批发', '金穗油脂'].sort());
    expect(staffing.offeredSuppliers).toContain('江城水产市场');
    expect(staffing.offeredSuppliers).not.toContain('金穗油脂');

    const { shortages } = await call('holiday/list-staffing-shortages', { season: SEASON });
    expect(shortages.map((s) => [s.storeName, s.day, s.planned, s.onHand, s.short])).toEqual([
      ['中心店', '2027-02-04', 17, 16, 1],
      ['中心店', '2027-02-05', 17, 16, 1],
      ['东湖店', '2027-01-01', 15, 13, 2],
    ]);

    // Two promoters from a new supplier fill 中心店's 除夕; back-office support fills 东湖店's 元旦.
    await call('holiday/save-staffing', {
      season: SEASON,
      storeId: central.id,
      changes: [{ day: '2027-02-05', promoters: { supplier: '南方果业', count: 1 } }],
    });
    await call('holiday/save-staffing', { season: SEASON, storeId: east.id, changes: [{ day: '2027-01-01', support: 2 }] });
    const after = await call('holiday/list-staffing-shortages', { season: SEASON });
    expect(after.shortages.map((s) => [s.storeName, s.day])).toEqual([['中心店', '2027-02-04']]);
    expect((await call('holiday/get-staffing', { season: SEASON, storeId: central.id })).suppliers).toContain('南方果业');

    // Clearing a plan and its support removes the day's row; 0 promoters removes the supplier's.
    await call('holiday/save-staffing', {
      season: SEASON,
      storeId: central.id,
      changes: [
        { day: '2027-02-04', planned: null, support: 0 },
        { day: '2027-02-04', promoters: { supplier: '金穗油脂', count: 0 } },
      ],
    });
    const cleared = (await call('holiday/get-staffing', { season: SEASON, storeId: central.id })).rows.find((r) => r.day === '2027-02-04')!;
    expect(cleared).toMatchObject({ planned: null, support: 0, short: 0 });
    // 惠农肉联厂 sent nobody that day already.
    expect(cleared.promoters.map((p) => p.supplier)).toEqual(['江城粮油批发']);
  });

  it('refuses a day outside the window and an unknown store, writing nothing; a save is one undo step', async () => {
    const { ws, call, central } = await setUp();
    const before = ws.db.all(`SELECT * FROM holiday_staffing ORDER BY 1, 2, 3`);
    const refusal = await refusalOf(
      call('holiday/save-staffing', {
        season: SEASON,
        storeId: central.id,
        changes: [
          { day: '2027-01-10', planned: 20 },
          { day: '2027-03-01', planned: 20 },
        ],
      }),
    );
    expect(refusal.code).toBe('INVALID_CELLS');
    expect(refusal.details).toMatchObject({ refusals: [{ index: 1, reason: 'outside-window' }] });
    expect((await refusalOf(call('holiday/get-staffing', { season: SEASON, storeId: 'u-nope' }))).details).toMatchObject({ reason: 'unknown-store' });
    expect(ws.db.all(`SELECT * FROM holiday_staffing ORDER BY 1, 2, 3`)).toEqual(before);

    await call('holiday/save-staffing', { season: SEASON, storeId: central.id, changes: [{ day: '2027-01-10', planned: 20 }] });
    expect((await call('holiday/list-staffing-shortages', { season: SEASON })).shortages.some((s) => s.day === '2027-01-10')).toBe(true);
    await call('history/undo', { grid: 'holiday' });
    expect(ws.db.all(`SELECT * FROM holiday_staffing ORDER BY 1, 2, 3`)).toEqual(before);
  });
});

describe('the printed 促销、服务与人员安排', () => {
  it('prints the screens’ promotions, tasks and shortages, and the XLSX carries the same figures', async () => {
    const { ws, call } = await setUp();
    const { promotions } = await call('holiday/list-promotions', { season: 2026 });
    const report = await REPORTS['holiday-operations'].build(ws, { year: 2026 });
    expect(report.title).toBe('2026 年两节促销、服务与人员安排');
    const coming = await REPORTS['holiday-operations'].build(ws, { year: SEASON });
    const [promotionTable, taskTable, shortageTable] = coming.sections.filter((s): s is TableSection => s.kind === 'table');
    const { tasks } = await call('holiday/list-service-tasks', { season: SEASON });
    expect(taskTable.rows.map((r) => r.cells.status)).toEqual(
      tasks.map((t) => (t.overdue ? '进行中（逾期）' : { todo: '未开始', doing: '进行中', done: '已完成' }[t.status])),
    );
    expect(shortageTable.rows.map((r) => [r.cells.store, r.cells.day, r.cells.short])).toEqual([
      ['中心店', '2027-02-04', 1],
      ['中心店', '2027-02-05', 1],
      ['东湖店', '2027-01-01', 2],
    ]);
    expect(promotionTable.rows.at(-1)!.cells.budget).toBe(86_000);

    const last = (report.sections[0] as TableSection).rows;
    expect(last[0].cells.baseSales).toBe(promotions[0].baseSales);
    const exported = await call('reports/export', { report: 'holiday-operations', format: 'xlsx', jobId: 'job-ops', year: 2026 });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(exported.base64!, 'base64') as never);
    const row = book.worksheets[0].getRows(1, 40)!.find((r) => r.getCell(1).text === promotions[0].name)!;
    expect(Number(row.getCell(6).value)).toBe(promotions[0].baseSales);
    expect(Number(row.getCell(7).value)).toBe(promotions[0].expectedLift);
  });
});
