import { describe, expect, it } from 'vitest';
import {
  attainment,
  buildPlanRows,
  completionRate,
  derivedValue,
  inconsistentTargets,
  isEditableCell,
  rateBand,
  rateTargetMissing,
  ratioValue,
  targetsInconsistent,
  yearOnYear,
  type Measure,
  type MeasureValues,
  type MetricDef,
  type PlanRow,
  type TargetCell,
  type TreeNode,
} from '../../../src-shared/domain/targets';

function metric(partial: Partial<MetricDef> & Pick<MetricDef, 'id'>): MetricDef {
  return {
    code: partial.id,
    name: partial.id,
    unit: '万元',
    precision: 2,
    kind: 'additive',
    direction: 'higher',
    allowNegative: false,
    numeratorId: null,
    denominatorId: null,
    sortOrder: 0,
    ...partial,
  };
}

const REVENUE = metric({ id: 'rev', name: '营业收入', sortOrder: 1 });
const NET_USERS = metric({ id: 'users', name: '净增用户', unit: '户', precision: 0, allowNegative: true, sortOrder: 2 });
const DUE = metric({ id: 'due', name: '应收欠费', direction: 'lower', sortOrder: 3 });
const COLLECTED = metric({ id: 'coll', name: '欠费回收额', sortOrder: 4 });
const RATE = metric({
  id: 'rate',
  name: '欠费回收率',
  unit: '%',
  precision: 1,
  kind: 'ratio',
  numeratorId: 'coll',
  denominatorId: 'due',
  sortOrder: 5,
});
// The ratio is listed first on purpose: it must still be computed from its parts.
const METRICS = [RATE, REVENUE, NET_USERS, DUE, COLLECTED];

const unit = (id: string, parentId: string | null, name: string, label: string): TreeNode => ({ id, parentId, kind: 'unit', name, label });
const person = (id: string, parentId: string, name: string): TreeNode => ({ id, parentId, kind: 'person', name, label: '客户经理' });

/*
 * co 江城市分公司
 *   b1 东湖县分公司
 *     t1 集团客户部: p1, p2
 *     t2 公众客户部: p3
 *   b2 西岭县分公司
 *     t3 集团客户部: p4
 *     t4 新设营业部 (no children: a leaf unit that holds its own values)
 * Listed people-first so the order of the rows must come from the tree, not the input order.
 */
const NODES: TreeNode[] = [
  person('p1', 't1', '王建国'),
  person('p3', 't2', '陈明'),
  person('p4', 't3', '黄志强'),
  person('p2', 't1', '李晓燕'),
  unit('t1', 'b1', '集团客户部', '团队'),
  unit('t2', 'b1', '公众客户部', '团队'),
  unit('b1', 'co', '东湖县分公司', '分公司'),
  unit('b2', 'co', '西岭县分公司', '分公司'),
  unit('t3', 'b2', '集团客户部', '团队'),
  unit('t4', 'b2', '新设营业部', '团队'),
  unit('co', null, '江城市分公司', '公司'),
];

function cells(metricId: string, measure: Measure, bySubject: Record<string, number>): TargetCell[] {
  return Object.entries(bySubject).map(([subjectId, value]) => ({ metricId, subjectId, measure, value }));
}

const CELLS: TargetCell[] = [
  // 营业收入 basic: 0.1 + 0.2 would drift as floats; as scaled integers the sums are exact.
  ...cells('rev', 'basic', { p1: 10, p2: 20, p3: 70, p4: 1, t4: 2 }),
  ...cells('rev', 'lastYearActual', { p1: 9, p2: 18, p3: 60, p4: 1, t4: 1 }),
  ...cells('rev', 'actual', { p1: 11, p2: 21 }),
  // No one has a 营业收入 challenge target: null at every level.
  // 净增用户 may be negative; only b1's people and p4 have it.
  ...cells('users', 'basic', { p1: 40, p2: -15, p3: 5, p4: -3 }),
  // 应收欠费 / 欠费回收额 (scaled at precision 2): p1 collects 90 of 100, p2 1 of 10.
  ...cells('due', 'actual', { p1: 10000, p2: 1000, p3: 5000, p4: 2000 }),
  ...cells('coll', 'actual', { p1: 9000, p2: 100, p3: 2500, p4: 2000 }),
  // A value stored against a parent unit is not a leaf value and must not be counted.
  ...cells('rev', 'basic', { t1: 999999 }),
];

