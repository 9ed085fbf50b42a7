/** Metrics and the annual targets grid (上年实际, 基本目标, 挑战目标, 实际 per metric and subject). */
import { z } from 'zod';
import { channel, id, measure, planYear } from './common';

export const MetricSchema = z.object({
  id,
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  precision: z.number().int().min(0).max(6),
  kind: z.enum(['additive', 'ratio']),
  direction: z.enum(['higher', 'lower']),
  allowNegative: z.boolean(),
  numeratorId: id.nullable(),
  denominatorId: id.nullable(),
  sortOrder: z.number().int(),
});

export const TargetCellSchema = z.object({
  metricId: id,
  subjectId: id,
  measure,
  value: z.number().int(),
});

/** One typed or pasted value; `text` is what the user entered, `null` clears the cell. */
export const CellChangeSchema = z.object({
  metricId: id,
  subjectId: id,
  measure,
  text: z.string().max(64).nullable(),
});

/** Why a cell in a save was refused; `index` points into the request's `changes`. */
export const CELL_REFUSALS = [
  'not-a-number',
  'too-many-decimals',
  'negative-not-allowed',
  'too-large',
  'not-editable',
  /** An actual for a day after today. */
  'future-actual',
  /** A value whose roll-up with the others would leave the range of exact sums. */
  'rollup-too-large',
  /** 实际 typed in 年度目标: the annual actual is the sum of the entered daily actuals. */
  'actual-from-entries',
  'unknown-subject',
  'unknown-metric',
] as const;
export const CellRefusalSchema = z.object({ index: z.number().int(), reason: z.enum(CELL_REFUSALS) });
export type CellRefusal = z.infer<typeof CellRefusalSchema>;

/**
 * A metric as the planner defines it: a new one without `id`. A ratio names its parts (two additive
 * metrics, numerator and denominator); an additive metric has none.
 */
export const MetricInputSchema = z.object({
  id: id.optional(),
  code: z.string().trim().min(1).max(32),
  name: z.string().trim().min(1).max(40),
  unit: z.string().trim().max(12),
  precision: z.number().int().min(0).max(6),
  kind: z.enum(['additive', 'ratio']),
  direction: z.enum(['higher', 'lower']),
  allowNegative: z.boolean(),
  numeratorId: id.nullable(),
  denominatorId: id.nullable(),
});

/**
 * Why a metric change was refused (AppError details.reason, with `count` where there is one). A
 * metric with stored figures keeps its precision and kind, and cannot be deleted: its figures are
 * never rescaled or dropped silently.
 */
export const METRIC_REFUSALS = [
  'unknown-metric',
  'code-taken',
  /** A ratio without two additive parts, or an additive metric with parts. */
  'bad-parts',
  'has-data',
  /** Negatives turned off while stored values are negative. */
  'has-negatives',
  /** The metric is a part of a ratio metric. */
  'part-of-ratio',
] as const;

export const targetsChannels = {
  'metrics/list': channel(z.object({}), z.array(MetricSchema)),
  'metrics/save': channel(MetricInputSchema, z.object({ id })),
  'metrics/delete': channel(z.object({ id }), z.object({ id })),
} as const;

/**
 * The annual grid's channels. Their figures are the sums of the plan's days, so the plan feature
 * answers them (contract/plan.ts lists them); the names stay as other tools call them.
 */
export const annualTargetsChannels = {
  'targets/list-cells': channel(z.object({ year: planYear }), z.object({ year: planYear, cells: z.array(TargetCellSchema) })),
  'targets/save-cells': channel(
    z.object({ year: planYear, changes: z.array(CellChangeSchema).min(1).max(500_000) }),
    z.object({ saved: z.number().int(), cleared: z.number().int() }),
  ),
} as const;

export const targetsEvents = {
  'targets/changed': z.object({ year: planYear, count: z.number().int() }),
  /** A metric was added, changed or deleted. */
  'metrics/changed': z.object({ ids: z.array(id) }),
} as const;

export type Metric = z.infer<typeof MetricSchema>;
export type CellChange = z.infer<typeof CellChangeSchema>;
export type MetricInput = z.infer<typeof MetricInputSchema>;
export type MetricRefusal = (typeof METRIC_REFUSALS)[number];
