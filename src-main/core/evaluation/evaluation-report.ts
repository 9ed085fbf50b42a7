/**
 * 绩效考核表 through the report pipeline (preview, PDF, XLSX, CLI export), read through getSheet as
 * the 绩效考核 screen is: 一、得分与排名 (each item's score, the total, the rank), 二、考核实绩 (the
 * figures scored) and 三、考核项目与计分规则 (weights, rules, this period's targets). `scopeId` is
 * the unit (by id or by name; default: the company); `period` a month, a quarter or the year.
 */
import type { EvaluationSheet } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import { EVALUATION_PERIOD, monthsOfPeriod } from '../../../src-shared/domain/evaluation';
import { localDay } from '../../../src-shared/domain/periods';
import { formatReportValue, type ReportColumn, type ReportDescription, type ReportRow, type TableSection } from '../../../src-shared/reports/report-model';
import type { ReportOptions } from '../feature';
import { readOrg } from '../org';
import { getWorkspaceInfo, type Workspace } from '../workspace';
import { getSheet } from './evaluation-service';

const LANDSCAPE = { size: 'A4', orientation: 'landscape', margins: { top: 12, right: 10, bottom: 12, left: 10 } } as const;

const textColumn = (key: string, header: string, width?: number): ReportColumn => ({
  key,
  header,
  format: { kind: 'text' },
  formula: { kind: 'none' },
  width,
  align: 'left',
});
const numberColumn = (key: string, header: string, decimals: number, width = 8): ReportColumn => ({
  key,
  header,
  format: { kind: 'number', decimals },
  formula: { kind: 'none' },
  width,
  align: 'right',
});

/** The period and unit a report (or a document's table) is of: the options' period, else their month, else this month of the plan year. */
export async function sheetFor(ws: Workspace, options: ReportOptions): Promise<EvaluationSheet> {
  const asked = options.period ?? options.yearMonth;
  const year = asked ? Number(asked.slice(0, 4)) : (options.year ?? (await getWorkspaceInfo(ws)).planYear);
  const today = localDay(ws.ctx.clock());
  const period = asked ?? (today.startsWith(String(year)) ? today.slice(0, 7) : `${year}-12`);
  if (!EVALUATION_PERIOD.test(period))
    throw new AppError('INVALID_INPUT', `考核期间格式应为 YYYY-MM、YYYY-Qn 或 YYYY / not an evaluation period: ${period}`, { reason: 'bad-period' });
  const units = readOrg(ws.db, year).units;
  // The CLI's --unit names it by id or by name.
  const unit = options.scopeId ? (units.find((u) => u.id === options.scopeId) ?? units.find((u) => u.name === options.scopeId)) : undefined;
  if (options.scopeId && !unit) throw new AppError('NOT_FOUND', `该单位不在本年度的组织中 / no unit ${options.scopeId} in ${year}`, { reason: 'unknown-unit' });
  return getSheet(ws, { year, period, unitId: unit?.id });
}

const tenthsOf = (value: number | null) => (value === null ? null : value / 10);
/** A figure kept in tenths as printed: 10, 2.5 (a whole number without its .0). */
const tenthsText = (tenths: number) => formatReportValue(tenths / 10, { kind: 'number', decimals: tenths % 10 === 0 ? 0 : 1 });

/** How an item's rule reads on paper: 实绩 ÷ 目标 × 权重，最高 120%. */
export function ruleText(item: EvaluationSheet['items'][number]): string {
  const weight = `${tenthsText(item.weight)} 分`;
  switch (item.rule) {
    case 'reference':
      return '考核基准，不计分';
    case 'attainment': {
      const base = item.key === 'salesActual' ? '实际完成销量 ÷ 原计划销售指标' : '实绩 ÷ 目标';
      return `${base} × ${weight}，最高 ${tenthsText(item.cap ?? 1000)}%`;
    }
    case 'deduction':
      return `满分 ${weight}，每${item.unit}扣 ${tenthsText(item.perUnit ?? 0)} 分，扣完为止`;
    case 'grade':
      return `评分（满分 100）× ${weight} ÷ 100`;
  }
}

/** The target a person is scored against for the period, as printed. */
function targetText(item: EvaluationSheet['items'][number]): string {
  if (item.key === 'salesActual') return '各人原计划销售指标';
  if (item.periodTarget === null) return '';
  const decimals = item.valueKind === 'count' ? 0 : 1;
  return `${formatReportValue(item.periodTarget / 10, { kind: 'number', decimals })} ${item.unit}`.trim();
}

type SheetRow = EvaluationSheet['rows'][number];

