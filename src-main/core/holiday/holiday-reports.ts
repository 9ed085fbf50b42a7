/**
 * The holiday plans through the report pipeline (preview, PDF, XLSX, CLI export): the sales
 * targets by store, 班组 and employee; the daily tracking sheet; the stocking plan with its
 * warnings and each warned category's chart; the duty roster as the notice is printed. Every
 * figure is read through the same services the screens use. `year` is the season.
 */
import type { HolidayRoster, HolidayStock } from '../../../src-shared/contract/channels';
import { stockChartOption } from '../../../src-shared/charts/holiday-charts';
import { comingSeason } from '../../../src-shared/domain/holiday-season';
import { localDay } from '../../../src-shared/domain/periods';
import type { ReportColumn, ReportColumnGroup, ReportDescription, ReportRow, ReportSection } from '../../../src-shared/reports/report-model';
import type { ReportOptions } from '../feature';
import type { Workspace } from '../workspace';
import { getHolidaySplit } from './holiday-split';
import { getStock } from './holiday-stock';
import { getRoster } from './holiday-roster';
import { listInspections } from './holiday-inspection';
import { getHolidayTracking } from './holiday-tracking';
import { getSeason } from './season-service';
import { SAMPLE_RETAIL_ARM } from './holiday-sample';
import { readOrg } from '../org';

export const PORTRAIT = { size: 'A4', orientation: 'portrait', margins: { top: 15, right: 12, bottom: 15, left: 12 } } as const;
const LANDSCAPE = { size: 'A4', orientation: 'landscape', margins: { top: 12, right: 10, bottom: 12, left: 10 } } as const;

export const text = (key: string, header: string, width?: number): ReportColumn => ({
  key,
  header,
  format: { kind: 'text' },
  formula: { kind: 'none' },
  width,
  align: 'left',
});
export const amount = (key: string, header: string, sum = true): ReportColumn => ({
  key,
  header,
  format: { kind: 'number', decimals: 0 },
  formula: sum ? { kind: 'input' } : { kind: 'none' },
  align: 'right',
});
const rate = (key: string, header: string, numerator: string, denominator: string): ReportColumn => ({
  key,
  header,
  format: { kind: 'percent', decimals: 1 },
  formula: { kind: 'ratio', numerator, denominator },
  align: 'right',
});

function seasonOf(ws: Workspace, options: ReportOptions): number {
  return options.year ?? comingSeason(localDay(ws.ctx.clock()));
}

/** The retail organisation the stores are in: the top unit above the first store. */
function organisationOf(ws: Workspace, season: number): string {
  const { units } = readOrg(ws.db, season, 'all');
  const byId = new Map(units.map((u) => [u.id, u]));
  let at = units.find((u) => u.level === 'store');
  while (at?.parentId) at = byId.get(at.parentId);
  return at?.name ?? SAMPLE_RETAIL_ARM;
}

export async function header(ws: Workspace, options: ReportOptions) {
  const season = seasonOf(ws, options);
  const info = getSeason(ws, season);
  return {
    season,
    info,
    organisation: organisationOf(ws, season),
    today: localDay(ws.ctx.clock()),
    period: `${info.firstDay} 至 ${info.lastDay}（春节 ${info.springFestival}）`,
  };
}

