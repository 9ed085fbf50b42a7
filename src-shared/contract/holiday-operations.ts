/**
 * 两节供应计划, the part that runs the stores over the holidays: promotion activities (促销活动),
 * service tasks (服务工作: 卖场规范, 通道清理, 停车位, 促销员培训 …) and staffing per store and day
 * (人员安排: the planned headcount against the store's own staff, 后勤支援一线 and the suppliers'
 * 促销员). Part of the holiday feature (core/holiday), declared apart to keep holiday.ts readable.
 */
import { z } from 'zod';
import { channel, id, isoDate } from './common';
import { HolidaySplitSchema, season } from './holiday';

const name = z.string().trim().min(1).max(60);
const owner = z.string().trim().min(1).max(40);
/** People on a day: a store's whole floor fits many times over. */
const headcount = z.number().int().min(0).max(10_000);
export const supplierName = z.string().trim().min(1).max(40);

export const PromotionInputSchema = z.object({
  name,
  firstDay: isoDate,
  lastDay: isoDate,
  storeIds: z.array(id).min(1).max(500),
  /** Whole 元. */
  budget: z.number().int().min(0).max(1e10),
  /** Expected sales lift over the stores' basic targets on its days, in basis points (1500 = +15 %). */
  liftBp: z.number().int().min(0).max(100_000),
  owner,
});

export const PromotionSchema = PromotionInputSchema.extend({
  id,
  storeNames: z.array(z.string()),
  /** The stores' basic daily targets summed over its days (目标分解's figures), whole 元. */
  baseSales: z.number().int().min(0),
  /** baseSales × lift, to the 元. */
  expectedLift: z.number().int().min(0),
});

/** 未开始, 进行中, 已完成; a task not done after its deadline is overdue (derived, never stored). */
export const SERVICE_TASK_STATUSES = ['todo', 'doing', 'done'] as const;

/** The service tasks of the source plans (服务工作), offered as titles; any other may be typed. */
export const SERVICE_TASK_SUGGESTIONS = [
  '卖场规范与商品陈列',
  '消防与安全通道清理',
  '停车位与购物车管理',
  '促销员岗前培训',
  '收银台增开与排队疏导',
  '价签与促销标识核对',
] as const;

export const ServiceTaskInputSchema = z.object({
  title: name,
  /** null: every store. */
  storeId: id.nullable(),
  owner,
  deadline: isoDate,
  status: z.enum(SERVICE_TASK_STATUSES),
});

export const ServiceTaskSchema = ServiceTaskInputSchema.extend({ id, storeName: z.string().nullable(), overdue: z.boolean() });

export const StaffingDaySchema = z.object({
  day: isoDate,
  /** The headcount the store plans for the day; null: not planned. */
  planned: headcount.nullable(),
  /** 后勤支援一线: back-office staff sent to the floor. */
  support: headcount,
  /** 促销员 sent by each supplier. */
  promoters: z.array(z.object({ supplier: supplierName, count: headcount })),
  /** Own staff + support + promoters. */
  onHand: z.number().int().min(0),
  /** Planned − on hand where short, else 0. */
  short: z.number().int().min(0),
});

export const HolidayStaffingSchema = z.object({
  season,
  storeId: id,
  days: HolidaySplitSchema.shape.days,
  /** The store's employees in the season's organisation. */
  ownStaff: z.number().int().min(0),
  /** Suppliers with promoters at the store in the season, by name: a column each. */
  suppliers: z.array(z.string()),
  /** Those delivering to the store (备货计划) without promoters yet: offered when a column is added. */
  offeredSuppliers: z.array(z.string()),
  rows: z.array(StaffingDaySchema),
});

export const StaffingShortageSchema = z.object({
  storeId: id,
  storeName: z.string(),
  day: isoDate,
  planned: z.number().int(),
  onHand: z.number().int(),
  short: z.number().int(),
});

const staffingChange = z
  .object({
    day: isoDate,
    planned: headcount.nullable().optional(),
    support: headcount.optional(),
    /** One supplier's promoters on the day (0 removes them). */
    promoters: z.object({ supplier: supplierName, count: headcount }).optional(),
  })
  .refine((c) => c.planned !== undefined || c.support !== undefined || c.promoters !== undefined, { message: 'a change sets planned, support or promoters' });

export const holidayOperationsChannels = {
  /** 促销活动 of the season, by first day, each with the basic sales of its stores and days and the expected lift. */
  'holiday/list-promotions': channel(z.object({ season }), z.object({ promotions: z.array(PromotionSchema) })),
  /** Adds (no id) or changes a promotion: its days in the window, first before last, stores of the season. */
  'holiday/save-promotion': channel(z.object({ season, promotion: PromotionInputSchema.extend({ id: id.optional() }) }), PromotionSchema),
  'holiday/delete-promotion': channel(z.object({ season, id }), z.object({ deleted: z.boolean() })),
  /** 服务工作 of the season, by deadline, each marked overdue when not done after it. */
  'holiday/list-service-tasks': channel(z.object({ season }), z.object({ tasks: z.array(ServiceTaskSchema) })),
  /** Adds (no id) or changes a service task; its deadline is not after the window. */
  'holiday/save-service-task': channel(z.object({ season, task: ServiceTaskInputSchema.extend({ id: id.optional() }) }), ServiceTaskSchema),
  'holiday/delete-service-task': channel(z.object({ season, id }), z.object({ deleted: z.boolean() })),
  /** 人员安排 of one store: per day the planned headcount, own staff, support, promoters by supplier, and the shortfall. */
  'holiday/get-staffing': channel(z.object({ season, storeId: id }), HolidayStaffingSchema),
  /** Every store's days short of the planned headcount, by store and day. */
  'holiday/list-staffing-shortages': channel(z.object({ season }), z.object({ shortages: z.array(StaffingShortageSchema) })),
  /** Changes of one store's days, checked together (INVALID_CELLS with each bad change's index, nothing written): days of the window. */
  'holiday/save-staffing': channel(z.object({ season, storeId: id, changes: z.array(staffingChange).min(1).max(5000) }), z.object({ saved: z.number().int() })),
} as const;

export type Promotion = z.infer<typeof PromotionSchema>;
export type PromotionInput = z.infer<typeof PromotionInputSchema>;
export type ServiceTask = z.infer<typeof ServiceTaskSchema>;
export type ServiceTaskStatus = (typeof SERVICE_TASK_STATUSES)[number];
export type HolidayStaffing = z.infer<typeof HolidayStaffingSchema>;
export type StaffingShortage = z.infer<typeof StaffingShortageSchema>;
