/**
 * The printed strategy tables (营销策略工具): 《需求分析及产品匹配策略表》, 《消费习惯分析及促销策略表》
 * and 营销策略月度汇总表, laid out as in the source plans, A4 landscape. The column layouts, which
 * the XLSX importer reads back, are in strategy-report-layouts.ts. The 大客户筛选评分表 is the
 * screening feature's (screening-report.ts), printed alike with the shared pieces exported below.
 */
import { NEED_KINDS, type Customer, type DemandRow, type DictionaryEntry, type HabitRow, type Person } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import { orgTreeOf, unitPathName } from '../../../src-shared/domain/org-tree';
import { formatMatchedProducts, HABIT_PAIRS, localDay, localYearMonth, NEED_GROUPS, NEED_KIND_HEADERS } from '../../../src-shared/domain/strategy';
import type { PageSetup, ReportColumn, ReportDescription, ReportRow, ReportSection } from '../../../src-shared/reports/report-model';
import type { ReportOptions } from '../feature';
import { listOrgTree } from '../org';
import { getWorkspaceInfo } from '../workspace';
import type { Workspace } from '../workspace';
import { listCustomers } from './customers';
import { listDictionaries } from './dictionaries';
import { listDueCustomers } from './due-list';
import { getStrategyMonth } from './month-rows';
import { COUNT, demandColumns, habitColumns, KEYS, NOT_FILLED_LABEL, shownProductClasses, TABLE_NAMES, text } from './strategy-report-layouts';
import { getStrategySummary } from './strategy-summary-service';

export const PAGE: PageSetup = { size: 'A4', orientation: 'landscape', margins: { top: 12, right: 10, bottom: 12, left: 10 } };
const INPUT = { kind: 'input' } as const;

const REVIEWED_LABEL = '已复核';
const NOT_REVIEWED_LABEL = '待复核';
const TABLE_SIGN_OFF = ['填表人', '片区经理', '日期'];
const NEED_NOTE = '注：匹配产品后括号内为该产品所对应的需求：迫切＝需求迫切点，计划＝有需求计划，潜在＝有潜在计划，引导＝需要引导需求。';

// ---------------------------------------------------------------------------------------------
// Shared pieces (the page, context, scope, class order and detail rows: the screening's too)

function reportMonth(ws: Workspace, options: ReportOptions): string {
  // The month the user sees: local calendar, as the screens and the filling rules count it.
  return options.yearMonth ?? localYearMonth(ws.ctx.clock());
}

const monthLabel = (yearMonth: string) => `${Number(yearMonth.slice(0, 4))} 年 ${Number(yearMonth.slice(5, 7))} 月`;
const monthTag = (yearMonth: string) => `${Number(yearMonth.slice(0, 4))}年${Number(yearMonth.slice(5, 7))}月`;

export interface ReportContext {
  organisation: string;
  today: string;
  people: Map<string, Person>;
  entries: DictionaryEntry[];
  byId: Map<string, DictionaryEntry>;
}

export async function loadReportContext(ws: Workspace): Promise<ReportContext> {
  const [info, org, entries] = await Promise.all([getWorkspaceInfo(ws), listOrgTree(ws), listDictionaries(ws)]);
  return {
    organisation: info.organisationName,
    today: localDay(ws.ctx.clock()),
    people: new Map(org.people.map((p) => [p.id, p])),
    entries,
    byId: new Map(entries.map((e) => [e.id, e])),
  };
}

/** The account manager a monthly table is narrowed to, and the sign-off names that follow from it. */
export function tableScope(ctx: ReportContext, scopeId: string | undefined) {
  if (scopeId === undefined) return { label: '', fileTag: '', signOff: TABLE_SIGN_OFF.map((label) => ({ label })) };
  const manager = ctx.people.get(scopeId);
  if (!manager) throw new AppError('NOT_FOUND', `Person ${scopeId} not found`, { scopeId });
  const area = [...ctx.people.values()].find((p) => p.unitId === manager.unitId && p.role === '片区经理');
  return {
    label: `客户经理：${manager.name}`,
    fileTag: `-${manager.name}`,
    signOff: [{ label: TABLE_SIGN_OFF[0], name: manager.name }, { label: TABLE_SIGN_OFF[1], name: area?.name }, { label: TABLE_SIGN_OFF[2] }],
  };
}

