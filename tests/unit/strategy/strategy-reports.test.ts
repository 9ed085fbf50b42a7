/**
 * The printed strategy tables: descriptions, the paginated preview HTML, and the XLSX read back
 * with exceljs, all from a real sample workspace through dispatch.
 */
import ExcelJS from 'exceljs';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createCaller } from '../../../src-main/core/dispatch';
import { findChromium } from '../../../src-main/core/reports/pdf';
import { renderReportHtml } from '../../../src-main/core/reports/html-renderer';
import { buildScreeningReport } from '../../../src-main/core/screening/screening-report';
import { buildDemandReport, buildHabitReport, buildSummaryReport } from '../../../src-main/core/strategy/strategy-reports';
import type { ChannelInput, ReportId } from '../../../src-shared/contract/channels';
import { leafColumns, type ReportDescription, type TableSection } from '../../../src-shared/reports/report-model';
import { sampleWorkspacePerTest } from '../helpers/workspace';

const MONTH = '2026-11';

const openTestWorkspace = sampleWorkspacePerTest();

async function setup() {
  const ws = await openTestWorkspace();
  return { ws, call: createCaller(ws) };
}
type Call = Awaited<ReturnType<typeof setup>>['call'];

/** The preview's text with the line breaks of wrapped cells taken out. */
async function previewText(call: Call, report: ReportId, options: Omit<ChannelInput<'reports/preview'>, 'report'> = {}) {
  const preview = await call('reports/preview', { report, ...options });
  return { ...preview, flat: preview.html.replace(/<br>/g, '') };
}

async function exportBook(call: Call, report: ReportId, options: Partial<ChannelInput<'reports/export'>> = {}) {
  const result = await call('reports/export', { report, format: 'xlsx', jobId: `job-${report}`, ...options });
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(result.base64!, 'base64') as never);
  return { result, book, sheet: book.worksheets[0] };
}

function merges(sheet: ExcelJS.Worksheet): string[] {
  return [...(sheet.model as unknown as { merges: string[] }).merges].sort();
}

function rowOf(sheet: ExcelJS.Worksheet, column: number, text: string): ExcelJS.Row {
  for (let r = 1; r <= sheet.rowCount; r++) if (sheet.getRow(r).getCell(column).value === text) return sheet.getRow(r);
  throw new Error(`no row with ${text} in column ${column}`);
}

function table(report: ReportDescription, index = 0): TableSection {
  return report.sections.filter((s): s is TableSection => s.kind === 'table')[index];
}

/** A customer of the month whose demand row has an urgent point and a matched product. */
async function knownDemand(call: Call) {
  const month = await call('strategy/get-month', { yearMonth: MONTH });
  const customers = await call('customers/list', {});
  const dictionary = await call('dictionaries/list', {});
  const row = month.demandRows.find((r) => r.urgentPoint !== '' && r.demandPlan !== '' && r.products.length > 0)!;
  const customer = customers.find((c) => c.id === row.customerId)!;
  const product = dictionary.find((e) => e.id === row.products[0].productId)!;
  const productClass = dictionary.find((e) => e.id === product.parentId)!;
  return { month, row, customer, product, productClass, dictionary, customers };
}