/** 两节销售目标分解表: every store, 班组 and employee with both targets and last season's actual. */
export async function buildHolidayTargetsReport(ws: Workspace, options: ReportOptions): Promise<ReportDescription> {
  const h = await header(ws, options);
  const [basic, challenge, last] = await Promise.all([
    getHolidaySplit(ws, h.season, 'basic'),
    getHolidaySplit(ws, h.season, 'challenge'),
    getHolidayTracking(ws, h.season - 1),
  ]);
  const challengeOf = new Map(challenge.rows.map((r) => [r.id, r.total]));
  const lastOf = new Map(last.rows.map((r) => [r.id, r.actual]));
  const rows: ReportRow[] = basic.rows.map((r) => ({
    id: r.id,
    parentId: r.parentId,
    kind: r.kind === 'person' ? 'detail' : 'subtotal',
    level: r.depth,
    cells: {
      name: r.name,
      label: r.kind === 'person' ? r.label : '',
      lastYear: lastOf.get(r.id) ?? null,
      basic: r.total,
      challenge: challengeOf.get(r.id) ?? 0,
    },
  }));
  const stores = basic.rows.filter((r) => r.kind === 'store');
  rows.push({
    id: '__total',
    parentId: null,
    kind: 'total',
    level: 0,
    cells: {
      name: '合计',
      label: '',
      lastYear: stores.reduce((a, s) => a + (lastOf.get(s.id) ?? 0), 0),
      basic: stores.reduce((a, s) => a + s.total, 0),
      challenge: stores.reduce((a, s) => a + (challengeOf.get(s.id) ?? 0), 0),
    },
  });
  return {
    title: `${h.season} 年两节销售目标分解表`,
    unit: '单位：元',
    period: h.period,
    organisation: h.organisation,
    date: h.today,
    page: PORTRAIT,
    sections: [
      {
        kind: 'table',
        columns: [
          text('name', '门店 / 班组 / 员工', 22),
          text('label', '岗位', 8),
          amount('lastYear', '上年同期实际'),
          amount('basic', '基本目标'),
          amount('challenge', '挑战目标'),
        ],
        rows,
        frozenColumns: 1,
        note: '注：门店目标为各品类目标之和；上年同期按农历日期对齐。',
      },
    ],
    signOff: [{ label: '编制人' }, { label: '审核人' }, { label: '日期' }],
    fileName: `${h.organisation}-${h.season}年两节销售目标分解表`,
  };
}

/** 两节销售逐日跟踪表: targets, actual to date, completion, gap and run-rate; then the stores' days. */
export async function buildHolidayTrackingReport(ws: Workspace, options: ReportOptions): Promise<ReportDescription> {
  const h = await header(ws, options);
  const tracking = await getHolidayTracking(ws, h.season);
  const rows: ReportRow[] = tracking.rows.map((r) => ({
    id: r.id,
    parentId: r.parentId,
    kind: r.kind === 'person' ? 'detail' : 'subtotal',
    level: r.depth,
    cells: {
      name: r.name,
      basic: r.basic,
      actual: r.actual,
      basicRate: r.basicRate,
      challenge: r.challenge,
      challengeRate: r.challengeRate,
      planned: r.plannedToDate,
      gap: r.gap,
      needed: r.dailyNeeded,
      rank: r.rank,
    },
  }));
  const summary: ReportSection = {
    kind: 'table',
    title: '一、目标完成情况',
    columns: [
      text('name', '门店 / 班组 / 员工', 20),
      amount('basic', '基本目标'),
      amount('actual', '实际完成'),
      rate('basicRate', '基本完成率', 'actual', 'basic'),
      amount('challenge', '挑战目标'),
      rate('challengeRate', '挑战完成率', 'actual', 'challenge'),
      amount('planned', '按计划应完成'),
      amount('gap', '进度差', false),
      amount('needed', '日均需完成', false),
      { ...amount('rank', '优胜杯名次', false), formula: { kind: 'none' } },
    ],
    rows,
    frozenColumns: 1,
    note: tracking.asOf
      ? `注：截至 ${tracking.asOf}，第 ${tracking.elapsedDays} 天，共 ${tracking.windowDays} 天，序时进度 ${(tracking.timeProgress * 100).toFixed(1)}%。`
      : `注：本季尚未开始（首日 ${tracking.days[0]?.day ?? ''}）。`,
  };
  const stores = tracking.rows.filter((r) => r.kind === 'store');
  const dayRows: ReportRow[] = tracking.days
    .map((d, i) => ({ d, i }))
    .filter(({ d }) => !tracking.asOf || d.day <= tracking.asOf)
    .map(({ d, i }) => ({
      id: d.day,
      parentId: null,
      kind: 'detail' as const,
      level: 0,
      cells: { day: `${d.day} ${d.lunar}${d.mark ? ` ${d.mark}` : ''}`, ...Object.fromEntries(stores.map((s) => [s.id, s.actuals[i]])) },
    }));
  const days: ReportSection = {
    kind: 'table',
    title: '二、各门店每日实际',
    columns: [text('day', '日期', 20), ...stores.map((s) => amount(s.id, s.name))],
    rows: dayRows,
    frozenColumns: 1,
  };
  return {
    title: `${h.season} 年两节销售逐日跟踪表`,
    unit: '单位：元',
    period: h.period,
    organisation: h.organisation,
    date: h.today,
    page: LANDSCAPE,
    sections: [summary, days],
    signOff: [{ label: '编制人' }, { label: '审核人' }, { label: '日期' }],
    fileName: `${h.organisation}-${h.season}年两节销售逐日跟踪表`,
  };
}

