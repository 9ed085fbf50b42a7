/**
 * 绩效考核表 read and written: the year's scheme, the typed monthly figures, and the sheet that
 * scores them. The plan's two items are read from the same day cells 目标分解 and 进度跟踪 show
 * (getPlanGrid of the period's grain), so the sheet's 原计划销售指标 is the breakdown's figure.
 */
import type { ChannelInput, EvaluationScheme, EvaluationSheet } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import {
  competitionRanks,
  DEFAULT_ITEM_RULES,
  EVALUATION_ITEMS,
  ITEM_BY_KEY,
  itemScore,
  monthsOfPeriod,
  periodLabel,
  periodTarget,
  periodValue,
  schemeProblem,
  type EvaluationItemKey,
  type ItemRule,
} from '../../../src-shared/domain/evaluation';
import { leavesOf, orgTreeOf } from '../../../src-shared/domain/org-tree';
import { localDay } from '../../../src-shared/domain/periods';
import { readOrg } from '../org';
import { getPlanGrid } from '../plan';
import { listMetrics, readMetric } from '../targets';
import type { Workspace } from '../workspace';
import { deleteEntry, readEntries, readScheme, writeEntry, writeScheme } from './evaluation-store';

const ZH: Record<string, string> = {
  'unknown-unit': '该单位不在本年度的组织中',
  'period-not-of-year': '考核期间不在所选年度内',
  'unknown-person': '该人员不在该年度的组织中',
  'unknown-metric': '考核指标已不存在，请在计分规则中另选一个指标',
  'metric-not-additive': '考核指标须为可累加的指标（如营业收入），比率指标不能按期累计',
  'plan-item': '原计划销售指标和实际完成销量取自计划，请在目标分解或进度跟踪中修改',
  'not-a-count': '数量须为不小于 0 的整数',
  'percent-out-of-range': '增长率须在 -1000% 到 1000% 之间，完成率须在 0 到 1000% 之间',
  'grade-out-of-range': '评分须在 0 到 100 分之间',
  'items-incomplete': '计分规则须包含全部 12 个考核项目',
  'weight-out-of-range': '权重须在 0 到 100 分之间（原计划销售指标不计分）',
  'target-missing': '按完成率计分的项目须有大于 0 的月度目标',
  'target-not-whole': '数量项目的月度目标须为整数',
  'cap-out-of-range': '得分上限须在权重的 100% 到 200% 之间',
  'per-unit-missing': '扣分项目须有大于 0 的每次扣分',
  'weights-not-100': '各项目权重合计须为 100 分',
};

function refuse(code: 'INVALID_INPUT' | 'NOT_FOUND', reason: string, message: string, details: Record<string, unknown> = {}): never {
  throw new AppError(code, `${ZH[reason]} / ${message}`, { reason, zh: ZH[reason], ...details });
}

async function defaultMetricId(ws: Workspace): Promise<string> {
  const metrics = await listMetrics(ws);
  const additive = metrics.filter((m) => m.kind === 'additive');
  const chosen = additive.find((m) => m.code === 'revenue') ?? additive[0];
  if (!chosen) refuse('NOT_FOUND', 'unknown-metric', 'The workspace has no additive metric to evaluate sales by');
  return chosen.id;
}

export async function getScheme(ws: Workspace, year: number): Promise<EvaluationScheme> {
  const stored = readScheme(ws.db, year);
  if (stored) return { ...stored, saved: true };
  return { year, metricId: await defaultMetricId(ws), items: DEFAULT_ITEM_RULES.map((r) => ({ ...r })), saved: false };
}

function metricFor(ws: Workspace, metricId: string) {
  const metric = readMetric(ws.db, metricId);
  if (!metric) refuse('NOT_FOUND', 'unknown-metric', `No metric ${metricId}`, { metricId });
  if (metric.kind !== 'additive') refuse('INVALID_INPUT', 'metric-not-additive', `${metric.name} is a ratio`, { metricId });
  return metric;
}

