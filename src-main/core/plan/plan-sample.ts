/**
 * The sample organisation every new workspace opens on: a city company, its county branches,
 * their teams and people, six metrics in the vocabulary of the source plans, a year of targets
 * and its days so far. Values come from a seeded generator, so every sample workspace is
 * identical. It lives in the plan feature because it fills the org, targets and plan tables
 * together (through their stores), drawing from one random stream in one pass.
 */
import type { Measure } from '../../../src-shared/domain/targets';
import { numberToScaled } from '../../../src-shared/domain/decimal';
import { spreadOverDays } from '../../../src-shared/domain/splitting';
import { changeOrg, type OrgEdits, type PersonRow } from '../org';
import { insertMetric, targetCellWriter, type MetricRow } from '../targets';
import type { Workspace } from '../workspace';
import { META_ORGANISATION, META_PLAN_YEAR, writeMetaValue } from '../workspace';
import { dayCellWriter, type DayCellWriter } from './plan-store';
import { localDay } from '../../../src-shared/domain/periods';

export const SAMPLE_ORGANISATION = '江城市分公司';

interface SampleTeam {
  name: string;
  people: Array<[name: string, role: PersonRow['role']]>;
}

// One line per record, read as a table.
// prettier-ignore
const SAMPLE_BRANCHES: Array<{ name: string; teams: SampleTeam[] }> = [
  {
    name: '东湖县分公司',
    teams: [
      { name: '集团客户部', people: [['王建国', '片区经理'], ['李晓燕', '客户经理'], ['张伟', '客户经理'], ['刘芳', '客户经理']] },
      { name: '公众客户部', people: [['陈明', '门店经理'], ['杨静', '销售员'], ['赵磊', '销售员']] },
    ],
  },
  {
    name: '西岭县分公司',
    teams: [
      { name: '集团客户部', people: [['黄志强', '片区经理'], ['周丽', '客户经理'], ['吴斌', '客户经理']] },
      { name: '公众客户部', people: [['徐海涛', '门店经理'], ['孙倩', '销售员'], ['马超', '销售员'], ['朱琳', '销售员']] },
    ],
  },
  {
    name: '城区分公司',
    teams: [
      { name: '政企客户部', people: [['胡军', '片区经理'], ['郭敏', '客户经理'], ['何勇', '客户经理'], ['高雪', '客户经理']] },
      { name: '城东片区', people: [['林峰', '门店经理'], ['罗娜', '销售员'], ['梁宇', '销售员']] },
      { name: '城西片区', people: [['宋涛', '门店经理'], ['郑琦', '销售员'], ['谢婷', '销售员']] },
    ],
  },
];

interface SampleMetric extends Omit<MetricRow, 'numeratorId' | 'denominatorId' | 'sortOrder'> {
  numeratorId?: string;
  denominatorId?: string;
  /** Typical last-year value per person, and how strongly the plan asks for growth. */
  base?: number;
  growth?: number;
  /** Collected amounts are a share of what is due, so the recovery rate stays under 100%. */
  shareOf?: { metricId: string; lastYear: number; basic: number; challenge: number };
}

// One line per record, read as a table.
// prettier-ignore
export const SAMPLE_METRICS: SampleMetric[] = [
  { id: 'm-revenue', code: 'revenue', name: '营业收入', unit: '万元', precision: 2, kind: 'additive', direction: 'higher', allowNegative: false, base: 160, growth: 0.08 },
  { id: 'm-net-users', code: 'net_users', name: '净增用户', unit: '户', precision: 0, kind: 'additive', direction: 'higher', allowNegative: true, base: 420, growth: 0.1 },
  { id: 'm-new-business', code: 'new_business_revenue', name: '新业务收入', unit: '万元', precision: 2, kind: 'additive', direction: 'higher', allowNegative: false, base: 38, growth: 0.15 },
  { id: 'm-arrears-due', code: 'arrears_due', name: '应收欠费', unit: '万元', precision: 2, kind: 'additive', direction: 'lower', allowNegative: false, base: 12, growth: -0.05 },
  {
    id: 'm-arrears-collected', code: 'arrears_collected', name: '欠费回收额', unit: '万元', precision: 2, kind: 'additive', direction: 'higher', allowNegative: false,
    shareOf: { metricId: 'm-arrears-due', lastYear: 0.9, basic: 0.94, challenge: 0.97 },
  },
  { id: 'm-arrears-rate', code: 'arrears_recovery_rate', name: '欠费回收率', unit: '%', precision: 1, kind: 'ratio', direction: 'higher', allowNegative: false, numeratorId: 'm-arrears-collected', denominatorId: 'm-arrears-due' },
];

