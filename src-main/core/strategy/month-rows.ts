/**
 * The two monthly tables: 《需求分析及产品匹配策略表》 (demand rows with matched products) and
 * 《消费习惯分析及促销策略表》 (habit rows) — reading a month, and saving one customer's row. Every
 * multi-row write is one transaction, and bad input writes nothing.
 */
import type { ChannelInput, ChannelOutput, DemandFields, DemandRow, HabitFields, HabitRow } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import { isEmptyDemand, isEmptyHabit, NEED_FIELD_OF, normaliseStrategyText } from '../../../src-shared/domain/strategy';
import type { Database } from '../db/port';
import type { Workspace } from '../workspace';
import { requireCustomer } from './customers';
import { readEntry } from './dictionary-store';
import { insertHistory } from './history-store';
import {
  HABIT_FIELDS,
  readDemandRecords,
  readHabitRecords,
  readMonthProducts,
  saveDemandRecord,
  saveHabitRecord,
  writeDemandProducts,
  type MonthRowFilter,
} from './month-store';

// ---------------------------------------------------------------------------------------------
// Reading a month

function readDemandRows(db: Database, yearMonth: string, filter: MonthRowFilter = {}): DemandRow[] {
  const records = readDemandRecords(db, yearMonth, filter);
  const byCustomer = new Map<string, DemandRow['products']>();
  for (const p of readMonthProducts(db, yearMonth, filter.customerId)) {
    const list = byCustomer.get(p.customerId) ?? [];
    list.push({ productId: p.productId, needKind: p.needKind });
    byCustomer.set(p.customerId, list);
  }
  return records.map((r) => ({ ...r, reviewed: r.reviewed === 1, products: byCustomer.get(r.customerId) ?? [] }));
}

function readHabitRows(db: Database, yearMonth: string, filter: MonthRowFilter = {}): HabitRow[] {
  return readHabitRecords(db, yearMonth, filter).map((r) => ({ ...r, reviewed: r.reviewed === 1 }));
}

export async function getStrategyMonth(ws: Workspace, yearMonth: string, managerId?: string): Promise<ChannelOutput<'strategy/get-month'>> {
  return { yearMonth, demandRows: readDemandRows(ws.db, yearMonth, { managerId }), habitRows: readHabitRows(ws.db, yearMonth, { managerId }) };
}

// ---------------------------------------------------------------------------------------------
// Saving rows

interface CellRefusal {
  field: string;
  reason: 'no-need' | 'unknown-product' | 'duplicate-product';
  productId?: string;
}

/** A product may be matched only under a need that has text, and only once per row. */
function demandRefusals(db: Database, fields: DemandFields): CellRefusal[] {
  const refusals: CellRefusal[] = [];
  const seen = new Set<string>();
  fields.products.forEach((p, index) => {
    const product = readEntry(db, p.productId);
    if (!product || product.dictionary !== 'product') {
      refusals.push({ field: `products.${index}`, reason: 'unknown-product', productId: p.productId });
    } else if (seen.has(p.productId)) {
      refusals.push({ field: `products.${index}`, reason: 'duplicate-product', productId: p.productId });
    } else if (normaliseStrategyText(fields[NEED_FIELD_OF[p.needKind]]) === '') {
      refusals.push({ field: NEED_FIELD_OF[p.needKind], reason: 'no-need', productId: p.productId });
    }
    seen.add(p.productId);
  });
  return refusals;
}

/** A row's content as stored and compared: normalised text, products in a fixed order. */
function demandContent(row: Pick<DemandRow, keyof DemandFields>): DemandFields {
  const products = [...row.products].sort((a, b) => a.productId.localeCompare(b.productId));
  return {
    urgentPoint: normaliseStrategyText(row.urgentPoint),
    demandPlan: normaliseStrategyText(row.demandPlan),
    potentialPlan: normaliseStrategyText(row.potentialPlan),
    guidedNeed: normaliseStrategyText(row.guidedNeed),
    products,
  };
}

function habitContent(row: HabitFields): HabitFields {
  return Object.fromEntries(HABIT_FIELDS.map((f) => [f, normaliseStrategyText(row[f])])) as unknown as HabitFields;
}

type RowToWrite<Fields> = { yearMonth: string; customerId: string; reviewed: boolean } & Fields;

