/**
 * The holiday tables (migration 0009), read and written here only: a season's window, the
 * categories, sales by store, category and day, and the targets per season, store and category.
 */
import type { HolidayCategory } from '../../../src-shared/contract/channels';
import type { Database } from '../db/port';

export function readWindow(db: Database, season: number): { firstDay: string; lastDay: string } | undefined {
  return db.get<{ firstDay: string; lastDay: string }>(`SELECT first_day AS "firstDay", last_day AS "lastDay" FROM holiday_season WHERE season = ?`, season);
}

export function writeWindow(db: Database, season: number, window: { firstDay: string; lastDay: string } | null): void {
  db.run(`DELETE FROM holiday_season WHERE season = ?`, season);
  if (window) db.run(`INSERT INTO holiday_season (season, first_day, last_day) VALUES (?, ?, ?)`, season, window.firstDay, window.lastDay);
}

/** The season's day figures and deliveries dated outside a window. */
export function countOutside(db: Database, season: number, window: { firstDay: string; lastDay: string }): { days: number; deliveries: number } {
  const days =
    db.scalar<number>(`SELECT COUNT(*) FROM holiday_day_cell WHERE season = ? AND (day < ? OR day > ?)`, season, window.firstDay, window.lastDay) ?? 0;
  const deliveries =
    db.scalar<number>(
      `SELECT COUNT(*) FROM holiday_delivery WHERE season = ? AND (arrival_day < ? OR arrival_day > ?)`,
      season,
      window.firstDay,
      window.lastDay,
    ) ?? 0;
  return { days, deliveries };
}

/** The seasons with a target or a changed window stored, and the first and last day with sales. */
export function readStoredSpan(db: Database): { seasons: number[]; firstSale: string | null; lastSale: string | null } {
  const seasons = db
    .all<{ season: number }>(`SELECT season FROM holiday_target UNION SELECT season FROM holiday_season ORDER BY season DESC`)
    .map((r) => r.season);
  const span = db.get<{ first: string | null; last: string | null }>(`SELECT MIN(day) AS first, MAX(day) AS last FROM holiday_category_sales`);
  return { seasons, firstSale: span?.first ?? null, lastSale: span?.last ?? null };
}

const CATEGORY_COLUMNS = `id, name, unit, safety_days AS "safetyDays", sort_order AS "sortOrder", archived`;

export function readCategories(db: Database): HolidayCategory[] {
  return db
    .all<Omit<HolidayCategory, 'archived'> & { archived: number }>(`SELECT ${CATEGORY_COLUMNS} FROM holiday_category ORDER BY sort_order, id`)
    .map((c) => ({ ...c, archived: c.archived !== 0 }));
}

export function insertCategory(db: Database, category: HolidayCategory): void {
  db.run(
    `INSERT INTO holiday_category (id, name, unit, safety_days, sort_order, archived) VALUES (?, ?, ?, ?, ?, ?)`,
    category.id,
    category.name,
    category.unit,
    category.safetyDays,
    category.sortOrder,
    category.archived ? 1 : 0,
  );
}

/** Sales per store and category over days from `firstDay` to `lastDay`, in 元. */
export function readSalesTotals(db: Database, firstDay: string, lastDay: string): Array<{ storeId: string; categoryId: string; amount: number }> {
  return db.all(
    `SELECT store_id AS "storeId", category_id AS "categoryId", SUM(amount) AS amount FROM holiday_category_sales WHERE day BETWEEN ? AND ? GROUP BY store_id, category_id`,
    firstDay,
    lastDay,
  );
}

/** Sales per store and day (all categories) over the days, in 元: the daily pattern. */
export function readStoreDailySales(db: Database, firstDay: string, lastDay: string): Array<{ storeId: string; day: string; amount: number }> {
  return db.all(
    `SELECT store_id AS "storeId", day, SUM(amount) AS amount FROM holiday_category_sales WHERE day BETWEEN ? AND ? GROUP BY store_id, day ORDER BY store_id, day`,
    firstDay,
    lastDay,
  );
}

export interface SalesWriter {
  put(storeId: string, categoryId: string, day: string, amount: number, quantity: number): void;
}

export function salesWriter(db: Database): SalesWriter {
  const insert = db.statement(`INSERT INTO holiday_category_sales (store_id, category_id, day, amount, quantity) VALUES (?, ?, ?, ?, ?)`);
  return { put: (storeId, categoryId, day, amount, quantity) => void insert.run(storeId, categoryId, day, amount, quantity) };
}