const collator = new Intl.Collator('zh-CN');

/**
 * Customers in the order of the printed tables: by 大类, then 小类 (dictionary order), then name,
 * so the rows of one class stand together.
 */
export function classOrder(ctx: ReportContext) {
  const sortOf = (id: string | null | undefined) => (id ? (ctx.byId.get(id)?.sortOrder ?? Number.MAX_SAFE_INTEGER) : Number.MAX_SAFE_INTEGER);
  return (a: Pick<Customer, 'classId' | 'name'>, b: Pick<Customer, 'classId' | 'name'>) => {
    const pa = ctx.byId.get(a.classId)?.parentId;
    const pb = ctx.byId.get(b.classId)?.parentId;
    return sortOf(pa) - sortOf(pb) || collator.compare(pa ?? '', pb ?? '') || sortOf(a.classId) - sortOf(b.classId) || collator.compare(a.name, b.name);
  };
}

function classNames(ctx: ReportContext, customer: Customer): { parent: string; name: string } {
  const cls = ctx.byId.get(customer.classId);
  return { name: cls?.name ?? '', parent: cls?.parentId ? (ctx.byId.get(cls.parentId)?.name ?? '') : '' };
}

/**
 * The month's rows of one table, in print order with their customers, and an empty line for each
 * customer due this month who has no row in this table yet (row null): the printed table and the
 * exported file then list everyone to fill, so the file works as an offline template that the
 * importer reads back (its blank lines are left unfilled).
 */
async function orderedRows<R extends { customerId: string }>(
  ws: Workspace,
  ctx: ReportContext,
  customers: Customer[],
  rows: R[],
  yearMonth: string,
  scopeId: string | undefined,
): Promise<Array<{ row: R | null; customer: Customer }>> {
  const byId = new Map(customers.map((c) => [c.id, c]));
  const filled = new Set(rows.map((r) => r.customerId));
  const due = (await listDueCustomers(ws, yearMonth, scopeId)).filter((d) => d.reasons.includes('missing') && !filled.has(d.customerId));
  const order = classOrder(ctx);
  return [
    ...rows.flatMap((row) => {
      const customer = byId.get(row.customerId);
      return customer ? [{ row, customer }] : [];
    }),
    ...due.flatMap((d) => {
      const customer = byId.get(d.customerId);
      return customer ? [{ row: null, customer }] : [];
    }),
  ].sort((a, b) => order(a.customer, b.customer));
}

const stateLabel = (row: { reviewed: boolean } | null) => (row === null ? NOT_FILLED_LABEL : row.reviewed ? REVIEWED_LABEL : NOT_REVIEWED_LABEL);

export function detail(id: string, cells: ReportRow['cells']): ReportRow {
  return { id, parentId: null, kind: 'detail', level: 0, cells };
}

// ---------------------------------------------------------------------------------------------
// 《需求分析及产品匹配策略表》

function demandCells(ctx: ReportContext, customer: Customer, filled: DemandRow | null, productClasses: DictionaryEntry[], index: number): ReportRow['cells'] {
  const row = filled ?? { urgentPoint: '', demandPlan: '', potentialPlan: '', guidedNeed: '', products: [] };
  const cls = classNames(ctx, customer);
  const cells: ReportRow['cells'] = {
    [KEYS.seq]: index + 1,
    [KEYS.customer]: customer.name,
    [KEYS.classParent]: cls.parent,
    [KEYS.class]: cls.name,
    [KEYS.need('urgent-point')]: row.urgentPoint,
    [KEYS.need('demand-plan')]: row.demandPlan,
    [KEYS.need('potential-plan')]: row.potentialPlan,
    [KEYS.need('guided-need')]: row.guidedNeed,
    [KEYS.manager]: ctx.people.get(customer.managerId)?.name ?? '',
    [KEYS.status]: stateLabel(filled),
  };
  for (const pc of productClasses) {
    const items = row.products.flatMap((p) => {
      const product = ctx.byId.get(p.productId);
      return product && product.parentId === pc.id ? [{ name: product.name, needKind: p.needKind }] : [];
    });
    cells[KEYS.products(pc.id)] = formatMatchedProducts(items);
  }
  return cells;
}

