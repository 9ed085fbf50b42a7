/**
 * The two levels above the account managers who fill the strategy tables: the area manager's
 * monthly summary of their team (管理层) and the marketing department's KPIs across branches
 * (决策层). These numbers are what managers are judged by, so every count is defined once here:
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
import {
  NEED_KINDS,
  type NeedKind,
  type Person,
  type StrategyKpis,
  type StrategySummary,
} from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import { NEED_FIELD_OF, shareOf } from '../../../src-shared/domain/strategy';
import { rawDatabase } from '../db/data-source';
import type { Workspace } from '../workspace';
import { activeInMonthSql, listDueCustomers, previousYearMonth } from './strategy-service';

type Db = ReturnType<typeof rawDatabase>;

const ACCOUNT_MANAGER_ROLE = '客户经理';
const AREA_MANAGER_ROLE = '片区经理';
const TREND_MONTHS = 6;
/** What JavaScript's trim() strips, so "has a need" agrees with the rule that refuses products. */
const BLANKS = `char(32, 9, 10, 13, 12288)`;

// ---------------------------------------------------------------------------------------------
// Organisation

interface UnitRow {
  id: string;
  parentId: string | null;
  level: 'company' | 'branch' | 'team';
  name: string;
  sortOrder: number;
}

interface Org {
  root: UnitRow | undefined;
  byId: Map<string, UnitRow>;
  /** Units depth first, each parent before its children, siblings by sort order. */
  ordered: UnitRow[];
  position: Map<string, number>;
}

function readOrg(db: Db): Org {
  const units = db
    .prepare(`SELECT id, parent_id AS parentId, level, name, sort_order AS sortOrder FROM org_unit ORDER BY sort_order, name`)
    .all() as UnitRow[];
  const byId = new Map(units.map((u) => [u.id, u]));
  const children = new Map<string | null, UnitRow[]>();
  for (const unit of units) {
    const parentKey = unit.parentId !== null && byId.has(unit.parentId) ? unit.parentId : null;
    children.set(parentKey, [...(children.get(parentKey) ?? []), unit]);
  }
  const ordered: UnitRow[] = [];
  const visit = (unit: UnitRow) => {
    ordered.push(unit);
    for (const child of children.get(unit.id) ?? []) visit(child);
  };
  for (const top of children.get(null) ?? []) visit(top);
  return { root: children.get(null)?.[0], byId, ordered, position: new Map(ordered.map((u, i) => [u.id, i])) };
}

/** The branch a unit sits in (itself when it is one); null above or outside the branch level. */
function branchOf(org: Org, unitId: string): string | null {
  const seen = new Set<string>();
  for (let unit = org.byId.get(unitId); unit && !seen.has(unit.id); unit = unit.parentId ? org.byId.get(unit.parentId) : undefined) {
    if (unit.level === 'branch') return unit.id;
    seen.add(unit.id);
  }
  return null;
}

/** The names from below the organisation down to the unit: 东湖县分公司集团客户部. */
function unitPathName(org: Org, unitId: string): string {
  const names: string[] = [];
  for (let unit = org.byId.get(unitId); unit && unit.parentId !== null; unit = org.byId.get(unit.parentId)) {
    names.unshift(unit.name);
    if (names.length > org.byId.size) break;
  }
  return names.length > 0 ? names.join('') : (org.byId.get(unitId)?.name ?? '');
}

// ---------------------------------------------------------------------------------------------
// Dictionaries

interface EntryRow {
  id: string;
  dictionary: string;
  parentId: string | null;
  name: string;
  sortOrder: number;
  archived: number;
}

interface Dictionaries {
  /** 小类 with their 大类, grouped under the 大类 in sort order. */
  customerClasses: Array<EntryRow & { parentName: string }>;
  productClasses: EntryRow[];
  /** Products grouped under their class, in sort order. */
  productsByClass: Map<string, EntryRow[]>;
  keyTierIds: string[];
}

