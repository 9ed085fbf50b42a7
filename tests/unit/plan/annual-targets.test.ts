/**
 * One stored home for every plan figure: the annual 基本目标 / 挑战目标 / 实际 of 年度目标 are the sums
 * of the plan's days, whichever screen wrote them, and the breakdown, tracking and the printed
 * report read the same figure.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openWorkspace, type Workspace } from '../../../src-main/core/app';
import { createCaller } from '../../../src-main/core/dispatch';
import { buildTargetsReport } from '../../../src-main/core/plan/targets-report';
import type { TableSection } from '../../../src-shared/reports/report-model';
import { refusalOf } from '../helpers/refusal';
import { AFTER_YEAR_END, FIXED_NOW, sampleWorkspacePerTest, testContext } from '../helpers/workspace';

const YEAR = FIXED_NOW.getFullYear();
const openSample = sampleWorkspacePerTest();
const openAfterYearEnd = sampleWorkspacePerTest({ now: AFTER_YEAR_END });

async function setup(open = openSample) {
  const ws = await open();
  const call = createCaller(ws);
  const tree = await call('org/list-tree', {});
  return { ws, call, tree, person: tree.people[0].id, company: tree.units.find((u) => u.parentId === null)!.id };
}

type Call = ReturnType<typeof createCaller>;

async function annual(call: Call, metricId: string, subjectId: string, measure: string): Promise<number | undefined> {
  const { cells } = await call('targets/list-cells', { year: YEAR });
  return cells.find((c) => c.metricId === metricId && c.subjectId === subjectId && c.measure === measure)?.value;
}

function storedDaySum(ws: Workspace, metricId: string, level: string, subjectId: string): number | null {
  return ws.db.scalar<number | null>(
    `SELECT SUM(value) FROM plan_day_cell WHERE plan_year = ? AND metric_id = ? AND level = ? AND subject_id = ?`,
    YEAR,
    metricId,
    level,
    subjectId,
  )!;
}

async function gridRow(call: Call, metricId: string, level: 'basic' | 'challenge' | 'actual', subjectId: string, grain: 'month' | 'day' = 'month') {
  const grid = await call('plan/get-grid', { year: YEAR, metricId, level, grain });
  return grid.rows.find((r) => r.id === subjectId)!;
}

/** The report's figure (display units) for a row of the first table by name. */
async function reportFigure(ws: Workspace, name: string, column: string): Promise<number> {
  const report = await buildTargetsReport(ws);
  const table = report.sections.find((s): s is TableSection => s.kind === 'table')!;
  const row = table.rows.find((r) => r.cells.name === name || (name === '合计' && r.kind === 'total'))!;
  return row.cells[column] as number;
}