const rowsById = (rows: PlanRow[]) => new Map(rows.map((r) => [r.id, r]));

describe('buildPlanRows', () => {
  const rows = buildPlanRows(NODES, METRICS, CELLS);
  const byId = rowsById(rows);
  const get = (id: string) => byId.get(id)!;

  it('lists rows depth-first, children in input order, with depths and hasChildren', () => {
    expect(rows.map((r) => [r.id, r.depth, r.hasChildren])).toEqual([
      ['co', 0, true],
      ['b1', 1, true],
      ['t1', 2, true],
      ['p1', 3, false],
      ['p2', 3, false],
      ['t2', 2, true],
      ['p3', 3, false],
      ['b2', 1, true],
      ['t3', 2, true],
      ['p4', 3, false],
      ['t4', 2, false],
    ]);
    expect(get('p1')).toMatchObject({ parentId: 't1', kind: 'person', name: '王建国', label: '客户经理' });
    expect(get('t4')).toMatchObject({ parentId: 'b2', kind: 'unit', name: '新设营业部', label: '团队' });
    expect(get('co').parentId).toBeNull();
  });

  it('sums additive metrics exactly at every level', () => {
    // The float way drifts; the roll-up must not.
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(get('p1').values.rev.basic).toBe(0.1);
    expect(get('t1').values.rev.basic).toBe(0.3);
    expect(get('t2').values.rev.basic).toBe(0.7);
    expect(get('b1').values.rev.basic).toBe(1);
    expect(get('t3').values.rev.basic).toBe(0.01);
    expect(get('t4').values.rev.basic).toBe(0.02);
    expect(get('b2').values.rev.basic).toBe(0.03);
    expect(get('co').values.rev.basic).toBe(1.03);
    expect(get('co').values.rev.lastYearActual).toBe(0.89);
    expect(get('co').values.users.basic).toBe(27);
    expect(get('b2').values.users.basic).toBe(-3);
  });

  it('rolls every parent up to exactly the sum of its children', () => {
    const children = new Map<string, PlanRow[]>();
    for (const row of rows) if (row.parentId) children.set(row.parentId, [...(children.get(row.parentId) ?? []), row]);
    for (const row of rows.filter((r) => r.hasChildren)) {
      for (const m of [REVENUE, NET_USERS, DUE, COLLECTED]) {
        for (const measure of ['lastYearActual', 'basic', 'challenge', 'actual'] as const) {
          const parts = children
            .get(row.id)!
            .map((c) => c.values[m.id][measure])
            .filter((v): v is number => v !== null);
          const scaledSum = parts.reduce((sum, v) => sum + Math.round(v * 10 ** m.precision), 0);
          const expected = parts.length === 0 ? null : scaledSum / 10 ** m.precision;
          expect(row.values[m.id][measure], `${row.id} ${m.id} ${measure}`).toBe(expected);
        }
      }
    }
  });

  it('ignores values stored against a parent unit', () => {
    expect(get('t1').values.rev.basic).toBe(0.3);
  });

  it('leaves null where nothing below is filled', () => {
    for (const row of rows) expect(row.values.rev.challenge, row.id).toBeNull();
    expect(get('t4').values.users.basic).toBeNull();
    expect(get('p3').values.rev.actual).toBeNull();
    expect(get('t2').values.rev.actual).toBeNull();
    expect(get('b2').values.rev.actual).toBeNull();
    expect(get('b1').values.rev.actual).toBe(0.32);
    expect(get('co').values.rev.actual).toBe(0.32);
    expect(get('t4').values.due).toEqual({ lastYearActual: null, basic: null, challenge: null, actual: null });
  });

  it('gives every row a value set for every metric', () => {
    for (const row of rows) expect(Object.keys(row.values).sort()).toEqual(['coll', 'due', 'rate', 'rev', 'users']);
  });

  it('recomputes ratio metrics from the rolled-up parts, never averaging the children', () => {
    expect(get('p1').values.rate.actual).toBe(90);
    expect(get('p2').values.rate.actual).toBe(10);
    // 集团客户部 collected 91 of 110 due: 82.73 %, not the average of 90 % and 10 %.
    const t1 = get('t1').values.rate.actual!;
    expect(t1).toBeCloseTo((91 / 110) * 100, 10);
    const averageOfChildren = (90 + 10) / 2;
    expect(Math.abs(t1 - averageOfChildren)).toBeGreaterThan(30);
    // Company: (90 + 1 + 25 + 20) / (100 + 10 + 50 + 20).
    expect(get('co').values.rate.actual).toBeCloseTo((136 / 180) * 100, 10);
    const childRates = [get('b1'), get('b2')].map((r) => r.values.rate.actual!);
    expect(get('co').values.rate.actual).not.toBeCloseTo((childRates[0] + childRates[1]) / 2, 1);
    // No denominator: null, not 0 or Infinity.
    expect(get('t4').values.rate.actual).toBeNull();
    expect(get('co').values.rate.basic).toBeNull();
  });

  it('handles an empty organisation and metrics without cells', () => {
    expect(buildPlanRows([], METRICS, [])).toEqual([]);
    const lone = buildPlanRows([unit('x', null, '独立网点', '公司')], METRICS, []);
    expect(lone).toHaveLength(1);
    expect(lone[0]).toMatchObject({ depth: 0, hasChildren: false });
    expect(lone[0].values.rev.basic).toBeNull();
  });
});

