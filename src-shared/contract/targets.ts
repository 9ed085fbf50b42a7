/** Metrics and the annual targets grid (上年实际, 基本目标, 挑战目标, 实际 per metric and subject). */
import { z } from 'zod';
import { YOY_BASES } from '../domain/year-on-year';
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
/** What 同比 compares this year's actual to date with (src-shared/domain/year-on-year.ts). */
export const YoyBaseSchema = z.object({
  asOf: z.string(),
  lastYearDay: z.string(),
  share: z.number().min(0).max(1),
  basis: z.record(z.string(), z.enum(YOY_BASES)),
  cells: z.array(z.object({ metricId: id, subjectId: id, value: z.number().int() })),
});

export const annualTargetsChannels = {
  /** `yoy` is absent for a year that has not started (no actual to compare). */
  'targets/list-cells': channel(z.object({ year: planYear }), z.object({ year: planYear, cells: z.array(TargetCellSchema), yoy: YoyBaseSchema.optional() })),
  'targets/save-cells': channel(
    z.object({ year: planYear, changes: z.array(CellChangeSchema).min(1).max(500_000) }),
    z.object({ saved: z.number().int(), cleared: z.number().int() }),
  ),
} as const;

/**
 * Why a cell (or the whole file) of an imported 年度目标 template was refused. The file-level ones
 * (`not-a-template`, `unreadable-file`, `file-too-large`, `wrong-year`, `wrong-workspace`) come alone.
 */
export const TEMPLATE_REFUSALS = [
  'not-a-number',
  'too-many-decimals',
  'negative-not-allowed',
  'too-large',
  /** A cell outside 基本目标/挑战目标 of a person's row holds another figure than the one exported. */
  'not-editable',
  /** A roll-up (unit or 合计) row's cell no longer sums the rows under it. */
  'rollup-changed',
  /** 挑战目标 on the wrong side of 基本目标 (below it; above it for a lower-is-better metric). */
  'challenge-inconsistent',
  /** A row's hidden id names no person or unit of the year; a row with figures and no id. */
  'unknown-subject',
  'missing-id',
  /** A column's hidden key names no metric. */
  'unknown-metric',
  /** A spread the breakdown refuses: the person's days in that period are locked. */
  'locked',
  'not-a-template',
  'unreadable-file',
  'file-too-large',
  /** The template is another year's. */
  'wrong-year',
  /** None of the template's rows is a person or unit of this workspace. */
  'wrong-workspace',
] as const;
/** One refused cell of an imported template: `cell` its address (D7), `header` its column (营业收入·基本目标). */
export const TemplateRefusalSchema = z.object({
  sheet: z.string(),
  cell: z.string(),
  row: z.number().int(),
  /** The column's printed title (Chinese, as in the file). */
  header: z.string(),
  /** The column's metric and measure ('name' for the name column), for the app to name it in the user's language. */
  metricId: z.string().optional(),
  measure: z.string().optional(),
  value: z.string(),
  reason: z.enum(TEMPLATE_REFUSALS),
});

/** The 年度目标 template (导出模板 / 导入模板): an XLSX of the targets report with people's targets unlocked. */
export const targetsTemplateChannels = {
  /** With a save dialog (Electron) the file is written there and `base64` is null. */
  'targets/export-template': channel(
    z.object({ year: planYear }),
    z.object({
      fileName: z.string(),
      mimeType: z.string(),
      byteLength: z.number().int(),
      base64: z.string().nullable(),
      savedTo: z.string().nullable(),
      cancelled: z.boolean(),
    }),
  ),
  /**
   * Every cell checked first; one bad cell refuses the file (INVALID_CELLS, details.refusals as
   * TemplateRefusal[] and details.total) and nothing is written. A good file is one save of the
   * changed cells through targets/save-cells' path.
   */
  'targets/import-template': channel(
    z.object({ year: planYear, base64: z.string().max(70_000_000), fileName: z.string().max(260).optional() }),
    z.object({ saved: z.number().int(), cleared: z.number().int(), unchanged: z.number().int() }),
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
export type TemplateRefusal = z.infer<typeof TemplateRefusalSchema>;