/** The stocking plan's sheet of one store, as printed and as holiday-import.ts reads it back. */
export const STOCK_TABLE_NAME = '两节备货计划';
export function stockColumns(): Array<ReportColumn | ReportColumnGroup> {
  return [
    text('name', '品类', 10),
    text('unit', '单位', 5),
    amount('lastYear', '上年同期销量', false),
    amount('forecast', '预测销量', false),
    amount('opening', '期初库存', false),
    amount('delivered', '计划到货', false),
    { ...amount('deliveries', '到货批次', false), format: { kind: 'text' }, align: 'left', width: 30, wrap: true },
    amount('safetyDays', '安全天数', false),
    amount('safety', '安全库存', false),
    amount('closing', '期末预计库存', false),
    text('state', '状态', 8),
  ];
}

/**
 * 江城粮油批发：12-23 3762；01-02 4269 … (the supplier once when there is one). A lot is one
 * unbreakable run (no-break spaces, no thousands comma) so a narrow printed column wraps only
 * between lots, never inside a quantity. holiday-import.ts parses it back (parseDeliveryLine).
 */
export function deliveryLine(deliveries: HolidayStock['rows'][number]['deliveries']): string {
  const suppliers = [...new Set(deliveries.map((d) => d.supplier))];
  const one = suppliers.length === 1;
  const lots = deliveries.map((d) => `${d.arrivalDay.slice(5)}${one ? '' : `\u00a0${d.supplier}`}\u00a0${d.quantity}`).join('；');
  return one ? `${suppliers[0]}：${lots}` : lots;
}

const WARNING_KIND = { 'below-safety': '预警', 'stock-out': '断货' } as const;

/** The stores of the unscoped stocking plan, in its order (its sheets 一、二、… in XLSX). */
export async function stockStoreIds(ws: Workspace, season: number): Promise<string[]> {
  return (await getHolidaySplit(ws, season, 'basic')).rows.filter((r) => r.kind === 'store').map((r) => r.id);
}