describe('ratioValue', () => {
  it('is numerator over denominator in percent, null without a denominator', () => {
    expect(ratioValue(45, 50)).toBe(90);
    expect(ratioValue(1, 0)).toBeNull();
    expect(ratioValue(null, 10)).toBeNull();
    expect(ratioValue(10, null)).toBeNull();
  });
});

describe('completionRate', () => {
  it('is actual over target for higher-is-better metrics', () => {
    expect(completionRate(120, 100, 'higher')).toBeCloseTo(1.2, 12);
    expect(completionRate(80, 100, 'higher')).toBeCloseTo(0.8, 12);
    expect(completionRate(0, 100, 'higher')).toBe(0);
    expect(completionRate(50, 0, 'higher')).toBeNull();
    // A negative target (a planned net loss) has no meaningful rate.
    expect(completionRate(-5, -10, 'higher')).toBeNull();
    expect(completionRate(5, -10, 'higher')).toBeNull();
  });

  it('is target over actual for lower-is-better metrics (less arrears is better)', () => {
    expect(completionRate(8, 10, 'lower')).toBeCloseTo(1.25, 12);
    expect(completionRate(12.5, 10, 'lower')).toBeCloseTo(0.8, 12);
    expect(completionRate(0, 10, 'lower')).toBeNull();
  });

  it('is null when either side is missing', () => {
    expect(completionRate(null, 100, 'higher')).toBeNull();
    expect(completionRate(100, null, 'higher')).toBeNull();
    expect(completionRate(null, 100, 'lower')).toBeNull();
  });
});

describe('yearOnYear', () => {
  it('is growth in percent (as a fraction) for additive metrics', () => {
    expect(yearOnYear(110, 100, 'additive')).toBeCloseTo(0.1, 12);
    expect(yearOnYear(90, 100, 'additive')).toBeCloseTo(-0.1, 12);
    // Against a negative last year (净增用户 -100 → -50), the improvement is positive.
    expect(yearOnYear(-50, -100, 'additive')).toBeCloseTo(0.5, 12);
  });

  it('is the change in percentage points for ratio metrics', () => {
    expect(yearOnYear(85, 80, 'ratio')).toBe(5);
    expect(yearOnYear(78.5, 80, 'ratio')).toBeCloseTo(-1.5, 12);
    // A rate of 0 % last year still gives a change in points.
    expect(yearOnYear(12, 0, 'ratio')).toBe(12);
  });

  it('is null on a zero or missing last year for additive metrics', () => {
    expect(yearOnYear(50, 0, 'additive')).toBeNull();
    expect(yearOnYear(null, 100, 'additive')).toBeNull();
    expect(yearOnYear(100, null, 'additive')).toBeNull();
    expect(yearOnYear(null, 80, 'ratio')).toBeNull();
  });
});

