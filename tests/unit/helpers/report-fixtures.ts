/**
 * Hand-built report descriptions for the renderer tests and the PDF bench: an org tree (branches
 * with subtotals, people as detail rows, a total), a two-level header (name + two metric groups
 * of 上年实际 / 基本目标 / 挑战目标 / 实际 / 基本完成率 / 同比增长), a bar chart, a text section and
 * a sign-off line. Deterministic: the same options give the same description.
 */
import type { ReportBand, ReportColumn, ReportColumnGroup, ReportDescription, ReportRow, ReportSection } from '../../../src-shared/reports/report-model';
import { seededRandom as random } from '../../../src-shared/domain/random';

export interface ReportFixtureOptions {
  /** Number of detail rows (people). */
  detailRows: number;
  /** People per branch (one subtotal row each). Default 8. */
  peoplePerBranch?: number;
  withChart?: boolean;
  withText?: boolean;
  withSignOff?: boolean;
  /** Replaces the first person's name (e.g. with markup, to test escaping). */
  firstName?: string;
  page?: ReportDescription['page'];
}

const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '秀英',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀兰',
  '霞',
  '平',
  '刚',
  '桂英',
  '建华',
  '晓东',
  '志强',
  '海燕',
  '文博',
];
const BRANCHES = ['城东分公司', '城西分公司', '城南分公司', '城北分公司', '高新区分公司', '经开区分公司', '滨江分公司', '临港分公司'];

const METRICS = [
  { id: 'rev', name: '业务收入', unit: '万元', decimals: 2, base: 180 },
  { id: 'users', name: '新增用户', unit: '户', decimals: 0, base: 420 },
] as const;

export const FIXTURE_MEASURES = ['上年实际', '基本目标', '挑战目标', '实际', '基本完成率', '同比增长'] as const;

export function personName(i: number): string {
  return `${SURNAMES[i % SURNAMES.length]}${GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]}`;
}

function metricGroup(metric: (typeof METRICS)[number]): ReportColumnGroup {
  const k = (m: string) => `${metric.id}:${m}`;
  const value = { kind: 'number', decimals: metric.decimals } as const;
  const children: ReportColumn[] = [
    { key: k('last'), header: '上年实际', format: value, formula: { kind: 'input' }, align: 'right' },
    { key: k('basic'), header: '基本目标', format: value, formula: { kind: 'input' }, align: 'right' },
    { key: k('challenge'), header: '挑战目标', format: value, formula: { kind: 'input' }, align: 'right' },
    { key: k('actual'), header: '实际', format: value, formula: { kind: 'input' }, align: 'right' },
    {
      key: k('basicRate'),
      header: '基本完成率',
      format: { kind: 'percent', decimals: 1 },
      formula: { kind: 'ratio', numerator: k('actual'), denominator: k('basic') },
      align: 'right',
      bandKey: metric.id,
    },
    {
      key: k('yoy'),
      header: '同比增长',
      format: { kind: 'percent', decimals: 1 },
      formula: { kind: 'ratio', numerator: k('actual'), minus: k('last'), denominator: k('last') },
      align: 'right',
    },
  ];
  return { header: `${metric.name}（${metric.unit}）`, children };
}

export function fixtureColumns(): Array<ReportColumn | ReportColumnGroup> {
  return [{ key: 'name', header: '单位 / 人员', format: { kind: 'text' }, formula: { kind: 'none' }, width: 16, align: 'left' }, ...METRICS.map(metricGroup)];
}

type Values = Record<string, { last: number; basic: number; challenge: number; actual: number }>;

function band(v: Values[string]): ReportBand {
  return v.actual >= v.challenge ? 'challenge' : v.actual >= v.basic ? 'basic' : 'below-basic';
}

function reportRow(id: string, parentId: string | null, kind: ReportRow['kind'], level: number, name: string, values: Values): ReportRow {
  const cells: ReportRow['cells'] = { name };
  const bands: Record<string, ReportBand> = {};
  for (const metric of METRICS) {
    const v = values[metric.id];
    const round = (x: number) => Number(x.toFixed(metric.decimals));
    cells[`${metric.id}:last`] = round(v.last);
    cells[`${metric.id}:basic`] = round(v.basic);
    cells[`${metric.id}:challenge`] = round(v.challenge);
    cells[`${metric.id}:actual`] = round(v.actual);
    cells[`${metric.id}:basicRate`] = v.basic ? v.actual / v.basic : null;
    cells[`${metric.id}:yoy`] = v.last ? (v.actual - v.last) / v.last : null;
    bands[metric.id] = band(v);
  }
  return { id, parentId, kind, level, cells, bands };
}

function personValues(next: () => number): Values {
  const values: Values = {};
  for (const metric of METRICS) {
    const last = metric.base * (0.6 + next() * 0.8);
    const basic = last * (1.03 + next() * 0.07);
    const challenge = basic * 1.1;
    const actual = basic * (0.85 + next() * 0.35);
    values[metric.id] = { last, basic, challenge, actual };
  }
  return values;
}

function sumValues(list: Values[]): Values {
  const out: Values = {};
  for (const metric of METRICS) {
    out[metric.id] = { last: 0, basic: 0, challenge: 0, actual: 0 };
    for (const v of list) for (const m of ['last', 'basic', 'challenge', 'actual'] as const) out[metric.id][m] += v[metric.id][m];
  }
  return out;
}

