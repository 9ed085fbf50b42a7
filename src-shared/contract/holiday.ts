/**
 * 两节供应计划 (the holiday feature): the season of 元旦 and 春节 of one winter, its sales targets
 * per store and category set from last year's lunar-aligned results, and the commodity categories
 * (an editable dictionary with units and safety stock as days of supply). Amounts are whole 元.
 * See src-shared/domain/holiday-season.ts for the season's days and the lunar alignment.
 */
import { z } from 'zod';
import { channel, id, isoDate } from './common';
import { ImportCountsSchema, xlsxBase64 } from './imports';

/** A season is named by the Gregorian year of its Spring Festival. */
export const season = z.number().int().min(2001).max(2099);
/** Whole 元, up to a trillion (a store's window sales fit many times over). */
const amount = z.number().int().min(0).max(1e12);
/** A sum of amounts (a store's, a day's): bounded only by what integers hold exactly. */
const sum = z.number().int().min(0);
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
  /** Derived from the amounts, so not bounded as a typed growth is. */
  basicGrowthBp: z.number().int().nullable(),
  challengeGrowthBp: z.number().int().nullable(),
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

export const SPLIT_LEVELS = ['basic', 'challenge'] as const;
/** Down the organisation: by last season's actuals (even where there are none), or evenly. */
export const SPLIT_ORG_METHODS = ['last-year', 'even'] as const;
/** Over the days: last season's lunar-aligned daily sales of the store, working days only, or evenly. */
export const SPLIT_DAY_METHODS = ['last-year', 'working-days', 'even'] as const;
const splitLevel = z.enum(SPLIT_LEVELS);

export const HolidaySplitSchema = z.object({
  season,
  level: splitLevel,
  days: z.array(
    z.object({
      day: isoDate,
      /** 腊月二十 … */
      lunar: z.string(),
      /** 1 = Monday … 7 = Sunday. */
      weekday: z.number().int(),
      /** 元旦, 除夕, 春节 or 元宵 on its day. */
      mark: z.string().nullable(),
      /** A rest day of the official calendar (a weekend or a holiday). */
      rest: z.boolean(),
    }),
  ),
  rows: z.array(
    z.object({
      id,
      kind: z.enum(['store', 'unit', 'person']),
      parentId: id.nullable(),
      depth: z.number().int(),
      name: z.string(),
      /** A unit's kind, a person's role. */
      label: z.string(),
      /** A store's target at this level (the sum of its categories); null elsewhere or when it has none. */
      target: sum.nullable(),
      /** The sum of the days below (a person's own). */
      total: sum,
      locked: z.boolean(),
      /** By day, in the order of `days`. */
      values: z.array(sum),
    }),
  ),
});

const splitDays = HolidaySplitSchema.shape.days;

export const HolidayTrackingSchema = z.object({
  season,
  /** The last day counted: today, within the window; null before the window starts. */
  asOf: isoDate.nullable(),
  windowDays: z.number().int(),
  elapsedDays: z.number().int(),
  /** 序时进度: elapsed days over the window's days (0 … 1). */
  timeProgress: z.number(),
  days: splitDays,
  rows: z.array(
    z.object({
      id,
      kind: z.enum(['store', 'unit', 'person']),
      parentId: id.nullable(),
      depth: z.number().int(),
      name: z.string(),
      label: z.string(),
      basic: sum,
      challenge: sum,
      /** The basic target's days up to asOf: what the split expects by now. */
      plannedToDate: sum,
      actual: sum,
      basicRate: z.number().nullable(),
      challengeRate: z.number().nullable(),
      /** actual − plannedToDate: ahead (positive) or behind the split. */
      gap: z.number().int(),
      /** (basic − actual) over the days left; null when met or no day is left. */
      dailyNeeded: z.number().int().nullable(),
      /** 优胜杯: place among all rows of its kind with a target, by basic completion (1 = best); null without a target. */
      rank: z.number().int().nullable(),
      /** Actuals by day, in the order of `days`. */
      actuals: z.array(sum),
    }),
  ),
});

export const STOCK_STATES = ['ok', 'below-safety', 'stock-out'] as const;
/** Quantities in the category's unit (斤, 箱, 件 …), whole. */
const quantity = z.number().int().min(0).max(1e10);

export const DeliverySchema = z.object({
  id,
  storeId: id,
  categoryId: id,
  supplier: z.string().trim().min(1).max(60),
  quantity: quantity.min(1),
  /** Arrives before the day's sales, within the window. */
  arrivalDay: isoDate,
});

export const StockWarningSchema = z.object({
  storeId: id,
  categoryId: id,
  kind: z.enum(['below-safety', 'stock-out']),
  firstDay: isoDate,
  lastDay: isoDate,
  shortfall: z.number().int(),
  nextArrival: isoDate.nullable(),
});