describe('attainment', () => {
  const v = (actual: number | null, basic: number | null, challenge: number | null): MeasureValues => ({
    lastYearActual: null,
    actual,
    basic,
    challenge,
  });

  it('bands higher-is-better actuals', () => {
    expect(attainment(v(90, 100, 110), 'higher')).toBe('below-basic');
    expect(attainment(v(100, 100, 110), 'higher')).toBe('basic');
    expect(attainment(v(109.99, 100, 110), 'higher')).toBe('basic');
    expect(attainment(v(110, 100, 110), 'higher')).toBe('challenge');
    expect(attainment(v(200, 100, 110), 'higher')).toBe('challenge');
  });

  it('bands lower-is-better actuals', () => {
    expect(attainment(v(12, 10, 9), 'lower')).toBe('below-basic');
    expect(attainment(v(10, 10, 9), 'lower')).toBe('basic');
    expect(attainment(v(9.5, 10, 9), 'lower')).toBe('basic');
    expect(attainment(v(9, 10, 9), 'lower')).toBe('challenge');
  });

  it('uses only the basic target when there is no challenge target', () => {
    expect(attainment(v(150, 100, null), 'higher')).toBe('basic');
    expect(attainment(v(50, 100, null), 'higher')).toBe('below-basic');
  });

  it('is null without an actual or a basic target', () => {
    expect(attainment(v(null, 100, 110), 'higher')).toBeNull();
    expect(attainment(v(100, null, 110), 'higher')).toBeNull();
  });
});

describe('targetsInconsistent', () => {
  it('is a challenge below the basic target where higher is better, above it where lower is', () => {
    expect(targetsInconsistent({ basic: 100, challenge: 90 }, 'higher')).toBe(true);
    expect(targetsInconsistent({ basic: 100, challenge: 99.99 }, 'higher')).toBe(true);
    expect(targetsInconsistent({ basic: 100, challenge: 100 }, 'higher')).toBe(false);
    expect(targetsInconsistent({ basic: 100, challenge: 110 }, 'higher')).toBe(false);
    expect(targetsInconsistent({ basic: 10, challenge: 11 }, 'lower')).toBe(true);
    expect(targetsInconsistent({ basic: 10, challenge: 10 }, 'lower')).toBe(false);
    expect(targetsInconsistent({ basic: 10, challenge: 9 }, 'lower')).toBe(false);
    // Negative targets (a planned net loss of users) compare the same way.
    expect(targetsInconsistent({ basic: -3, challenge: -5 }, 'higher')).toBe(true);
    expect(targetsInconsistent({ basic: -5, challenge: -3 }, 'higher')).toBe(false);
  });

  it('needs both figures: a missing one is not inconsistent', () => {
    expect(targetsInconsistent({ basic: null, challenge: 90 }, 'higher')).toBe(false);
    expect(targetsInconsistent({ basic: 100, challenge: null }, 'higher')).toBe(false);
    expect(targetsInconsistent({ basic: null, challenge: null }, 'lower')).toBe(false);
  });
});

describe('attainment with inconsistent targets', () => {
  const v = (actual: number, basic: number, challenge: number): MeasureValues => ({ lastYearActual: null, actual, basic, challenge });

  it('never bands an actual between a low challenge and the basic target as challenge', () => {
    // Challenge 90 below basic 100: 95 meets the challenge but not the plan.
    expect(attainment(v(95, 100, 90), 'higher')).toBe('below-basic');
    expect(attainment(v(90, 100, 90), 'higher')).toBe('below-basic');
    expect(attainment(v(85, 100, 90), 'higher')).toBe('below-basic');
  });

  it('gives an inconsistent row at most basic, even when the actual meets both', () => {
    expect(attainment(v(100, 100, 90), 'higher')).toBe('basic');
    expect(attainment(v(500, 100, 90), 'higher')).toBe('basic');
    // Lower is better: a challenge of 12 above a basic of 10.
    expect(attainment(v(11, 10, 12), 'lower')).toBe('below-basic');
    expect(attainment(v(10, 10, 12), 'lower')).toBe('basic');
    expect(attainment(v(1, 10, 12), 'lower')).toBe('basic');
  });

  it('still bands equal targets met as challenge', () => {
    expect(attainment(v(100, 100, 100), 'higher')).toBe('challenge');
    expect(attainment(v(10, 10, 10), 'lower')).toBe('challenge');
  });
});

