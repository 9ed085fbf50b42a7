/**
 * 决策层: the marketing department's KPIs across branches — fill rate, key-customer coverage and
 * revisit rate (defined in month-facts.ts), the class × product heat map and the six-month trend.
 */
import type { StrategyKpis } from '../../../src-shared/contract/channels';
import type { Database } from '../db/port';
import type { Workspace } from '../workspace';
import { activeInMonthSql, countCustomersByUnit } from './customer-store';
import { listDueCustomers } from './due-list';
import { addFacts, countInto, kpiCounts, monthFactsBy, NO_FACTS, readDictionaries, shown, sumFacts, type Dictionaries, type MonthFacts } from './month-facts';
import { monthHasRows } from './month-store';
import { branchOf, readSummaryOrg, type Org } from './summary-org';
import { previousYearMonth } from './year-month';

const TREND_MONTHS = 6;

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
async function dueByBranch(ws: Workspace, org: Org, yearMonth: string): Promise<{ byBranch: Map<string, number>; total: number }> {
  const due = await listDueCustomers(ws, yearMonth);
  const counts = new Map<string, number>();
  for (const row of countCustomersByUnit(
    ws.db,
    due.map((d) => d.customerId),
  )) {
    const branchId = branchOf(org, row.unitId);
    if (branchId !== null) countInto(counts, branchId, row.count);
  }
  return { byBranch: counts, total: due.length };
}

interface MatchSqlRow {
  customerClassId: string;
  productId: string;
  productClassId: string | null;
  count: number;
}

// e.parent_id follows from p.product_id; it is grouped by too because PostgreSQL refuses a selected
// column that is neither grouped nor aggregated.
function readMatches(db: Database, yearMonth: string): MatchSqlRow[] {
  return db.all<MatchSqlRow>(
    `SELECT c.class_id AS "customerClassId", p.product_id AS "productId", e.parent_id AS "productClassId", COUNT(*) AS count
     FROM demand_product p
     JOIN customer c ON c.id = p.customer_id
     JOIN dictionary_entry e ON e.id = p.product_id
     WHERE p.year_month = :month AND ${activeInMonthSql('c', ':month')}
     GROUP BY c.class_id, p.product_id, e.parent_id`,
    { month: yearMonth },
  );
}

/**
 * The class × product heat map and the products by class. The heat map is a full grid: every
 * shown 小类 × every shown product class, zero cells included, so the chart needs no gap filling.
 * Products by class list every shown product too, zeros included.
 */
function matchedProducts(db: Database, dictionaries: Dictionaries, yearMonth: string): Pick<StrategyKpis, 'heat' | 'productsByClass'> {
  const cellCounts = new Map<string, number>();
  const productCounts = new Map<string, number>();
  const classCounts = new Map<string, number>();
  const usedCustomerClasses = new Set<string>();
  for (const row of readMatches(db, yearMonth)) {
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

/**
 * 决策层's month: per branch (a customer belongs to the branch above its own unit) the fill rate,
 * key-customer coverage and revisit rate; totals over every customer of the organisation (a customer
 * placed above branch level counts in the totals only); the matched products; and the six-month trend.
 */
export async function getStrategyKpis(ws: Workspace, yearMonth: string): Promise<StrategyKpis> {
  const db = ws.db;
  const org = readSummaryOrg(db);
  const dictionaries = readDictionaries(db);
  const months = trendMonths(yearMonth);
  const monthly = months.map((month) => monthFactsBy(db, month, 'unit', dictionaries.keyTierIds));
  const current = monthly[monthly.length - 1];
  const branchFacts = byBranch(org, current);
  const due = await dueByBranch(ws, org, yearMonth);
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
