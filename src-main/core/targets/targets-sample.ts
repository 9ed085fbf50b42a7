/**
 * The sample organisation every new workspace opens on: a city company, its county branches,
 * their teams and people, six metrics in the vocabulary of the source plans, and a year of
 * targets. Values come from a seeded generator, so every sample workspace is identical.
 */
import type { Measure } from '../../../src-shared/domain/targets';
import { numberToScaled } from '../../../src-shared/domain/decimal';
import { spreadOverDays } from '../../../src-shared/domain/splitting';
import { rawDatabase } from '../db/data-source';
import type { MetricRow } from '../db/entities';
import type { Workspace } from '../workspace';
import { META_ORGANISATION, META_PLAN_YEAR } from '../workspace';

export const SAMPLE_ORGANISATION = '江城市分公司';

interface SampleTeam {
  name: string;
  people: Array<[name: string, role: string]>;
}

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
export function writeTargetsSample(ws: Workspace, random: () => number): void {
  const db = rawDatabase(ws.dataSource);
  const vary = (spread: number) => 1 + (random() * 2 - 1) * spread;
  const year = ws.ctx.clock().getFullYear();
  const now = ws.ctx.clock().toISOString();
  const insertMeta = db.prepare(`INSERT OR REPLACE INTO workspace_meta (key, value) VALUES (?, ?)`);
  const insertUnit = db.prepare(`INSERT INTO org_unit (id, parent_id, level, name, sort_order) VALUES (?, ?, ?, ?, ?)`);
  const insertPerson = db.prepare(`INSERT INTO person (id, unit_id, name, role, sort_order) VALUES (?, ?, ?, ?, ?)`);
  const insertMetric = db.prepare(`INSERT INTO metric (id, code, name, unit, precision, kind, direction, allow_negative, numerator_id, denominator_id, sort_order)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertDay = db.prepare(`INSERT INTO plan_day_cell (plan_year, metric_id, level, subject_id, day, value) VALUES (?, ?, ?, ?, ?, ?)`);
  // Actuals run up to "today" in the plan year (the whole year when the clock is past it).
  const today = ws.ctx.clock().toISOString().slice(0, 10);
  const asOf = today.startsWith(String(year)) ? today : `${year}-12-31`;
  const insertCell = db.prepare(`INSERT INTO target_cell (plan_year, metric_id, subject_id, measure, value, updated_at) VALUES (?, ?, ?, ?, ?, ?)`);

  {
    insertMeta.run(META_PLAN_YEAR, String(year));
    insertMeta.run(META_ORGANISATION, SAMPLE_ORGANISATION);
    SAMPLE_METRICS.forEach((m, i) =>
      insertMetric.run(m.id, m.code, m.name, m.unit, m.precision, m.kind, m.direction, m.allowNegative ? 1 : 0, m.numeratorId ?? null, m.denominatorId ?? null, i + 1),
    );
    const companyId = ws.ctx.newId('u');
    insertUnit.run(companyId, null, 'company', SAMPLE_ORGANISATION, 1);
    SAMPLE_BRANCHES.forEach((branch, b) => {
      const branchId = ws.ctx.newId('u');
      insertUnit.run(branchId, companyId, 'branch', branch.name, b + 1);
      branch.teams.forEach((team, t) => {
        const teamId = ws.ctx.newId('u');
        insertUnit.run(teamId, branchId, 'team', team.name, t + 1);
        team.people.forEach(([name, role], p) => {
          const personId = ws.ctx.newId('p');
          insertPerson.run(personId, teamId, name, role, p + 1);
          const strength = vary(0.35);
          const personValues = new Map<string, Record<Measure, number>>();
          for (const metric of SAMPLE_METRICS) {
            const values = sampleValues(metric, personValues, strength, vary, random);
            if (!values) continue;
            personValues.set(metric.id, values);
            const scaled = Object.fromEntries(
              Object.entries(values).map(([measure, value]) => [measure, numberToScaled(value, metric.precision)]),
            ) as Record<Measure, number>;
            // The year so far, day by day: plans spread over working days, actuals for each elapsed
            // working day around the plan; the annual actual is their sum.
            scaled.actual = writeSampleDays(insertDay, year, metric.id, personId, scaled, asOf, random);
            for (const [measure, value] of Object.entries(scaled)) insertCell.run(year, metric.id, personId, measure, value, now);
          }
        });
      });
    });
  }
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

/** Writes one person's daily basic/challenge plan and daily actuals; returns the actual's year-to-date sum. */
function writeSampleDays(
  insertDay: { run: (...args: unknown[]) => unknown },
  year: number,
  metricId: string,
  personId: string,
  annual: Record<Measure, number>,
  asOf: string,
  random: () => number,
): number {
  const plans: Record<'basic' | 'challenge', Map<string, number>> = { basic: new Map(), challenge: new Map() };
  for (const level of ['basic', 'challenge'] as const) {
    const result = spreadOverDays(annual[level], year, String(year), 'working-days');
    if (!result.ok) throw new Error(`sample spread refused: ${result.reason}`);
    plans[level] = result.values;
    for (const [day, value] of result.values) insertDay.run(year, metricId, level, personId, day, value);
  }
  // Each person runs at a steady pace of their basic plan, with day-to-day noise.
  const pace = annual.actual / Math.max(1, annual.basic);
  let sum = 0;
  for (const [day, planned] of plans.basic) {
    if (day > asOf) break;
    const value = planned === 0 ? 0 : Math.round(planned * pace * (0.75 + random() * 0.5));
    insertDay.run(year, metricId, 'actual', personId, day, value);
    sum += value;
  }
  return sum;
}