describe('未设目标 (rateTargetMissing, rateBand)', () => {
  const v = (basic: number | null, challenge: number | null, actual: number | null = 120): MeasureValues => ({
    lastYearActual: null,
    actual,
    basic,
    challenge,
  });
  const leaf = { hasChildren: false };
  const rollUp = { hasChildren: true };

  it('is a leaf with no stored target for the rate, never a roll-up', () => {
    expect(rateTargetMissing('basicRate', leaf, v(null, 110))).toBe(true);
    expect(rateTargetMissing('challengeRate', leaf, v(null, 110))).toBe(false);
    expect(rateTargetMissing('challengeRate', leaf, v(100, null))).toBe(true);
    expect(rateTargetMissing('basicRate', leaf, v(100, null))).toBe(false);
    // A stored 0 is a target: its rate is left empty (see completionRate), not 未设目标.
    expect(rateTargetMissing('basicRate', leaf, v(0, 0))).toBe(false);
    expect(rateTargetMissing('basicRate', rollUp, v(null, null))).toBe(false);
    expect(rateTargetMissing('challengeRate', rollUp, v(null, null))).toBe(false);
  });

  it('gives a missing target no band: it is not met', () => {
    expect(rateBand('basicRate', leaf, REVENUE, v(null, 110))).toBeNull();
    expect(rateBand('challengeRate', leaf, REVENUE, v(null, 110))).toBeNull();
    // Basic met, no challenge: the basic rate is coloured, the 未设目标 challenge rate is not.
    expect(rateBand('basicRate', leaf, REVENUE, v(100, null))).toBe('basic');
    expect(rateBand('challengeRate', leaf, REVENUE, v(100, null))).toBeNull();
    expect(rateBand('challengeRate', leaf, REVENUE, v(100, 110))).toBe('challenge');
    expect(rateBand('challengeRate', leaf, REVENUE, v(100, 90))).toBe('basic');
    expect(rateBand('basicRate', leaf, DUE, v(100, 90, 85))).toBe('challenge');
    // A roll-up keeps its computed band.
    expect(rateBand('challengeRate', rollUp, REVENUE, v(100, null))).toBe('basic');
    expect(rateBand('basicRate', leaf, REVENUE, undefined)).toBeNull();
  });

  it('finds the leaves of buildPlanRows without a target, people and leaf units alike', () => {
    const byId = rowsById(buildPlanRows(NODES, METRICS, CELLS));
    // 营业收入: everyone has a basic target, nobody a challenge one.
    expect(rateTargetMissing('basicRate', byId.get('p1')!, byId.get('p1')!.values.rev)).toBe(false);
    expect(rateTargetMissing('challengeRate', byId.get('p1')!, byId.get('p1')!.values.rev)).toBe(true);
    expect(rateTargetMissing('challengeRate', byId.get('t4')!, byId.get('t4')!.values.rev)).toBe(true);
    expect(rateTargetMissing('challengeRate', byId.get('t1')!, byId.get('t1')!.values.rev)).toBe(false);
    // 应收欠费: actuals only, no targets at all.
    expect(rateTargetMissing('basicRate', byId.get('p4')!, byId.get('p4')!.values.due)).toBe(true);
  });
});

