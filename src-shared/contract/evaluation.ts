/**
 * 绩效考核表: the 12-item sales evaluation of each person under a unit for a month, a quarter or
 * the year. 原计划销售指标 and 实际完成销量 are read from the plan (目标分解's basic target and
 * 进度跟踪's actual of the scheme's metric for the period); the other ten are typed per month; the
 * year's scheme holds the weights and scoring rules. Scores, totals and ranks are computed on each
 * read, never stored. Figures in tenths are integers (125 = 12.5), as src-shared/domain/evaluation.ts.
 */
import { z } from 'zod';
import { EVALUATION_ITEM_KEYS, EVALUATION_PERIOD, SCORING_RULES } from '../domain/evaluation';
import { channel, id, planYear, yearMonth } from './common';

const itemKey = z.enum(EVALUATION_ITEM_KEYS);
const tenths = z.number().int();
/** A month (2026-11), a quarter (2026-Q4) or a year (2026) of the plan years. */
export const evaluationPeriod = z
  .string()
  .regex(EVALUATION_PERIOD)
  .refine((period) => planYear.safeParse(Number(period.slice(0, 4))).success, { message: 'not a period of the plan years' });

export const ItemRuleSchema = z.object({
  key: itemKey,
  weight: tenths.min(0).max(1000),
  target: tenths.min(0).max(10_000_000).nullable(),
  cap: tenths.min(0).max(10_000).nullable(),
  perUnit: tenths.min(0).max(1000).nullable(),
});

export const EvaluationSchemeSchema = z.object({
  year: planYear,
  /** The plan metric 原计划销售指标 and 实际完成销量 read (default: 营业收入). */
  metricId: id,
  items: z.array(ItemRuleSchema).length(EVALUATION_ITEM_KEYS.length),
  /** Whether the planner saved it (false: the default scheme, not yet stored). */
  saved: z.boolean(),
});

export const EvaluationSheetSchema = z.object({
  year: planYear,
  period: z.string(),
  periodLabel: z.object({ zh: z.string(), en: z.string() }),
  /** Only a month is typed; a quarter and the year add their months up. */
  editable: z.boolean(),
  /** The months counted: a quarter or a year in progress up to the clock's month. */
  months: z.array(z.string()),
  unitId: id,
  unitName: z.string(),
  metric: z.object({ id, name: z.string(), unit: z.string(), precision: z.number().int() }),
  items: z.array(
    ItemRuleSchema.extend({
      name: z.string(),
      nameEn: z.string(),
      rule: z.enum(SCORING_RULES),
      unit: z.string(),
      valueKind: z.enum(['plan', 'count', 'percent', 'grade']),
      /** The attainment target for this period (a count's monthly target × the months); for 实际完成销量 each person's plan target. */
      periodTarget: tenths.nullable(),
    }),
  ),
  rows: z.array(
    z.object({
      personId: id,
      name: z.string(),
      /** The team (or unit) the person is in. */
      unitName: z.string(),
      role: z.string().nullable(),
      /** By item: tenths for typed items; for the plan items the metric's scaled integer (10^precision), null where nothing is there. */
      values: z.record(itemKey, z.number().int().nullable()),
      /** By item, tenths of a point; null where there is nothing to score yet. */
      scores: z.record(itemKey, tenths.nullable()),
      /** 销售完成率: actual ÷ target, a fraction, or null without a target. */
      salesRate: z.number().nullable(),
      total: tenths,
      rank: z.number().int(),
    }),
  ),
});

export const evaluationChannels = {
  /** The year's weights and scoring rules (the default scheme until one is saved). */
  'evaluation/get-scheme': channel(z.object({ year: planYear }), EvaluationSchemeSchema),
  /** Replaces the year's scheme; refused unless the weights add up to 100 and every rule has what it needs. */
  'evaluation/save-scheme': channel(EvaluationSchemeSchema.omit({ saved: true }), EvaluationSchemeSchema),
  /** Everyone under the unit (default: the company) for the period, scored and ranked. */
  'evaluation/get-sheet': channel(z.object({ year: planYear, period: evaluationPeriod, unitId: id.optional() }), EvaluationSheetSchema),
  /** Typed figures of a month (tenths; null clears); the plan's two items cannot be typed here. */
  'evaluation/save-entries': channel(
    z.object({
      month: yearMonth,
      changes: z
        .array(z.object({ personId: id, item: itemKey, value: tenths.min(-100_000).max(10_000_000).nullable() }))
        .min(1)
        .max(5_000),
    }),
    z.object({ saved: z.number().int(), cleared: z.number().int() }),
  ),
} as const;

export const evaluationEvents = {
  'evaluation/changed': z.object({ year: planYear }),
} as const;

export type ItemRuleInput = z.infer<typeof ItemRuleSchema>;
export type EvaluationScheme = z.infer<typeof EvaluationSchemeSchema>;
export type EvaluationSheet = z.infer<typeof EvaluationSheetSchema>;