/** Branch subtotal rows (level 0) each followed by their people (level 1), then the total. */
export function fixtureRows(detailRows: number, peoplePerBranch = 8, firstName?: string): ReportRow[] {
  const next = random(20261126);
  const rows: ReportRow[] = [];
  const all: Values[] = [];
  for (let start = 0, b = 0; start < detailRows; start += peoplePerBranch, b++) {
    const branchId = `b${b}`;
    const people = Array.from({ length: Math.min(peoplePerBranch, detailRows - start) }, (_, j) => {
      const i = start + j;
      const values = personValues(next);
      const name = i === 0 && firstName !== undefined ? firstName : personName(i);
      return { row: reportRow(`p${i}`, branchId, 'detail', 1, name, values), values };
    });
    const branchValues = sumValues(people.map((p) => p.values));
    const branchName = `${BRANCHES[b % BRANCHES.length]}${b >= BRANCHES.length ? Math.floor(b / BRANCHES.length) + 1 : ''}`;
    rows.push(reportRow(branchId, null, 'subtotal', 0, branchName, branchValues), ...people.map((p) => p.row));
    all.push(branchValues);
  }
  rows.push(reportRow('__total', null, 'total', 0, '合计', sumValues(all)));
  return rows;
}

function chartSection(rows: ReportRow[]): ReportSection {
  const branches = rows.filter((r) => r.kind === 'subtotal').slice(0, 8);
  const series = (key: string, name: string, color: string) => ({
    name,
    type: 'bar',
    data: branches.map((r) => r.cells[`rev:${key}`]),
    itemStyle: { color },
  });
  return {
    kind: 'chart',
    title: '二、业务收入分单位对比',
    width: 240,
    height: 95,
    option: {
      title: { text: '业务收入（万元）', left: 'center', top: 4, textStyle: { fontSize: 14 } },
      legend: { bottom: 0 },
      grid: { left: 8, right: 16, top: 40, bottom: 36, containLabel: true },
      xAxis: { type: 'category', data: branches.map((r) => r.cells.name) },
      yAxis: { type: 'value', name: '万元' },
      series: [series('basic', '基本目标', '#91caff'), series('challenge', '挑战目标', '#1677ff'), series('actual', '实际', '#fa8c16')],
    },
  };
}

const TEXT_PARAGRAPHS = [
  '2026 年，全公司围绕年度经营目标，坚持“天天盯着计划走”，按月分解、按周跟踪、按日通报，业务收入和新增用户两项主要指标总体完成情况良好。',
  '从分单位情况看，城东、高新区等分公司完成挑战目标，城西、城北分公司未完成基本目标，主要原因是重点客户项目延期（预计次年一季度落地）以及存量用户流失。下一步将针对未完成单位逐一制定整改措施，明确责任人和完成时限，确保全年目标完成。',
];

export function buildReportFixture(options: ReportFixtureOptions): ReportDescription {
  const rows = fixtureRows(options.detailRows, options.peoplePerBranch, options.firstName);
  const sections: ReportSection[] = [];
  if (options.withText ?? true) sections.push({ kind: 'text', title: '一、总体完成情况', paragraphs: TEXT_PARAGRAPHS });
  if (options.withChart ?? true) sections.push(chartSection(rows));
  sections.push({
    kind: 'table',
    title: '三、分单位完成情况',
    columns: fixtureColumns(),
    rows,
    frozenColumns: 1,
    note: '注：基本完成率 = 实际 ÷ 基本目标；同比增长 = (实际 − 上年实际) ÷ 上年实际。',
  });
  return {
    title: '2026 年度目标完成情况表',
    unit: '单位：万元、户',
    period: '2026 年 1–11 月',
    organisation: '示例市分公司',
    date: '2026-11-26',
    page: options.page ?? { size: 'A4', orientation: 'landscape', margins: { top: 12, right: 10, bottom: 12, left: 10 } },
    sections,
    signOff: (options.withSignOff ?? true) ? [{ label: '编制人' }, { label: '审核人' }, { label: '批准人' }, { label: '日期' }] : undefined,
    fileName: '示例市分公司-2026年度目标完成情况表',
  };
}

/**
 * The smallest number of detail rows whose rendering has exactly `pages` pages: a linear estimate
 * from two renders, then a binary search (renderReportHtml is deterministic and monotonic in the
 * row count). Throws if no row count gives that many pages.
 */
export function detailRowsForPages(
  pages: number,
  options: Omit<ReportFixtureOptions, 'detailRows'>,
  pageCountOf: (report: ReportDescription) => number,
): number {
  const count = (detailRows: number) => pageCountOf(buildReportFixture({ ...options, detailRows }));
  const [n1, n2] = [32, 256];
  const [p1, p2] = [count(n1), count(n2)];
  const perPage = (n2 - n1) / Math.max(p2 - p1, 1);
  const estimate = Math.max(1, Math.round(n1 + (pages - p1) * perPage));
  let low = Math.max(1, estimate - Math.ceil(perPage));
  let high = estimate + Math.ceil(perPage);
  while (low > 1 && count(low) >= pages) low = Math.max(1, low - Math.ceil(perPage));
  while (count(high) < pages) high += Math.ceil(perPage);
  while (low < high) {
    const mid = (low + high) >> 1;
    if (count(mid) < pages) low = mid + 1;
    else high = mid;
  }
  if (count(low) !== pages) throw new Error(`no row count gives ${pages} pages`);
  return low;
}