export async function buildDemandReport(ws: Workspace, options: ReportOptions): Promise<ReportDescription> {
  const ctx = await loadReportContext(ws);
  const yearMonth = reportMonth(ws, options);
  const scope = tableScope(ctx, options.scopeId);
  const [customers, month] = await Promise.all([listCustomers(ws, options.scopeId), getStrategyMonth(ws, yearMonth, options.scopeId)]);
  const rows = await orderedRows(ws, ctx, customers, month.demandRows, yearMonth, options.scopeId);
  const usedClasses = new Set(rows.flatMap(({ row }) => (row?.products ?? []).map((p) => ctx.byId.get(p.productId)?.parentId)));
  const productClasses = shownProductClasses(ctx.entries, (pc) => usedClasses.has(pc.id));
  const title = `${monthLabel(yearMonth)}${TABLE_NAMES.demand}`;
  return {
    title,
    period: [monthLabel(yearMonth), scope.label].filter(Boolean).join('\u3000'),
    organisation: ctx.organisation,
    date: ctx.today,
    page: PAGE,
    sections: [
      {
        kind: 'table',
        columns: demandColumns(productClasses),
        rows: rows.map(({ row, customer }, i) => detail(customer.id, demandCells(ctx, customer, row, productClasses, i))),
        frozenColumns: 2,
        note: NEED_NOTE,
      },
    ],
    signOff: scope.signOff,
    fileName: `${ctx.organisation}-${monthTag(yearMonth)}需求分析及产品匹配策略表${scope.fileTag}`,
  };
}

// ---------------------------------------------------------------------------------------------
// 《消费习惯分析及促销策略表》

export async function buildHabitReport(ws: Workspace, options: ReportOptions): Promise<ReportDescription> {
  const ctx = await loadReportContext(ws);
  const yearMonth = reportMonth(ws, options);
  const scope = tableScope(ctx, options.scopeId);
  const [customers, month] = await Promise.all([listCustomers(ws, options.scopeId), getStrategyMonth(ws, yearMonth, options.scopeId)]);
  const rows = (await orderedRows(ws, ctx, customers, month.habitRows, yearMonth, options.scopeId)).map(({ row, customer }, i): ReportRow => {
    const cells: ReportRow['cells'] = {
      [KEYS.seq]: i + 1,
      [KEYS.customer]: customer.name,
      [KEYS.class]: classNames(ctx, customer).name,
      [KEYS.manager]: ctx.people.get(customer.managerId)?.name ?? '',
      [KEYS.status]: stateLabel(row),
    };
    for (const pair of HABIT_PAIRS) {
      cells[KEYS.habit(pair.habit)] = row ? (row[pair.habit as keyof HabitRow] as string) : '';
      cells[KEYS.habit(pair.advice)] = row ? (row[pair.advice as keyof HabitRow] as string) : '';
    }
    return detail(customer.id, cells);
  });
  return {
    title: `${monthLabel(yearMonth)}${TABLE_NAMES.habit}`,
    period: [monthLabel(yearMonth), scope.label].filter(Boolean).join('\u3000'),
    organisation: ctx.organisation,
    date: ctx.today,
    page: PAGE,
    sections: [{ kind: 'table', columns: habitColumns(ctx.entries), rows, frozenColumns: 2 }],
    signOff: scope.signOff,
    fileName: `${ctx.organisation}-${monthTag(yearMonth)}消费习惯分析及促销策略表${scope.fileTag}`,
  };
}

// ---------------------------------------------------------------------------------------------
// 营销策略月度汇总表

const countColumn = (key: string, header: string): ReportColumn => ({ key, header, format: COUNT, formula: INPUT, align: 'right' });

type Summary = Awaited<ReturnType<typeof getStrategySummary>>;

