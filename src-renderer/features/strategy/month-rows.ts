/**
 * The rows of the two monthly tables: one per customer of the month (those with a row, and the
 * signed and target customers still without one), with what the table shows about each.
 */
import type { TFunction } from 'i18next';
import type { Customer, DemandFields, HabitFields } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import { NEED_FIELD_OF } from '../../../src-shared/domain/strategy';
import type { StrategyLookups } from './strategy-data';

export const EMPTY_DEMAND: DemandFields = { urgentPoint: '', demandPlan: '', potentialPlan: '', guidedNeed: '', products: [] };
export const EMPTY_HABIT: HabitFields = {
  touchHabit: '',
  mediaAdvice: '',
  cognitionHabit: '',
  messageAdvice: '',
  purchaseHabit: '',
  promotionAdvice: '',
  recognitionHabit: '',
  serviceAdvice: '',
};

type RowState = 'reviewed' | 'not-reviewed' | 'missing';

export interface BaseRow {
  customerId: string;
  name: string;
  classLabel: string;
  majorLabel: string;
  managerName: string;
  customer: Customer;
  state: RowState;
  updatedAt: string | null;
}
export interface DemandGridRow extends BaseRow {
  fields: DemandFields;
}
export interface HabitGridRow extends BaseRow {
  fields: HabitFields;
}

/** The month's customers in class order, then by name, each with its stored row if any. */
export function baseRows<R extends { customerId: string; reviewed: boolean; updatedAt: string }>(
  lookups: StrategyLookups,
  rows: R[],
  managerId: string | undefined,
): Array<{ base: BaseRow; row: R | undefined }> {
  const byCustomer = new Map(rows.map((r) => [r.customerId, r]));
  const customers = lookups.customers.filter(
    (c) => (managerId === undefined || c.managerId === managerId) && (byCustomer.has(c.id) || c.status === 'signed' || c.status === 'target'),
  );
  const classOrder = new Map(lookups.customerClasses.map((c, i) => [c.id, i]));
  customers.sort((a, b) => (classOrder.get(a.classId) ?? 99) - (classOrder.get(b.classId) ?? 99) || a.name.localeCompare(b.name, 'zh-CN'));
  return customers.map((customer) => {
    const row = byCustomer.get(customer.id);
    const cls = lookups.customerClasses.find((c) => c.id === customer.classId);
    return {
      row,
      base: {
        customerId: customer.id,
        name: customer.name,
        classLabel: cls?.name ?? '',
        majorLabel: cls?.parentName ?? '',
        managerName: lookups.personById.get(customer.managerId)?.name ?? '',
        customer,
        state: row === undefined ? 'missing' : row.reviewed ? 'reviewed' : 'not-reviewed',
        updatedAt: row?.updatedAt ?? null,
      },
    };
  });
}

export function upsert<R extends { customerId: string }>(rows: R[], row: R): R[] {
  return rows.some((r) => r.customerId === row.customerId) ? rows.map((r) => (r.customerId === row.customerId ? row : r)) : [...rows, row];
}

/** A long-text cell: Enter opens a popup editor, Shift+Enter makes a new line. */
export const TEXT_COLUMN = {
  width: 190,
  editable: true,
  wrapText: true,
  autoHeight: true,
  cellEditor: 'agLargeTextCellEditor',
  cellEditorPopup: true,
  cellEditorParams: { maxLength: 1000, rows: 5, cols: 40 },
} as const;

/** The refusal of a save in the user's words, naming the product and the empty need. */
export function refusalText(error: unknown, customer: string, t: TFunction): string | null {
  if (!(error instanceof AppError) || error.code !== 'INVALID_CELLS') return null;
  const refusals = (error.details as { refusals?: Array<{ field: string; reason: string; productName?: string }> } | undefined)?.refusals ?? [];
  const first = refusals[0] as { field: string; reason: string; productName?: string } | undefined;
  if (!first) return null;
  if (first.reason === 'no-need') {
    const kind = (Object.keys(NEED_FIELD_OF) as Array<keyof typeof NEED_FIELD_OF>).find((k) => NEED_FIELD_OF[k] === first.field);
    return t('strategy.refusedNoNeed', { customer, product: first.productName ?? '', need: kind ? t(`strategy.need.${kind}`) : first.field });
  }
  return t('strategy.refusedProduct', { customer, reason: t(`strategy.refusal.${first.reason}`) });
}