/** The organisation, metrics, a year of targets and the days so far; the first sample writer. */
export function writePlanSample(ws: Workspace, random: () => number): void {
  const vary = (spread: number) => 1 + (random() * 2 - 1) * spread;
  const year = ws.ctx.clock().getFullYear();
  const now = ws.ctx.clock().toISOString();
  // Actuals run up to "today" in the plan year (the whole year when the clock is past it): the
  // same local day the actuals rule and tracking take (localDay).
  const today = localDay(ws.ctx.clock());
  const asOf = today.startsWith(String(year)) ? today : `${year}-12-31`;
  const cells = targetCellWriter(ws.db);
  const days = dayCellWriter(ws.db, 64);

  writeMetaValue(ws.db, META_PLAN_YEAR, String(year));
  writeMetaValue(ws.db, META_ORGANISATION, SAMPLE_ORGANISATION);
  SAMPLE_METRICS.forEach((m, i) =>
    insertMetric(ws.db, {
      id: m.id,
      code: m.code,
      name: m.name,
      unit: m.unit,
      precision: m.precision,
      kind: m.kind,
      direction: m.direction,
      allowNegative: m.allowNegative,
      numeratorId: m.numeratorId ?? null,
      denominatorId: m.denominatorId ?? null,
      sortOrder: i + 1,
    }),
  );
  const writePerson = (personId: string) => {
    const strength = vary(0.35);
    const personValues = new Map<string, Record<Measure, number>>();
    for (const metric of SAMPLE_METRICS) {
      const values = sampleValues(metric, personValues, strength, vary, random);
      if (!values) continue;
      personValues.set(metric.id, values);
      const scaled = Object.fromEntries(Object.entries(values).map(([measure, value]) => [measure, numberToScaled(value, metric.precision)])) as Record<
        Measure,
        number
      >;
      // The year day by day: plans spread over working days, actuals for each elapsed working day
      // around the plan. The annual figures are their sums; only 上年实际 is stored as a year.
      writeSampleDays(days, year, metric.id, personId, scaled, asOf, random);
      cells.put(year, metric.id, personId, 'lastYearActual', scaled.lastYearActual, now);
    }
  };
  changeOrg(ws, (org) => writeSampleOrg(ws, org, writePerson));
  days.flush();
}

/** The company, its branches, teams and people, in sort order; `writePerson` fills each person's figures. */
function writeSampleOrg(ws: Workspace, org: OrgEdits, writePerson: (personId: string) => void): void {
  const companyId = ws.ctx.newId('u');
  org.addUnit({ id: companyId, parentId: null, level: 'company', name: SAMPLE_ORGANISATION, sortOrder: 1 });
  SAMPLE_BRANCHES.forEach((branch, b) => {
    const branchId = ws.ctx.newId('u');
    org.addUnit({ id: branchId, parentId: companyId, level: 'branch', name: branch.name, sortOrder: b + 1 });
    branch.teams.forEach((team, t) => {
      const teamId = ws.ctx.newId('u');
      org.addUnit({ id: teamId, parentId: branchId, level: 'team', name: team.name, sortOrder: t + 1 });
      team.people.forEach(([name, role], p) => {
        const personId = ws.ctx.newId('p');
        org.addPerson({ id: personId, unitId: teamId, name, role, sortOrder: p + 1 });
        writePerson(personId);
      });
    });
  });
}

/** One person's four values for a metric: last year, a basic and a challenge target, an actual. */
function sampleValues(
  metric: SampleMetric,
  earlier: Map<string, Record<Measure, number>>,
  strength: number,
  vary: (spread: number) => number,
  random: () => number,
): Record<Measure, number> | null {
  if (metric.kind !== 'additive') return null;
  if (metric.shareOf) {
    const whole = earlier.get(metric.shareOf.metricId);
    if (!whole) return null;
    const share = metric.shareOf;
    return {
      lastYearActual: whole.lastYearActual * share.lastYear * vary(0.04),
      basic: whole.basic * share.basic,
      challenge: whole.basic * share.challenge,
      actual: whole.actual * Math.min(0.995, share.basic - 0.05 + random() * 0.09),
    };
  }
  if (metric.base === undefined) return null;
  const growth = metric.growth ?? 0;
  const lastYear = metric.base * strength * vary(0.1);
  const basic = lastYear * (1 + growth);
  // The amount due is a forecast, not a goal: one figure for both target levels.
  const challenge = metric.direction === 'higher' ? basic * 1.08 : basic;
  const actual = lastYear * (1 + growth * vary(1.2)) * vary(0.06);
  return { lastYearActual: lastYear, basic, challenge, actual };
}

/** Writes one person's daily basic/challenge plan and daily actuals. */
function writeSampleDays(
  days: DayCellWriter,
  year: number,
  metricId: string,
  personId: string,
  annual: Record<Measure, number>,
  asOf: string,
  random: () => number,
): void {
  const plans: Record<'basic' | 'challenge', Map<string, number>> = { basic: new Map(), challenge: new Map() };
  for (const level of ['basic', 'challenge'] as const) {
    const result = spreadOverDays(annual[level], year, String(year), 'working-days');
    if (!result.ok) throw new Error(`sample spread refused: ${result.reason}`);
    plans[level] = result.values;
    for (const [day, value] of result.values) days.put({ year, metricId, level }, personId, day, value);
  }
  // Each person runs at a steady pace of their basic plan, with day-to-day noise.
  const pace = annual.actual / Math.max(1, annual.basic);
  for (const [day, planned] of plans.basic) {
    if (day > asOf) break;
    const value = planned === 0 ? 0 : Math.round(planned * pace * (0.75 + random() * 0.5));
    days.put({ year, metricId, level: 'actual' }, personId, day, value);
  }
}