function managerFillSection(summary: Summary, unitName: (unitId: string) => string): ReportSection {
  return {
    kind: 'table',
    title: '一、客户经理填报情况',
    columns: [
      text('name', '客户经理'),
      text('unit', '所在部门'),
      countColumn('customers', '客户数'),
      countColumn('filled', '已填报'),
      countColumn('due', '待填'),
      {
        key: 'fillRate',
        header: '填报率',
        format: { kind: 'percent', decimals: 1 },
        formula: { kind: 'ratio', numerator: 'filled', denominator: 'customers' },
        align: 'right',
      },
      countColumn('newCustomers', '新增客户'),
    ],
    rows: [
      ...summary.managers.map((m) =>
        detail(m.managerId, {
          name: m.name,
          unit: unitName(m.unitId),
          customers: m.customers,
          filled: m.filled,
          due: m.due,
          fillRate: m.fillRate,
          newCustomers: m.newCustomers,
        }),
      ),
      { id: '__total', parentId: null, kind: 'total', level: 0, cells: { name: '合计', unit: '', ...summary.totals } },
    ],
    frozenColumns: 1,
    note: '注：客户数为本月应填报的签约及目标客户；已填报为两张策略表均已复核的客户；新增客户为本月新签约或新列为目标的客户。',
  };
}

export async function buildSummaryReport(ws: Workspace, options: ReportOptions): Promise<ReportDescription> {
  const ctx = await loadReportContext(ws);
  const yearMonth = reportMonth(ws, options);
  const summary = await getStrategySummary(ws, yearMonth, options.scopeId);
  const org = await listOrgTree(ws);
  const tree = orgTreeOf(org.units, org.people);
  const unitName = (unitId: string) => unitPathName(tree, unitId);
  const managerSection = managerFillSection(summary, unitName);

  const needColumns = NEED_KINDS.map((kind) => countColumn(KEYS.need(kind), NEED_KIND_HEADERS[kind]));
  const parents = [...new Set(summary.needsByClass.map((c) => c.parentName))];
  const classRows: ReportRow[] = [];
  const sum = (rows: typeof summary.needsByClass, pick: (c: (typeof rows)[number]) => number) => rows.reduce((s, c) => s + pick(c), 0);
  const needCells = (rows: typeof summary.needsByClass): ReportRow['cells'] => ({
    customers: sum(rows, (c) => c.customers),
    ...Object.fromEntries(NEED_KINDS.map((kind) => [KEYS.need(kind), sum(rows, (c) => c.needs[kind])])),
    matchedProducts: sum(rows, (c) => c.matchedProducts),
  });
  parents.forEach((parent, p) => {
    const children = summary.needsByClass.filter((c) => c.parentName === parent);
    const parentId = `__parent-${p}`;
    classRows.push({ id: parentId, parentId: null, kind: 'subtotal', level: 0, cells: { name: parent || '（未分类）', ...needCells(children) } });
    for (const c of children) classRows.push({ id: c.classId, parentId, kind: 'detail', level: 1, cells: { name: c.className, ...needCells([c]) } });
  });
  classRows.push({ id: '__total', parentId: null, kind: 'total', level: 0, cells: { name: '合计', ...needCells(summary.needsByClass) } });
  const needsSection: ReportSection = {
    kind: 'table',
    title: '二、分客户类别需求情况',
    columns: [
      text('name', '客户类别'),
      countColumn('customers', '客户数'),
      ...NEED_GROUPS.map((group) => ({ header: group.header, children: group.kinds.map((kind) => needColumns[NEED_KINDS.indexOf(kind)]) })),
      countColumn('matchedProducts', '匹配产品数'),
    ],
    rows: classRows,
    frozenColumns: 1,
    note: '注：各需求列为记录了该项需求的客户数。',
  };

  const area = options.scopeId ? ctx.people.get(options.scopeId) : undefined;
  return {
    title: `${monthLabel(yearMonth)}营销策略月度汇总表`,
    period: [monthLabel(yearMonth), summary.scopeName ? `范围：${summary.scopeName}` : ''].filter(Boolean).join('\u3000'),
    organisation: ctx.organisation,
    date: ctx.today,
    page: PAGE,
    sections: [managerSection, needsSection],
    signOff: [{ label: '编制人' }, { label: '片区经理', name: area?.name }, { label: '日期' }],
    fileName: `${ctx.organisation}-${monthTag(yearMonth)}营销策略月度汇总表${area ? `-${summary.scopeName}` : ''}`,
  };
}
