import { afterEach, describe, expect, it } from 'vitest';
import { createCaller, createDispatch } from '../../../src-main/core/dispatch';
import { changeOrg } from '../../../src-main/core/org';
import { openWorkspace, type Workspace } from '../../../src-main/core/app';
import type { CellChange, ChannelOutput } from '../../../src-shared/contract/channels';
import { buildPlanRows, MEASURES, orgTreeNodes, type Measure, type TreeNode } from '../../../src-shared/domain/targets';
import { FIXED_NOW, openSampleWorkspace, testContext } from '../helpers/workspace';
import { refusalOf } from '../helpers/refusal';

const YEAR = FIXED_NOW.getFullYear();
function treeNodes(tree: ChannelOutput<'org/list-tree'>): TreeNode[] {
  return orgTreeNodes(tree.units, tree.people);
}

let ws: Workspace | undefined;
afterEach(async () => {
  await ws?.close();
  ws = undefined;
});

async function setup() {
  ws = await openSampleWorkspace();
  const call = createCaller(ws);
  const tree = await call('org/list-tree', {});
  const events: Array<{ year: number; count: number }> = [];
  ws.events.on('targets/changed', (payload) => events.push(payload));
  return { ws, call, tree, people: tree.people, events };
}

type Call = ReturnType<typeof createCaller>;

async function cellMap(call: Call, year = YEAR): Promise<Map<string, number>> {
  const { cells } = await call('targets/list-cells', { year });
  return new Map(cells.map((c) => [`${c.metricId}|${c.subjectId}|${c.measure}`, c.value]));
}

/** What 年度目标 takes typed: 实际 is the sum of the entered daily actuals. */
const TYPED_MEASURES = ['lastYearActual', 'basic', 'challenge'] as const;

/** A block pasted over 3 people × the 3 typed measures of 营业收入, in the forms planners type. */
function pastedBlock(personIds: string[]): CellChange[] {
  const texts = [
    ['1,234.5', '１３００', ' 1400.25 '],
    ['980', '1,050.5', '1100'],
    ['0.01', '0.1', '0.2'],
  ];
  return personIds
    .slice(0, 3)
    .flatMap((subjectId, row) => TYPED_MEASURES.map((measure, col): CellChange => ({ metricId: 'm-revenue', subjectId, measure, text: texts[row][col] })));
}
const BLOCK_SCALED = [
  [123450, 130000, 140025],
  [98000, 105050, 110000],
  [1, 10, 20],
];

/** Every stored row of both homes of an annual figure, to show a refused save wrote nothing. */
function storedRows(workspace: Workspace) {
  return {
    cells: workspace.db.all(`SELECT * FROM target_cell ORDER BY 1, 2, 3, 4`),
    days: workspace.db.get(`SELECT COUNT(*) AS n, SUM(value) AS sum, SUM(value * length(day) * unicode(subject_id)) AS mix FROM plan_day_cell`),
  };
}

