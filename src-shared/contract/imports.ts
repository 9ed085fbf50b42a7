/**
 * What every XLSX import refuses with: each bad cell of a file is one ImportRefusal, and an import
 * with any refusal throws INVALID_CELLS listing them, having written nothing. The reasons are
 * shared by the strategy tables' import and the holiday plans' (the UI translates each once).
 */
import { z } from 'zod';

export const IMPORT_REFUSALS = [
  'wrong-header',
  /** The file is another month's (or year's, or season's) table than the one being imported into. */
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
  /** Over one of the import's size limits (the limit in `header`, the part in `value`). */
  'file-too-large',
  /** A table row below the note or sign-off lines under the table. */
  'row-after-note',
  /** A sheet (备货计划) or column (值班表) for a store the season does not have. */
  'unknown-store',
  /** A 品类 that is not in the category dictionary (or is archived). */
  'unknown-category',
  /** A 单位 other than the category's. */
  'wrong-unit',
  /** A 到货批次 lot that is not `MM-DD 数量` (with its supplier), or a quantity that is not a whole number above 0. */
  'bad-delivery',
  /** A day (an arrival, a roster row) outside the season's window. */
  'outside-window',
  /** A category's 安全天数 changed to one value on one store's sheet and to another on another's. */
  'conflicting-value',
  /** 计划到货 that is neither the sum of the row's lots nor the stored total. */
  'total-mismatch',
  /** A name that is nobody who may be on duty (or, when two share it, nobody the cell can mean). */
  'unknown-person',
  'ambiguous-person',
  /** The leader on duty is also the deputy. */
  'leader-is-deputy',
  /** On duty at another store in an overlapping shift the same day. */
  'double-booked',
  /** Not a phone number: digits, +, -, ( ) and spaces, 5 to 20 of them. */
  'bad-phone',
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

export type ImportRefusal = z.infer<typeof ImportRefusalSchema>;

/** An XLSX as the channel carries it (the host read the file): bytes in, never a path. */
export const xlsxBase64 = z.string().min(1).max(40_000_000);

/** What an import read and what it changed (an untouched export changes nothing). */
export const ImportCountsSchema = z.object({ rows: z.number().int(), changed: z.number().int() });