function readDictionaries(db: Db): Dictionaries {
  const entries = db
    .prepare(
      `SELECT id, dictionary, parent_id AS parentId, name, sort_order AS sortOrder, archived FROM dictionary_entry
       WHERE dictionary IN ('customer-class', 'product-class', 'product', 'account-tier') ORDER BY sort_order, name`,
    )
    .all() as EntryRow[];
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
function shown<T extends { id: string; archived: number }>(entries: T[], used: (id: string) => boolean): T[] {
  return entries.filter((e) => e.archived === 0 || used(e.id));
}

// ---------------------------------------------------------------------------------------------
// One month's counts

interface MonthFacts {
  customers: number;
  filled: number;
  newCustomers: number;
  keyCustomers: number;
  keyCovered: number;
  revisitBase: number;
  revisited: number;
}

const NO_FACTS: MonthFacts = { customers: 0, filled: 0, newCustomers: 0, keyCustomers: 0, keyCovered: 0, revisitBase: 0, revisited: 0 };

function addFacts(a: MonthFacts, b: MonthFacts): MonthFacts {
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

/** The month's facts of the month's customers, grouped by their manager or by their unit. */
function monthFactsBy(db: Db, yearMonth: string, groupBy: 'manager' | 'unit', keyTierIds: string[]): Map<string, MonthFacts> {
  const groupColumn = groupBy === 'manager' ? 'c.manager_id' : 'c.unit_id';
  const rows = db
    .prepare(
      `SELECT ${groupColumn} AS groupId,
         COUNT(*) AS customers,
         COALESCE(SUM(d.reviewed = 1 AND h.reviewed = 1), 0) AS filled,
         COALESCE(SUM(substr(c.status_changed_on, 1, 7) = @month), 0) AS newCustomers,
         COALESCE(SUM(c.tier_id IN (SELECT value FROM json_each(@keyTiers))), 0) AS keyCustomers,
         COALESCE(SUM(c.tier_id IN (SELECT value FROM json_each(@keyTiers)) AND d.reviewed = 1
           AND EXISTS (SELECT 1 FROM demand_product p WHERE p.year_month = d.year_month AND p.customer_id = d.customer_id)), 0) AS keyCovered,
         COALESCE(SUM(prev.customer_id IS NOT NULL), 0) AS revisitBase,
         COALESCE(SUM(prev.customer_id IS NOT NULL AND d.reviewed = 1), 0) AS revisited
       FROM customer c
       LEFT JOIN demand_row d ON d.year_month = @month AND d.customer_id = c.id
       LEFT JOIN habit_row h ON h.year_month = @month AND h.customer_id = c.id
       LEFT JOIN demand_row prev ON prev.year_month = @previous AND prev.customer_id = c.id
       WHERE ${activeInMonthSql('c', '@month')}
       GROUP BY ${groupColumn}`,
    )
    .all({ month: yearMonth, previous: previousYearMonth(yearMonth), keyTiers: JSON.stringify(keyTierIds) }) as Array<MonthFacts & { groupId: string }>;
  return new Map(rows.map(({ groupId, ...facts }) => [groupId, facts]));
}

function sumFacts(facts: Iterable<MonthFacts>): MonthFacts {
  let total = NO_FACTS;
  for (const f of facts) total = addFacts(total, f);
  return total;
}

function monthCounts(facts: MonthFacts, due: number) {
  return { customers: facts.customers, filled: facts.filled, due, fillRate: shareOf(facts.filled, facts.customers) };
}

function kpiCounts(facts: MonthFacts, due: number) {
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

function countInto<K>(counts: Map<K, number>, key: K, by = 1): void {
  counts.set(key, (counts.get(key) ?? 0) + by);
}

// ---------------------------------------------------------------------------------------------
// 管理层: the area manager's summary

type SummaryManager = Pick<Person, 'id' | 'unitId' | 'name' | 'sortOrder'>;

/**
 * An area manager (片区经理) covers the account managers (客户经理) of their own unit; without one,
 * the scope is every account manager of the organisation. Customers owned by anyone else (a store
 * manager, say) are outside every summary.
 */
function summaryScope(db: Db, org: Org, areaManagerId?: string): { name: string; managers: SummaryManager[] } {
  let managers = db
    .prepare(`SELECT id, unit_id AS unitId, name, sort_order AS sortOrder FROM person WHERE role = ?`)
    .all(ACCOUNT_MANAGER_ROLE) as SummaryManager[];
  let name = org.root?.name ?? '';
  if (areaManagerId !== undefined) {
    const area = db.prepare(`SELECT unit_id AS unitId, role FROM person WHERE id = ?`).get(areaManagerId) as { unitId: string; role: string } | undefined;
    if (!area) throw new AppError('NOT_FOUND', `Person ${areaManagerId} not found`, { areaManagerId });
    if (area.role !== AREA_MANAGER_ROLE) {
      throw new AppError('INVALID_INPUT', `Person ${areaManagerId} is not an area manager`, {
        issues: [{ path: 'areaManagerId', message: `not a ${AREA_MANAGER_ROLE}` }],
      });
    }
    managers = managers.filter((m) => m.unitId === area.unitId);
    name = unitPathName(org, area.unitId);
  }
  const position = (m: SummaryManager) => org.position.get(m.unitId) ?? Number.MAX_SAFE_INTEGER;
  managers.sort((a, b) => position(a) - position(b) || a.sortOrder - b.sortOrder || a.name.localeCompare(b.name));
  return { name, managers };
}

type NeedField = (typeof NEED_FIELD_OF)[NeedKind];

type NeedsSqlRow = { classId: string; customers: number; matchedProducts: number } & Record<NeedField, number>;

/** Each need's demand_row column (the field name in snake case) and the alias it is counted under. */
const NEED_COLUMNS = Object.fromEntries(
  NEED_KINDS.map((k) => [k, { column: NEED_FIELD_OF[k].replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), alias: NEED_FIELD_OF[k] }]),
) as Record<NeedKind, { column: string; alias: NeedField }>;

/** Per customer class, the scope's customers with a demand row this month, their needs and matched products. */
function needsByClass(db: Db, dictionaries: Dictionaries, yearMonth: string, managerIds: string[]): StrategySummary['needsByClass'] {
  const needSums = NEED_KINDS.map((k) => `COALESCE(SUM(TRIM(d.${NEED_COLUMNS[k].column}, ${BLANKS}) <> ''), 0) AS ${NEED_COLUMNS[k].alias}`);
  const rows = db
    .prepare(
      `SELECT c.class_id AS classId, COUNT(*) AS customers, ${needSums.join(', ')},
         COALESCE(SUM((SELECT COUNT(*) FROM demand_product p WHERE p.year_month = d.year_month AND p.customer_id = d.customer_id)), 0) AS matchedProducts
       FROM demand_row d JOIN customer c ON c.id = d.customer_id
       WHERE d.year_month = @month AND ${activeInMonthSql('c', '@month')} AND c.manager_id IN (SELECT value FROM json_each(@managers))
       GROUP BY c.class_id`,
    )
    .all({ month: yearMonth, managers: JSON.stringify(managerIds) }) as NeedsSqlRow[];
  const byClass = new Map(rows.map((r) => [r.classId, r]));
  return shown(dictionaries.customerClasses, (id) => byClass.has(id)).map((cls) => {
    const row = byClass.get(cls.id);
    const needs = Object.fromEntries(NEED_KINDS.map((k) => [k, row ? row[NEED_COLUMNS[k].alias] : 0])) as Record<NeedKind, number>;
    return { classId: cls.id, className: cls.name, parentName: cls.parentName, customers: row?.customers ?? 0, needs, matchedProducts: row?.matchedProducts ?? 0 };
  });
}

/**
 * 片区经理's month: one row per account manager in scope (in unit order, then the people's own
 * order; managers without customers included), totals over those rows, and per 小类 what the
 * scope's customers record as needs.
 */
export async function getStrategySummary(ws: Workspace, yearMonth: string, areaManagerId?: string): Promise<StrategySummary> {
  const db = rawDatabase(ws.dataSource);
  const org = readOrg(db);
  const scope = summaryScope(db, org, areaManagerId);
  const facts = monthFactsBy(db, yearMonth, 'manager', []);
  const dueByManager = new Map<string, number>();
  // One call for the whole workspace, split by manager: the same as one call per manager.
  for (const due of await listDueCustomers(ws, yearMonth)) countInto(dueByManager, due.managerId);
  const managers = scope.managers.map((m) => {
    const f = facts.get(m.id) ?? NO_FACTS;
    return { managerId: m.id, name: m.name, unitId: m.unitId, ...monthCounts(f, dueByManager.get(m.id) ?? 0), newCustomers: f.newCustomers };
  });
  const total = sumFacts(scope.managers.map((m) => facts.get(m.id) ?? NO_FACTS));
  const totalDue = managers.reduce((sum, m) => sum + m.due, 0);
  return {
    yearMonth,
    areaManagerId: areaManagerId ?? null,
    scopeName: scope.name,
    managers,
    totals: { ...monthCounts(total, totalDue), newCustomers: total.newCustomers },
    needsByClass: needsByClass(db, readDictionaries(db), yearMonth, scope.managers.map((m) => m.id)),
  };
}

// ---------------------------------------------------------------------------------------------
// 决策层: KPIs across branches

/** The month and the five before it, oldest first. */
function trendMonths(yearMonth: string): string[] {
  const months = [yearMonth];
  while (months.length < TREND_MONTHS) months.unshift(previousYearMonth(months[0]));
  return months;
}

/** Folds facts grouped by customer unit into the branches above those units. */
function byBranch(org: Org, byUnit: Map<string, MonthFacts>): Map<string, MonthFacts> {
  const branches = new Map<string, MonthFacts>();
  for (const [unitId, facts] of byUnit) {
    const branchId = branchOf(org, unitId);
    if (branchId !== null) branches.set(branchId, addFacts(branches.get(branchId) ?? NO_FACTS, facts));
  }
  return branches;
}

/** Due customers per branch, from listDueCustomers and the units the due customers sit in. */
async function dueByBranch(ws: Workspace, db: Db, org: Org, yearMonth: string): Promise<{ byBranch: Map<string, number>; total: number }> {
  const due = await listDueCustomers(ws, yearMonth);
  const rows = db
    .prepare(`SELECT unit_id AS unitId, COUNT(*) AS n FROM customer WHERE id IN (SELECT value FROM json_each(?)) GROUP BY unit_id`)
    .all(JSON.stringify(due.map((d) => d.customerId))) as Array<{ unitId: string; n: number }>;
  const counts = new Map<string, number>();
  for (const row of rows) {
    const branchId = branchOf(org, row.unitId);
    if (branchId !== null) countInto(counts, branchId, row.n);
  }
  return { byBranch: counts, total: due.length };
}

interface MatchSqlRow {
  customerClassId: string;
  productId: string;
  productClassId: string | null;
  count: number;
}

/**
 * The class × product heat map and the products by class. The heat map is a full grid: every
 * shown 小类 × every shown product class, zero cells included, so the chart needs no gap filling.
 * Products by class list every shown product too, zeros included.
 */
function matchedProducts(db: Db, dictionaries: Dictionaries, yearMonth: string): Pick<StrategyKpis, 'heat' | 'productsByClass'> {
  const rows = db
    .prepare(
      `SELECT c.class_id AS customerClassId, p.product_id AS productId, e.parent_id AS productClassId, COUNT(*) AS count
       FROM demand_product p
       JOIN customer c ON c.id = p.customer_id
       JOIN dictionary_entry e ON e.id = p.product_id
       WHERE p.year_month = @month AND ${activeInMonthSql('c', '@month')}
       GROUP BY c.class_id, p.product_id`,
    )
    .all({ month: yearMonth }) as MatchSqlRow[];
  const cellCounts = new Map<string, number>();
  const productCounts = new Map<string, number>();
  const classCounts = new Map<string, number>();
  const usedCustomerClasses = new Set<string>();
  for (const row of rows) {
    countInto(cellCounts, `${row.customerClassId}\u0000${row.productClassId}`, row.count);
    countInto(productCounts, row.productId, row.count);
    if (row.productClassId !== null) countInto(classCounts, row.productClassId, row.count);
    usedCustomerClasses.add(row.customerClassId);
  }
  const customerClasses = shown(dictionaries.customerClasses, (id) => usedCustomerClasses.has(id));
  const productClasses = shown(dictionaries.productClasses, (id) => classCounts.has(id));
  return {
    heat: {
      customerClasses: customerClasses.map((c) => ({ id: c.id, name: c.name })),
      productClasses: productClasses.map((p) => ({ id: p.id, name: p.name })),
      cells: customerClasses.flatMap((c) =>
        productClasses.map((p) => ({ customerClassId: c.id, productClassId: p.id, count: cellCounts.get(`${c.id}\u0000${p.id}`) ?? 0 })),
      ),
    },
    productsByClass: productClasses.map((pc) => ({
      productClassId: pc.id,
      name: pc.name,
      count: classCounts.get(pc.id) ?? 0,
      products: shown(dictionaries.productsByClass.get(pc.id) ?? [], (id) => productCounts.has(id)).map((p) => ({
        productId: p.id,
        name: p.name,
        count: productCounts.get(p.id) ?? 0,
      })),
    })),
  };
}

/** Whether either table holds a row of the month: before the tables were in use, none does. */
function monthHasRows(db: Db, yearMonth: string): boolean {
  return (
    db.prepare(`SELECT EXISTS (SELECT 1 FROM demand_row WHERE year_month = ?) OR EXISTS (SELECT 1 FROM habit_row WHERE year_month = ?) AS has`).get(yearMonth, yearMonth) as { has: number }
  ).has === 1;
}

/**
 * 决策层's month: per branch (a customer belongs to the branch above its own unit) the fill rate,
 * key-customer coverage and revisit rate; totals over every customer of the organisation (a customer
 * placed above branch level counts in the totals only); the matched products; and the six-month trend.
 */
export async function getStrategyKpis(ws: Workspace, yearMonth: string): Promise<StrategyKpis> {
  const db = rawDatabase(ws.dataSource);
  const org = readOrg(db);
  const dictionaries = readDictionaries(db);
  const months = trendMonths(yearMonth);
  const monthly = months.map((month) => monthFactsBy(db, month, 'unit', dictionaries.keyTierIds));
  const current = monthly[monthly.length - 1];
  const branchFacts = byBranch(org, current);
  const due = await dueByBranch(ws, db, org, yearMonth);
  const units = org.ordered
    .filter((u) => u.level === 'branch')
    .map((u) => ({ unitId: u.id, name: u.name, ...kpiCounts(branchFacts.get(u.id) ?? NO_FACTS, due.byBranch.get(u.id) ?? 0) }));
  return {
    yearMonth,
    units,
    totals: kpiCounts(sumFacts(current.values()), due.total),
    ...matchedProducts(db, dictionaries, yearMonth),
    trend: months.map((month, i) => {
      // Before the tables were first filled the KPIs do not exist yet: a gap, not a 0%.
      if (!monthHasRows(db, month)) return { yearMonth: month, fillRate: null, coverage: null, revisitRate: null };
      const { fillRate, coverage, revisitRate } = kpiCounts(sumFacts(monthly[i].values()), 0);
      return { yearMonth: month, fillRate, coverage, revisitRate };
    }),
  };
}
