/**
 * The API contract: every backend capability is a channel here first, with zod schemas for its
 * input and output. Both hosts (Electron IPC, web host HTTP) and the tests go through core's
 * `dispatch`, which validates both ways against these schemas.
 *
 * Naming: `<domain>/<verb-noun>` in kebab-case; events are past tense.
 */
import { z } from 'zod';
import { MEASURES } from '../domain/targets';

const id = z.string().min(1).max(64);
const planYear = z.number().int().min(2000).max(2100);
const measure = z.enum(MEASURES);

export const WorkspaceInfoSchema = z.object({
  fileName: z.string(),
  planYear,
  organisationName: z.string(),
  schemaVersion: z.number().int(),
  counts: z.object({ units: z.number().int(), people: z.number().int(), metrics: z.number().int(), cells: z.number().int() }),
});

export const OrgUnitSchema = z.object({
  id,
  parentId: id.nullable(),
  level: z.enum(['company', 'branch', 'team']),
  name: z.string(),
  sortOrder: z.number().int(),
});

export const PERSON_ROLES = ['客户经理', '片区经理', '销售员', '门店经理', '领导'] as const;

export const PersonSchema = z.object({
  id,
  unitId: id,
  name: z.string(),
  role: z.enum(PERSON_ROLES),
  sortOrder: z.number().int(),
});

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
  'unknown-subject',
  'unknown-metric',
] as const;
export const CellRefusalSchema = z.object({ index: z.number().int(), reason: z.enum(CELL_REFUSALS) });
export type CellRefusal = z.infer<typeof CellRefusalSchema>;

export const REPORT_IDS = ['targets', 'strategy-demand', 'strategy-habit', 'strategy-screening', 'strategy-summary'] as const;
export const REPORT_FORMATS = ['pdf', 'xlsx'] as const;
export const EXPORT_STAGES = ['building', 'rendering', 'writing', 'done'] as const;
const reportId = z.enum(REPORT_IDS);

export const ReportExportResultSchema = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  byteLength: z.number().int(),
  /** The file's bytes when the host has no save dialog (the web host downloads them). */
  base64: z.string().nullable(),
  /** Where the host saved it after its save dialog (Electron). */
  savedTo: z.string().nullable(),
  /** The user closed the save dialog without choosing a file. */
  cancelled: z.boolean(),
  pageCount: z.number().int().nullable(),
});

export const PLAN_LEVELS = ['basic', 'challenge', 'actual'] as const;
export const PLAN_GRAINS = ['quarter', 'month', 'week', 'day'] as const;
const planLevel = z.enum(PLAN_LEVELS);
const periodKey = z.string().regex(/^(total|\d{4}(-Q[1-4]|-W\d{2}|-\d{2}(-\d{2})?)?)$/);

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

export const DICTIONARIES = ['customer-class', 'product-class', 'product', 'habit-dimension', 'account-tier'] as const;
export const CUSTOMER_STATUSES = ['signed', 'target', 'prospect'] as const;
/** The four needs of 《需求分析及产品匹配策略表》: 显性 (urgent point, demand plan), 隐性 (potential plan, guided need). */
export const NEED_KINDS = ['urgent-point', 'demand-plan', 'potential-plan', 'guided-need'] as const;
export const DUE_REASONS = ['missing', 'not-reviewed', 'new'] as const;
const yearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const cellText = z.string().max(1000);

export const DictionaryEntrySchema = z.object({
  id,
  dictionary: z.enum(DICTIONARIES),
  parentId: id.nullable(),
  name: z.string(),
  sortOrder: z.number().int(),
  archived: z.boolean(),
});

export const CustomerSchema = z.object({
  id,
  name: z.string(),
  classId: id,
  tierId: id.nullable(),
  unitId: id,
  managerId: id,
  status: z.enum(CUSTOMER_STATUSES),
  statusChangedOn: z.string(),
});

export const DemandFieldsSchema = z.object({
  urgentPoint: cellText,
  demandPlan: cellText,
  potentialPlan: cellText,
  guidedNeed: cellText,
  products: z.array(z.object({ productId: id, needKind: z.enum(NEED_KINDS) })).max(100),
});

export const HabitFieldsSchema = z.object({
  touchHabit: cellText,
  mediaAdvice: cellText,
  cognitionHabit: cellText,
  messageAdvice: cellText,
  purchaseHabit: cellText,
  promotionAdvice: cellText,
  recognitionHabit: cellText,
  serviceAdvice: cellText,
});

const rowState = { yearMonth, customerId: id, reviewed: z.boolean(), updatedAt: z.string() };
export const DemandRowSchema = DemandFieldsSchema.extend(rowState);
export const HabitRowSchema = HabitFieldsSchema.extend(rowState);