export const HolidayStockSchema = z.object({
  season,
  storeId: id,
  days: splitDays,
  rows: z.array(
    z.object({
      categoryId: id,
      name: z.string(),
      unit: z.string(),
      safetyDays: z.number().int(),
      /** Last season's quantity over the lunar-aligned window. */
      lastYearQuantity: quantity,
      /** Forecast sales per day: last season's quantity on the lunar-aligned day × (this basic target ÷ last season's sales). */
      forecast: z.array(z.number().int().min(0)),
      forecastTotal: z.number().int().min(0),
      opening: quantity,
      deliveries: z.array(DeliverySchema),
      delivered: quantity,
      /** Projected stock at the end of each day (negative: short). */
      projected: z.array(z.number().int()),
      safety: quantity,
      states: z.array(z.enum(STOCK_STATES)),
    }),
  ),
  warnings: z.array(StockWarningSchema),
});

/** One shift a day ('all'), or a day and a night shift. */
export const DUTY_SHIFTS = ['all', 'day', 'night'] as const;
const phone = z
  .string()
  .trim()
  .regex(/^[0-9+\-()\s]{5,20}$/, 'a phone number: digits, +, -, ( ) and spaces');

export const DutyEntrySchema = z.object({
  storeId: id,
  day: isoDate,
  shift: z.enum(DUTY_SHIFTS),
  leaderId: id.nullable(),
  deputyId: id.nullable(),
  phone: phone.nullable(),
});

export const HolidayRosterSchema = z.object({
  season,
  days: splitDays,
  stores: z.array(z.object({ id, name: z.string(), shifts: z.array(z.enum(DUTY_SHIFTS)) })),
  entries: z.array(DutyEntrySchema),
  /** Who may be on duty: the people of the season's stores and of the organisation above them. */
  people: z.array(z.object({ id, name: z.string(), role: z.string(), unitName: z.string() })),
  /** Store, day and shift without a leader. */
  gaps: z.array(z.object({ storeId: id, day: isoDate, shift: z.enum(DUTY_SHIFTS) })),
});

export const INSPECTION_RESULTS = ['ok', 'fix'] as const;
const shortText = z.string().trim().max(200);

export const InspectionItemSchema = z.object({
  key: id,
  /** 防火, 防盗, 防爆, 防投毒, 食品卫生. */
  area: z.string(),
  item: z.string(),
  /** 合格 ('ok') or 需整改 ('fix'); null: not checked yet. */
  result: z.enum(INSPECTION_RESULTS).nullable(),
  finding: z.string().nullable(),
  owner: z.string().nullable(),
  deadline: isoDate.nullable(),
  /** The day a 需整改 was put right; null while it is open. */
  closedOn: isoDate.nullable(),
});

