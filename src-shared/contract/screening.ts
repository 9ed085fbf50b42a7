/** 大客户筛选: indicators, weights, scores, thresholds and suggested tiers. */
import { z } from 'zod';
import { channel, id, planYear } from './common';

/** 大客户筛选: the three indicator groups of the source plans (实力, 能力, 硬指标). */
export const INDICATOR_GROUPS = ['strength', 'ability', 'hard'] as const;
/** 鉴定大客户的方法: sales share, gross margin, financial credit, management quality (经营理念). */
export const SCREENING_CRITERIA = ['sales-share', 'gross-margin', 'credit', 'management'] as const;
/** How a customer's suggested tier moved against last year's. */
/** 'unscored': not scored this year yet, so no movement can be told (not a drop). */
export const TIER_MOVEMENTS = ['up', 'down', 'same', 'new', 'dropped', 'unscored', 'none'] as const;
/** Why a score cell was refused. */
export const SCORE_REFUSALS = ['not-a-number', 'out-of-range', 'too-many-decimals', 'unknown-customer', 'unknown-indicator'] as const;

export const ScreeningIndicatorSchema = z.object({
  id,
  group: z.enum(INDICATOR_GROUPS),
  name: z.string(),
  /** Weight in percentage points; the weights of all indicators add up to 100 for a total out of 100. */
  weight: z.number().int().min(0).max(100),
  sortOrder: z.number().int(),
});

export const ScreeningRowSchema = z.object({
  customerId: id,
  name: z.string(),
  classId: id,
  managerId: id,
  unitId: id,
  currentTierId: id.nullable(),
  criteria: z.array(z.enum(SCREENING_CRITERIA)),
  /** Score 0–100 per indicator id (null: not scored). */
  scores: z.record(z.string(), z.number().nullable()),
  /** Σ weight × score / Σ weight of the scored indicators, one decimal; null when nothing is scored. */
  total: z.number().nullable(),
  /** Per group, the weighted average of its scored indicators (0–100). */
  groupTotals: z.record(z.enum(INDICATOR_GROUPS), z.number().nullable()),
  suggestedTierId: id.nullable(),
  lastYearTotal: z.number().nullable(),
  lastYearTierId: id.nullable(),
  movement: z.enum(TIER_MOVEMENTS),
});

export const ScreeningYearSchema = z.object({
  year: planYear,
  indicators: z.array(ScreeningIndicatorSchema),
  /** Tiers best first, each with the lowest total that earns it. */
  tiers: z.array(z.object({ tierId: id, name: z.string(), minScore: z.number() })),
  rows: z.array(ScreeningRowSchema),
  /** Customers by last year's tier (null: none) → this year's suggested tier. */
  movements: z.array(z.object({ fromTierId: id.nullable(), toTierId: id.nullable(), count: z.number().int() })),
});

export const screeningChannels = {
  'screening/get-year': channel(z.object({ year: planYear }), ScreeningYearSchema),
  'screening/save-scores': channel(
    z.object({
      year: planYear,
      changes: z
        .array(z.object({ customerId: id, indicatorId: id, text: z.string().max(32).nullable() }))
        .min(1)
        .max(100_000),
    }),
    z.object({ saved: z.number().int(), cleared: z.number().int() }),
  ),
  'screening/save-criteria': channel(
    z.object({ year: planYear, customerId: id, criteria: z.array(z.enum(SCREENING_CRITERIA)) }),
    z.object({ criteria: z.array(z.enum(SCREENING_CRITERIA)) }),
  ),
  'screening/save-indicator': channel(
    z.object({
      id: id.optional(),
      group: z.enum(INDICATOR_GROUPS),
      name: z.string().trim().min(1).max(50),
      weight: z.number().int().min(0).max(100),
      sortOrder: z.number().int().optional(),
    }),
    ScreeningIndicatorSchema,
  ),
  'screening/save-threshold': channel(z.object({ tierId: id, minScore: z.number().min(0).max(100) }), z.object({ tierId: id, minScore: z.number() })),
  /** Sets each listed customer's tier to this year's suggestion. */
  'screening/apply-tiers': channel(z.object({ year: planYear, customerIds: z.array(id).min(1).max(10_000) }), z.object({ updated: z.number().int() })),
} as const;

export type ScreeningIndicator = z.infer<typeof ScreeningIndicatorSchema>;
export type ScreeningRow = z.infer<typeof ScreeningRowSchema>;
export type ScreeningYear = z.infer<typeof ScreeningYearSchema>;
export type IndicatorGroup = (typeof INDICATOR_GROUPS)[number];
export type ScreeningCriterion = (typeof SCREENING_CRITERIA)[number];