/** 两节备货计划: per store the categories' plan, its warnings, and each warned category's stock chart. */
export async function buildHolidayStockReport(ws: Workspace, options: ReportOptions): Promise<ReportDescription> {
  const h = await header(ws, options);
  const storeIds = options.scopeId ? [options.scopeId] : await stockStoreIds(ws, h.season);
  const stocks: Array<HolidayStock & { name: string }> = [];
  const names = new Map(readOrg(ws.db, h.season, 'all').units.map((u) => [u.id, u.name]));
  for (const storeId of storeIds) stocks.push({ ...(await getStock(ws, h.season, storeId)), name: names.get(storeId) ?? storeId });
  const sections: ReportSection[] = [];
  stocks.forEach((stock, s) => {
    const ordinal = '一二三四五六七八九十'[s] ?? String(s + 1);
    sections.push({
      kind: 'table',
      title: `${ordinal}、${stock.name}`,
      columns: stockColumns(),
      rows: stock.rows.map((r) => ({
        id: `${stock.storeId}|${r.categoryId}`,
        parentId: null,
        kind: 'detail',
        level: 0,
        cells: {
          name: r.name,
          unit: r.unit,
          lastYear: r.lastYearQuantity,
          forecast: r.forecastTotal,
          opening: r.opening,
          delivered: r.delivered,
          deliveries: deliveryLine(r.deliveries),
          safetyDays: r.safetyDays,
          safety: r.safety,
          closing: r.projected[r.projected.length - 1] ?? r.opening,
          state: r.states.includes('stock-out') ? '断货' : r.states.includes('below-safety') ? '预警' : '正常',
        },
      })),
      frozenColumns: 1,
      note: '注：预测销量 = 上年同期（农历对齐）每日销量 × 今年基本目标 ÷ 上年同期销售额；安全库存 = 安全天数 × 时段日均预测销量；到货计入当天营业前。',
    });
    if (stock.warnings.length > 0) {
      const categoryName = new Map(stock.rows.map((r) => [r.categoryId, r]));
      sections.push({
        kind: 'table',
        title: `${stock.name}：库存预警`,
        columns: [
          text('category', '品类', 10),
          text('kind', '状态', 6),
          text('days', '日期', 24),
          amount('shortfall', '缺口', false),
          text('unit', '单位', 5),
          text('next', '下次到货', 12),
        ],
        rows: stock.warnings.map((w, i) => ({
          id: `w${s}-${i}`,
          parentId: null,
          kind: 'detail',
          level: 0,
          cells: {
            category: categoryName.get(w.categoryId)?.name ?? w.categoryId,
            kind: WARNING_KIND[w.kind],
            days: w.firstDay === w.lastDay ? w.firstDay : `${w.firstDay} 至 ${w.lastDay}`,
            shortfall: w.shortfall,
            unit: categoryName.get(w.categoryId)?.unit ?? '',
            next: w.nextArrival ?? '无后续到货',
          },
        })),
      });
      for (const categoryId of [...new Set(stock.warnings.map((w) => w.categoryId))]) {
        const row = categoryName.get(categoryId)!;
        sections.push({
          kind: 'chart',
          title: `${stock.name} · ${row.name}：预计库存与安全库存`,
          option: stockChartOption(stock, row, { title: '', projected: '预计库存', safety: '安全库存', arrivals: '到货', unit: row.unit }) as unknown as Record<
            string,
            unknown
          >,
          width: 250,
          height: 70,
        });
      }
    }
  });
  const scoped = options.scopeId ? stocks[0]?.name : undefined;
  return {
    title: `${h.season} 年${STOCK_TABLE_NAME}${scoped ? `（${scoped}）` : ''}`,
    unit: '数量单位见各品类',
    period: h.period,
    organisation: h.organisation,
    date: h.today,
    page: LANDSCAPE,
    sections,
    signOff: [{ label: '编制人' }, { label: '采购负责人' }, { label: '审核人' }, { label: '日期' }],
    fileName: `${h.organisation}-${h.season}年两节备货计划${scoped ? `-${scoped}` : ''}`,
  };
}

const SHIFT_NAME = { all: '', day: '白班', night: '夜班' } as const;
export const ROSTER_TABLE_NAME = '元旦、春节期间领导值班安排的通知';
/** A leader's cell of a shift nobody leads yet. */
export const ROSTER_GAP = '（空缺）';
export const rosterKey = (storeId: string, shift: string, field: 'leader' | 'deputy' | 'phone') => `${storeId}|${shift}|${field}`;

/** The roster notice's table: a row per day, per store (and shift) the leader, deputy and phone. */
export function rosterColumns(roster: Pick<HolidayRoster, 'stores'>): Array<ReportColumn | ReportColumnGroup> {
  return [
    text('day', '日期', 18),
    ...roster.stores.map((s): ReportColumnGroup => ({
      header: s.name,
      children: s.shifts.flatMap((shift) => [
        text(rosterKey(s.id, shift, 'leader'), `${SHIFT_NAME[shift]}值班领导`, 9),
        text(rosterKey(s.id, shift, 'deputy'), `${SHIFT_NAME[shift]}副职`, 8),
        text(rosterKey(s.id, shift, 'phone'), '联系电话', 12),
      ]),
    })),
  ];
}

