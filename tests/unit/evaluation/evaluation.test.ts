/**
 * 绩效考核 on the sample workspace, through dispatch: the plan's two items equal 目标分解's and
 * 进度跟踪's figures after a spread, a typed month scored by the scheme's rules, a quarter adding
 * its months up, the total and ranks, a scheme change rescoring, refusals leaving everything as it
 * was, undo, and the printed report agreeing with the sheet.
 */
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { REPORTS } from '../../../src-main/core/app';
import { createCaller } from '../../../src-main/core/dispatch';
import type { EvaluationSheet } from '../../../src-shared/contract/channels';
import { competitionRanks, DEFAULT_ITEM_RULES, itemScore, ITEM_BY_KEY, monthsOfPeriod, periodValue } from '../../../src-shared/domain/evaluation';
import type { TableSection } from '../../../src-shared/reports/report-model';
import { sampleWorkspacePerTest } from '../helpers/workspace';

const openSample = sampleWorkspacePerTest();
const YEAR = 2026;
const MONTH = '2026-10';

async function setUp() {
  const ws = await openSample();
  const call = createCaller(ws);
  const sheet = await call('evaluation/get-sheet', { year: YEAR, period: MONTH });
  return { ws, call, sheet };
}

const rowOf = (sheet: EvaluationSheet, personId: string) => sheet.rows.find((r) => r.personId === personId)!;

describe('evaluation rules', () => {
  it('scores attainment capped, deductions down to 0, grades of 100, and ranks ties together', () => {
    const rule = (key: string) => DEFAULT_ITEM_RULES.find((r) => r.key === key)!;
    const item = (key: string) => ITEM_BY_KEY.get(key as never)!;
    // 4 new customers a month for 10 points: 3 → 7.5, 6 → capped at 120% → 12.
    expect(itemScore(item('newCustomers'), rule('newCustomers'), 30, 40)).toBe(75);
    expect(itemScore(item('newCustomers'), rule('newCustomers'), 60, 40)).toBe(120);
    // 2.5 points off each lost customer from 5: 1 → 2.5, 3 → 0, never below.
    expect(itemScore(item('lostCustomers'), rule('lostCustomers'), 10, null)).toBe(25);
    expect(itemScore(item('lostCustomers'), rule('lostCustomers'), 30, null)).toBe(0);
    expect(itemScore(item('discipline'), rule('discipline'), 800, null)).toBe(40);
    expect(itemScore(item('salesTarget'), rule('salesTarget'), 100, 100)).toBeNull();
    expect(competitionRanks([900, 950, 900, 800])).toEqual([2, 1, 2, 4]);
    expect(monthsOfPeriod('2026-Q4')).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(periodValue(item('customerVisits'), [100, null, 250])).toBe(350);
    expect(periodValue(item('discipline'), [800, null, 900])).toBe(850);
  });
});