export function saveScheme(ws: Workspace, input: ChannelInput<'evaluation/save-scheme'>): EvaluationScheme {
  metricFor(ws, input.metricId);
  // In the items' own order, whatever order they came in.
  const items = EVALUATION_ITEMS.map((item) => input.items.find((r) => r.key === item.key)).filter((r): r is ItemRule => r !== undefined);
  const problem = schemeProblem(items.length === input.items.length ? items : input.items);
  if (problem) {
    const item = problem.item ? ITEM_BY_KEY.get(problem.item) : undefined;
    refuse('INVALID_INPUT', problem.reason, `scheme refused: ${problem.reason}${item ? ` (${item.en})` : ''}`, { item: problem.item, itemName: item?.zh });
  }
  const scheme = { year: input.year, metricId: input.metricId, items };
  ws.db.transaction(() => writeScheme(ws.db, scheme, ws.ctx.clock().toISOString()));
  ws.events.emit('evaluation/changed', { year: input.year });
  return { ...scheme, saved: true };
}

/** The unit and every person in it or below it, in the organisation's display order. */
export function peopleUnder(ws: Workspace, year: number, unitId: string | undefined) {
  const { units, people } = readOrg(ws.db, year);
  const root = unitId ? units.find((u) => u.id === unitId) : units.find((u) => u.parentId === null);
  if (!root) refuse('NOT_FOUND', 'unknown-unit', `No unit ${unitId ?? '(company)'} in ${year}`, { unitId });
  const byId = new Map(people.map((p) => [p.id, p]));
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const placed = leavesOf(orgTreeOf(units, people), root.id).flatMap((id) => {
    const person = byId.get(id);
    return person ? [{ ...person, unitName: unitName.get(person.unitId) ?? '' }] : [];
  });
  return { root, people: placed };
}

/**
 * The months of the period an evaluation counts: those begun by the clock's month, so a quarter or
 * a year in progress is scored against the months so far (targets, counts' targets and the plan's
 * figures alike), not against months still to come; a period not begun counts all its months.
 */
export function countedMonths(period: string, today: string): string[] {
  const months = monthsOfPeriod(period);
  const begun = months.filter((m) => m <= today.slice(0, 7));
  return begun.length > 0 ? begun : months;
}