const detail = (row: SheetRow, cells: ReportRow['cells']): ReportRow => ({ id: row.personId, parentId: null, kind: 'detail', level: 0, cells });

/** 一、考核得分与排名: each scored item's points (its weight in the header), the total and the rank. */
function scoreSection(sheet: EvaluationSheet, rows: readonly SheetRow[]): TableSection {
  const scored = sheet.items.filter((i) => i.rule !== 'reference');
  return {
    kind: 'table',
    title: '一、考核得分与排名',
    columns: [
      numberColumn('rank', '排名', 0, 5),
      textColumn('name', '姓名', 8),
      textColumn('unit', '部门', 10),
      ...scored.map((item) => numberColumn(item.key, `${item.name}（${tenthsText(item.weight)}）`, 1, 7)),
      numberColumn('total', '总分', 1, 6),
    ],
    frozenColumns: 2,
    rows: rows.map((row) =>
      detail(row, {
        rank: row.rank,
        name: row.name,
        unit: row.unitName,
        ...Object.fromEntries(scored.map((item) => [item.key, tenthsOf(row.scores[item.key])])),
        total: row.total / 10,
      }),
    ),
    note: '注：括号内为该项权重（分），各项得分之和为总分，总分相同者名次并列。原计划销售指标取自目标分解的基本目标，实际完成销量取自进度跟踪。',
  };
}

/** 二、考核实绩: the figures scored, in their units, and 销售完成率. */
function figuresSection(sheet: EvaluationSheet, rows: readonly SheetRow[]): TableSection {
  const scale = 10 ** sheet.metric.precision;
  const decimalsOf = (item: EvaluationSheet['items'][number]) => (item.valueKind === 'plan' ? sheet.metric.precision : item.valueKind === 'count' ? 0 : 1);
  return {
    kind: 'table',
    title: '二、考核实绩',
    columns: [
      textColumn('name', '姓名', 8),
      ...sheet.items.map((item) => numberColumn(item.key, item.unit ? `${item.name}（${item.unit}）` : item.name, decimalsOf(item), 8)),
      { ...numberColumn('salesRate', '销售完成率', 1, 7), format: { kind: 'percent', decimals: 1 } },
    ],
    frozenColumns: 1,
    rows: rows.map((row) =>
      detail(row, {
        name: row.name,
        ...Object.fromEntries(
          sheet.items.map((item) => {
            const value = row.values[item.key];
            return [item.key, value === null ? null : item.valueKind === 'plan' ? value / scale : value / 10];
          }),
        ),
        salesRate: row.salesRate,
      }),
    ),
    note: sheet.editable ? undefined : '注：季度和年度的数量为各月之和，比率和评分为已填月份的平均数。',
  };
}

/** 三、考核项目与计分规则: what each item weighs, how it is scored, this period's target. */
function rulesSection(sheet: EvaluationSheet): TableSection {
  return {
    kind: 'table',
    title: '三、考核项目与计分规则',
    columns: [
      numberColumn('no', '序号', 0, 5),
      textColumn('item', '考核项目', 18),
      numberColumn('weight', '权重（分）', 1, 8),
      textColumn('rule', '计分规则', 40),
      textColumn('target', '本期目标', 14),
    ],
    rows: sheet.items.map((item, i) => ({
      id: item.key,
      parentId: null,
      kind: 'detail' as const,
      level: 0,
      cells: { no: i + 1, item: item.name, weight: item.weight / 10, rule: ruleText(item), target: targetText(item) },
    })),
  };
}

/** （计至 11 月） for a quarter or a year still in progress. */
export function throughText(sheet: Pick<EvaluationSheet, 'period' | 'months'>): string {
  const last = sheet.months[sheet.months.length - 1];
  return sheet.months.length < monthsOfPeriod(sheet.period).length ? `（计至 ${Number(last.slice(5))} 月）` : '';
}

export async function buildEvaluationReport(ws: Workspace, options: ReportOptions): Promise<ReportDescription> {
  const sheet = await sheetFor(ws, options);
  const rows = [...sheet.rows].sort((a, b) => a.rank - b.rank);
  return {
    title: `${sheet.periodLabel.zh}销售人员绩效考核表`,
    period: sheet.periodLabel.zh + throughText(sheet),
    unit: `得分为分，${sheet.metric.name}为${sheet.metric.unit}`,
    organisation: sheet.unitName,
    date: localDay(ws.ctx.clock()),
    page: LANDSCAPE,
    fileName: `${sheet.unitName}-${sheet.period}绩效考核表`,
    sections: [scoreSection(sheet, rows), figuresSection(sheet, rows), rulesSection(sheet)],
    signOff: [{ label: '考核人' }, { label: '审核人' }, { label: '日期' }],
  };
}
