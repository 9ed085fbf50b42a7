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

export const targetsChannels = {
  'metrics/list': channel(z.object({}), z.array(MetricSchema)),
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
} as const;

export type Metric = z.infer<typeof MetricSchema>;
export type CellChange = z.infer<typeof CellChangeSchema>;