/** 两节期间领导值班表, printed as the notice: a row per day, per store the leader, deputy and phone. */
export async function buildHolidayRosterReport(ws: Workspace, options: ReportOptions): Promise<ReportDescription> {
  const h = await header(ws, options);
  const roster = await getRoster(ws, h.season);
  const person = new Map(roster.people.map((p) => [p.id, p.name]));
  const entry = new Map(roster.entries.map((e) => [`${e.storeId}|${e.day}|${e.shift}`, e]));
  const columns = rosterColumns(roster);
  const rows: ReportRow[] = roster.days.map((d) => ({
    id: d.day,
    parentId: null,
    kind: 'detail',
    level: 0,
    cells: {
      day: `${d.day.slice(5)} ${d.lunar.replace(/^.*月/, '')}${d.mark ? ` ${d.mark}` : ''}`,
      ...Object.fromEntries(
        roster.stores.flatMap((s) =>
          s.shifts.flatMap((shift) => {
            const e = entry.get(`${s.id}|${d.day}|${shift}`);
            return [
              [rosterKey(s.id, shift, 'leader'), e?.leaderId ? (person.get(e.leaderId) ?? '') : ROSTER_GAP],
              [rosterKey(s.id, shift, 'deputy'), e?.deputyId ? (person.get(e.deputyId) ?? '') : ''],
              [rosterKey(s.id, shift, 'phone'), e?.phone ?? ''],
            ];
          }),
        ),
      ),
    },
  }));
  const gaps = roster.gaps.length;
  return {
    title: `关于 ${h.season} 年${ROSTER_TABLE_NAME}`,
    period: h.period,
    organisation: h.organisation,
    date: h.today,
    page: LANDSCAPE,
    sections: [
      {
        kind: 'text',
        paragraphs: [
          `各门店：为做好 ${h.season} 年元旦、春节两节期间的供应和安全工作，加强节日期间的领导值班制，落实相关责任，现将值班安排通知如下。值班人员须坚守岗位，保持通讯畅通，出现重大情况及时上报。`,
        ],
      },
      { kind: 'table', columns, rows, frozenColumns: 1, note: gaps > 0 ? `注：尚有 ${gaps} 个班次未安排值班领导（表中“空缺”）。` : undefined },
    ],
    signOff: [{ label: '签发人' }, { label: '日期' }],
    fileName: `${h.organisation}-${h.season}年两节领导值班表`,
  };
}

const RESULT_NAME = { ok: '合格', fix: '需整改' } as const;

/** 节日安全自查记录: each inspection's checklist with its results, findings and 整改, signed off. */
export async function buildHolidayInspectionReport(ws: Workspace, options: ReportOptions): Promise<ReportDescription> {
  const h = await header(ws, options);
  const { inspections, openFixes } = await listInspections(ws, h.season);
  const sections: ReportSection[] = inspections.map((inspection, n) => ({
    kind: 'table',
    title: `${'一二三四五六七八九十'[n] ?? String(n + 1)}、${inspection.storeName}（${inspection.day}，检查人：${inspection.inspector}）`,
    columns: [
      text('area', '类别', 8),
      { ...text('item', '检查项目', 34), wrap: true },
      text('result', '结果', 7),
      { ...text('finding', '发现的问题', 24), wrap: true },
      text('owner', '整改责任人', 9),
      text('deadline', '整改期限', 10),
      text('closed', '整改完成', 10),
    ],
    rows: inspection.items.map((item) => ({
      id: `${inspection.id}|${item.key}`,
      parentId: null,
      kind: 'detail',
      level: 0,
      cells: {
        area: item.area,
        item: item.item,
        result: item.result ? RESULT_NAME[item.result] : '未检查',
        finding: item.finding ?? '',
        owner: item.owner ?? '',
        deadline: item.deadline ?? '',
        closed: item.closedOn ?? (item.result === 'fix' ? '未完成' : ''),
      },
    })),
  }));
  if (inspections.length === 0) sections.push({ kind: 'text', paragraphs: ['本季尚无安全自查记录。'] });
  return {
    title: `${h.season} 年元旦、春节节日安全自查记录`,
    period: h.period,
    organisation: h.organisation,
    date: h.today,
    page: LANDSCAPE,
    sections: [
      ...sections,
      { kind: 'text', paragraphs: [openFixes.length > 0 ? `尚未完成整改 ${openFixes.length} 项，请责任人按期整改并报安全负责人复查。` : '全部整改项已完成。'] },
    ],
    signOff: [{ label: '检查人' }, { label: '门店负责人' }, { label: '安全负责人' }, { label: '日期' }],
    fileName: `${h.organisation}-${h.season}年节日安全自查记录`,
  };
}