export const InspectionSchema = z.object({
  id,
  storeId: id,
  storeName: z.string(),
  day: isoDate,
  inspector: z.string(),
  items: z.array(InspectionItemSchema),
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
  /** The split of the targets to every 班组, employee and day: one row per store, unit and person. */
  'holiday/get-split': channel(z.object({ season, level: splitLevel }), HolidaySplitSchema),
  /**
   * Spreads a total down to the people and their days. A store spreads its target (the sum of
   * its categories; `total` is refused there). Below a store, `total` is the unit's or person's
   * new window total and its siblings absorb the difference (the parent keeps its figure); without
   * it the subject's own total is spread again with the methods given. Locked totals are kept.
   */
  'holiday/split': channel(
    z.object({
      season,
      level: splitLevel,
      subjectId: id,
      total: amount.optional(),
      orgMethod: z.enum(SPLIT_ORG_METHODS),
      dayMethod: z.enum(SPLIT_DAY_METHODS),
    }),
    z.object({ changed: z.number().int() }),
  ),
  /** Day-by-day tracking: targets, actuals to date, 序时进度, the run-rate needed and the 优胜杯 ranking. */
  'holiday/get-tracking': channel(z.object({ season }), HolidayTrackingSchema),
  /**
   * Daily actuals by employee, checked together (INVALID_CELLS with each bad change's index,
   * nothing written): a day of the window, not after today, of a person in one of the season's stores.
   */
  'holiday/save-actuals': channel(
    z.object({
      season,
      changes: z
        .array(z.object({ personId: id, day: isoDate, value: amount.nullable() }))
        .min(1)
        .max(10_000),
    }),
    z.object({ saved: z.number().int() }),
  ),
  /** 备货计划 of one store: per category the forecast, opening stock, deliveries and the projected stock day by day, with its warnings. */
  'holiday/get-stock': channel(z.object({ season, storeId: id }), HolidayStockSchema),
  /** Every store's stock warnings (预警, 断货), by store, category and first day. */
  'holiday/list-stock-warnings': channel(z.object({ season }), z.object({ warnings: z.array(StockWarningSchema) })),
  'holiday/save-opening-stock': channel(
    z.object({
      season,
      storeId: id,
      changes: z
        .array(z.object({ categoryId: id, opening: quantity }))
        .min(1)
        .max(1000),
    }),
    z.object({ saved: z.number().int() }),
  ),
  /** Adds (no id) or changes a planned delivery; its day must be in the window. */
  'holiday/save-delivery': channel(z.object({ season, delivery: DeliverySchema.extend({ id: id.optional() }) }), z.object({ id })),
  'holiday/delete-delivery': channel(z.object({ season, id }), z.object({ deleted: z.boolean() })),
  /** Adds (no id) or changes a commodity category: name, unit, safety days. */
  'holiday/save-category': channel(
    z.object({
      id: id.optional(),
      name: HolidayCategorySchema.shape.name,
      unit: HolidayCategorySchema.shape.unit,
      safetyDays: HolidayCategorySchema.shape.safetyDays,
    }),
    HolidayCategorySchema,
  ),
  /** 领导值班表 over the window: every store's days and shifts, who is on duty, and the gaps. */
  'holiday/get-roster': channel(z.object({ season }), HolidayRosterSchema),
  /**
   * Duty entries, checked together (INVALID_CELLS with each bad entry's index, nothing written): a
   * day of the window, a shift the store keeps, known people, a leader who is not also the deputy,
   * and nobody on duty at two stores in overlapping shifts.
   */
  'holiday/save-duty': channel(z.object({ season, entries: z.array(DutyEntrySchema).min(1).max(5000) }), z.object({ saved: z.number().int() })),
  /** One shift a day or two (白班, 夜班) for a store; refused with the count while entries of the shifts it drops exist. */
  'holiday/save-store-shifts': channel(
    z.object({ season, storeId: id, shifts: z.enum(['single', 'two']) }),
    z.object({ shifts: z.array(z.enum(DUTY_SHIFTS)) }),
  ),
  /**
   * The 备货计划 XLSX in its export's layout (a sheet per store) read back: 期初库存, 到货批次 and
   * 安全天数 of every row. Every cell is checked first (INVALID_CELLS with each ImportRefusal,
   * nothing written on any); the computed columns are not read.
   */
  'holiday/import-stock': channel(z.object({ season, base64: xlsxBase64 }), ImportCountsSchema.extend({ stores: z.number().int() })),
  /** The 值班表 XLSX (the notice's table) read back: each day's leader, deputy and phone per store and shift, checked as 值班表's saves are. */
  'holiday/import-roster': channel(z.object({ season, base64: xlsxBase64 }), ImportCountsSchema),
  /** 节日安全自查: every inspection of the season and the 整改 items still open. */
  'holiday/list-inspections': channel(
    z.object({ season }),
    z.object({
      inspections: z.array(InspectionSchema),
      openFixes: z.array(InspectionItemSchema.extend({ inspectionId: id, storeId: id, storeName: z.string(), day: isoDate })),
    }),
  ),
  /** A new inspection of a store on a day, with the checklist (防火、防盗、防爆、防投毒、食品卫生) unchecked. */
  'holiday/start-inspection': channel(z.object({ season, storeId: id, day: isoDate, inspector: z.string().trim().min(1).max(40) }), InspectionSchema),
  /**
   * Results of checklist items, checked together (INVALID_CELLS with each bad item's index, nothing
   * written): a 需整改 needs its finding, who is responsible and a deadline not before the inspection.
   */
  'holiday/save-inspection-items': channel(
    z.object({
      season,
      inspectionId: id,
      items: z
        .array(
          z.object({
            key: id,
            result: z.enum(INSPECTION_RESULTS).nullable(),
            finding: shortText.nullable(),
            owner: shortText.nullable(),
            deadline: isoDate.nullable(),
            closedOn: isoDate.nullable(),
          }),
        )
        .min(1)
        .max(200),
    }),
    InspectionSchema,
  ),
  /** Locks or unlocks a unit's or person's window total: spreads around it keep it. */
  'holiday/set-lock': channel(z.object({ season, level: splitLevel, subjectId: id, locked: z.boolean() }), z.object({ locked: z.boolean() })),
} as const;

export const holidayEvents = {
  /** season null: every season (a category's unit or safety days). */
  'holiday/changed': z.object({
    season: season.nullable(),
    what: z.enum(['window', 'targets', 'categories', 'split', 'actuals', 'stock', 'roster', 'sales', 'inspection', 'promotions', 'services', 'staffing']),
  }),
} as const;

export type HolidaySeason = z.infer<typeof SeasonSchema>;
export type HolidayCategory = z.infer<typeof HolidayCategorySchema>;
export type HolidayTargetRow = z.infer<typeof HolidayTargetRowSchema>;
export type HolidayTargets = z.infer<typeof HolidayTargetsSchema>;
export type HolidaySplit = z.infer<typeof HolidaySplitSchema>;
export type HolidayTracking = z.infer<typeof HolidayTrackingSchema>;
export type HolidayStock = z.infer<typeof HolidayStockSchema>;
export type HolidayDelivery = z.infer<typeof DeliverySchema>;
export type HolidayStockWarning = z.infer<typeof StockWarningSchema>;
export type HolidayRoster = z.infer<typeof HolidayRosterSchema>;
export type DutyEntry = z.infer<typeof DutyEntrySchema>;
export type Inspection = z.infer<typeof InspectionSchema>;
export type InspectionItem = z.infer<typeof InspectionItemSchema>;
export type SplitLevel = (typeof SPLIT_LEVELS)[number];