describe('targets/save-cells', () => {
  it('saves a value that is still there after the file is closed and reopened', async () => {
    const { call, people } = await setup();
    const subjectId = people[0].id;
    const result = await call('targets/save-cells', {
      year: YEAR,
      changes: [{ metricId: 'm-revenue', subjectId, measure: 'basic', text: '1,234.5' }],
    });
    expect(result).toEqual({ saved: 1, cleared: 0 });

    const file = ws!.file;
    await ws!.close();
    ws = await openWorkspace(file, { ctx: testContext() });
    const reopened = createCaller(ws);
    const cells = await cellMap(reopened);
    expect(cells.get(`m-revenue|${subjectId}|basic`)).toBe(123450);
    // One stored home: the person's days, which add up to the typed year; no annual copy.
    const days = ws.db.get(
      `SELECT COUNT(*) AS n, SUM(value) AS sum FROM plan_day_cell WHERE plan_year = ? AND metric_id = 'm-revenue' AND level = 'basic' AND subject_id = ?`,
      YEAR,
      subjectId,
    );
    expect(days).toEqual({ n: YEAR % 4 === 0 ? 366 : 365, sum: 123450 });
    expect(ws.db.get(`SELECT COUNT(*) AS n FROM target_cell WHERE measure <> 'lastYearActual'`)).toEqual({ n: 0 });
  });

  it('saves into another plan year without touching this one', async () => {
    const { call, people } = await setup();
    const before = await cellMap(call);
    await call('targets/save-cells', {
      year: YEAR + 1,
      changes: [{ metricId: 'm-revenue', subjectId: people[0].id, measure: 'basic', text: '200' }],
    });
    expect(await cellMap(call)).toEqual(before);
    expect([...(await cellMap(call, YEAR + 1)).entries()]).toEqual([[`m-revenue|${people[0].id}|basic`, 20000]]);
  });

  it('clears a cell with text null (and with empty text)', async () => {
    const { call, people } = await setup();
    const [a, b] = [people[1].id, people[2].id];
    const before = await cellMap(call);
    expect(before.has(`m-revenue|${a}|lastYearActual`)).toBe(true);
    expect(before.has(`m-new-business|${b}|basic`)).toBe(true);
    const result = await call('targets/save-cells', {
      year: YEAR,
      changes: [
        { metricId: 'm-revenue', subjectId: a, measure: 'lastYearActual', text: null },
        { metricId: 'm-new-business', subjectId: b, measure: 'basic', text: '  ' },
      ],
    });
    expect(result).toEqual({ saved: 0, cleared: 2 });
    const after = await cellMap(call);
    expect(after.has(`m-revenue|${a}|lastYearActual`)).toBe(false);
    expect(after.has(`m-new-business|${b}|basic`)).toBe(false);
    expect(after.size).toBe(before.size - 2);
  });

  it('saves a pasted block of 3 people × 3 measures in one go', async () => {
    const { call, people, events } = await setup();
    const ids = people.slice(3, 6).map((p) => p.id);
    const result = await call('targets/save-cells', { year: YEAR, changes: pastedBlock(ids) });
    expect(result).toEqual({ saved: 9, cleared: 0 });
    const cells = await cellMap(call);
    ids.forEach((id, row) =>
      TYPED_MEASURES.forEach((measure, col) => expect(cells.get(`m-revenue|${id}|${measure}`), `${row},${col}`).toBe(BLOCK_SCALED[row][col])),
    );
    expect(events).toEqual([{ year: YEAR, count: 9 }]);
  });

  describe('refuses a whole batch when one cell is bad, and writes nothing', () => {
    const BAD_INDEX = 7;
    const cases: Array<[label: string, bad: (ids: { team: string; company: string }) => Partial<CellChange>, reason: string]> = [
      ['text that is not a number', () => ({ text: 'abc' }), 'not-a-number'],
      ['1.2.3', () => ({ text: '1.2.3' }), 'not-a-number'],
      ['more decimals than 营业收入 keeps', () => ({ text: '12.345' }), 'too-many-decimals'],
      ['a negative 营业收入', () => ({ text: '-5' }), 'negative-not-allowed'],
      ['an amount too large', () => ({ text: '99999999999999999' }), 'too-large'],
      ['a team row (rolled up, not typed)', ({ team }) => ({ subjectId: team }), 'not-editable'],
      ['the company row', ({ company }) => ({ subjectId: company }), 'not-editable'],
      ['the ratio metric 欠费回收率', () => ({ metricId: 'm-arrears-rate', text: '95.0' }), 'not-editable'],
      ['实际, which is the sum of the entered daily actuals', () => ({ measure: 'actual' }), 'actual-from-entries'],
      ['an unknown subject', () => ({ subjectId: 'p-nobody' }), 'unknown-subject'],
      ['an unknown metric', () => ({ metricId: 'm-profit' }), 'unknown-metric'],
    ];

    it.each(cases)('%s', async (_label, bad, reason) => {
      const { ws: workspace, call, tree, people, events } = await setup();
      const company = tree.units.find((u) => u.parentId === null)!.id;
      const team = tree.units.find((u) => u.level === 'team')!.id;
      const changes = pastedBlock(people.slice(0, 3).map((p) => p.id));
      changes[BAD_INDEX] = { ...changes[BAD_INDEX], ...bad({ team, company }) };
      const before = await cellMap(call);
      const beforeRows = storedRows(workspace);

      const error = await refusalOf(call('targets/save-cells', { year: YEAR, changes }));
      expect(error.code).toBe('INVALID_CELLS');
      expect(error.details).toEqual({ refusals: [{ index: BAD_INDEX, reason }], refusedCount: 1 });

      expect(await cellMap(call)).toEqual(before);
      expect(storedRows(workspace)).toEqual(beforeRows);
      expect(events).toEqual([]);
    });
  });

  it('names every refused cell by its index, in order', async () => {
    const { call, people, events } = await setup();
    const changes = pastedBlock(people.slice(0, 3).map((p) => p.id));
    changes[0] = { ...changes[0], text: '12a' };
    changes[5] = { ...changes[5], text: '-1' };
    changes[8] = { ...changes[8], text: '0.001' };
    const before = await cellMap(call);
    const error = await refusalOf(call('targets/save-cells', { year: YEAR, changes }));
    expect(error.details).toEqual({
      refusals: [
        { index: 0, reason: 'not-a-number' },
        { index: 5, reason: 'negative-not-allowed' },
        { index: 8, reason: 'too-many-decimals' },
      ],
      refusedCount: 3,
    });
    expect(await cellMap(call)).toEqual(before);
    expect(events).toEqual([]);
  });

  it('comes back as plain error data through dispatch', async () => {
    const { ws: workspace, people } = await setup();
    const result = await createDispatch(workspace)('targets/save-cells', {
      year: YEAR,
      changes: [{ metricId: 'm-revenue', subjectId: people[0].id, measure: 'basic', text: 'abc' }],
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'INVALID_CELLS', details: { refusals: [{ index: 0, reason: 'not-a-number' }], refusedCount: 1 } },
    });
  });

  it('accepts negatives for 净增用户, which may shrink', async () => {
    const { call, people } = await setup();
    const [a, b] = [people[0].id, people[1].id];
    await call('targets/save-cells', {
      year: YEAR,
      changes: [
        { metricId: 'm-net-users', subjectId: a, measure: 'basic', text: '-35' },
        { metricId: 'm-net-users', subjectId: b, measure: 'basic', text: '－１，２００' },
        { metricId: 'm-revenue', subjectId: a, measure: 'basic', text: '-0' },
      ],
    });
    const cells = await cellMap(call);
    expect(cells.get(`m-net-users|${a}|basic`)).toBe(-35);
    expect(cells.get(`m-net-users|${b}|basic`)).toBe(-1200);
    expect(cells.get(`m-revenue|${a}|basic`)).toBe(0);
    // 净增用户 has no decimals.
    const error = await refusalOf(
      call('targets/save-cells', { year: YEAR, changes: [{ metricId: 'm-net-users', subjectId: a, measure: 'basic', text: '-3.5' }] }),
    );
    expect(error.details).toMatchObject({ refusals: [{ index: 0, reason: 'too-many-decimals' }] });
  });

  it('accepts values for a unit without children (a leaf unit)', async () => {
    const { ws: workspace, call, tree } = await setup();
    const branch = tree.units.find((u) => u.level === 'branch')!;
    changeOrg(workspace, (org) => org.addUnit({ id: 'u-new', parentId: branch.id, level: 'team', name: '新设营业部', sortOrder: 99 }));
    await call('targets/save-cells', {
      year: YEAR,
      changes: [{ metricId: 'm-revenue', subjectId: 'u-new', measure: 'basic', text: '50' }],
    });
    expect((await cellMap(call)).get('m-revenue|u-new|basic')).toBe(5000);
  });

  it('fires targets/changed once per successful save, with the count', async () => {
    const { ws: workspace, call, people, events } = await setup();
    const id = people[0].id;
    await call('targets/save-cells', { year: YEAR, changes: [{ metricId: 'm-revenue', subjectId: id, measure: 'basic', text: '1' }] });
    await call('targets/save-cells', {
      year: YEAR,
      changes: [
        { metricId: 'm-revenue', subjectId: id, measure: 'basic', text: '2' },
        { metricId: 'm-revenue', subjectId: id, measure: 'lastYearActual', text: null },
        { metricId: 'm-net-users', subjectId: id, measure: 'basic', text: '3' },
      ],
    });
    await call('targets/save-cells', { year: YEAR, changes: [{ metricId: 'm-revenue', subjectId: id, measure: 'basic', text: 'x' }] }).catch(() => {});
    const dispatch = createDispatch(workspace);
    expect(await dispatch('targets/save-cells', { year: YEAR, changes: [] })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(
      await dispatch('targets/save-cells', { year: 1999, changes: [{ metricId: 'm-revenue', subjectId: id, measure: 'basic', text: '1' }] }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(events).toEqual([
      { year: YEAR, count: 1 },
      { year: YEAR, count: 3 },
    ]);
  });

  it('rolls saved values up: the company row is the sum of everyone below it', async () => {
    const { ws: workspace, call, tree, people } = await setup();
    // A leaf unit too, so the company sum includes a subject that is not a person.
    const branch = tree.units.find((u) => u.level === 'branch')!;
    changeOrg(workspace, (org) => org.addUnit({ id: 'u-new', parentId: branch.id, level: 'team', name: '新设营业部', sortOrder: 99 }));
    await call('targets/save-cells', { year: YEAR, changes: pastedBlock(people.slice(0, 3).map((p) => p.id)) });
    await call('targets/save-cells', {
      year: YEAR,
      changes: [
        { metricId: 'm-net-users', subjectId: people[4].id, measure: 'basic', text: '-35' },
        { metricId: 'm-revenue', subjectId: 'u-new', measure: 'basic', text: '0.07' },
        { metricId: 'm-arrears-due', subjectId: 'u-new', measure: 'lastYearActual', text: '3.3' },
        { metricId: 'm-revenue', subjectId: people[6].id, measure: 'challenge', text: null },
      ],
    });

    const fresh = await call('org/list-tree', {});
    const metrics = await call('metrics/list', {});
    const { cells } = await call('targets/list-cells', { year: YEAR });
    const rows = buildPlanRows(treeNodes(fresh), metrics, cells);
    expect(rows).toHaveLength(fresh.units.length + fresh.people.length);
    const company = rows[0];
    expect(company).toMatchObject({ depth: 0, parentId: null, kind: 'unit', name: '江城市分公司' });

    // Independently: every stored cell belongs to a leaf, so the company is the plain sum of all of them.
    const leafIds = new Set([...fresh.people.map((p) => p.id), 'u-new']);
    expect(cells.every((c) => leafIds.has(c.subjectId))).toBe(true);
    const scaledSum = (metricId: string, measure: Measure) =>
      cells.filter((c) => c.metricId === metricId && c.measure === measure).reduce((sum, c) => sum + c.value, 0);
    for (const metric of metrics.filter((m) => m.kind === 'additive')) {
      for (const measure of MEASURES) {
        expect(company.values[metric.id][measure], `${metric.code} ${measure}`).toBe(scaledSum(metric.id, measure) / 10 ** metric.precision);
      }
    }
    // The ratio is recomputed from the sums, not averaged.
    for (const measure of MEASURES) {
      const due = scaledSum('m-arrears-due', measure);
      const collected = scaledSum('m-arrears-collected', measure);
      expect(company.values['m-arrears-rate'][measure]).toBeCloseTo((collected / due) * 100, 9);
    }
    // Each branch is the sum of the people and leaf units under it.
    const branchOf = new Map<string, string>();
    const unitParent = new Map(fresh.units.map((u) => [u.id, u.parentId]));
    const branchOfUnit = (unitId: string): string => {
      let id: string | null | undefined = unitId;
      while (id && fresh.units.find((u) => u.id === id)?.level !== 'branch') id = unitParent.get(id);
      return id!;
    };
    for (const p of fresh.people) branchOf.set(p.id, branchOfUnit(p.unitId));
    branchOf.set('u-new', branch.id);
    for (const b of fresh.units.filter((u) => u.level === 'branch')) {
      const row = rows.find((r) => r.id === b.id)!;
      const sum = cells
        .filter((c) => c.metricId === 'm-revenue' && c.measure === 'basic' && branchOf.get(c.subjectId) === b.id)
        .reduce((s, c) => s + c.value, 0);
      expect(row.values['m-revenue'].basic, b.name).toBe(sum / 100);
    }
  });
});
