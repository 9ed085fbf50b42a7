/** Plan breakdown (targets and actuals to the day) and progress tracking. */
import { z } from 'zod';
import { grainOfKey } from '../domain/periods';
import { channel, id, inPlanYears, isoDate, planYear } from './common';
import { annualTargetsChannels, targetsTemplateChannels } from './targets';

export const PLAN_LEVELS = ['basic', 'challenge', 'actual'] as const;
export const PLAN_GRAINS = ['quarter', 'month', 'week', 'day'] as const;
const planLevel = z.enum(PLAN_LEVELS);
/** 'total' or a period on the calendar: the shape alone lets 2026-W99, 2026-13 and 2026-02-30 through. */
const periodKey = z
  .string()
  .regex(/^(total|\d{4}(-Q[1-4]|-W\d{2}|-\d{2}(-\d{2})?)?)$/)
  .refine((key) => key === 'total' || (inPlanYears(key) && isPeriodKey(key)), { message: 'not a period on the calendar of the plan years' });

function isPeriodKey(key: string): boolean {
  try {
    grainOfKey(key);
    return true;
  } catch {
    return false;
  }
}

export const PlanGridSchema = z.object({
  year: planYear,
  metricId: id,
  level: planLevel,
  grain: z.enum(PLAN_GRAINS),
  columns: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      labelEn: z.string(),
      workingDays: z.number().int(),
      weekend: z.boolean(),
      holiday: z.string().nullable(),
      makeUpWorkday: z.boolean(),
    }),
  ),
  rows: z.array(
    z.object({
      id,
      parentId: id.nullable(),
      kind: z.enum(['unit', 'person']),
      name: z.string(),
      label: z.string(),
      depth: z.number().int(),
      hasChildren: z.boolean(),
      /** Scaled integers by period key (null: nothing stored). */
      values: z.record(z.string(), z.number().int().nullable()),
      total: z.number().int().nullable(),
      /** Period keys locked for this row ('total' for the year). */
      locked: z.array(z.string()),
    }),
  ),
});

const scaled = z.number().int();
const rateOrNull = z.number().nullable();

/** The year so far for one org node; amounts are scaled integers at `precision`. */
export const TrackingSummarySchema = z.object({
  year: planYear,
  metricId: id,
  subjectId: id,
  subjectName: z.string(),
  asOf: z.string(),
  precision: z.number().int(),
  unit: z.string(),
  actualToDate: scaled,
  basicToDate: scaled,
  basicTarget: scaled,
  challengeTarget: scaled,
  basicRate: rateOrNull,
  challengeRate: rateOrNull,
  /** Actual against the basic plan up to asOf. */
  planToDateRate: rateOrNull,
  /** 序时进度: elapsed working days / working days of the year. */
  timeProgress: z.number(),
  remainingWorkdays: z.number().int(),
  /** 日均需完成: what each remaining working day needs to reach the target. */
  basicRunRate: scaled.nullable(),
  challengeRunRate: scaled.nullable(),
  cumulative: z.array(z.object({ day: z.string(), basic: scaled, challenge: scaled, actual: scaled.nullable() })),
  ranking: z.array(
    z.object({ subjectId: id, name: z.string(), actual: scaled, basic: scaled, challenge: scaled, basicRate: rateOrNull, challengeRate: rateOrNull }),
  ),
  /** Each elapsed day's actual / basic plan, for the calendar heat map. */
  heat: z.array(z.object({ day: z.string(), attainment: z.number() })),
});

const setTotalInput = z.object({
  year: planYear,
  metricId: id,
  level: planLevel,
  subjectId: id,
  periodKey,
  text: z.string().max(64).nullable(),
  orgMethod: z.enum(['current', 'last-year', 'even']).optional(),
  timeMethod: z.enum(['working-days', 'even', 'last-year', 'current']).optional(),
});
const periodLabel = z.object({ zh: z.string(), en: z.string() });

export const planChannels = {
  ...annualTargetsChannels,
  ...targetsTemplateChannels,
  'plan/get-grid': channel(z.object({ year: planYear, metricId: id, level: planLevel, grain: z.enum(PLAN_GRAINS) }), PlanGridSchema),
  'plan/set-total': channel(
    setTotalInput,
    z.object({
      changedCells: z.number().int(),
      rollup: z.array(z.object({ subjectId: z.string(), periodKey: z.string(), value: z.number().int() })).optional(),
      /** For one person's day: the value it held before (null: nothing stored), to say what was replaced. */
      previous: z.number().int().nullable().optional(),
    }),
  ),
  /**
   * What plan/set-total would change, computed by the same split and not written: the day cells
   * whose value changes, the largest change of one leaf in one period of `grain`, and the days whose
   * sum over the leaves changes the most (a day turned rest or working by a new calendar).
   */
  'plan/preview-split': channel(
    setTotalInput.extend({ grain: z.enum(PLAN_GRAINS).optional() }),
    z.object({
      changedCells: z.number().int(),
      changedSubjects: z.number().int(),
      largest: z
        .object({ subjectId: id, subjectName: z.string(), periodKey: z.string(), periodLabel: periodLabel, before: z.number().int(), after: z.number().int() })
        .nullable(),
      changedDays: z.number().int(),
      /** At most 12 days, the largest changes of the sum over the leaves first. */
      days: z.array(z.object({ day: isoDate, before: z.number().int(), after: z.number().int() })),
    }),
  ),
  'plan/set-lock': channel(
    z.object({ year: planYear, metricId: id, level: planLevel, subjectId: id, periodKey, locked: z.boolean() }),
    z.object({ locked: z.boolean() }),
  ),
  /**
   * 新建年度计划: starts plan year fromYear + 1 from fromYear, in one transaction. The org, people
   * and metrics are shared across years; fromYear's actuals become the new year's 上年实际 (each
   * person's and, as its own stored figure, each unit's rolled-up sum in fromYear's organisation),
   * and fromYear's daily actuals stay where they are for the 'last-year' splits. Targets start empty,
   * or at 上年实际 × (1 + g) spread to the days by working days (a lower-is-better metric: × (1 − g)).
   * Refused (INVALID_INPUT, details.reason 'year-exists' | 'year-out-of-range') before anything is written.
   */
  'plan/start-year': channel(
    z.object({
      fromYear: planYear,
      /** Growth rates as fractions (0.08 = 8 %); null: targets start empty. */
      growth: z.object({ basic: z.number().min(-0.99).max(10), challenge: z.number().min(-0.99).max(10).nullable() }).nullable(),
    }),
    z.object({
      year: planYear,
      /** 上年实际 cells written (people and units). */
      lastYearCells: z.number().int(),
      /** Leaves given a 基本目标 / 挑战目标 from the growth rate, and the day cells written for them. */
      targets: z.number().int(),
      dayCells: z.number().int(),
    }),
  ),
  'tracking/get-summary': channel(
    z.object({
      year: planYear,
      metricId: id,
      subjectId: id,
      asOf: isoDate.optional(),
    }),
    TrackingSummarySchema,
  ),
} as const;

export const planEvents = {
  'plan/changed': z.object({ year: planYear, metricId: id, level: planLevel, cells: z.number().int() }),
} as const;

export type PlanLevel = (typeof PLAN_LEVELS)[number];
export type PlanGrain = (typeof PLAN_GRAINS)[number];
export type PlanGrid = z.infer<typeof PlanGridSchema>;
export type TrackingSummary = z.infer<typeof TrackingSummarySchema>;
export type SplitPreview = z.infer<(typeof planChannels)['plan/preview-split']['output']>;
