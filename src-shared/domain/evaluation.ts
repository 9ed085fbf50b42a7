/**
 * 绩效考核表: the 12 items of a salesperson's evaluation (as the sample plans list them), how each
 * is scored, and the period arithmetic. The first two come from the plan (the basic target and the
 * actual of the evaluated metric for the period); the other ten are typed each month. A quarter or
 * a year is never typed: its counts are the sum of its months and its rates and grades their mean,
 * so a quarter cannot disagree with its months.
 *
 * Every figure here is an integer in tenths (12.5 → 125): scores are added as typed and printed
 * (one decimal), so the printed items add up to the printed total.
 */

export const EVALUATION_ITEM_KEYS = [
  'salesTarget',
  'salesActual',
  'newCustomers',
  'customerVisits',
  'phoneVisits',
  'weeklyOrders',
  'growthRate',
  'developedCustomers',
  'lostCustomers',
  'discipline',
  'planReportRate',
  'resourceReplies',
] as const;
export type EvaluationItemKey = (typeof EVALUATION_ITEM_KEYS)[number];

/** reference: shown, not scored (the base of 实际完成销量); attainment: value ÷ target, capped; deduction: weight − value × points each; grade: a mark out of 100. */
export const SCORING_RULES = ['reference', 'attainment', 'deduction', 'grade'] as const;
export type ScoringRule = (typeof SCORING_RULES)[number];

/** count: whole numbers per month, summed over a quarter; percent and grade: one decimal, averaged. */
export type ItemValueKind = 'plan' | 'count' | 'percent' | 'grade';

export interface EvaluationItemDef {
  key: EvaluationItemKey;
  zh: string;
  en: string;
  valueKind: ItemValueKind;
  unit: string;
  /** How the item is scored; its parameters and its weight are the planner's. */
  rule: ScoringRule;
}

export const EVALUATION_ITEMS: readonly EvaluationItemDef[] = [
  { key: 'salesTarget', zh: '原计划销售指标', en: 'Planned sales target', valueKind: 'plan', unit: '', rule: 'reference' },
  { key: 'salesActual', zh: '实际完成销量', en: 'Actual sales', valueKind: 'plan', unit: '', rule: 'attainment' },
  { key: 'newCustomers', zh: '开发新客户数量', en: 'New customers approached', valueKind: 'count', unit: '户', rule: 'attainment' },
  { key: 'customerVisits', zh: '现有客户拜访数量', en: 'Visits to existing customers', valueKind: 'count', unit: '次', rule: 'attainment' },
  { key: 'phoneVisits', zh: '电话拜访数量', en: 'Phone calls', valueKind: 'count', unit: '次', rule: 'attainment' },
  { key: 'weeklyOrders', zh: '周订单数量', en: 'Weekly orders', valueKind: 'count', unit: '单', rule: 'attainment' },
  { key: 'growthRate', zh: '增长率', en: 'Growth rate', valueKind: 'percent', unit: '%', rule: 'attainment' },
  { key: 'developedCustomers', zh: '新增开发客户数量', en: 'Customers signed', valueKind: 'count', unit: '户', rule: 'attainment' },
  { key: 'lostCustomers', zh: '丢失客户数量', en: 'Customers lost', valueKind: 'count', unit: '户', rule: 'deduction' },
  { key: 'discipline', zh: '行为纪律', en: 'Conduct and discipline', valueKind: 'grade', unit: '分', rule: 'grade' },
  { key: 'planReportRate', zh: '工作计划/汇报完成率', en: 'Plans and reports on time', valueKind: 'percent', unit: '%', rule: 'attainment' },
  { key: 'resourceReplies', zh: '需求资源客户回复', en: 'Replies to resource requests', valueKind: 'grade', unit: '分', rule: 'grade' },
];

export const ITEM_BY_KEY = new Map(EVALUATION_ITEMS.map((item) => [item.key, item]));

/** One item's rule as the planner set it; all figures in tenths. */
export interface ItemRule {
  key: EvaluationItemKey;
  /** Points out of the scheme's 100 (tenths: 300 = 30 points). */
  weight: number;
  /** attainment: the monthly target (a count or a percent; ignored for 实际完成销量, whose target is the plan's). */
  target: number | null;
  /** attainment: the most an item can score, as a percent of its weight (1200 = 120%). */
  cap: number | null;
  /** deduction: points taken off per unit (25 = 2.5 points per lost customer). */
  perUnit: number | null;
}

const rule = (key: EvaluationItemKey, weight: number, target: number | null = null, perUnit: number | null = null): ItemRule => ({
  key,
  weight,
  target,
  cap: ITEM_BY_KEY.get(key)!.rule === 'attainment' ? 1200 : null,
  perUnit,
});