export const DueCustomerSchema = z.object({
  customerId: id,
  name: z.string(),
  managerId: id,
  status: z.enum(CUSTOMER_STATUSES),
  reasons: z.array(z.enum(DUE_REASONS)),
});

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

const rate = z.number().nullable();
const monthCounts = {
  /** Signed and target customers: those whose tables must be filled this month. */
  customers: z.number().int(),
  /** Both tables reviewed this month. */
  filled: z.number().int(),
  due: z.number().int(),
  /** filled / customers. */
  fillRate: rate,
};

/** 片区经理's monthly summary of their team. */
export const StrategySummarySchema = z.object({
  yearMonth,
  areaManagerId: id.nullable(),
  scopeName: z.string(),
  managers: z.array(z.object({ managerId: id, name: z.string(), unitId: id, ...monthCounts, newCustomers: z.number().int() })),
  totals: z.object({ ...monthCounts, newCustomers: z.number().int() }),
  /** Per customer class (小类): how many customers record each kind of need this month. */
  needsByClass: z.array(
    z.object({
      classId: id,
      className: z.string(),
      parentName: z.string(),
      customers: z.number().int(),
      needs: z.record(z.enum(NEED_KINDS), z.number().int()),
      matchedProducts: z.number().int(),
    }),
  ),
});

/** 决策层: KPIs across units, and the class × product heat map. */
export const StrategyKpisSchema = z.object({
  yearMonth,
  units: z.array(
    z.object({
      unitId: id,
      name: z.string(),
      ...monthCounts,
      /** Key customers (the two best tiers) … */
      keyCustomers: z.number().int(),
      /** … whose month is reviewed with at least one matched product: 重要集团客户覆盖率. */
      keyCovered: z.number().int(),
      coverage: rate,
      /** Customers with rows last month … */
      revisitBase: z.number().int(),
      /** … whose rows were reviewed again this month: 有效回访率. */
      revisited: z.number().int(),
      revisitRate: rate,
    }),
  ),
  totals: z.object({
    ...monthCounts,
    keyCustomers: z.number().int(),
    keyCovered: z.number().int(),
    coverage: rate,
    revisitBase: z.number().int(),
    revisited: z.number().int(),
    revisitRate: rate,
  }),
  heat: z.object({
    customerClasses: z.array(z.object({ id, name: z.string() })),
    productClasses: z.array(z.object({ id, name: z.string() })),
    /** Matched products of this month's rows, counted by the customer's class and the product's class. */
    cells: z.array(z.object({ customerClassId: id, productClassId: id, count: z.number().int() })),
  }),
  productsByClass: z.array(
    z.object({ productClassId: id, name: z.string(), count: z.number().int(), products: z.array(z.object({ productId: id, name: z.string(), count: z.number().int() })) }),
  ),
  /** Fill rate of this month and the five before it, oldest first. */
  trend: z.array(z.object({ yearMonth, fillRate: rate, coverage: rate, revisitRate: rate })),
});

export const IMPORT_TABLES = ['demand', 'habit', 'screening'] as const;
export const IMPORT_REFUSALS = [
  'wrong-header',
  /** The file is another month's (or year's) table than the one being imported into. */
  'wrong-month',
  'unknown-customer',
  'unknown-class',
  'unknown-product',
  'unknown-need-kind',
  'no-need',
  'not-a-number',
  'out-of-range',
  'too-many-decimals',
  'too-long',
  'duplicate-row',
  'duplicate-product',
  'unreadable-file',
] as const;
/** One refused cell of an imported file: `cell` is its Excel address (D7), `header` its column. */
export const ImportRefusalSchema = z.object({
  sheet: z.string(),
  cell: z.string(),
  row: z.number().int(),
  header: z.string(),
  reason: z.enum(IMPORT_REFUSALS),
  value: z.string(),
});

function channel<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}