function recordHistory(ws: Workspace, row: RowToWrite<unknown>, table: 'demand' | 'habit', before: unknown, after: unknown, now: string): void {
  insertHistory(ws.db, {
    id: ws.ctx.newId('sh'),
    yearMonth: row.yearMonth,
    customerId: row.customerId,
    table,
    changedAt: now,
    beforeJson: JSON.stringify(before),
    afterJson: JSON.stringify(after),
  });
}

/**
 * Writes one customer's demand row of a month and its products, the text normalised; a change to a
 * row the month already holds is kept in the history, so a mid-month change of needs has a trail
 * (a difference in line endings or surrounding spaces is no change). The caller
 * has checked the fields (demandRefusals) and holds the transaction and the event; the XLSX
 * importer writes many rows this way in one transaction.
 */
export function writeDemandRow(ws: Workspace, row: RowToWrite<DemandFields>, now: string): { historyRecorded: boolean } {
  const before = readDemandRows(ws.db, row.yearMonth, { customerId: row.customerId })[0];
  const after = demandContent(row);
  const changed = before !== undefined && JSON.stringify(demandContent(before)) !== JSON.stringify(after);
  const { products, ...texts } = after;
  saveDemandRecord(ws.db, { yearMonth: row.yearMonth, customerId: row.customerId, ...texts, reviewed: row.reviewed ? 1 : 0, updatedAt: now });
  writeDemandProducts(ws.db, row.yearMonth, row.customerId, products);
  if (changed) recordHistory(ws, row, 'demand', demandContent(before), after, now);
  return { historyRecorded: changed };
}

/** The habit counterpart of writeDemandRow: no transaction, no event, history on a changed row. */
export function writeHabitRow(ws: Workspace, row: RowToWrite<HabitFields>, now: string): { historyRecorded: boolean } {
  const before = readHabitRows(ws.db, row.yearMonth, { customerId: row.customerId })[0];
  const after = habitContent(row);
  const changed = before !== undefined && JSON.stringify(habitContent(before)) !== JSON.stringify(after);
  saveHabitRecord(ws.db, { yearMonth: row.yearMonth, customerId: row.customerId, ...after, reviewed: row.reviewed ? 1 : 0, updatedAt: now });
  if (changed) recordHistory(ws, row, 'habit', habitContent(before), after, now);
  return { historyRecorded: changed };
}

/**
 * Whether a saved row counts as reviewed. An empty row never does: asked for explicitly (确认无变化)
 * it is refused, so the customer stays due; an edit that empties a row keeps it, still to review.
 */
function reviewedOnSave(input: { reviewed?: boolean; customerId: string; yearMonth: string }, empty: boolean): boolean {
  if (!empty) return input.reviewed ?? true;
  if (input.reviewed === true) {
    throw new AppError('INVALID_INPUT', `The row of ${input.customerId} in ${input.yearMonth} is empty and cannot be confirmed as reviewed`, {
      reason: 'empty-row',
      customerId: input.customerId,
    });
  }
  return false;
}

export async function saveDemandRow(ws: Workspace, input: ChannelInput<'strategy/save-demand-row'>): Promise<ChannelOutput<'strategy/save-demand-row'>> {
  requireCustomer(ws.db, input.customerId);
  const reviewed = reviewedOnSave(input, isEmptyDemand(input));
  const refusals = demandRefusals(ws.db, input);
  if (refusals.length > 0) {
    throw new AppError('INVALID_CELLS', `${refusals.length} product matches refused; nothing saved`, { refusals });
  }
  const now = ws.ctx.clock().toISOString();
  const written = ws.db.transaction(() => writeDemandRow(ws, { ...input, reviewed }, now));
  ws.events.emit('strategy/changed', { what: 'month', yearMonth: input.yearMonth });
  return { row: readDemandRows(ws.db, input.yearMonth, { customerId: input.customerId })[0], historyRecorded: written.historyRecorded };
}

export async function saveHabitRow(ws: Workspace, input: ChannelInput<'strategy/save-habit-row'>): Promise<ChannelOutput<'strategy/save-habit-row'>> {
  requireCustomer(ws.db, input.customerId);
  const reviewed = reviewedOnSave(input, isEmptyHabit(input));
  const now = ws.ctx.clock().toISOString();
  const written = ws.db.transaction(() => writeHabitRow(ws, { ...input, reviewed }, now));
  ws.events.emit('strategy/changed', { what: 'month', yearMonth: input.yearMonth });
  return { row: readHabitRows(ws.db, input.yearMonth, { customerId: input.customerId })[0], historyRecorded: written.historyRecorded };
}