describe('《需求分析及产品匹配策略表》', () => {
  it('is described with the grouped headers of the source plan, product classes from the dictionary, rows grouped by class', async () => {
    const { ws, call } = await setup();
    const { month, dictionary, customers } = await knownDemand(call);
    const report = await buildDemandReport(ws, { yearMonth: MONTH });
    expect(report.title).toBe('2026 年 11 月需求分析及产品匹配策略表');
    expect(report.page).toMatchObject({ size: 'A4', orientation: 'landscape' });
    expect(report.signOff?.map((s) => s.label)).toEqual(['填表人', '片区经理', '日期']);
    const section = table(report);
    expect(section.columns.map((c) => c.header)).toEqual(['序号', '客户单位', '客户类别', '显性需求', '隐性需求', '匹配产品', '客户经理', '状态']);
    const productClasses = dictionary.filter((e) => e.dictionary === 'product-class').map((e) => e.name);
    expect(productClasses).toEqual(['基础通信', '办公管理', '营销服务', '生产控制']);
    expect(leafColumns(section.columns).map((c) => c.header)).toEqual([
      '序号',
      '客户单位',
      '大类',
      '小类',
      '需求迫切点',
      '有需求计划',
      '有潜在计划',
      '需要引导需求',
      ...productClasses,
      '客户经理',
      '状态',
    ]);
    expect(
      leafColumns(section.columns)
        .filter((c) => c.wrap)
        .map((c) => c.header),
    ).toEqual(['需求迫切点', '有需求计划', '有潜在计划', '需要引导需求', ...productClasses]);

    // Every row of the month once, and a blank 未填写 line for each customer due without one (so
    // the file is an offline template), numbered, 大类 then 小类 in dictionary order.
    const filled = new Set(month.demandRows.map((r) => r.customerId));
    const dueWithoutRow = (await call('strategy/list-due', { yearMonth: MONTH })).filter((d) => d.reasons.includes('missing') && !filled.has(d.customerId));
    expect(dueWithoutRow.length).toBeGreaterThan(0);
    expect(section.rows).toHaveLength(month.demandRows.length + dueWithoutRow.length);
    expect(
      section.rows
        .filter((r) => r.cells.status === '未填写')
        .map((r) => r.id)
        .sort(),
    ).toEqual(dueWithoutRow.map((d) => d.customerId).sort());
    expect(section.rows.map((r) => r.cells.seq)).toEqual(section.rows.map((_, i) => i + 1));
    const classes = dictionary.filter((e) => e.dictionary === 'customer-class');
    const rank = (name: string) => {
      const small = classes.find((c) => c.name === name && c.parentId !== null)!;
      const big = classes.find((c) => c.id === small.parentId)!;
      return big.sortOrder * 100 + small.sortOrder;
    };
    const ranks = section.rows.map((r) => rank(r.cells.class as string));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(section.rows[0].cells['class-parent']).toBe('企业');
    expect(section.rows.at(-1)!.cells['class-parent']).toBe('事业');
    const reviewed = month.demandRows.filter((r) => r.reviewed).length;
    expect(section.rows.filter((r) => r.cells.status === '已复核')).toHaveLength(reviewed);
    expect(section.rows.filter((r) => r.cells.status === '待复核')).toHaveLength(month.demandRows.length - reviewed);
    expect(new Set(section.rows.filter((r) => r.cells.status !== '未填写').map((r) => r.cells.customer))).toEqual(
      new Set(month.demandRows.map((r) => customers.find((c) => c.id === r.customerId)!.name)),
    );
  });

  it('previews as paginated HTML with the grouped headers and a known customer’s needs and products', async () => {
    const { call } = await setup();
    const { row, customer, product, productClass } = await knownDemand(call);
    const { html, flat, pageCount } = await previewText(call, 'strategy-demand', { yearMonth: MONTH });
    expect(pageCount).toBeGreaterThanOrEqual(2);
    expect(html).toContain('2026 年 11 月需求分析及产品匹配策略表');
    expect(html).toMatch(/<th class="group" colspan="2">客户类别<\/th>/);
    expect(html).toMatch(/<th class="group" colspan="2">显性需求<\/th>/);
    expect(html).toMatch(/<th class="group" colspan="2">隐性需求<\/th>/);
    expect(html).toMatch(/<th class="group" colspan="4">匹配产品<\/th>/);
    expect(html).toContain(`<th class="leaf">${productClass.name}</th>`);
    // The header is repeated on every page.
    expect(
      html
        .split('<section class="page">')
        .slice(1)
        .every((page) => page.includes('需求迫切点')),
    ).toBe(true);
    expect(flat).toContain(customer.name);
    expect(flat).toContain(row.urgentPoint);
    expect(flat).toContain(row.demandPlan);
    expect(flat).toContain(product.name);
    // Long needs wrap onto lines in rows that grow, instead of being cut.
    expect(html).toMatch(/<td class="text al-left wrap">[^<]+<br>/);
    expect(html).toMatch(/<tr class="detail lines-\d">/);
    expect(html).toContain('填表人');
  });

  it('narrows to one account manager with scopeId, the sign-off naming them', async () => {
    const { ws, call } = await setup();
    const customers = await call('customers/list', {});
    const managerId = customers[0].managerId;
    const tree = await call('org/list-tree', {});
    const manager = tree.people.find((p) => p.id === managerId)!;
    const mine = new Set(customers.filter((c) => c.managerId === managerId).map((c) => c.name));
    const report = await buildDemandReport(ws, { yearMonth: MONTH, scopeId: managerId });
    const rows = table(report).rows;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => mine.has(r.cells.customer as string) && r.cells.manager === manager.name)).toBe(true);
    expect(report.signOff?.[0]).toEqual({ label: '填表人', name: manager.name });
    expect(report.period).toContain(manager.name);
    expect(report.fileName).toContain(manager.name);
    await expect(buildDemandReport(ws, { yearMonth: MONTH, scopeId: 'nobody' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('uses the clock’s month when none is given', async () => {
    const { ws } = await setup();
    const report = await buildDemandReport(ws, {});
    expect(report.title).toBe('2026 年 11 月需求分析及产品匹配策略表');
    const october = await buildDemandReport(ws, { yearMonth: '2026-10' });
    expect(october.title).toBe('2026 年 10 月需求分析及产品匹配策略表');
    expect(table(october).rows.length).toBeGreaterThan(0);
  });

  it('exports XLSX with merged group headers, A4 landscape, wrapped need cells and the cell values', async () => {
    const { call } = await setup();
    const { row, customer, product, productClass } = await knownDemand(call);
    const { result, sheet } = await exportBook(call, 'strategy-demand', { yearMonth: MONTH });
    expect(result.fileName).toBe('江城市分公司-2026年11月需求分析及产品匹配策略表.xlsx');
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToWidth: 1 });
    expect(sheet.getCell('A1').value).toBe('2026 年 11 月需求分析及产品匹配策略表');
    expect(merges(sheet)).toEqual(expect.arrayContaining(['A3:A4', 'B3:B4', 'C3:D3', 'E3:F3', 'G3:H3', 'I3:L3', 'M3:M4', 'N3:N4']));
    expect(['C3', 'E3', 'G3', 'I3'].map((a) => sheet.getCell(a).value)).toEqual(['客户类别', '显性需求', '隐性需求', '匹配产品']);
    expect(['C4', 'D4', 'E4', 'F4', 'G4', 'H4', 'I4', 'J4', 'K4', 'L4'].map((a) => sheet.getCell(a).value)).toEqual([
      '大类',
      '小类',
      '需求迫切点',
      '有需求计划',
      '有潜在计划',
      '需要引导需求',
      '基础通信',
      '办公管理',
      '营销服务',
      '生产控制',
    ]);
    expect(sheet.pageSetup.printTitlesRow).toBe('3:4');

    const line = rowOf(sheet, 2, customer.name);
    expect(line.getCell(5).value).toBe(row.urgentPoint);
    expect(line.getCell(6).value).toBe(row.demandPlan);
    const productColumn = 9 + ['基础通信', '办公管理', '营销服务', '生产控制'].indexOf(productClass.name);
    expect(String(line.getCell(productColumn).value)).toContain(product.name);
    expect(line.getCell(5).alignment).toMatchObject({ wrapText: true });
    expect(line.getCell(2).alignment?.wrapText).toBeFalsy();
    // Text columns are wide enough to read, and rows with long text are taller.
    expect(sheet.getColumn(5).width).toBeGreaterThanOrEqual(12);
    const heights = Array.from({ length: sheet.rowCount - 4 }, (_, i) => sheet.getRow(5 + i).height ?? 0);
    expect(Math.max(...heights)).toBeGreaterThan(15);
    // Note and sign-off under the table.
    const texts = Array.from({ length: sheet.rowCount }, (_, i) => String(sheet.getRow(i + 1).getCell(1).value ?? ''));
    expect(texts.some((t) => t.startsWith('注：匹配产品'))).toBe(true);
    expect(texts.some((t) => t.startsWith('填表人：'))).toBe(true);
  });
});

describe('《消费习惯分析及促销策略表》', () => {
  it('names its four groups after the habit dimensions of the dictionary, renames included', async () => {
    const { ws, call } = await setup();
    const report = await buildHabitReport(ws, { yearMonth: MONTH });
    expect(report.title).toBe('2026 年 11 月消费习惯分析及促销策略表');
    const section = table(report);
    expect(section.columns.map((c) => c.header)).toEqual(['序号', '客户单位', '小类', '触媒习惯', '认知习惯', '购买习惯', '认可习惯', '客户经理', '状态']);
    expect(
      leafColumns(section.columns)
        .map((c) => c.header)
        .slice(3, 11),
    ).toEqual(['习惯', '媒体建议', '习惯', '传播方式建议', '习惯', '促销建议', '习惯', '客户服务建议']);
    const touch = (await call('dictionaries/list', { dictionary: 'habit-dimension' })).find((e) => e.name === '触媒习惯')!;
    await call('dictionaries/save-entry', { id: touch.id, dictionary: 'habit-dimension', name: '媒体接触习惯' });
    const { html, flat } = await previewText(call, 'strategy-habit', { yearMonth: MONTH });
    expect(html).toMatch(/<th class="group" colspan="2">媒体接触习惯<\/th>/);
    expect(html).not.toContain('>触媒习惯<');
    const month = await call('strategy/get-month', { yearMonth: MONTH });
    const habit = month.habitRows.find((r) => r.touchHabit !== '' && r.promotionAdvice !== '')!;
    expect(flat).toContain(habit.touchHabit);
    expect(flat).toContain(habit.promotionAdvice);
  });

  it('exports XLSX with a merged pair of columns per dimension', async () => {
    const { call } = await setup();
    const { sheet } = await exportBook(call, 'strategy-habit', { yearMonth: MONTH });
    expect(merges(sheet)).toEqual(expect.arrayContaining(['D3:E3', 'F3:G3', 'H3:I3', 'J3:K3']));
    expect(['D3', 'F3', 'H3', 'J3'].map((a) => sheet.getCell(a).value)).toEqual(['触媒习惯', '认知习惯', '购买习惯', '认可习惯']);
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9 });
    const month = await call('strategy/get-month', { yearMonth: MONTH });
    const customers = await call('customers/list', {});
    const habit = month.habitRows.find((r) => r.serviceAdvice !== '')!;
    const line = rowOf(sheet, 2, customers.find((c) => c.id === habit.customerId)!.name);
    expect(line.getCell(4).value).toBe(habit.touchHabit);
    expect(line.getCell(11).value).toBe(habit.serviceAdvice);
  });
});

