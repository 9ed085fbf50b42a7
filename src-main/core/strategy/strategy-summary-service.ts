/**
 * 管理层: the area manager's monthly summary of their team — per account manager the month's
 * counts (defined in month-facts.ts), and per customer class what the customers record as needs.
 */
import { NEED_KINDS, type NeedKind, type Person, type StrategySummary } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import { NEED_FIELD_OF } from '../../../src-shared/domain/strategy';
import type { Database } from '../db/port';
import type { Workspace } from '../workspace';
import { activeInMonthSql } from './customer-store';
import { listDueCustomers } from './due-list';
import { countInto, countWhere, monthCounts, monthFactsBy, NO_FACTS, readDictionaries, shown, sumFacts, type Dictionaries } from './month-facts';
import { readSummaryOrg, unitPathName, type Org } from './summary-org';

const ACCOUNT_MANAGER_ROLE = '客户经理';
const AREA_MANAGER_ROLE = '片区经理';
/** What JavaScript's trim() strips, so "has a need" agrees with the rule that refuses products. */
const BLANKS = ' \t\n\r\u3000';

type SummaryManager = Pick<Person, 'id' | 'unitId' | 'name' | 'sortOrder'>;

/**
 * An area manager (片区经理) covers the account managers (客户经理) of their own unit; without one,
 * the scope is every account manager of the organisation. Customers owned by anyone else (a store
 * manager, say) are outside every summary.
 */
function summaryScope(org: Org, areaManagerId?: string): { name: string; managers: SummaryManager[] } {
  let managers: SummaryManager[] = org.people.filter((p) => p.role === ACCOUNT_MANAGER_ROLE);
  let name = org.root?.name ?? '';
  if (areaManagerId !== undefined) {
    const area = org.people.find((p) => p.id === areaManagerId);
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
function needsByClass(db: Database, dictionaries: Dictionaries, yearMonth: string, managerIds: string[]): StrategySummary['needsByClass'] {
  const needCounts = NEED_KINDS.map((k) => `${countWhere(`${db.dialect.trim(`d.${NEED_COLUMNS[k].column}`, BLANKS)} <> ''`)} AS "${NEED_COLUMNS[k].alias}"`);
  const rows = db.all<NeedsSqlRow>(
    `SELECT c.class_id AS "classId", COUNT(*) AS customers, ${needCounts.join(', ')},
       COALESCE(SUM((SELECT COUNT(*) FROM demand_product p WHERE p.year_month = d.year_month AND p.customer_id = d.customer_id)), 0) AS "matchedProducts"
     FROM demand_row d JOIN customer c ON c.id = d.customer_id
     WHERE d.year_month = :month AND ${activeInMonthSql('c', ':month')} AND ${db.dialect.inList('c.manager_id', ':managers')}
     GROUP BY c.class_id`,
    { month: yearMonth, managers: db.dialect.listParam(managerIds) },
  );
  const byClass = new Map(rows.map((r) => [r.classId, r]));
  return shown(dictionaries.customerClasses, (id) => byClass.has(id)).map((cls) => {
    const row = byClass.get(cls.id);
    const needs = Object.fromEntries(NEED_KINDS.map((k) => [k, row ? row[NEED_COLUMNS[k].alias] : 0])) as Record<NeedKind, number>;
    return {
      classId: cls.id,
      className: cls.name,
      parentName: cls.parentName,
      customers: row?.customers ?? 0,
      needs,
      matchedProducts: row?.matchedProducts ?? 0,
    };
  });
}

/**
 * 片区经理's month: one row per account manager in scope (in unit order, then the people's own
 * order; managers without customers included), totals over those rows, and per 小类 what the
 * scope's customers record as needs.
 */
export async function getStrategySummary(ws: Workspace, yearMonth: string, areaManagerId?: string): Promise<StrategySummary> {
  const db = ws.db;
  const org = readSummaryOrg(db);
  const scope = summaryScope(org, areaManagerId);
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
    needsByClass: needsByClass(
      db,
      readDictionaries(db),
      yearMonth,
      scope.managers.map((m) => m.id),
    ),
  };
}
