/**
 * The 备货计划 and the 值班表 read back from XLSX, in exactly the layout their export writes
 * (stockColumns and rosterColumns in holiday-reports.ts build both), under the rules of every
 * import (core/strategy/IMPORT.md): the season the file says it is for checked, every cell
 * checked before anything is written, each bad cell named, nothing written when one is bad, and a
 * good file written in one transaction (one undo step) with only what changed.
 *
 * 备货计划: a sheet per store ("一、中心店"), its rows by 品类. Read are 期初库存, 到货批次 (the lots
 * as printed: `供应商：MM-DD 数量；…`, or `MM-DD 供应商 数量；…` when suppliers differ) and 安全天数
 * (a category's, so for every store); 计划到货 is checked against the lots; the other columns are
 * computed from the plan and not read. The warning sheets ("中心店：库存预警") are not read.
 *
 * 值班表: a row per day ("12-18 初十"), per store and shift the leader (（空缺）for none), the
 * deputy and the phone; names are the people who may be on duty, and the roster's own rules
 * (leader not deputy, nobody at two stores at once) hold over the file and what is stored.
 */
import type ExcelJS from 'exceljs';
import type { ChannelInput, ChannelOutput, DutyEntry, HolidayCategory, ImportRefusal } from '../../../src-shared/contract/channels';
import { windowDays } from '../../../src-shared/domain/holiday-season';
import type { TableSection } from '../../../src-shared/reports/report-model';
import { leadingHeaderRow, readTable, readXlsxTable, refused, sheetToRead, type DataRow, type PeriodCheck, type SheetTable } from '../strategy';
import { xlsxSheetNames } from '../reports';
import type { Workspace } from '../workspace';
import {
  buildHolidayStockReport,
  deliveryLine,
  ROSTER_GAP,
  ROSTER_TABLE_NAME,
  rosterColumns,
  rosterKey,
  STOCK_TABLE_NAME,
  stockColumns,
  stockStoreIds,
} from './holiday-reports';
import { checkDutyEntries, getRoster } from './holiday-roster';
import { storeForest } from './holiday-split';
import {
  deleteDelivery,
  readCategories,
  readDeliveries,
  readOpeningStock,
  updateCategory,
  writeDelivery,
  writeDuty,
  writeOpeningStock,
  type DeliveryRecord,
} from './holiday-store';
import { windowOf } from './season-service';

type Reason = ImportRefusal['reason'];

/** The season a title or 期间 line names: 春节 2027-02-06 when it says so, else 2027 年. */
export function readSeason(text: string): string | null {
  const festival = /春节\s*(\d{4})-\d{2}-\d{2}/.exec(text);
  if (festival) return festival[1];
  const year = /(\d{4})\s*年/.exec(text);
  return year ? year[1] : null;
}

const seasonCheck = (name: string, season: number): PeriodCheck => ({ name, read: readSeason, wanted: String(season) });

type Parsed<T> = { ok: true; value: T } | { ok: false; reason: Reason };

/** A whole number as typed or as Excel shows it (thousands commas and spaces allowed). */
export function wholeNumber(text: string, min: number, max: number): Parsed<number> {
  const bare = text.replace(/[,，\s]/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(bare)) return { ok: false, reason: 'not-a-number' };
  const n = Number(bare);
  if (!Number.isInteger(n)) return { ok: false, reason: 'too-many-decimals' };
  if (n < min || n > max) return { ok: false, reason: 'out-of-range' };
  return { ok: true, value: n };
}

/** The window's days by month and day ("12-23" → 2026-12-23): a window is shorter than a year. */
function daysByMonthDay(window: { firstDay: string; lastDay: string }): Map<string, string> {
  return new Map(windowDays(window).map((d) => [d.slice(5), d]));
}