export const channels = {
  'workspace/get-info': channel(z.object({}), WorkspaceInfoSchema),
  'org/list-tree': channel(z.object({}), z.object({ units: z.array(OrgUnitSchema), people: z.array(PersonSchema) })),
  'metrics/list': channel(z.object({}), z.array(MetricSchema)),
  'targets/list-cells': channel(z.object({ year: planYear }), z.object({ year: planYear, cells: z.array(TargetCellSchema) })),
  'targets/save-cells': channel(
    z.object({ year: planYear, changes: z.array(CellChangeSchema).min(1).max(500_000) }),
    z.object({ saved: z.number().int(), cleared: z.number().int() }),
  ),
  'plan/get-grid': channel(z.object({ year: planYear, metricId: id, level: planLevel, grain: z.enum(PLAN_GRAINS) }), PlanGridSchema),
  'plan/set-total': channel(
    z.object({
      year: planYear,
      metricId: id,
      level: planLevel,
      subjectId: id,
      periodKey,
      text: z.string().max(64).nullable(),
      orgMethod: z.enum(['current', 'last-year', 'even']).optional(),
      timeMethod: z.enum(['working-days', 'even', 'last-year', 'current']).optional(),
    }),
    z.object({ changedCells: z.number().int(), rollup: z.array(z.object({ subjectId: z.string(), periodKey: z.string(), value: z.number().int() })).optional() }),
  ),
  'plan/set-lock': channel(
    z.object({ year: planYear, metricId: id, level: planLevel, subjectId: id, periodKey, locked: z.boolean() }),
    z.object({ locked: z.boolean() }),
  ),
  'tracking/get-summary': channel(
    z.object({ year: planYear, metricId: id, subjectId: id, asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }),
    TrackingSummarySchema,
  ),
  'reports/list': channel(
    z.object({}),
    z.array(z.object({ id: reportId, name: z.string(), formats: z.array(z.enum(REPORT_FORMATS)) })),
  ),
  'reports/preview': channel(
    z.object({ report: reportId, year: planYear.optional(), yearMonth: yearMonth.optional(), scopeId: id.optional() }),
    z.object({ title: z.string(), fileName: z.string(), html: z.string(), pageCount: z.number().int() }),
  ),
  'reports/export': channel(
    z.object({
      report: reportId,
      format: z.enum(REPORT_FORMATS),
      jobId: id,
      year: planYear.optional(),
      /** Strategy reports: the month (default: the clock's). */
      yearMonth: yearMonth.optional(),
      /** Strategy reports: an account manager (tables) or area manager (summary) to narrow to. */
      scopeId: id.optional(),
    }),
    ReportExportResultSchema,
  ),
  'reports/cancel-export': channel(z.object({ jobId: id }), z.object({ cancelled: z.boolean() })),
  'dictionaries/list': channel(z.object({ dictionary: z.enum(DICTIONARIES).optional() }), z.array(DictionaryEntrySchema)),
  'dictionaries/save-entry': channel(
    z.object({
      id: id.optional(),
      dictionary: z.enum(DICTIONARIES),
      parentId: id.nullable().optional(),
      name: z.string().trim().min(1).max(100),
      sortOrder: z.number().int().optional(),
      archived: z.boolean().optional(),
    }),
    DictionaryEntrySchema,
  ),
  'dictionaries/delete-entry': channel(z.object({ id }), z.object({ deleted: z.boolean() })),
  'customers/list': channel(z.object({ managerId: id.optional() }), z.array(CustomerSchema)),
  'strategy/get-month': channel(
    z.object({ yearMonth, managerId: id.optional() }),
    z.object({ yearMonth, demandRows: z.array(DemandRowSchema), habitRows: z.array(HabitRowSchema) }),
  ),
  'strategy/save-demand-row': channel(
    DemandFieldsSchema.extend({ yearMonth, customerId: id, reviewed: z.boolean().optional() }),
    z.object({ row: DemandRowSchema, historyRecorded: z.boolean() }),
  ),
  'strategy/save-habit-row': channel(
    HabitFieldsSchema.extend({ yearMonth, customerId: id, reviewed: z.boolean().optional() }),
    z.object({ row: HabitRowSchema, historyRecorded: z.boolean() }),
  ),
  'strategy/start-month': channel(z.object({ yearMonth }), z.object({ copied: z.number().int(), added: z.number().int() })),
  'strategy/list-due': channel(z.object({ yearMonth, managerId: id.optional() }), z.array(DueCustomerSchema)),
  'customers/save': channel(
    z.object({
      id: id.optional(),
      name: z.string().trim().min(1).max(100),
      classId: id,
      tierId: id.nullable(),
      unitId: id,
      managerId: id,
      status: z.enum(CUSTOMER_STATUSES),
    }),
    CustomerSchema,
  ),
  'strategy/get-history': channel(
    z.object({ yearMonth, customerId: id }),
    z.array(z.object({ id, table: z.enum(['demand', 'habit']), changedAt: z.string(), before: z.record(z.string(), z.unknown()), after: z.record(z.string(), z.unknown()) })),
  ),
  'strategy/get-summary': channel(z.object({ yearMonth, areaManagerId: id.optional() }), StrategySummarySchema),
  'strategy/get-kpis': channel(z.object({ yearMonth }), StrategyKpisSchema),
  /** An XLSX in the export's layout; every cell is checked first, and nothing is written if any is bad. */
  'strategy/import-xlsx': channel(
    z.object({ table: z.enum(IMPORT_TABLES), yearMonth: yearMonth.optional(), year: planYear.optional(), base64: z.string().min(1).max(40_000_000) }),
    z.object({ table: z.enum(IMPORT_TABLES), rows: z.number().int(), changed: z.number().int() }),
  ),
  'screening/get-year': channel(z.object({ year: planYear }), ScreeningYearSchema),
  'screening/save-scores': channel(
    z.object({
      year: planYear,
      changes: z.array(z.object({ customerId: id, indicatorId: id, text: z.string().max(32).nullable() })).min(1).max(100_000),
    }),
    z.object({ saved: z.number().int(), cleared: z.number().int() }),
  ),
  'screening/save-criteria': channel(
    z.object({ year: planYear, customerId: id, criteria: z.array(z.enum(SCREENING_CRITERIA)) }),
    z.object({ criteria: z.array(z.enum(SCREENING_CRITERIA)) }),
  ),
  'screening/save-indicator': channel(
    z.object({ id: id.optional(), group: z.enum(INDICATOR_GROUPS), name: z.string().trim().min(1).max(50), weight: z.number().int().min(0).max(100), sortOrder: z.number().int().optional() }),
    ScreeningIndicatorSchema,
  ),
  'screening/save-threshold': channel(z.object({ tierId: id, minScore: z.number().min(0).max(100) }), z.object({ tierId: id, minScore: z.number() })),
  /** Sets each listed customer's tier to this year's suggestion. */
  'screening/apply-tiers': channel(z.object({ year: planYear, customerIds: z.array(id).min(1).max(10_000) }), z.object({ updated: z.number().int() })),
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type ChannelInput<C extends ChannelName> = z.input<Channels[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Channels[C]['output']>;

export const CHANNEL_NAMES = Object.keys(channels) as ChannelName[];

export function isChannelName(name: string): name is ChannelName {
  return Object.prototype.hasOwnProperty.call(channels, name);
}

/** Events pushed from the backend to the renderer (Electron `on`); past tense. */
export const events = {
  'targets/changed': z.object({ year: planYear, count: z.number().int() }),
  'plan/changed': z.object({ year: planYear, metricId: id, level: planLevel, cells: z.number().int() }),
  /** Any write to customers, dictionaries, the monthly tables or screening scores. */
  'strategy/changed': z.object({ what: z.enum(['dictionary', 'customer', 'month', 'screening']), yearMonth: yearMonth.nullable() }),
  'reports/export-progressed': z.object({
    jobId: id,
    stage: z.enum(EXPORT_STAGES),
    done: z.number().int(),
    total: z.number().int(),
  }),
} as const;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export type OrgUnit = z.infer<typeof OrgUnitSchema>;
export type Person = z.infer<typeof PersonSchema>;
export type Metric = z.infer<typeof MetricSchema>;
export type CellChange = z.infer<typeof CellChangeSchema>;
export type WorkspaceInfo = z.infer<typeof WorkspaceInfoSchema>;
export type ReportId = (typeof REPORT_IDS)[number];
export type PlanLevel = (typeof PLAN_LEVELS)[number];
export type PlanGrain = (typeof PLAN_GRAINS)[number];
export type PlanGrid = z.infer<typeof PlanGridSchema>;
export type TrackingSummary = z.infer<typeof TrackingSummarySchema>;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export type ReportExportResult = z.infer<typeof ReportExportResultSchema>;
export type DictionaryName = (typeof DICTIONARIES)[number];
export type DictionaryEntry = z.infer<typeof DictionaryEntrySchema>;
export type Customer = z.infer<typeof CustomerSchema>;
export type NeedKind = (typeof NEED_KINDS)[number];
export type DemandFields = z.infer<typeof DemandFieldsSchema>;
export type HabitFields = z.infer<typeof HabitFieldsSchema>;
export type DemandRow = z.infer<typeof DemandRowSchema>;
export type HabitRow = z.infer<typeof HabitRowSchema>;
export type DueCustomer = z.infer<typeof DueCustomerSchema>;
export type ScreeningIndicator = z.infer<typeof ScreeningIndicatorSchema>;
export type ScreeningRow = z.infer<typeof ScreeningRowSchema>;
export type ScreeningYear = z.infer<typeof ScreeningYearSchema>;
export type StrategySummary = z.infer<typeof StrategySummarySchema>;
export type StrategyKpis = z.infer<typeof StrategyKpisSchema>;
export type ImportRefusal = z.infer<typeof ImportRefusalSchema>;
export type ImportTable = (typeof IMPORT_TABLES)[number];
export type IndicatorGroup = (typeof INDICATOR_GROUPS)[number];
export type ScreeningCriterion = (typeof SCREENING_CRITERIA)[number];