export interface TargetRecord {
  storeId: string;
  categoryId: string;
  basic: number | null;
  challenge: number | null;
}

export function readTargets(db: Database, season: number): TargetRecord[] {
  return db.all<TargetRecord>(
    `SELECT store_id AS "storeId", category_id AS "categoryId", basic, challenge FROM holiday_target WHERE season = ? ORDER BY store_id, category_id`,
    season,
  );
}

/** Writes each target (a row with both figures null is removed), in the caller's transaction. */
export function writeTargets(db: Database, season: number, targets: readonly TargetRecord[]): void {
  const remove = db.statement(`DELETE FROM holiday_target WHERE season = ? AND store_id = ? AND category_id = ?`);
  const upsert = db.statement(
    `INSERT INTO holiday_target (season, store_id, category_id, basic, challenge) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (season, store_id, category_id) DO UPDATE SET basic = excluded.basic, challenge = excluded.challenge`,
  );
  for (const t of targets) {
    if (t.basic === null && t.challenge === null) remove.run(season, t.storeId, t.categoryId);
    else upsert.run(season, t.storeId, t.categoryId, t.basic, t.challenge);
  }
}

export type DayLevel = 'basic' | 'challenge' | 'actual';

/** Every day cell of the season at a level, for the people given (all when omitted). */
export function readDayCells(
  db: Database,
  season: number,
  level: DayLevel,
  personIds?: readonly string[],
): Array<{ personId: string; day: string; value: number }> {
  const rows = db.all<{ personId: string; day: string; value: number }>(
    `SELECT person_id AS "personId", day, value FROM holiday_day_cell WHERE season = ? AND level = ? ORDER BY person_id, day`,
    season,
    level,
  );
  if (!personIds) return rows;
  const wanted = new Set(personIds);
  return rows.filter((r) => wanted.has(r.personId));
}

/** Window totals per person at a level. */
export function readPersonTotals(db: Database, season: number, level: DayLevel): Map<string, number> {
  return new Map(
    db
      .all<{ personId: string; total: number }>(
        `SELECT person_id AS "personId", SUM(value) AS total FROM holiday_day_cell WHERE season = ? AND level = ? GROUP BY person_id`,
        season,
        level,
      )
      .map((r) => [r.personId, r.total]),
  );
}

/** Replaces the people's days at a level with these (zeros are not stored), in the caller's transaction. */
export function replaceDayCells(db: Database, season: number, level: DayLevel, days: ReadonlyMap<string, ReadonlyMap<string, number>>): number {
  const remove = db.statement(`DELETE FROM holiday_day_cell WHERE season = ? AND level = ? AND person_id = ?`);
  const insert = db.statement(`INSERT INTO holiday_day_cell (season, level, person_id, day, value) VALUES (?, ?, ?, ?, ?)`);
  let written = 0;
  for (const [personId, values] of days) {
    remove.run(season, level, personId);
    for (const [day, value] of values) {
      if (value === 0) continue;
      insert.run(season, level, personId, day, value);
      written++;
    }
  }
  return written;
}

/** Sets one day's cells (a value of null or 0 removes it), in the caller's transaction. */
export function writeDayCells(
  db: Database,
  season: number,
  level: DayLevel,
  cells: ReadonlyArray<{ personId: string; day: string; value: number | null }>,
): void {
  const remove = db.statement(`DELETE FROM holiday_day_cell WHERE season = ? AND level = ? AND person_id = ? AND day = ?`);
  const upsert = db.statement(
    `INSERT INTO holiday_day_cell (season, level, person_id, day, value) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (season, level, person_id, day) DO UPDATE SET value = excluded.value`,
  );
  for (const c of cells) {
    if (c.value === null || c.value === 0) remove.run(season, level, c.personId, c.day);
    else upsert.run(season, level, c.personId, c.day, c.value);
  }
}

export function readLocks(db: Database, season: number, level: DayLevel): Set<string> {
  return new Set(db.all<{ id: string }>(`SELECT subject_id AS id FROM holiday_lock WHERE season = ? AND level = ?`, season, level).map((r) => r.id));
}

