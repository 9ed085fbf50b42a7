/** 营销策略表: dictionaries, customers, the two monthly tables, summaries and KPIs, XLSX import. */
import { z } from 'zod';
import { anyYearMonth, channel, id, planYear, yearMonth } from './common';
import { xlsxBase64 } from './imports';

export const DICTIONARIES = ['customer-class', 'product-class', 'product', 'habit-dimension', 'account-tier'] as const;
export const CUSTOMER_STATUSES = ['signed', 'target', 'prospect'] as const;
/** The four needs of 《需求分析及产品匹配策略表》: 显性 (urgent point, demand plan), 隐性 (potential plan, guided need). */
export const NEED_KINDS = ['urgent-point', 'demand-plan', 'potential-plan', 'guided-need'] as const;
export const DUE_REASONS = ['missing', 'not-reviewed', 'new'] as const;
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
  /** Which of the two monthly tables this customer still has open (no row, or not reviewed). */
  openTables: z.array(z.enum(['demand', 'habit'])),
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
    z.object({
      productClassId: id,
      name: z.string(),
      count: z.number().int(),
      products: z.array(z.object({ productId: id, name: z.string(), count: z.number().int() })),
    }),
  ),
  /** Fill rate of this month and the five before it, oldest first. */
  trend: z.array(z.object({ yearMonth: anyYearMonth, fillRate: rate, coverage: rate, revisitRate: rate })),
});

export const IMPORT_TABLES = ['demand', 'habit', 'screening'] as const;

export const strategyChannels = {
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
    z.array(
      z.object({
        id,
        table: z.enum(['demand', 'habit']),
        changedAt: z.string(),
        before: z.record(z.string(), z.unknown()),
        after: z.record(z.string(), z.unknown()),
      }),
    ),
  ),
  'strategy/get-summary': channel(z.object({ yearMonth, areaManagerId: id.optional() }), StrategySummarySchema),
  'strategy/get-kpis': channel(z.object({ yearMonth }), StrategyKpisSchema),
  /** An XLSX in the export's layout; every cell is checked first, and nothing is written if any is bad. */
  'strategy/import-xlsx': channel(
    z.object({ table: z.enum(IMPORT_TABLES), yearMonth: yearMonth.optional(), year: planYear.optional(), base64: xlsxBase64 }),
    z.object({ table: z.enum(IMPORT_TABLES), rows: z.number().int(), changed: z.number().int() }),
  ),
} as const;

export const strategyEvents = {
  /** Any write to customers, dictionaries, the monthly tables or screening scores. */
  'strategy/changed': z.object({ what: z.enum(['dictionary', 'customer', 'month', 'screening']), yearMonth: yearMonth.nullable() }),
} as const;

export type DictionaryName = (typeof DICTIONARIES)[number];
export type DictionaryEntry = z.infer<typeof DictionaryEntrySchema>;
export type Customer = z.infer<typeof CustomerSchema>;
export type NeedKind = (typeof NEED_KINDS)[number];
export type DemandFields = z.infer<typeof DemandFieldsSchema>;
export type HabitFields = z.infer<typeof HabitFieldsSchema>;
export type DemandRow = z.infer<typeof DemandRowSchema>;
export type HabitRow = z.infer<typeof HabitRowSchema>;
export type DueCustomer = z.infer<typeof DueCustomerSchema>;
export type StrategySummary = z.infer<typeof StrategySummarySchema>;
export type StrategyKpis = z.infer<typeof StrategyKpisSchema>;
export type ImportTable = (typeof IMPORT_TABLES)[number];