describe('年度目标 is the sum of the days', () => {
  it('spreads a typed annual 基本目标 to the days; the breakdown, tracking, the report and the XLSX show the same figure', async () => {
    const { ws, call, tree, person } = await setup();
    const name = tree.people[0].name;
    await call('targets/save-cells', { year: YEAR, changes: [{ metricId: 'm-revenue', subjectId: person, measure: 'basic', text: '300' }] });

    expect(await annual(call, 'm-revenue', person, 'basic')).toBe(30000);
    expect(storedDaySum(ws, 'm-revenue', 'basic', person)).toBe(30000);
    const row = await gridRow(call, 'm-revenue', 'basic', person);
    expect(row.total).toBe(30000);
    expect(Object.values(row.values).reduce<number>((sum, v) => sum + (v ?? 0), 0)).toBe(30000);
    const summary = await call('tracking/get-summary', { year: YEAR, metricId: 'm-revenue', subjectId: person });
    expect(summary.basicTarget).toBe(30000);
    expect(await reportFigure(ws, name, 'm-revenue:basic')).toBe(300);

    const exported = await call('reports/export', { report: 'targets', format: 'xlsx', jobId: 'x' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(exported.base64!, 'base64') as never);
    const sheet = book.worksheets[0];
    let found: unknown = null;
    sheet.eachRow((r) => {
      const values = (r.values as unknown[]).map((v) => (typeof v === 'string' ? v.trim() : v));
      if (values.includes(name)) found = values.find((v) => v === 300);
    });
    expect(found).toBe(300);
  });

  it('changes 年度目标 when a month is typed in 目标分解', async () => {
    const { call, person, company } = await setup();
    const before = (await annual(call, 'm-revenue', person, 'challenge'))!;
    const march = (await gridRow(call, 'm-revenue', 'challenge', person)).values[`${YEAR}-03`]!;
    await call('plan/set-total', { year: YEAR, metricId: 'm-revenue', level: 'challenge', subjectId: person, periodKey: `${YEAR}-03`, text: '50' });
    expect(await annual(call, 'm-revenue', person, 'challenge')).toBe(before - march + 5000);
    // The company's year in the breakdown is the roll-up of the people's annual figures.
    const { cells } = await call('targets/list-cells', { year: YEAR });
    const everyone = cells.filter((c) => c.metricId === 'm-revenue' && c.measure === 'challenge').reduce((sum, c) => sum + c.value, 0);
    expect((await gridRow(call, 'm-revenue', 'challenge', company)).total).toBe(everyone);
  });

  it('keeps a person’s split shape when their year is typed again: every month scales', async () => {
    const { call, person } = await setup();
    await call('plan/set-total', { year: YEAR, metricId: 'm-revenue', level: 'basic', subjectId: person, periodKey: `${YEAR}-01`, text: '100' });
    await call('plan/set-total', { year: YEAR, metricId: 'm-revenue', level: 'basic', subjectId: person, periodKey: `${YEAR}-02`, text: '0' });
    const year = (await annual(call, 'm-revenue', person, 'basic'))!;
    await call('targets/save-cells', { year: YEAR, changes: [{ metricId: 'm-revenue', subjectId: person, measure: 'basic', text: String((year * 2) / 100) }] });
    const row = await gridRow(call, 'm-revenue', 'basic', person);
    expect(row.total).toBe(year * 2);
    expect(row.values[`${YEAR}-01`]).toBe(20000);
    expect(row.values[`${YEAR}-02`]).toBe(0);
  });

  it('keeps locked months and refuses, with the breakdown’s reason and nothing written, a year below them', async () => {
    const { ws, call, person } = await setup();
    await call('plan/set-total', { year: YEAR, metricId: 'm-revenue', level: 'basic', subjectId: person, periodKey: `${YEAR}-03`, text: '40' });
    await call('plan/set-lock', { year: YEAR, metricId: 'm-revenue', level: 'basic', subjectId: person, periodKey: `${YEAR}-03`, locked: true });
    await call('targets/save-cells', { year: YEAR, changes: [{ metricId: 'm-revenue', subjectId: person, measure: 'basic', text: '200' }] });
    let row = await gridRow(call, 'm-revenue', 'basic', person);
    expect(row.total).toBe(20000);
    expect(row.values[`${YEAR}-03`]).toBe(4000);

    const before = ws.db.all(`SELECT * FROM plan_day_cell WHERE subject_id = ? ORDER BY 1, 2, 3, 4, 5`, person);
    const other = ws.db.scalar(`SELECT COUNT(*) FROM target_cell`);
    const error = await refusalOf(
      call('targets/save-cells', {
        year: YEAR,
        changes: [
          { metricId: 'm-revenue', subjectId: person, measure: 'lastYearActual', text: '1' },
          { metricId: 'm-revenue', subjectId: person, measure: 'basic', text: '30' },
        ],
      }),
    );
    expect(error.code).toBe('SPLIT_REFUSED');
    expect(error.details).toMatchObject({ reason: 'total-below-locked', lockedSum: 4000, index: 1, subjectId: person });
    expect(ws.db.all(`SELECT * FROM plan_day_cell WHERE subject_id = ? ORDER BY 1, 2, 3, 4, 5`, person)).toEqual(before);
    expect(ws.db.scalar(`SELECT COUNT(*) FROM target_cell`)).toBe(other);
    row = await gridRow(call, 'm-revenue', 'basic', person);
    expect(row.total).toBe(20000);
  });

  it('clears a year to 未设目标 (no figure, no days), not to a target of 0', async () => {
    const { ws, call, person } = await setup();
    await call('targets/save-cells', { year: YEAR, changes: [{ metricId: 'm-revenue', subjectId: person, measure: 'basic', text: null }] });
    expect(await annual(call, 'm-revenue', person, 'basic')).toBeUndefined();
    expect(storedDaySum(ws, 'm-revenue', 'basic', person)).toBeNull();
    expect((await gridRow(call, 'm-revenue', 'basic', person)).total).toBeNull();
  });

  it('takes 实际 from the entered daily actuals and refuses it typed as a year', async () => {
    const { ws, call, person } = await setup(openAfterYearEnd);
    const before = (await annual(call, 'm-revenue', person, 'actual'))!;
    expect(before).toBe(storedDaySum(ws, 'm-revenue', 'actual', person));
    const day = `${YEAR}-12-29`;
    const old = (await gridRow(call, 'm-revenue', 'actual', person, 'day')).values[day] ?? 0;
    await call('plan/set-total', { year: YEAR, metricId: 'm-revenue', level: 'actual', subjectId: person, periodKey: day, text: '7.5' });
    expect(await annual(call, 'm-revenue', person, 'actual')).toBe(before - old + 750);

    const error = await refusalOf(
      call('targets/save-cells', { year: YEAR, changes: [{ metricId: 'm-revenue', subjectId: person, measure: 'actual', text: '999' }] }),
    );
    expect(error.details).toMatchObject({ refusals: [{ index: 0, reason: 'actual-from-entries' }] });
    expect(await annual(call, 'm-revenue', person, 'actual')).toBe(before - old + 750);
  });
});

describe('figures too large to add up exactly', () => {
  it('refuses values whose roll-up would pass 2^53, saving nothing, and 目标分解 still loads', async () => {
    const { ws, call, tree } = await setup();
    const huge = '9,999,999,999,999.99';
    const before = ws.db.get(`SELECT COUNT(*) AS n, SUM(value) AS sum FROM plan_day_cell`);
    for (const measure of ['basic', 'lastYearActual'] as const) {
      const error = await refusalOf(
        call('targets/save-cells', { year: YEAR, changes: tree.people.map((p) => ({ metricId: 'm-revenue', subjectId: p.id, measure, text: huge })) }),
      );
      expect(error.details).toMatchObject({ refusals: [{ reason: 'rollup-too-large' }] });
    }
    expect(ws.db.get(`SELECT COUNT(*) AS n, SUM(value) AS sum FROM plan_day_cell`)).toEqual(before);
    // Nine fit (9 × 10^15 < 2^53 ≈ 9.007 × 10^15, with the others' figures); a tenth, typed in 目标分解, would not.
    await call('targets/save-cells', {
      year: YEAR,
      changes: tree.people.slice(0, 9).map((p) => ({ metricId: 'm-revenue', subjectId: p.id, measure: 'basic' as const, text: huge })),
    });
    const tenth = await refusalOf(
      call('plan/set-total', { year: YEAR, metricId: 'm-revenue', level: 'basic', subjectId: tree.people[9].id, periodKey: String(YEAR), text: huge }),
    );
    expect(tenth.details).toMatchObject({ refusals: [{ reason: 'rollup-too-large' }] });
    const grid = await call('plan/get-grid', { year: YEAR, metricId: 'm-revenue', level: 'basic', grain: 'month' });
    expect(Number.isSafeInteger(grid.rows[0].total)).toBe(true);
  });
});

describe('a workspace written before the annual figures became sums of days', () => {
  it('moves each annual target without days into working days, rescales days with another sum, keeps the entered actuals, and drops the annual copies', async () => {
    const { ws, tree } = await setup();
    const [withDays, withoutDays] = [tree.people[0].id, tree.people[1].id];
    const daysBefore = storedDaySum(ws, 'm-revenue', 'basic', withDays);
    const actualsBefore = storedDaySum(ws, 'm-revenue', 'actual', withDays);
    expect(actualsBefore).toBeGreaterThan(1);
    // What an older version left: annual rows beside the days, disagreeing with them, and a person
    // whose annual target was typed in 年度目标 only.
    ws.db.run(`DELETE FROM plan_day_cell WHERE subject_id = ? AND metric_id = 'm-revenue' AND level = 'challenge'`, withoutDays);
    const insert = `INSERT INTO target_cell (plan_year, metric_id, subject_id, measure, value, updated_at) VALUES (?, 'm-revenue', ?, ?, ?, '2026-01-01')`;
    ws.db.run(insert, YEAR, withDays, 'basic', 30000);
    ws.db.run(insert, YEAR, withoutDays, 'challenge', 12345);
    ws.db.run(insert, YEAR, withDays, 'actual', 1);
    ws.db.run(`DELETE FROM schema_migrations WHERE name = 'AnnualFiguresFromDays1764115200005'`);
    const file = ws.file;
    await ws.close();

    const reopened = await openWorkspace(file, { ctx: testContext() });
    try {
      const call = createCaller(reopened);
      // The annual 300.00 is what 年度目标 showed: the days are rescaled to it (migration-0005.test.ts has the shapes).
      expect(daysBefore).not.toBe(30000);
      expect(storedDaySum(reopened, 'm-revenue', 'basic', withDays)).toBe(30000);
      expect(await annual(call, 'm-revenue', withDays, 'basic')).toBe(30000);
      // 实际 typed over the daily entries: the entries win (实际 is their sum), the typed row stays unread.
      expect(storedDaySum(reopened, 'm-revenue', 'actual', withDays)).toBe(actualsBefore);
      expect(await annual(call, 'm-revenue', withDays, 'actual')).toBe(actualsBefore);
      expect(storedDaySum(reopened, 'm-revenue', 'challenge', withoutDays)).toBe(12345);
      // Spread over working days: nothing on a Sunday that is not a make-up working day.
      const grid = await call('plan/get-grid', { year: YEAR, metricId: 'm-revenue', level: 'challenge', grain: 'day' });
      expect(grid.rows.find((r) => r.id === withoutDays)!.values[`${YEAR}-03-01`]).toBe(0);
      expect(reopened.db.all(`SELECT subject_id AS "subjectId", measure, value FROM target_cell WHERE measure <> 'lastYearActual'`)).toEqual([
        { subjectId: withDays, measure: 'actual', value: 1 },
      ]);
      // The copy kept before the upgrade still holds the old rows.
      const copies = fs.readdirSync(file.replace(/[^/]+$/, '')).filter((f) => f.includes('.before-upgrade-'));
      expect(copies).toHaveLength(1);
    } finally {
      await reopened.close();
    }
  });
});