export function writeLock(db: Database, season: number, level: DayLevel, subjectId: string, locked: boolean): void {
  db.run(`DELETE FROM holiday_lock WHERE season = ? AND level = ? AND subject_id = ?`, season, level, subjectId);
  if (locked) db.run(`INSERT INTO holiday_lock (season, level, subject_id) VALUES (?, ?, ?)`, season, level, subjectId);
}

export function updateCategory(db: Database, category: HolidayCategory): void {
  db.run(
    `UPDATE holiday_category SET name = ?, unit = ?, safety_days = ?, sort_order = ?, archived = ? WHERE id = ?`,
    category.name,
    category.unit,
    category.safetyDays,
    category.sortOrder,
    category.archived ? 1 : 0,
    category.id,
  );
}

/** Sales by store, category and day over the days, amount and quantity. */
export function readSalesQuantities(
  db: Database,
  firstDay: string,
  lastDay: string,
): Array<{ storeId: string; categoryId: string; day: string; amount: number; quantity: number }> {
  return db.all(
    `SELECT store_id AS "storeId", category_id AS "categoryId", day, amount, quantity FROM holiday_category_sales WHERE day BETWEEN ? AND ?`,
    firstDay,
    lastDay,
  );
}

export function readOpeningStock(db: Database, season: number, storeId: string): Map<string, number> {
  return new Map(
    db
      .all<{ categoryId: string; opening: number }>(
        `SELECT category_id AS "categoryId", opening FROM holiday_stock WHERE season = ? AND store_id = ?`,
        season,
        storeId,
      )
      .map((r) => [r.categoryId, r.opening]),
  );
}

/** Every store's opening stock of the season: store → category → quantity. */
export function readAllOpeningStock(db: Database, season: number): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const r of db.all<{ storeId: string; categoryId: string; opening: number }>(
    `SELECT store_id AS "storeId", category_id AS "categoryId", opening FROM holiday_stock WHERE season = ?`,
    season,
  )) {
    let store = out.get(r.storeId);
    if (!store) out.set(r.storeId, (store = new Map()));
    store.set(r.categoryId, r.opening);
  }
  return out;
}

export function writeOpeningStock(db: Database, season: number, storeId: string, changes: ReadonlyArray<{ categoryId: string; opening: number }>): void {
  const upsert = db.statement(
    `INSERT INTO holiday_stock (season, store_id, category_id, opening) VALUES (?, ?, ?, ?)
     ON CONFLICT (season, store_id, category_id) DO UPDATE SET opening = excluded.opening`,
  );
  for (const c of changes) upsert.run(season, storeId, c.categoryId, c.opening);
}

export interface DeliveryRecord {
  id: string;
  storeId: string;
  categoryId: string;
  supplier: string;
  quantity: number;
  arrivalDay: string;
}

const DELIVERY_COLUMNS = `id, store_id AS "storeId", category_id AS "categoryId", supplier, quantity, arrival_day AS "arrivalDay"`;

export function readDeliveries(db: Database, season: number, storeId?: string): DeliveryRecord[] {
  return storeId === undefined
    ? db.all<DeliveryRecord>(`SELECT ${DELIVERY_COLUMNS} FROM holiday_delivery WHERE season = ? ORDER BY store_id, category_id, arrival_day, id`, season)
    : db.all<DeliveryRecord>(
        `SELECT ${DELIVERY_COLUMNS} FROM holiday_delivery WHERE season = ? AND store_id = ? ORDER BY category_id, arrival_day, id`,
        season,
        storeId,
      );
}

export function readDelivery(db: Database, season: number, id: string): DeliveryRecord | undefined {
  return db.get<DeliveryRecord>(`SELECT ${DELIVERY_COLUMNS} FROM holiday_delivery WHERE season = ? AND id = ?`, season, id);
}

