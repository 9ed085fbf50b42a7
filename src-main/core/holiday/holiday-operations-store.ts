/**
 * The holiday operations' tables (migration 0010), read and written here only: promotions and the
 * stores they run in, service tasks, and staffing per store and day with each supplier's promoters.
 */
import type { ServiceTaskStatus } from '../../../src-shared/contract/channels';
import type { Database } from '../db/port';

export interface PromotionRecord {
  id: string;
  name: string;
  firstDay: string;
  lastDay: string;
  budget: number;
  liftBp: number;
  owner: string;
  storeIds: string[];
}

export function readPromotions(db: Database, season: number): PromotionRecord[] {
  const rows = db.all<Omit<PromotionRecord, 'storeIds'>>(
    `SELECT id, name, first_day AS "firstDay", last_day AS "lastDay", budget, lift_bp AS "liftBp", owner
       FROM holiday_promotion WHERE season = ? ORDER BY first_day, name, id`,
    season,
  );
  const stores = new Map<string, string[]>();
  for (const link of db.all<{ promotionId: string; storeId: string }>(
    `SELECT s.promotion_id AS "promotionId", s.store_id AS "storeId" FROM holiday_promotion_store s
       JOIN holiday_promotion p ON p.id = s.promotion_id WHERE p.season = ?`,
    season,
  ))
    stores.set(link.promotionId, [...(stores.get(link.promotionId) ?? []), link.storeId]);
  return rows.map((r) => ({ ...r, storeIds: stores.get(r.id) ?? [] }));
}

/** Replaces the promotion and its stores, in the caller's transaction. */
export function writePromotion(db: Database, season: number, p: PromotionRecord): void {
  deletePromotion(db, season, p.id);
  db.run(
    `INSERT INTO holiday_promotion (id, season, name, first_day, last_day, budget, lift_bp, owner) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    p.id,
    season,
    p.name,
    p.firstDay,
    p.lastDay,
    p.budget,
    p.liftBp,
    p.owner,
  );
  const link = db.statement(`INSERT INTO holiday_promotion_store (promotion_id, store_id) VALUES (?, ?)`);
  for (const storeId of p.storeIds) link.run(p.id, storeId);
}

export function deletePromotion(db: Database, season: number, id: string): boolean {
  const removed = db.run(`DELETE FROM holiday_promotion WHERE id = ? AND season = ?`, id, season).changes > 0;
  if (removed) db.run(`DELETE FROM holiday_promotion_store WHERE promotion_id = ?`, id);
  return removed;
}

export interface ServiceTaskRecord {
  id: string;
  title: string;
  storeId: string | null;
  owner: string;
  deadline: string;
  status: ServiceTaskStatus;
}

export function readServiceTasks(db: Database, season: number): ServiceTaskRecord[] {
  return db.all<ServiceTaskRecord>(
    `SELECT id, title, store_id AS "storeId", owner, deadline, status FROM holiday_service_task WHERE season = ? ORDER BY deadline, title, id`,
    season,
  );
}

export function writeServiceTask(db: Database, season: number, t: ServiceTaskRecord): void {
  db.run(`DELETE FROM holiday_service_task WHERE id = ?`, t.id);
  db.run(
    `INSERT INTO holiday_service_task (id, season, title, store_id, owner, deadline, status) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    t.id,
    season,
    t.title,
    t.storeId,
    t.owner,
    t.deadline,
    t.status,
  );
}

export function deleteServiceTask(db: Database, season: number, id: string): boolean {
  return db.run(`DELETE FROM holiday_service_task WHERE id = ? AND season = ?`, id, season).changes > 0;
}

export interface StaffingRecord {
  storeId: string;
  day: string;
  planned: number | null;
  support: number;
}

export interface PromoterRecord {
  storeId: string;
  day: string;
  supplier: string;
  count: number;
}

/** The season's staffing rows and promoters, of one store or all. */
export function readStaffing(db: Database, season: number, storeId?: string): { days: StaffingRecord[]; promoters: PromoterRecord[] } {
  const where = storeId === undefined ? 'season = ?' : 'season = ? AND store_id = ?';
  const args = storeId === undefined ? [season] : [season, storeId];
  return {
    days: db.all<StaffingRecord>(`SELECT store_id AS "storeId", day, planned, support FROM holiday_staffing WHERE ${where} ORDER BY store_id, day`, ...args),
    promoters: db.all<PromoterRecord>(
      `SELECT store_id AS "storeId", day, supplier, count FROM holiday_promoter WHERE ${where} ORDER BY store_id, day, supplier`,
      ...args,
    ),
  };
}

/** Sets a store's day (a day with nothing planned and no support is removed), in the caller's transaction. */
export function writeStaffingDay(db: Database, season: number, r: StaffingRecord): void {
  db.run(`DELETE FROM holiday_staffing WHERE season = ? AND store_id = ? AND day = ?`, season, r.storeId, r.day);
  if (r.planned !== null || r.support > 0)
    db.run(`INSERT INTO holiday_staffing (season, store_id, day, planned, support) VALUES (?, ?, ?, ?, ?)`, season, r.storeId, r.day, r.planned, r.support);
}

/** Sets one supplier's promoters on a store's day (0 removes them), in the caller's transaction. */
export function writePromoters(db: Database, season: number, r: PromoterRecord): void {
  db.run(`DELETE FROM holiday_promoter WHERE season = ? AND store_id = ? AND day = ? AND supplier = ?`, season, r.storeId, r.day, r.supplier);
  if (r.count > 0)
    db.run(`INSERT INTO holiday_promoter (season, store_id, day, supplier, count) VALUES (?, ?, ?, ?, ?)`, season, r.storeId, r.day, r.supplier, r.count);
}
