/**
 * What the XLSX import tests share (strategy-import.test.ts, strategy-import-limits.test.ts): the
 * month and year they import into, exporting and importing through dispatch, editing a file as a
 * person would, and reading back what the import refused or wrote.
 */
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import type { Database } from '../../../src-main/core/db/port';
import type { createCaller } from '../../../src-main/core/dispatch';
import type { ChannelOutput, DemandRow, ImportRefusal, ImportTable, ReportId } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';

export const MONTH = '2026-11';
export const YEAR = 2026;

export type Call = ReturnType<typeof createCaller>;

export const withoutTime = <R extends { updatedAt: string }>({ updatedAt: _updatedAt, ...rest }: R) => rest;

export interface Period {
  yearMonth?: string;
  year?: number;
}

export async function exportFile(call: Call, report: ReportId, period: Period = { yearMonth: MONTH, year: YEAR }): Promise<Buffer> {
  const result = await call('reports/export', { report, format: 'xlsx', jobId: `export-${report}`, ...period });
  return Buffer.from(result.base64!, 'base64');
}

/** Imported into MONTH and YEAR, or with the period given (an empty one: the file's). */
export function importFile(
  call: Call,
  table: ImportTable,
  bytes: Buffer,
  period: Period = { yearMonth: MONTH, year: YEAR },
): Promise<ChannelOutput<'strategy/import-xlsx'>> {
  return call('strategy/import-xlsx', { table, ...period, base64: bytes.toString('base64') });
}

/** The file changed as a person would in Excel: loaded, cells edited, saved. */
export async function edit(bytes: Buffer, change: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as never);
  change(book.worksheets[0]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

export function rowNumberOf(sheet: ExcelJS.Worksheet, column: number, text: string): number {
  for (let r = 1; r <= sheet.rowCount; r++) if (sheet.getRow(r).getCell(column).value === text) return r;
  throw new Error(`no row with ${text}`);
}

/** Everything the strategy tables and screening store, to show that a refused file wrote nothing. */
export function snapshot(db: Database): string {
  const tables = ['demand_row', 'demand_product', 'habit_row', 'strategy_history', 'customer_score', 'customer', 'dictionary_entry'];
  return JSON.stringify(tables.map((t) => db.statement(`SELECT * FROM ${t} ORDER BY 1, 2, 3`).all()));
}

export async function refusalsOf(promise: Promise<unknown>): Promise<ImportRefusal[]> {
  const error = await promise.then(
    () => {
      throw new Error('expected the import to be refused');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('INVALID_CELLS');
  return ((error as AppError).details as { refusals: ImportRefusal[] }).refusals;
}

export const content = (r: DemandRow) => ({
  customerId: r.customerId,
  urgentPoint: r.urgentPoint,
  demandPlan: r.demandPlan,
  potentialPlan: r.potentialPlan,
  guidedNeed: r.guidedNeed,
  products: [...r.products].sort((a, b) => a.productId.localeCompare(b.productId)),
});

export async function demandContents(call: Call) {
  return (await call('strategy/get-month', { yearMonth: MONTH })).demandRows.map(content);
}

export async function names(call: Call) {
  const customers = await call('customers/list', {});
  return { byId: new Map(customers.map((c) => [c.id, c])), byName: new Map(customers.map((c) => [c.name, c])) };
}

/** Demand columns of the exported sheet: A 序号, B 客户单位, C 大类, D 小类, E–H needs, I–L product classes. */
export const COL = { customer: 2, classParent: 3, class: 4, urgent: 5, demandPlan: 6, potential: 7, guided: 8, basic: 9 } as const;