describe('大客户筛选评分表', () => {
  it('prints indicator columns with their weights under 实力/能力/硬指标, the total, tiers and movement', async () => {
    const { ws, call } = await setup();
    const year = await call('screening/get-year', { year: 2026 });
    const report = await buildScreeningReport(ws, {});
    expect(report.title).toBe('2026 年度大客户筛选评分表');
    const section = table(report);
    const groups = section.columns.filter((c) => 'children' in c).map((c) => c.header);
    expect(groups).toEqual(['实力指标', '能力指标', '硬指标']);
    const headers = leafColumns(section.columns).map((c) => c.header);
    expect(headers.slice(0, 2)).toEqual(['客户单位', '小类']);
    expect(headers.slice(-5)).toEqual(['合计得分', '建议等级', '现等级', '上年等级', '变动']);
    for (const indicator of year.indicators) expect(headers).toContain(`${indicator.name}(${indicator.weight})`);
    expect(section.rows).toHaveLength(year.rows.length);
    const scored = year.rows.find((r) => r.total !== null && r.movement !== 'none')!;
    const printed = section.rows.find((r) => r.id === scored.customerId)!;
    expect(printed.cells.total).toBe(scored.total);
    expect(['上升', '下降', '持平', '新进', '退出']).toContain(printed.cells.movement);

    const { html } = await previewText(call, 'strategy-screening', { year: 2026 });
    expect(html).toMatch(/<th class="group" colspan="\d+">实力指标<\/th>/);
    expect(html).toContain(`${year.indicators[0].name}(${year.indicators[0].weight})`);
    expect(html).toContain(scored.name);

    const { sheet } = await exportBook(call, 'strategy-screening', { year: 2026 });
    const line = rowOf(sheet, 1, scored.name);
    const totalColumn = headers.indexOf('合计得分') + 1;
    expect(line.getCell(totalColumn).value).toBe(scored.total);
    expect(line.getCell(totalColumn).numFmt).toBe('#,##0.0');
    const first = year.indicators[0];
    expect(line.getCell(headers.indexOf(`${first.name}(${first.weight})`) + 1).value).toBe(scored.scores[first.id]);
  });
});