/** The scheme a year starts with: weights adding to 100, targets a month of a typical 客户经理. */
export const DEFAULT_ITEM_RULES: readonly ItemRule[] = [
  rule('salesTarget', 0),
  rule('salesActual', 300),
  rule('newCustomers', 100, 40),
  rule('customerVisits', 100, 200),
  rule('phoneVisits', 50, 600),
  rule('weeklyOrders', 50, 160),
  rule('growthRate', 100, 100),
  rule('developedCustomers', 50, 20),
  rule('lostCustomers', 50, null, 25),
  rule('discipline', 50),
  rule('planReportRate', 100, 1000),
  rule('resourceReplies', 50),
];

export const FULL_MARKS = 1000;

/** Why a scheme cannot be saved, or null. */
export function schemeProblem(rules: readonly ItemRule[]): { reason: string; item?: EvaluationItemKey } | null {
  const keys = rules.map((r) => r.key);
  if (keys.length !== EVALUATION_ITEM_KEYS.length || EVALUATION_ITEM_KEYS.some((key) => !keys.includes(key))) return { reason: 'items-incomplete' };
  for (const r of rules) {
    const scoring = ITEM_BY_KEY.get(r.key)!.rule;
    if (scoring === 'reference' ? r.weight !== 0 : r.weight < 0 || r.weight > FULL_MARKS) return { reason: 'weight-out-of-range', item: r.key };
    if (scoring === 'attainment' && r.key !== 'salesActual' && (r.target === null || r.target <= 0)) return { reason: 'target-missing', item: r.key };
    if (scoring === 'attainment' && ITEM_BY_KEY.get(r.key)!.valueKind === 'count' && r.target !== null && r.target % 10 !== 0)
      return { reason: 'target-not-whole', item: r.key };
    if (scoring === 'attainment' && (r.cap === null || r.cap < 1000 || r.cap > 2000)) return { reason: 'cap-out-of-range', item: r.key };
    if (scoring === 'deduction' && (r.perUnit === null || r.perUnit <= 0)) return { reason: 'per-unit-missing', item: r.key };
  }
  if (rules.reduce((sum, r) => sum + r.weight, 0) !== FULL_MARKS) return { reason: 'weights-not-100' };
  return null;
}

/** An evaluation period: a month (2026-11), a quarter (2026-Q4) or the year (2026). */
export type EvaluationPeriod = string;
export const EVALUATION_PERIOD = /^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4]))?$/;

/** The months a period covers, 'YYYY-MM'. */
export function monthsOfPeriod(period: EvaluationPeriod): string[] {
  const match = EVALUATION_PERIOD.exec(period);
  if (!match) throw new Error(`Not an evaluation period: ${period}`);
  const [, year, month, quarter] = match;
  const first = month ? Number(month) : quarter ? (Number(quarter) - 1) * 3 + 1 : 1;
  const count = month ? 1 : quarter ? 3 : 12;
  return Array.from({ length: count }, (_, i) => `${year}-${String(first + i).padStart(2, '0')}`);
}

export function periodLabel(period: EvaluationPeriod): { zh: string; en: string } {
  const match = EVALUATION_PERIOD.exec(period)!;
  const [, year, month, quarter] = match;
  if (month) return { zh: `${year} 年 ${Number(month)} 月`, en: `${year}-${month}` };
  if (quarter) return { zh: `${year} 年第${'一二三四'[Number(quarter) - 1]}季度`, en: `${year} Q${quarter}` };
  return { zh: `${year} 年度`, en: `${year}` };
}

/** A typed item of a period from its months' entries (tenths): counts add up, rates and grades average the months typed. */
export function periodValue(item: EvaluationItemDef, monthly: ReadonlyArray<number | null>): number | null {
  const typed = monthly.filter((v): v is number => v !== null);
  if (typed.length === 0) return null;
  const sum = typed.reduce((a, v) => a + v, 0);
  return item.valueKind === 'count' ? sum : Math.round(sum / typed.length);
}

/** An attainment target for a period: a count's monthly target times the months, a rate's as it is. */
export function periodTarget(item: EvaluationItemDef, rule: ItemRule, months: number): number | null {
  if (item.rule !== 'attainment' || rule.target === null) return null;
  return item.valueKind === 'count' ? rule.target * months : rule.target;
}

/** An item's score in tenths of a point, or null when it has no value (or no target) to score. */
export function itemScore(item: EvaluationItemDef, rule: ItemRule, value: number | null, target: number | null): number | null {
  if (value === null) return null;
  switch (item.rule) {
    case 'reference':
      return null;
    case 'attainment': {
      if (target === null || target <= 0) return null;
      const attained = Math.min(Math.max(value / target, 0), (rule.cap ?? 1000) / 1000);
      return Math.round(rule.weight * attained);
    }
    case 'deduction':
      return Math.max(0, rule.weight - Math.round((value * (rule.perUnit ?? 0)) / 10));
    case 'grade':
      return Math.round((rule.weight * Math.min(Math.max(value, 0), 1000)) / 1000);
  }
}

/** 1, 2, 2, 4: people with the same total share a rank. */
export function competitionRanks(totals: readonly number[]): number[] {
  return totals.map((total) => 1 + totals.filter((other) => other > total).length);
}