export function writeDelivery(db: Database, season: number, d: DeliveryRecord): void {
  db.run(`DELETE FROM holiday_delivery WHERE id = ?`, d.id);
  db.run(
    `INSERT INTO holiday_delivery (id, season, store_id, category_id, supplier, quantity, arrival_day) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    d.id,
    season,
    d.storeId,
    d.categoryId,
    d.supplier,
    d.quantity,
    d.arrivalDay,
  );
}

export function deleteDelivery(db: Database, season: number, id: string): boolean {
  return db.run(`DELETE FROM holiday_delivery WHERE id = ? AND season = ?`, id, season).changes > 0;
}

export interface DutyRecord {
  storeId: string;
  day: string;
  shift: 'all' | 'day' | 'night';
  leaderId: string | null;
  deputyId: string | null;
  phone: string | null;
}

export function readDuty(db: Database, season: number): DutyRecord[] {
  return db.all<DutyRecord>(
    `SELECT store_id AS "storeId", day, shift, leader_id AS "leaderId", deputy_id AS "deputyId", phone FROM holiday_duty WHERE season = ? ORDER BY store_id, day, shift`,
    season,
  );
}

/** Writes each entry (one with nobody and no phone is removed), in the caller's transaction. */
export function writeDuty(db: Database, season: number, entries: readonly DutyRecord[]): void {
  const remove = db.statement(`DELETE FROM holiday_duty WHERE season = ? AND store_id = ? AND day = ? AND shift = ?`);
  const upsert = db.statement(
    `INSERT INTO holiday_duty (season, store_id, day, shift, leader_id, deputy_id, phone) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (season, store_id, day, shift) DO UPDATE SET leader_id = excluded.leader_id, deputy_id = excluded.deputy_id, phone = excluded.phone`,
  );
  for (const e of entries) {
    if (!e.leaderId && !e.deputyId && !e.phone) remove.run(season, e.storeId, e.day, e.shift);
    else upsert.run(season, e.storeId, e.day, e.shift, e.leaderId, e.deputyId, e.phone);
  }
}

export function readStoreShifts(db: Database, season: number): Map<string, 'single' | 'two'> {
  return new Map(
    db
      .all<{ storeId: string; shifts: 'single' | 'two' }>(`SELECT store_id AS "storeId", shifts FROM holiday_store_shifts WHERE season = ?`, season)
      .map((r) => [r.storeId, r.shifts]),
  );
}

export function writeStoreShifts(db: Database, season: number, storeId: string, shifts: 'single' | 'two'): void {
  db.run(`DELETE FROM holiday_store_shifts WHERE season = ? AND store_id = ?`, season, storeId);
  if (shifts === 'two') db.run(`INSERT INTO holiday_store_shifts (season, store_id, shifts) VALUES (?, ?, ?)`, season, storeId, shifts);
}

export interface InspectionRecord {
  id: string;
  storeId: string;
  day: string;
  inspector: string;
}

export function readInspections(db: Database, season: number): InspectionRecord[] {
  return db.all<InspectionRecord>(
    `SELECT id, store_id AS "storeId", day, inspector FROM holiday_inspection WHERE season = ? ORDER BY day, store_id, id`,
    season,
  );
}

export function readInspectionItems(db: Database, season: number) {
  return db.all<{
    inspectionId: string;
    key: string;
    area: string;
    item: string;
    result: 'ok' | 'fix' | null;
    finding: string | null;
    owner: string | null;
    deadline: string | null;
    closedOn: string | null;
  }>(
    `SELECT i.inspection_id AS "inspectionId", i.item_key AS "key", i.area, i.item, i.result, i.finding, i.owner, i.deadline, i.closed_on AS "closedOn"
     FROM holiday_inspection_item i JOIN holiday_inspection h ON h.id = i.inspection_id WHERE h.season = ? ORDER BY i.inspection_id, i.sort_order`,
    season,
  );
}

export function insertInspection(db: Database, season: number, r: InspectionRecord, checklist: ReadonlyArray<readonly [string, string, string]>): void {
  db.run(`INSERT INTO holiday_inspection (id, season, store_id, day, inspector) VALUES (?, ?, ?, ?, ?)`, r.id, season, r.storeId, r.day, r.inspector);
  const insert = db.statement(`INSERT INTO holiday_inspection_item (inspection_id, item_key, area, item, sort_order) VALUES (?, ?, ?, ?, ?)`);
  checklist.forEach(([key, area, item], i) => insert.run(r.id, key, area, item, i + 1));
}

export function writeInspectionItems(
  db: Database,
  items: ReadonlyArray<{
    inspectionId: string;
    key: string;
    result: string | null;
    finding: string | null;
    owner: string | null;
    deadline: string | null;
    closedOn: string | null;
  }>,
): void {
  const update = db.statement(
    `UPDATE holiday_inspection_item SET result = ?, finding = ?, owner = ?, deadline = ?, closed_on = ? WHERE inspection_id = ? AND item_key = ?`,
  );
  for (const i of items) update.run(i.result, i.finding, i.owner, i.deadline, i.closedOn, i.inspectionId, i.key);
}
