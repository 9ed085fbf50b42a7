/**
 * The counts the two levels above the account managers are judged by — the area manager's
 * summary (管理层) and the marketing department's KPIs (决策层) — each defined once here:
 *
 * - A month's customers: customers whose status is signed or target and whose status date falls
 *   in or before the month (activeInMonthSql, as listDueCustomers counts them). No status history
 *   is kept, so a customer made a target in November is not one of October's customers: signing
 *   a customer today does not reopen past months. Prospects count nowhere in the summary or the
 *   KPIs, not even when they still carry rows.
 * - filled: a customer whose demand row and habit row for the month both exist and are reviewed.
 * - due: what listDueCustomers returns for the month in that scope (its rules, not a copy of them).
 *   It may include a prospect whose leftover row awaits review, so due is not bounded by customers.
 * - fillRate (填报率) = filled / customers.
 * - newCustomers: customers whose status_changed_on falls in the month.
 * - Key customers (重要集团客户): customers whose tier is one of the two best tiers, i.e. the first two
 *   non-archived 'account-tier' entries by sort order.
 * - keyCovered: key customers whose demand row for the month is reviewed and matches at least one
 *   product. coverage (重要集团客户覆盖率) = keyCovered / keyCustomers.
 * - revisitBase: customers with a demand row in the previous month; revisited: those of them whose
 *   demand row this month is reviewed. revisitRate (有效回访率) = revisited / revisitBase.
 * - Every rate is null exactly when its denominator is 0: a month nobody filled shows a fill rate
 *   of 0 (its customers existed and were not filled), while its revisit rate is null when the
 *   month before holds no rows either. In the trend, a month with no rows in either table (before
 *   the tables were in use) is null throughout: a gap in the line, not a fall to 0%.
 *
 * Each month costs a handful of aggregate queries, whatever the number of customers.
 */
import { shareOf } from '../../../src-shared/domain/strategy';
import type { Database } from '../db/port';
import { activeInMonthSql } from './customer-store';
import { readSummaryEntries, type DictionaryEntryRecord } from './dictionary-store';
import { previousYearMonth } from './year-month';

// ---------------------------------------------------------------------------------------------
// Dictionaries

export interface Dictionaries {
  /** 小类 with their 大类, grouped under the 大类 in sort order. */
  customerClasses: Array<DictionaryEntryRecord & { parentName: string }>;
  productClasses: DictionaryEntryRecord[];
  /** Products grouped under their class, in sort order. */
  productsByClass: Map<string, DictionaryEntryRecord[]>;
  keyTierIds: string[];
}

export function readDictionaries(db: Database): Dictionaries {
  const entries = readSummaryEntries(db);
  const of = (dictionary: string) => entries.filter((e) => e.dictionary === dictionary);
  const classes = of('customer-class');
  const customerClasses = classes
    .filter((e) => e.parentId === null)
    .flatMap((top) => classes.filter((e) => e.parentId === top.id).map((e) => ({ ...e, parentName: top.name })));
  const productClasses = of('product-class');
  const products = of('product');
  return {
    customerClasses,
    productClasses,
    productsByClass: new Map(productClasses.map((pc) => [pc.id, products.filter((p) => p.parentId === pc.id)])),
    keyTierIds: of('account-tier')
      .filter((t) => t.archived === 0)
      .slice(0, 2)
      .map((t) => t.id),
  };
}

/** Archived entries drop out of the lists unless this month's figures still use them. */
export function shown<T extends { id: string; archived: number }>(entries: T[], used: (id: string) => boolean): T[] {
  return entries.filter((e) => e.archived === 0 || used(e.id));
}

// ---------------------------------------------------------------------------------------------
// One month's counts

export interface MonthFacts {
  customers: number;
  filled: number;
  newCustomers: number;
  keyCustomers: number;
  keyCovered: number;
  revisitBase: number;
  revisited: number;
}

export const NO_FACTS: MonthFacts = { customers: 0, filled: 0, newCustomers: 0, keyCustomers: 0, keyCovered: 0, revisitBase: 0, revisited: 0 };

export function addFacts(a: MonthFacts, b: MonthFacts): MonthFacts {
  return {
    customers: a.customers + b.customers,
    filled: a.filled + b.filled,
    newCustomers: a.newCustomers + b.newCustomers,
    keyCustomers: a.keyCustomers + b.keyCustomers,
    keyCovered: a.keyCovered + b.keyCovered,
    revisitBase: a.revisitBase + b.revisitBase,
    revisited: a.revisited + b.revisited,
  };
}

/** SQL: how many of the group's rows meet `condition` (0 when none does). */
export function countWhere(condition: string): string {
  return `SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;
}

/** The month's facts of the month's customers, grouped by their manager or by their unit. */
export function monthFactsBy(db: Database, yearMonth: string, groupBy: 'manager' | 'unit', keyTierIds: string[]): Map<string, MonthFacts> {
  const groupColumn = groupBy === 'manager' ? 'c.manager_id' : 'c.unit_id';
  const isKey = db.dialect.inList('c.tier_id', ':keyTiers');
  const matchesProduct = `EXISTS (SELECT 1 FROM demand_product p WHERE p.year_month = d.year_month AND p.customer_id = d.customer_id)`;
  const rows = db.all<MonthFacts & { groupId: string }>(
    `SELECT ${groupColumn} AS "groupId",
       COUNT(*) AS customers,
       ${countWhere('d.reviewed = 1 AND h.reviewed = 1')} AS filled,
       ${countWhere('substr(c.status_changed_on, 1, 7) = :month')} AS "newCustomers",
       ${countWhere(isKey)} AS "keyCustomers",
       ${countWhere(`${isKey} AND d.reviewed = 1 AND ${matchesProduct}`)} AS "keyCovered",
       ${countWhere('prev.customer_id IS NOT NULL')} AS "revisitBase",
       ${countWhere('prev.customer_id IS NOT NULL AND d.reviewed = 1')} AS revisited
     FROM customer c
     LEFT JOIN demand_row d ON d.year_month = :month AND d.customer_id = c.id
     LEFT JOIN habit_row h ON h.year_month = :month AND h.customer_id = c.id
     LEFT JOIN demand_row prev ON prev.year_month = :previous AND prev.customer_id = c.id
     WHERE ${activeInMonthSql('c', ':month')}
     GROUP BY ${groupColumn}`,
    { month: yearMonth, previous: previousYearMonth(yearMonth), keyTiers: db.dialect.listParam(keyTierIds) },
  );
  return new Map(rows.map(({ groupId, ...facts }) => [groupId, facts]));
}

export function sumFacts(facts: Iterable<MonthFacts>): MonthFacts {
  let total = NO_FACTS;
  for (const f of facts) total = addFacts(total, f);
  return total;
}

export function monthCounts(facts: MonthFacts, due: number) {
  return { customers: facts.customers, filled: facts.filled, due, fillRate: shareOf(facts.filled, facts.customers) };
}

export function kpiCounts(facts: MonthFacts, due: number) {
  return {
    ...monthCounts(facts, due),
    keyCustomers: facts.keyCustomers,
    keyCovered: facts.keyCovered,
    coverage: shareOf(facts.keyCovered, facts.keyCustomers),
    revisitBase: facts.revisitBase,
    revisited: facts.revisited,
    revisitRate: shareOf(facts.revisited, facts.revisitBase),
  };
}

export function countInto<K>(counts: Map<K, number>, key: K, by = 1): void {
  counts.set(key, (counts.get(key) ?? 0) + by);
}