describe('inconsistentTargets', () => {
  it('lists the leaves and roll-ups whose targets disagree, in row then metric order', () => {
    const extra: TargetCell[] = [
      // 营业收入: everyone has a challenge; p1's 0.05 is under its basic 0.1.
      ...cells('rev', 'challenge', { p1: 5, p2: 30, p3: 80, p4: 2, t4: 3 }),
      // 净增用户 may be negative: t4, a leaf unit, challenges -4 against a basic of -3.
      ...cells('users', 'basic', { t4: -3 }),
      ...cells('users', 'challenge', { p1: 45, p2: -10, p3: 6, p4: -2, t4: -4 }),
      // 应收欠费 is lower-is-better: p3's challenge above its basic, p4's below it (fine).
      ...cells('due', 'basic', { p3: 5000, p4: 2000 }),
      ...cells('due', 'challenge', { p3: 6000, p4: 1500 }),
    ];
    const rows = buildPlanRows(NODES, METRICS, [...CELLS, ...extra]);
    const found = inconsistentTargets(rows, METRICS);
    // Roll-ups compare their sums: t1's 营业收入 (0.3 against 0.35) and b2's 净增用户 (-6 against -6)
    // are consistent although p1 and t4 are not; p3's 应收欠费 carries t2, b1 and the company
    // (70 against 75). 欠费回收率 has no basic/challenge parts here, so it never counts.
    expect(found).toEqual([
      { rowId: 'co', metricId: 'due' },
      { rowId: 'b1', metricId: 'due' },
      { rowId: 'p1', metricId: 'rev' },
      { rowId: 't2', metricId: 'due' },
      { rowId: 'p3', metricId: 'due' },
      { rowId: 't4', metricId: 'users' },
    ]);
    const byId = rowsById(rows);
    expect(attainment(byId.get('p1')!.values.rev, 'higher')).toBe('basic');
    expect(inconsistentTargets(buildPlanRows(NODES, METRICS, CELLS), METRICS)).toEqual([]);
  });

  it('flags a roll-up whose challenge sums fall short because some children have none', () => {
    // p1 challenges 0.15 against 0.1 and p2 sets none: t1 sums 0.3 basic against 0.15 challenge.
    const rows = buildPlanRows(NODES, [REVENUE], [...CELLS, ...cells('rev', 'challenge', { p1: 15 })]);
    expect(inconsistentTargets(rows, [REVENUE]).map((c) => c.rowId)).toEqual(['co', 'b1', 't1']);
  });
});

describe('derivedValue', () => {
  const values: MeasureValues = { lastYearActual: 100, basic: 110, challenge: 120, actual: 132 };

  it('computes completion rates and year-on-year growth from a row', () => {
    expect(derivedValue('basicRate', REVENUE, values)).toBeCloseTo(1.2, 12);
    expect(derivedValue('challengeRate', REVENUE, values)).toBeCloseTo(1.1, 12);
    expect(derivedValue('yoy', REVENUE, values)).toBeCloseTo(0.32, 12);
    expect(derivedValue('basicRate', DUE, values)).toBeCloseTo(110 / 132, 12);
    expect(derivedValue('yoy', RATE, values)).toBe(32);
  });
});

describe('isEditableCell', () => {
  it('allows typing only in leaf rows of additive metrics', () => {
    expect(isEditableCell({ hasChildren: false }, REVENUE, 'basic')).toBe(true);
    expect(isEditableCell({ hasChildren: true }, REVENUE, 'basic')).toBe(false);
    expect(isEditableCell({ hasChildren: false }, RATE, 'basic')).toBe(false);
    expect(isEditableCell({ hasChildren: true }, RATE, 'basic')).toBe(false);
    // 实际 is the sum of the entered daily actuals, never typed as a year.
    expect(isEditableCell({ hasChildren: false }, REVENUE, 'actual')).toBe(false);
    expect(isEditableCell({ hasChildren: false }, REVENUE, 'lastYearActual')).toBe(true);
  });

  it('agrees with the rows buildPlanRows produces (leaf unit editable, parents not)', () => {
    const byId = rowsById(buildPlanRows(NODES, METRICS, CELLS));
    expect(isEditableCell(byId.get('t4')!, REVENUE, 'basic')).toBe(true);
    expect(isEditableCell(byId.get('p1')!, REVENUE, 'basic')).toBe(true);
    expect(isEditableCell(byId.get('t1')!, REVENUE, 'basic')).toBe(false);
    expect(isEditableCell(byId.get('co')!, REVENUE, 'basic')).toBe(false);
  });
});