const monthDay = (month: string, day: string) => `${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
const validMonthDay = (month: string, day: string) => Number(month) >= 1 && Number(month) <= 12 && Number(day) >= 1 && Number(day) <= 31;

export interface ParsedLot {
  supplier: string;
  quantity: number;
  arrivalDay: string;
}

/** `MM-DD 数量` under a `供应商：` prefix, or `MM-DD 供应商 数量` (white space of any kind between). */
const LOT = /^(\d{1,2})-(\d{1,2})\s+(?:(.+?)\s+)?(\d[\d,]*)$/u;
/** The supplier before the lots: text up to the first colon that is not a lot's. */
const SUPPLIER_PREFIX = /^([^：:]+?)\s*[：:]\s*/u;
const MAX_SUPPLIER = 60;
const MAX_QUANTITY = 1e10;

/** 到货批次 as deliveryLine prints it, back to lots; the first bad lot's reason when one is bad. */
export function parseDeliveryLine(text: string, days: Map<string, string>): Parsed<ParsedLot[]> {
  let rest = text.trim();
  let shared: string | null = null;
  const prefix = SUPPLIER_PREFIX.exec(rest);
  if (prefix && !/^\d{1,2}-\d{1,2}(\s|$)/u.test(prefix[1])) {
    shared = prefix[1].trim();
    rest = rest.slice(prefix[0].length);
  }
  const lots: ParsedLot[] = [];
  for (const part of rest
    .split(/[；;\n]+/u)
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const m = LOT.exec(part);
    const supplier = m?.[3]?.trim() ?? shared;
    // A supplier read with the layout's colon or semicolon in it was misread: refused, not guessed.
    if (!m || !supplier || !validMonthDay(m[1], m[2]) || /[：:；;]/u.test(supplier)) return { ok: false, reason: 'bad-delivery' };
    if (supplier.length > MAX_SUPPLIER) return { ok: false, reason: 'too-long' };
    const quantity = Number(m[4].replace(/,/g, ''));
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) return { ok: false, reason: 'bad-delivery' };
    const arrivalDay = days.get(monthDay(m[1], m[2]));
    if (!arrivalDay) return { ok: false, reason: 'outside-window' };
    lots.push({ supplier, quantity, arrivalDay });
  }
  if (shared !== null && lots.length === 0) return { ok: false, reason: 'bad-delivery' };
  return { ok: true, value: lots };
}

/** Texts equal but for their white space (a no-break space retyped as a space, a line break). */
const sameText = (a: string, b: string) => a.replace(/\s+/gu, ' ').trim() === b.replace(/\s+/gu, ' ').trim();

const lotKey = (d: Pick<DeliveryRecord, 'arrivalDay' | 'supplier' | 'quantity'>) => `${d.arrivalDay}|${d.supplier}|${d.quantity}`;

// ---------------------------------------------------------------------------------------------
// 备货计划

const STOCK_KEYS = { name: 'name', unit: 'unit', opening: 'opening', delivered: 'delivered', deliveries: 'deliveries', safetyDays: 'safetyDays' } as const;
/** A warning sheet (中心店：库存预警) begins 品类, 状态: computed, never read. */
const WARNING_LEADING = ['品类', '状态'];
/** The section's ordinal before the store's name in its sheet's name: 一、中心店, 11、新区店. */
const ORDINAL = /^[一二三四五六七八九十\d]+、/u;
/** The title of one store's export: 2027 年两节备货计划（中心店）. */
const SCOPED_TITLE = new RegExp(`${STOCK_TABLE_NAME}（(.+)）\\s*$`, 'u');
const MAX_SAFETY_DAYS = 90;

interface FileSheet {
  name: string;
  title: string;
  /** Holds a table beginning 品类 that is not a warning sheet's, or is named like a store's section. */
  storeLike: boolean;
}

/** The file's sheets, read on its first rows (readXlsxTable, step 1). */
async function fileSheets(base64: string): Promise<FileSheet[]> {
  return readXlsxTable(base64, async (workbook) =>
    workbook.worksheets.map((sheet) => ({
      name: sheet.name,
      title: sheet.getCell(1, 1).text.trim(),
      storeLike: (leadingHeaderRow(sheet, ['品类']) !== null && leadingHeaderRow(sheet, WARNING_LEADING) === null) || ORDINAL.test(sheet.name),
    })),
  );
}

/**
 * Which store each store sheet is: an export of every store names its sheets as the report's
 * sections (xlsxSheetNames, so two stores of one name are told apart by their ordinals, and a long
 * name is cut as the writer cuts it); an export of one store says the store in its title.
 */
async function storeOfSheets(ws: Workspace, season: number, sheets: FileSheet[]): Promise<Map<string, string | null>> {
  const forest = storeForest(ws, season);
  const report = await buildHolidayStockReport(ws, { year: season });
  const tables = report.sections.filter((s): s is TableSection => s.kind === 'table');
  const names = xlsxSheetNames(report);
  const storeIds = await stockStoreIds(ws, season);
  const bySheetName = new Map<string, string>();
  let k = 0;
  tables.forEach((table, i) => {
    // A store's table (品类, 单位 …), not its warnings'.
    if (table.columns[1] && 'key' in table.columns[1] && table.columns[1].key === STOCK_KEYS.unit) bySheetName.set(names[i], storeIds[k++]);
  });
  return new Map(
    sheets
      .filter((sheet) => sheet.storeLike)
      .map((sheet) => {
        const scoped = SCOPED_TITLE.exec(sheet.title);
        if (!scoped) return [sheet.name, bySheetName.get(sheet.name) ?? null];
        const named = forest.stores.filter((id) => forest.nodes.get(id)!.name === scoped[1].trim());
        return [sheet.name, named.length === 1 ? named[0] : null];
      }),
  );
}

interface StockChanges {
  opening: Array<{ categoryId: string; opening: number }>;
  removed: string[];
  added: DeliveryRecord[];
  rows: number;
  changed: number;
}

interface SafetyChange {
  days: number;
  at: { table: SheetTable; row: DataRow };
}

/** One store's sheet, checked into `refusals`; what would change when none is refused. */
function readStoreSheet(
  ws: Workspace,
  season: number,
  storeId: string,
  table: SheetTable,
  categories: HolidayCategory[],
  days: Map<string, string>,
  safety: Map<string, SafetyChange>,
): StockChanges {
  const byName = new Map(categories.map((c) => [c.name, c]));
  const opening = readOpeningStock(ws.db, season, storeId);
  const stored = readDeliveries(ws.db, season, storeId);
  const seen = new Set<string>();
  const changes: StockChanges = { opening: [], removed: [], added: [], rows: 0, changed: 0 };
  for (const row of table.rows) {
    const cell = (key: string) => row.cells.get(key) ?? '';
    const category = byName.get(cell(STOCK_KEYS.name));
    if (!category) {
      table.refuse(row, STOCK_KEYS.name, 'unknown-category');
      continue;
    }
    if (seen.has(category.id)) {
      table.refuse(row, STOCK_KEYS.name, 'duplicate-row');
      continue;
    }
    seen.add(category.id);
    changes.rows++;
    let ok = true;
    const refuse = (key: string, reason: Reason) => {
      table.refuse(row, key, reason);
      ok = false;
    };
    if (cell(STOCK_KEYS.unit) !== category.unit) refuse(STOCK_KEYS.unit, 'wrong-unit');
    // A blank 期初库存 is none, as the app shows it.
    const openingText = cell(STOCK_KEYS.opening);
    const open = openingText === '' ? ({ ok: true, value: 0 } as const) : wholeNumber(openingText, 0, MAX_QUANTITY);
    if (!open.ok) refuse(STOCK_KEYS.opening, open.reason);
    const own = stored.filter((d) => d.categoryId === category.id);
    // Lots as printed are the stored ones, whatever their suppliers are called (a supplier's name
    // may hold a colon or a semicolon that no parser could tell from the layout's).
    const lotsText = cell(STOCK_KEYS.deliveries);
    const lots: Parsed<ParsedLot[]> = sameText(lotsText, deliveryLine(own))
      ? { ok: true, value: own.map(({ supplier, quantity, arrivalDay }) => ({ supplier, quantity, arrivalDay })) }
      : parseDeliveryLine(lotsText, days);
    if (!lots.ok) refuse(STOCK_KEYS.deliveries, lots.reason);
    const safetyText = cell(STOCK_KEYS.safetyDays);
    const safetyDays = wholeNumber(safetyText, 0, MAX_SAFETY_DAYS);
    if (!safetyDays.ok) refuse(STOCK_KEYS.safetyDays, safetyDays.reason);
    // 计划到货 is the lots' sum: an edit there alone would be lost, so it must agree with the lots
    // (or still show the stored total, the lots having been edited and the sum not retyped).
    const totalText = cell(STOCK_KEYS.delivered);
    if (lots.ok && totalText !== '') {
      const total = wholeNumber(totalText, 0, Number.MAX_SAFE_INTEGER);
      const sum = lots.value.reduce((a, l) => a + l.quantity, 0);
      const storedSum = own.reduce((a, d) => a + d.quantity, 0);
      if (!total.ok) refuse(STOCK_KEYS.delivered, total.reason);
      else if (total.value !== sum && total.value !== storedSum) refuse(STOCK_KEYS.delivered, 'total-mismatch');
    }
    if (safetyDays.ok && safetyDays.value !== category.safetyDays) {
      const earlier = safety.get(category.id);
      if (earlier && earlier.days !== safetyDays.value) refuse(STOCK_KEYS.safetyDays, 'conflicting-value');
      else if (!earlier) safety.set(category.id, { days: safetyDays.value, at: { table, row } });
    }
    if (!ok || !open.ok || !lots.ok) continue;
    let changed = false;
    if (open.value !== (opening.get(category.id) ?? 0)) {
      changes.opening.push({ categoryId: category.id, opening: open.value });
      changed = true;
    }
    // Lots that stay as they were keep their ids; the others go, and the file's new ones come.
    const unmatched = new Map<string, DeliveryRecord[]>();
    for (const d of own) unmatched.set(lotKey(d), [...(unmatched.get(lotKey(d)) ?? []), d]);
    const fresh: ParsedLot[] = [];
    for (const lot of lots.value) {
      const same = unmatched.get(lotKey(lot));
      if (same && same.length > 0) same.shift();
      else fresh.push(lot);
    }
    const gone = [...unmatched.values()].flat();
    if (gone.length > 0 || fresh.length > 0) changed = true;
    changes.removed.push(...gone.map((d) => d.id));
    changes.added.push(...fresh.map((lot) => ({ id: ws.ctx.newId('dl'), storeId, categoryId: category.id, ...lot })));
    if (changed || (safetyDays.ok && safetyDays.value !== category.safetyDays)) changes.changed++;
  }
  return changes;
}

export async function importStock(ws: Workspace, input: ChannelInput<'holiday/import-stock'>): Promise<ChannelOutput<'holiday/import-stock'>> {
  const { season } = input;
  const categories = readCategories(ws.db).filter((c) => !c.archived);
  const days = daysByMonthDay(windowOf(ws, season));
  const refusals: ImportRefusal[] = [];
  const sheets = await fileSheets(input.base64);
  const storeOf = await storeOfSheets(ws, season, sheets);
  if (storeOf.size === 0) {
    // No sheet has the plan's header: readTable names the first sheet's cell where it should be.
    await readXlsxTable(input.base64, async (workbook) => readTable(workbook, stockColumns, seasonCheck(STOCK_TABLE_NAME, season), refusals));
    throw refused(refusals);
  }
  const safety = new Map<string, SafetyChange>();
  const perStore: Array<{ storeId: string; changes: StockChanges }> = [];
  const storesRead = new Set<string>();
  for (const [name, storeId] of storeOf) {
    if (!storeId || storesRead.has(storeId)) {
      refusals.push({ sheet: name, cell: 'A1', row: 1, header: '门店', reason: storeId ? 'duplicate-row' : 'unknown-store', value: name });
      continue;
    }
    storesRead.add(storeId);
    const table = await readXlsxTable(input.base64, async (workbook: ExcelJS.Workbook) => {
      const sheet = sheetToRead(
        workbook,
        workbook.worksheets.find((s) => s.name === name)!,
      );
      return readTable(workbook, stockColumns, seasonCheck(STOCK_TABLE_NAME, season), refusals, sheet);
    });
    // Another season's sheet: its days are another window's, and saying so is enough.
    if (table && !refusals.some((r) => r.sheet === name && r.reason === 'wrong-month'))
      perStore.push({ storeId, changes: readStoreSheet(ws, season, storeId, table, categories, days, safety) });
  }
  if (refusals.length > 0) throw refused(refusals);
  const byId = new Map(categories.map((c) => [c.id, c]));
  const changed = perStore.reduce((a, s) => a + s.changes.changed, 0);
  if (changed > 0) {
    ws.db.transaction(() => {
      for (const { storeId, changes } of perStore) {
        if (changes.opening.length > 0) writeOpeningStock(ws.db, season, storeId, changes.opening);
        for (const id of changes.removed) deleteDelivery(ws.db, season, id);
        for (const d of changes.added) writeDelivery(ws.db, season, d);
      }
      for (const [categoryId, change] of safety) updateCategory(ws.db, { ...byId.get(categoryId)!, safetyDays: change.days });
    });
    if (safety.size > 0) ws.events.emit('holiday/changed', { season: null, what: 'categories' });
    ws.events.emit('holiday/changed', { season, what: 'stock' });
  }
  return { stores: perStore.length, rows: perStore.reduce((a, s) => a + s.changes.rows, 0), changed };
}

// ---------------------------------------------------------------------------------------------
// 值班表

const DAY_KEY = 'day';
const DAY_CELL = /^(\d{1,2})-(\d{1,2})(\s|$)/u;
const PHONE = /^[0-9+\-()\s]{5,20}$/u;
const GAP_TEXTS = new Set(['', ROSTER_GAP, '(空缺)', '空缺']);

export async function importRoster(ws: Workspace, input: ChannelInput<'holiday/import-roster'>): Promise<ChannelOutput<'holiday/import-roster'>> {
  const { season } = input;
  const window = windowOf(ws, season);
  const roster = await getRoster(ws, season);
  const days = daysByMonthDay(window);
  const refusals: ImportRefusal[] = [];
  const table = await readXlsxTable(input.base64, async (workbook) =>
    readTable(workbook, () => rosterColumns(roster), seasonCheck(ROSTER_TABLE_NAME, season), refusals),
  );
  // Another season's roster: its days are another window's, and saying so is enough.
  if (!table || refusals.length > 0) throw refused(refusals);

  const personName = new Map(roster.people.map((p) => [p.id, p.name]));
  const byName = new Map<string, string[]>();
  for (const p of roster.people) byName.set(p.name, [...(byName.get(p.name) ?? []), p.id]);
  const stored = new Map(roster.entries.map((e) => [`${e.storeId}|${e.day}|${e.shift}`, e]));
  const seenDays = new Set<string>();
  const entries: Array<{ entry: DutyEntry; row: DataRow }> = [];
  let rows = 0;
  for (const row of table.rows) {
    const dayText = row.cells.get(DAY_KEY) ?? '';
    const m = DAY_CELL.exec(dayText);
    const day = m ? days.get(monthDay(m[1], m[2])) : undefined;
    if (!day) {
      table.refuse(row, DAY_KEY, 'outside-window');
      continue;
    }
    if (seenDays.has(day)) {
      table.refuse(row, DAY_KEY, 'duplicate-row');
      continue;
    }
    seenDays.add(day);
    rows++;
    for (const store of roster.stores) {
      for (const shift of store.shifts) {
        const before = stored.get(`${store.id}|${day}|${shift}`);
        // A cell as the export prints the stored entry is that entry's person, even when another
        // shares the name or the person has since left the stores (printed blank, not cleared).
        const person = (field: 'leader' | 'deputy', storedId: string | null | undefined): string | null | undefined => {
          const key = rosterKey(store.id, shift, field);
          const name = row.cells.get(key) ?? '';
          const printed = storedId ? (personName.get(storedId) ?? '') : field === 'leader' ? ROSTER_GAP : '';
          if (name === printed) return storedId ?? null;
          if (field === 'leader' ? GAP_TEXTS.has(name) : name === '') return null;
          const ids = byName.get(name) ?? [];
          if (ids.length === 1) return ids[0];
          table.refuse(row, key, ids.length === 0 ? 'unknown-person' : 'ambiguous-person');
          return undefined;
        };
        const leaderId = person('leader', before?.leaderId);
        const deputyId = person('deputy', before?.deputyId);
        const phoneKey = rosterKey(store.id, shift, 'phone');
        const phoneText = (row.cells.get(phoneKey) ?? '').trim();
        const phoneOk = phoneText === '' || PHONE.test(phoneText);
        if (!phoneOk) table.refuse(row, phoneKey, 'bad-phone');
        if (leaderId === undefined || deputyId === undefined || !phoneOk) continue;
        const phone = phoneText === '' ? null : phoneText;
        if ((before?.leaderId ?? null) === leaderId && (before?.deputyId ?? null) === deputyId && (before?.phone ?? null) === phone) continue;
        entries.push({ entry: { storeId: store.id, day, shift, leaderId, deputyId, phone }, row });
      }
    }
  }
  // The roster's rules over the file's changes laid on what is stored (and on each other).
  for (const r of checkDutyEntries(
    roster,
    window,
    entries.map((e) => e.entry),
  )) {
    const { entry, row } = entries[r.index];
    const field = r.field === 'deputyId' ? 'deputy' : 'leader';
    // The file's rows are the window's days and its columns the stores' shifts, so only the
    // people rules can refuse here; a shift the store no longer keeps would be a header change.
    const reason: Reason = r.reason === 'unknown-shift' ? 'wrong-header' : r.reason;
    table.refuse(row, rosterKey(entry.storeId, entry.shift, field), reason);
  }
  if (refusals.length > 0) throw refused(refusals);
  if (entries.length > 0) {
    ws.db.transaction(() =>
      writeDuty(
        ws.db,
        season,
        entries.map((e) => e.entry),
      ),
    );
    ws.events.emit('holiday/changed', { season, what: 'roster' });
  }
  // Rows (days) changed, as every import counts: a day may change at several stores and shifts.
  return { rows, changed: new Set(entries.map((e) => e.entry.day)).size };
}