describe('the evaluation sheet', () => {
  it('reads 原计划销售指标 and 实际完成销量 from the plan, also after a spread in 目标分解', async () => {
    const { call, sheet } = await setUp();
    const person = sheet.rows[1];
    const grids = async () =>
      Promise.all(
        ['basic', 'actual'].map((level) => call('plan/get-grid', { year: YEAR, metricId: 'm-revenue', level: level as 'basic' | 'actual', grain: 'month' })),
      );
    const [basic, actual] = await grids();
    expect(person.values.salesTarget).toBe(basic.rows.find((r) => r.id === person.personId)!.values[MONTH]);
    expect(person.values.salesActual).toBe(actual.rows.find((r) => r.id === person.personId)!.values[MONTH]);
    expect(person.values.salesTarget).toBeGreaterThan(0);

    await call('plan/set-total', { year: YEAR, metricId: 'm-revenue', level: 'basic', subjectId: person.personId, periodKey: MONTH, text: '25' });
    const after = rowOf(await call('evaluation/get-sheet', { year: YEAR, period: MONTH }), person.personId);
    const [basicAfter] = await grids();
    expect(after.values.salesTarget).toBe(2500);
    expect(basicAfter.rows.find((r) => r.id === person.personId)!.values[MONTH]).toBe(2500);
    // 实际完成销量's score follows the new target: actual ÷ 25 万元 × 30 points, at most 120%.
    const expected = Math.round(300 * Math.min(person.values.salesActual! / 2500, 1.2));
    expect(after.scores.salesActual).toBe(expected);
    expect(after.salesRate).toBeCloseTo(person.values.salesActual! / 2500, 10);
  });

  it('scores a typed month by the scheme, totals every item and ranks by the total', async () => {
    const { call, sheet } = await setUp();
    const person = sheet.rows[0];
    await call('evaluation/save-entries', {
      month: MONTH,
      changes: [
        { personId: person.personId, item: 'newCustomers', value: 20 },
        { personId: person.personId, item: 'lostCustomers', value: 30 },
        { personId: person.personId, item: 'discipline', value: 600 },
        { personId: person.personId, item: 'planReportRate', value: null },
      ],
    });
    const after = await call('evaluation/get-sheet', { year: YEAR, period: MONTH });
    const row = rowOf(after, person.personId);
    expect(row.values.newCustomers).toBe(20);
    expect(row.scores.newCustomers).toBe(50); // 2 of 4 → half of 10 points
    expect(row.scores.lostCustomers).toBe(0); // 3 × 2.5 > 5
    expect(row.scores.discipline).toBe(30); // 60 of 100 × 5
    expect(row.values.planReportRate).toBeNull();
    expect(row.scores.planReportRate).toBeNull();
    expect(row.total).toBe(Object.values(row.scores).reduce((a: number, s) => a + (s ?? 0), 0));
    const byRank = [...after.rows].sort((a, b) => a.rank - b.rank);
    for (let i = 1; i < byRank.length; i++) expect(byRank[i].total).toBeLessThanOrEqual(byRank[i - 1].total);
    expect(after.rows.filter((r) => r.rank === 1).every((r) => r.total === Math.max(...after.rows.map((x) => x.total)))).toBe(true);
  });

  it('adds a quarter up from its months: counts summed, grades averaged, plan figures the quarter’s', async () => {
    const { call, sheet } = await setUp();
    const personId = sheet.rows[2].personId;
    const months = await Promise.all(['2026-07', '2026-08', '2026-09'].map((period) => call('evaluation/get-sheet', { year: YEAR, period })));
    const quarter = await call('evaluation/get-sheet', { year: YEAR, period: '2026-Q3' });
    const q = rowOf(quarter, personId);
    const m = months.map((s) => rowOf(s, personId));
    expect(quarter.editable).toBe(false);
    expect(q.values.customerVisits).toBe(m.reduce((a, r) => a + r.values.customerVisits!, 0));
    expect(q.values.discipline).toBe(Math.round(m.reduce((a, r) => a + r.values.discipline!, 0) / 3));
    expect(q.values.salesTarget).toBe(m.reduce((a, r) => a + r.values.salesTarget!, 0));
    // The count's target is the month's × 3.
    expect(quarter.items.find((i) => i.key === 'customerVisits')!.periodTarget).toBe(600);
    const grid = await call('plan/get-grid', { year: YEAR, metricId: 'm-revenue', level: 'basic', grain: 'quarter' });
    expect(q.values.salesTarget).toBe(grid.rows.find((r) => r.id === personId)!.values['2026-Q3']);
  });

  it('scores a year in progress against the months so far: targets, counts’ targets and plan figures through November', async () => {
    const { call, sheet } = await setUp();
    const personId = sheet.rows[0].personId;
    const year = await call('evaluation/get-sheet', { year: YEAR, period: '2026' });
    expect(year.months).toEqual(monthsOfPeriod('2026').slice(0, 11));
    expect(year.items.find((i) => i.key === 'customerVisits')!.periodTarget).toBe(200 * 11);
    const grid = await call('plan/get-grid', { year: YEAR, metricId: 'm-revenue', level: 'basic', grain: 'month' });
    const row = grid.rows.find((r) => r.id === personId)!;
    expect(rowOf(year, personId).values.salesTarget).toBe(year.months.reduce((a, m) => a + row.values[m]!, 0));
    expect(rowOf(year, personId).values.salesTarget).toBeLessThan(row.total!);
    const report = await REPORTS.evaluation.build((await setUp()).ws, { period: '2026' });
    expect(report.period).toBe('2026 年度（计至 11 月）');
  });

  it('narrows to a unit’s people, in the organisation’s order', async () => {
    const { call, sheet } = await setUp();
    const tree = await call('org/list-tree', { year: YEAR });
    const team = tree.units.find((u) => u.name === '集团客户部')!;
    const narrowed = await call('evaluation/get-sheet', { year: YEAR, period: MONTH, unitId: team.id });
    expect(narrowed.rows.map((r) => r.name)).toEqual(tree.people.filter((p) => p.unitId === team.id).map((p) => p.name));
    expect(narrowed.unitName).toBe('集团客户部');
    expect(sheet.rows.length).toBeGreaterThan(narrowed.rows.length);
  });
});

