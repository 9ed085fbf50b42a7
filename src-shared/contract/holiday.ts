/**
 * 两节供应计划 (the holiday feature): the season of 元旦 and 春节 of one winter, its sales targets
 * per store and category set from last year's lunar-aligned results, and the commodity categories
 * (an editable dictionary with units and safety stock as days of supply). Amounts are whole 元.
 * See src-shared/domain/holiday-season.ts for the season's days and the lunar alignment.
 */
import { z } from 'zod';
import { channel, id, isoDate } from './common';

/** A season is named by the Gregorian year of its Spring Festival. */
export const season = z.number().int().min(2001).max(2099);
/** Whole 元, up to a trillion (a store's window sales fit many times over). */
const amount = z.number().int().min(0).max(1e12);
/** A growth rate in basis points: 850 = +8.5 %; from −100 % to +1000 %. */
export const growthBp = z.number().int().min(-10_000).max(100_000);

export const SeasonSchema = z.object({
  season,
  firstDay: isoDate,
  lastDay: isoDate,
  /** The window as the planner left it differs from the default (two weeks before 元旦 through 元宵). */
  custom: z.boolean(),
  newYearsDay: isoDate,
  newYearsEve: isoDate,
  springFestival: isoDate,
  lanternFestival: isoDate,
  /** Last year's lunar-aligned window: the matches of the first and the last day. */
  lastYear: z.object({ firstDay: isoDate, lastDay: isoDate }),
  /** The seasons that have sales or targets stored, newest first. */
  seasons: z.array(season),
});

export const HolidayCategorySchema = z.object({
  id,
  name: z.string().trim().min(1).max(30),
  /** The unit its quantities are counted in (斤, 箱, 件 …). */
  unit: z.string().trim().min(1).max(10),
  /** Safety stock as days of forecast sales. */
  safetyDays: z.number().int().min(0).max(90),
  sortOrder: z.number().int(),
  archived: z.boolean(),
});

/** One store's target for one category. */
export const HolidayTargetRowSchema = z.object({
  storeId: id,
  categoryId: id,
  /** Last season's sales over the lunar-aligned window. */
  lastYear: amount,
  basicGrowthBp: growthBp.nullable(),
  challengeGrowthBp: growthBp.nullable(),
  basic: amount.nullable(),
  challenge: amount.nullable(),
});

export const HolidayTargetsSchema = z.object({
  season,
  stores: z.array(z.object({ id, name: z.string(), parentName: z.string() })),
  categories: z.array(HolidayCategorySchema),
  rows: z.array(HolidayTargetRowSchema),
});

const targetChange = z
  .object({
    storeId: id,
    categoryId: id,
    /** A target typed as an amount … */
    basic: amount.nullable().optional(),
    challenge: amount.nullable().optional(),
    /** … or as growth over last year (the amount follows: last year × (1 + g), to the 元). */
    basicGrowthBp: growthBp.nullable().optional(),
    challengeGrowthBp: growthBp.nullable().optional(),
  })
  .refine((c) => !(c.basic !== undefined && c.basicGrowthBp !== undefined) && !(c.challenge !== undefined && c.challengeGrowthBp !== undefined), {
    message: 'a target is given as an amount or as growth, not both',
  });

export const holidayChannels = {
  /** The season (default: the coming one on the clock's day) with its window and landmarks. */
  'holiday/get-season': channel(z.object({ season: season.optional() }), SeasonSchema),
  /** Widens or narrows the window; it must hold 元旦 … 元宵 of its season, at most 120 days. window null: back to the default. */
  'holiday/save-window': channel(z.object({ season, window: z.object({ firstDay: isoDate, lastDay: isoDate }).nullable() }), SeasonSchema),
  'holiday/list-categories': channel(z.object({}), z.array(HolidayCategorySchema)),
  'holiday/get-targets': channel(z.object({ season }), HolidayTargetsSchema),
  /** Typed targets, checked together: a bad change refuses the batch (INVALID_CELLS, its index), nothing written. */
  'holiday/save-targets': channel(z.object({ season, changes: z.array(targetChange).min(1).max(10_000) }), z.object({ saved: z.number().int() })),
  /** Every store and category from last year × (1 + growth); the stores given, or all. */
  'holiday/targets-from-last-year': channel(
    z.object({ season, basicGrowthBp: growthBp, challengeGrowthBp: growthBp, storeIds: z.array(id).max(1000).optional() }),
    z.object({ saved: z.number().int() }),
  ),
} as const;

export const holidayEvents = {
  'holiday/changed': z.object({ season, what: z.enum(['window', 'targets', 'categories']) }),
} as const;

export type HolidaySeason = z.infer<typeof SeasonSchema>;
export type HolidayCategory = z.infer<typeof HolidayCategorySchema>;
export type HolidayTargetRow = z.infer<typeof HolidayTargetRowSchema>;
export type HolidayTargets = z.infer<typeof HolidayTargetsSchema>;