describe('营销策略月度汇总表', () => {
  it('tabulates the account managers with a total row and the needs by customer class, percentages formatted', async () => {
    const { ws, call } = await setup();
    const summary = await call('strategy/get-summary', { yearMonth: MONTH });
    const report = await buildSummaryReport(ws, { yearMonth: MONTH });
    expect(report.title).toBe('2026 年 11 月营销策略月度汇总表');
    const managers = table(report, 0);
    expect(leafColumns(managers.columns).map((c) => c.header)).toEqual(['客户经理', '所在部门', '客户数', '已填报', '待填', '填报率', '新增客户']);
    expect(managers.rows).toHaveLength(summary.managers.length + 1);
    expect(managers.rows.at(-1)).toMatchObject({
      kind: 'total',
      cells: { name: '合计', customers: summary.totals.customers, fillRate: summary.totals.fillRate },
    });
    expect(leafColumns(managers.columns).find((c) => c.key === 'fillRate')!.format).toEqual({ kind: 'percent', decimals: 1 });
    const needs = table(report, 1);
    expect(needs.columns.map((c) => c.header)).toEqual(['客户类别', '客户数', '显性需求', '隐性需求', '匹配产品数']);
    const total = needs.rows.at(-1)!;
    expect(total.cells.customers).toBe(summary.needsByClass.reduce((s, c) => s + c.customers, 0));
    expect(needs.rows.filter((r) => r.kind === 'subtotal').map((r) => r.cells.name)).toEqual(['企业', '事业']);

    const { html } = await previewText(call, 'strategy-summary', { yearMonth: MONTH });
    expect(html).toContain('一、客户经理填报情况');
    expect(html).toContain(summary.managers[0].name);
    const rate = summary.managers.find((m) => m.fillRate !== null)!.fillRate!;
    expect(html).toContain(`${(rate * 100).toFixed(1)}%`);

    const { book } = await exportBook(call, 'strategy-summary', { yearMonth: MONTH });
    const sheet = book.worksheets[0];
    const totalRow = rowOf(sheet, 1, '合计');
    expect((totalRow.getCell(3).value as ExcelJS.CellFormulaValue).formula).toMatch(/^SUM\(/);
    expect(totalRow.getCell(6).numFmt).toBe('0.0%');
    expect(book.worksheets[1].getCell('A1').value).toBe('2026 年 11 月营销策略月度汇总表');
  });

  it('narrows to an area manager’s team with scopeId', async () => {
    const { ws, call } = await setup();
    const tree = await call('org/list-tree', {});
    const area = tree.people.find((p) => p.role === '片区经理')!;
    const summary = await call('strategy/get-summary', { yearMonth: MONTH, areaManagerId: area.id });
    const report = await buildSummaryReport(ws, { yearMonth: MONTH, scopeId: area.id });
    expect(table(report).rows).toHaveLength(summary.managers.length + 1);
    expect(summary.managers.length).toBeLessThan(tree.people.filter((p) => p.role === '客户经理').length);
    expect(report.signOff?.find((s) => s.label === '片区经理')?.name).toBe(area.name);
  });
});

const chromiumPath = findChromium();

describe.skipIf(!chromiumPath)('wrapped cells in the browser', () => {
  it('fit their rows: no page of the demand and habit tables overflows, no wrapped line is cut', async () => {
    const { ws } = await setup();
    const browser = await chromium.launch({ executablePath: chromiumPath!, args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage();
      for (const report of [await buildDemandReport(ws, { yearMonth: MONTH }), await buildHabitReport(ws, { yearMonth: MONTH })]) {
        await page.setContent(renderReportHtml(report).html, { waitUntil: 'load' });
        await page.emulateMedia({ media: 'print' });
        const problems = await page.evaluate(() => {
          const boxes = [...document.querySelectorAll('.page, .page-body')]
            .map((el) => ({ el: el.className, dx: el.scrollWidth - el.clientWidth, dy: el.scrollHeight - el.clientHeight }))
            .filter((box) => box.dx > 0 || box.dy > 0);
          const cells = [...document.querySelectorAll('td.wrap')]
            .map((td) => ({ text: td.textContent, dx: td.scrollWidth - td.clientWidth, dy: td.scrollHeight - td.clientHeight }))
            .filter((cell) => cell.dx > 1 || cell.dy > 1);
          return { boxes, cells, wrapped: document.querySelectorAll('td.wrap br').length };
        });
        expect(problems.wrapped).toBeGreaterThan(20);
        expect({ boxes: problems.boxes, cells: problems.cells }).toEqual({ boxes: [], cells: [] });
      }
    } finally {
      await browser.close();
    }
  }, 120_000);
});