export async function getSheet(ws: Workspace, input: ChannelInput<'evaluation/get-sheet'>): Promise<EvaluationSheet> {
  const { year, period } = input;
  if (Number(period.slice(0, 4)) !== year) refuse('INVALID_INPUT', 'period-not-of-year', `Period ${period} is not of ${year}`);
  const scheme = await getScheme(ws, year);
  const metric = metricFor(ws, scheme.metricId);
  const { root, people } = peopleUnder(ws, year, input.unitId);
  const months = countedMonths(period, localDay(ws.ctx.clock()));
  // 目标分解's month columns, added over the months counted: null where none of them holds a figure.
  const [basic, actual] = await Promise.all(
    (['basic', 'actual'] as const).map(async (level) => {
      const grid = await getPlanGrid(ws, { year, metricId: metric.id, level }, 'month');
      return new Map(
        grid.rows.map((r) => {
          const figures = months.map((m) => r.values[m] ?? null).filter((v): v is number => v !== null);
          return [r.id, figures.length === 0 ? null : figures.reduce((a, v) => a + v, 0)];
        }),
      );
    }),
  );
  const typed = new Map<string, number>();
  for (const entry of readEntries(ws.db, months)) typed.set(`${entry.personId}|${entry.month}|${entry.itemKey}`, entry.value);
  const rules = new Map(scheme.items.map((r) => [r.key, r]));

  const scored = people.map((person) => {
    const values = {} as Record<EvaluationItemKey, number | null>;
    const scores = {} as Record<EvaluationItemKey, number | null>;
    const target = basic.get(person.id) ?? null;
    const sold = actual.get(person.id) ?? null;
    for (const item of EVALUATION_ITEMS) {
      const rule = rules.get(item.key)!;
      if (item.valueKind === 'plan') {
        values[item.key] = item.key === 'salesTarget' ? target : sold;
        // Tenths of the metric's unit, so the attainment is the plan's own ratio.
        scores[item.key] = item.key === 'salesActual' ? itemScore(item, rule, sold, target) : null;
      } else {
        const value = periodValue(
          item,
          months.map((m) => typed.get(`${person.id}|${m}|${item.key}`) ?? null),
        );
        values[item.key] = value;
        scores[item.key] = itemScore(item, rule, value, periodTarget(item, rule, months.length));
      }
    }
    const total = Object.values(scores).reduce<number>((sum, s) => sum + (s ?? 0), 0);
    return {
      personId: person.id,
      name: person.name,
      unitName: person.unitName,
      role: person.role || null,
      values,
      scores,
      salesRate: target !== null && target > 0 && sold !== null ? sold / target : null,
      total,
    };
  });
  const ranks = competitionRanks(scored.map((r) => r.total));
  return {
    year,
    period,
    periodLabel: periodLabel(period),
    editable: monthsOfPeriod(period).length === 1,
    months,
    unitId: root.id,
    unitName: root.name,
    metric: { id: metric.id, name: metric.name, unit: metric.unit, precision: metric.precision },
    items: EVALUATION_ITEMS.map((item) => {
      const rule = rules.get(item.key)!;
      return {
        ...rule,
        name: item.zh,
        nameEn: item.en,
        rule: item.rule,
        unit: item.valueKind === 'plan' ? metric.unit : item.unit,
        valueKind: item.valueKind,
        periodTarget: periodTarget(item, rule, months.length),
      };
    }),
    rows: scored.map((row, i) => ({ ...row, rank: ranks[i] })),
  };
}

/** Why a typed value cannot be kept, or null: counts whole and not negative, rates within ±1000%, grades 0–100. */
function valueProblem(key: EvaluationItemKey, value: number): string | null {
  const item = ITEM_BY_KEY.get(key)!;
  if (item.valueKind === 'plan') return 'plan-item';
  if (item.valueKind === 'count') return value < 0 || value % 10 !== 0 ? 'not-a-count' : null;
  // Only a growth rate falls below zero; a completion rate runs from 0.
  if (item.valueKind === 'percent') return value < (key === 'growthRate' ? -10_000 : 0) || value > 10_000 ? 'percent-out-of-range' : null;
  return value < 0 || value > 1000 ? 'grade-out-of-range' : null;
}

export function saveEntries(ws: Workspace, input: ChannelInput<'evaluation/save-entries'>): { saved: number; cleared: number } {
  const year = Number(input.month.slice(0, 4));
  const known = new Set(readOrg(ws.db, year).people.map((p) => p.id));
  for (const change of input.changes) {
    const item = ITEM_BY_KEY.get(change.item)!;
    const details = { personId: change.personId, item: change.item, itemName: item.zh };
    if (!known.has(change.personId)) refuse('NOT_FOUND', 'unknown-person', `No person ${change.personId} in ${year}`, details);
    const problem = item.valueKind === 'plan' ? 'plan-item' : change.value === null ? null : valueProblem(change.item, change.value);
    if (problem) refuse('INVALID_INPUT', problem, `${item.en}: ${change.value}`, details);
  }
  const at = ws.ctx.clock().toISOString();
  let saved = 0;
  let cleared = 0;
  ws.db.transaction(() => {
    for (const change of input.changes) {
      if (change.value === null) cleared += deleteEntry(ws.db, change.personId, input.month, change.item);
      else {
        writeEntry(ws.db, { personId: change.personId, month: input.month, itemKey: change.item, value: change.value }, at);
        saved++;
      }
    }
  });
  ws.events.emit('evaluation/changed', { year });
  return { saved, cleared };
}