describe('refusals and undo', () => {
  it('refuses the plan’s items, a fractional count, a grade above 100 and an unknown person, writing nothing', async () => {
    const { call, sheet } = await setUp();
    const personId = sheet.rows[0].personId;
    const refused = [
      [{ personId, item: 'salesActual' as const, value: 100 }, 'plan-item'],
      [{ personId, item: 'newCustomers' as const, value: 25 }, 'not-a-count'],
      [{ personId, item: 'discipline' as const, value: 1200 }, 'grade-out-of-range'],
      // Only a growth rate falls below zero.
      [{ personId, item: 'planReportRate' as const, value: -50 }, 'percent-out-of-range'],
    ] as const;
    for (const [change, reason] of refused) {
      // A good change in the same batch is not kept either.
      await expect(call('evaluation/save-entries', { month: MONTH, changes: [{ personId, item: 'phoneVisits', value: 990 }, change] })).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        details: { reason },
      });
    }
    await expect(call('evaluation/save-entries', { month: MONTH, changes: [{ personId: 'p-nobody', item: 'phoneVisits', value: 10 }] })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(call('evaluation/get-sheet', { year: YEAR, period: '2026-13' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(call('evaluation/get-sheet', { year: YEAR, period: '2027-01' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await call('evaluation/get-sheet', { year: YEAR, period: MONTH })).toEqual(sheet);
  });

  it('refuses a scheme whose weights do not add up to 100, and rescores with one that does', async () => {
    const { call, sheet } = await setUp();
    const scheme = await call('evaluation/get-scheme', { year: YEAR });
    expect(scheme.saved).toBe(false);
    const heavier = scheme.items.map((i) => (i.key === 'salesActual' ? { ...i, weight: 400 } : i));
    await expect(call('evaluation/save-scheme', { year: YEAR, metricId: scheme.metricId, items: heavier })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      details: { reason: 'weights-not-100' },
    });
    await expect(call('evaluation/save-scheme', { year: YEAR, metricId: 'm-arrears-rate', items: scheme.items })).rejects.toMatchObject({
      details: { reason: 'metric-not-additive' },
    });
    const halfVisit = scheme.items.map((i) => (i.key === 'customerVisits' ? { ...i, target: 205 } : i));
    await expect(call('evaluation/save-scheme', { year: YEAR, metricId: scheme.metricId, items: halfVisit })).rejects.toMatchObject({
      details: { reason: 'target-not-whole', item: 'customerVisits' },
    });
    expect((await call('evaluation/get-scheme', { year: YEAR })).saved).toBe(false);

    // 实际完成销量 40 points, 开发新客户数量 none.
    const moved = heavier.map((i) => (i.key === 'newCustomers' ? { ...i, weight: 0 } : i));
    const saved = await call('evaluation/save-scheme', { year: YEAR, metricId: scheme.metricId, items: moved });
    expect(saved.saved).toBe(true);
    const after = await call('evaluation/get-sheet', { year: YEAR, period: MONTH });
    for (const row of after.rows) {
      const before = rowOf(sheet, row.personId);
      expect(row.scores.newCustomers ?? 0).toBe(0);
      if (before.values.salesTarget)
        expect(row.scores.salesActual).toBe(Math.round(400 * Math.min(before.values.salesActual! / before.values.salesTarget, 1.2)));
    }
  });

  it('undoes a typed month as one step of 绩效考核’s history', async () => {
    const { call, sheet } = await setUp();
    const row = sheet.rows[3];
    await call('evaluation/save-entries', { month: MONTH, changes: [{ personId: row.personId, item: 'weeklyOrders', value: 990 }] });
    expect(rowOf(await call('evaluation/get-sheet', { year: YEAR, period: MONTH }), row.personId).values.weeklyOrders).toBe(990);
    await call('history/undo', { grid: 'evaluation' });
    expect(rowOf(await call('evaluation/get-sheet', { year: YEAR, period: MONTH }), row.personId).values.weeklyOrders).toBe(row.values.weeklyOrders);
  });

  it('keeps a person with typed figures of a later year from being retired before that year', async () => {
    const { call } = await setUp();
    const tree = await call('org/list-tree', { year: YEAR });
    const team = tree.units.find((u) => u.name === '集团客户部')!;
    const { id } = await call('org/add-person', { unitId: team.id, name: '新同事', role: '客户经理', effectiveFrom: '2026-01-01' });
    // Retired in December, the person stays in 2026's sheets; January 2027's figures would be hidden.
    await call('evaluation/save-entries', { month: '2027-01', changes: [{ personId: id, item: 'customerVisits', value: 120 }] });
    await expect(call('org/retire', { id, effectiveFrom: '2026-12-16' })).rejects.toMatchObject({
      code: 'IN_USE',
      details: { reason: 'has-figures-after', count: 1, year: 2027 },
    });
    await call('evaluation/save-entries', { month: '2027-01', changes: [{ personId: id, item: 'customerVisits', value: null }] });
    await expect(call('org/retire', { id, effectiveFrom: '2026-12-16' })).resolves.toMatchObject({ id });
  });
});

describe('the printed 绩效考核表', () => {
  it('prints every person’s scores, total and rank as the sheet has them, and the rules', async () => {
    const { ws, sheet } = await setUp();
    const report = await REPORTS.evaluation.build(ws, { period: MONTH });
    expect(report.title).toBe('2026 年 10 月销售人员绩效考核表');
    const [scores, figures, rules] = report.sections as TableSection[];
    expect(scores.rows).toHaveLength(sheet.rows.length);
    for (const printed of scores.rows) {
      const row = rowOf(sheet, printed.id);
      expect(printed.cells.total).toBe(row.total / 10);
      expect(printed.cells.rank).toBe(row.rank);
      expect(printed.cells.newCustomers).toBe(row.scores.newCustomers === null ? null : row.scores.newCustomers / 10);
    }
    expect(figures.rows.find((r) => r.id === sheet.rows[0].personId)!.cells.salesTarget).toBe(sheet.rows[0].values.salesTarget! / 100);
    expect(rules.rows.map((r) => r.cells.item)).toHaveLength(12);
    expect(rules.rows.find((r) => r.id === 'lostCustomers')!.cells.rule).toBe('满分 5 分，每户扣 2.5 分，扣完为止');
  });
});

describe('in a 工作计划', () => {
  it('prints the unit’s 绩效考核表 as the sheet is at the moment of export, and marks one whose unit is gone', async () => {
    const { ws, call, sheet } = await setUp();
    const tree = await call('org/list-tree', { year: YEAR });
    const company = tree.units.find((u) => u.parentId === null)!;
    const { document } = await call('documents/get', { unitId: company.id, year: YEAR });
    const content = {
      ...document!.content,
      content: [
        ...document!.content.content,
        { type: 'paragraph' as const, content: [{ type: 'text' as const, text: '2026 年 10 月销售人员绩效考核（江城市分公司）' }] },
        { type: 'evaluationTable' as const, attrs: { unitId: company.id, period: MONTH } },
        { type: 'evaluationTable' as const, attrs: { unitId: 'u-gone', period: MONTH } },
      ],
    };
    await call('documents/save', { id: document!.id, title: document!.title, content });
    const top = [...sheet.rows].sort((a, b) => a.rank - b.rank)[0];
    // The top person typed down to last place: the printed table follows.
    await call('evaluation/save-entries', {
      month: MONTH,
      changes: ['newCustomers', 'customerVisits', 'phoneVisits', 'weeklyOrders', 'developedCustomers'].map((item) => ({
        personId: top.personId,
        item: item as never,
        value: 0,
      })),
    });
    const now = rowOf(await call('evaluation/get-sheet', { year: YEAR, period: MONTH }), top.personId);
    const report = await REPORTS['work-plan'].build(ws, { year: YEAR });
    const tables = report.sections.filter((s): s is TableSection => s.kind === 'table');
    const evaluation = tables.find((t) => t.columns.length === 7 && t.rows.some((r) => Object.values(r.cells).includes(top.name)))!;
    const printedRow = evaluation.rows.find((r) => Object.values(r.cells).includes(top.name))!;
    const cells = Object.values(printedRow.cells);
    expect(cells[0]).toBe(String(now.rank));
    expect(cells[6]).toBe((now.total / 10).toFixed(1));
    expect(now.rank).toBeGreaterThan(top.rank);
    const docx = await REPORTS['work-plan'].docx!(ws, { year: YEAR });
    const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string');
    expect(xml).toContain('实际完成销量（万元）');
    expect(xml).toContain('【绩效考核表无法生成：该单位不在本年度的组织中】');
    // The table's header row repeats on every page.
    expect(xml).toMatch(/<w:tblHeader\/>[\s\S]*排名/);
  });
});
