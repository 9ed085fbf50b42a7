/**
 * XLSX renderer: real files in temp dirs, read back with exceljs. The fixture is built by hand:
 * an org tree (company total, two branches as subtotals, people as details) under a two-level
 * header (name + two additive metric groups + one percent-value ratio metric with a points column).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { formatChineseDate } from '../../src-shared/reports/report-model';
import { afterEach, describe, expect, it } from 'vitest';
import {
  excelNumberFormat,
  renderReportXlsx,
  sumFormula,
  writeReportXlsx,
  xlsxInternals,
} from '../../src-main/core/reports/xlsx-renderer';
import type { ReportBand, ReportColumn, ReportColumnGroup, ReportDescription, ReportRow, TableSection } from '../../src-shared/reports/report-model';

// ---------------------------------------------------------------------------------------------
// Fixture

/** Input values per detail row: [上年实际, 基本目标, 实际] per additive metric; due / collected / last year's rate. */
interface Inputs {
  rev: [number | null, number | null, number | null];
  usr: [number | null, number | null, number | null];
  due: number | null;
  collected: number | null;
  rateLy: number | null;
}

const LONG_NAME = '赵六（客户经理，负责重点大客户营销与服务）';

const PEOPLE: Array<{ id: string; parent: string; name: string; v: Inputs }> = [
  { id: 'p1', parent: 'b1', name: '张三', v: { rev: [100, 120, 126], usr: [50, 60, 45], due: 40, collected: 38, rateLy: 90 } },
  { id: 'p2', parent: 'b1', name: '李四', v: { rev: [80.5, 90, 99], usr: [30, 35, 36], due: 20, collected: 15, rateLy: 80 } },
  { id: 'p3', parent: 'b2', name: '王五', v: { rev: [0, 50, 40], usr: [10, 0, 5], due: 0, collected: 0, rateLy: null } },
  { id: 'p4', parent: 'b2', name: LONG_NAME, v: { rev: [300, 320, 352], usr: [100, 110, 121], due: 50, collected: 45, rateLy: 92 } },
  { id: 'p5', parent: 'b2', name: '孙七', v: { rev: [120, 130, null], usr: [20, 25, 30], due: 10, collected: 10, rateLy: 100 } },
];

function metricGroup(id: 'rev' | 'usr', name: string, decimals: number): ReportColumnGroup {
  const k = (m: string) => `${id}:${m}`;
  const value = { kind: 'number', decimals } as const;
  return {
    header: name,
    children: [
      { key: k('ly'), header: '上年实际', format: value, formula: { kind: 'input' } },
      { key: k('basic'), header: '基本目标', format: value, formula: { kind: 'input' } },
      { key: k('actual'), header: '实际', format: value, formula: { kind: 'input' } },
      {
        key: k('rate'),
        header: '完成率',
        format: { kind: 'percent', decimals: 1 },
        formula: { kind: 'ratio', numerator: k('actual'), denominator: k('basic') },
        bandKey: id,
      },
      {
        key: k('growth'),
        header: '同比增长',
        format: { kind: 'percent', decimals: 1 },
        formula: { kind: 'ratio', numerator: k('actual'), minus: k('ly'), denominator: k('ly') },
      },
    ],
  };
}

const COLUMNS: Array<ReportColumn | ReportColumnGroup> = [
  { key: 'name', header: '单位/人员', format: { kind: 'text' }, formula: { kind: 'none' }, width: 10 },
  metricGroup('rev', '业务收入（万元）', 2),
  metricGroup('usr', '新增用户（户）', 0),
  {
    header: '欠费回收率',
    children: [
      { key: 'due', header: '应收欠费', format: { kind: 'number', decimals: 2 }, formula: { kind: 'input' } },
      { key: 'collected', header: '已回收', format: { kind: 'number', decimals: 2 }, formula: { kind: 'input' } },
      {
        key: 'rate',
        header: '回收率',
        format: { kind: 'percent-value', decimals: 1 },
        formula: { kind: 'ratio', numerator: 'collected', denominator: 'due', scale: 100 },
      },
      { key: 'rateLy', header: '上年回收率', format: { kind: 'percent-value', decimals: 1 }, formula: { kind: 'none' } },
      { key: 'pts', header: '同比', format: { kind: 'points', decimals: 1 }, formula: { kind: 'difference', a: 'rate', b: 'rateLy' } },
    ],
  },
];

const sum = (values: Array<number | null>) => values.reduce<number>((s, v) => s + (v ?? 0), 0);
const ratio = (num: number | null, den: number | null, minus = 0, scale = 1) =>
  num === null || den === null || den === 0 ? null : ((num - minus) / den) * scale;

/** What a builder describes: inputs, and every derived value computed as the formulas will. */
function describedRow(id: string, parentId: string | null, kind: ReportRow['kind'], level: number, name: string, v: Inputs, band?: ReportBand): ReportRow {
  const cells: ReportRow['cells'] = { name };
  for (const m of ['rev', 'usr'] as const) {
    const [ly, basic, actual] = v[m];
    Object.assign(cells, {
      [`${m}:ly`]: ly,
      [`${m}:basic`]: basic,
      [`${m}:actual`]: actual,
      [`${m}:rate`]: ratio(actual, basic),
      [`${m}:growth`]: ly === null || actual === null ? null : ratio(actual, ly, ly),
    });
  }
  const rate = ratio(v.collected, v.due, 0, 100);
  Object.assign(cells, { due: v.due, collected: v.collected, rate, rateLy: v.rateLy, pts: rate === null || v.rateLy === null ? null : rate - v.rateLy });
  return { id, parentId, kind, level, cells, bands: band ? { rev: band } : undefined };
}

function rollUp(list: Inputs[], rateLy: number): Inputs {
  const col = (m: 'rev' | 'usr', i: number) => sum(list.map((v) => v[m][i]));
  return {
    rev: [col('rev', 0), col('rev', 1), col('rev', 2)],
    usr: [col('usr', 0), col('usr', 1), col('usr', 2)],
    due: sum(list.map((v) => v.due)),
    collected: sum(list.map((v) => v.collected)),
    rateLy,
  };
}

function buildReport(overrides: Partial<ReportDescription> = {}): ReportDescription {
  const of = (branch: string) => PEOPLE.filter((p) => p.parent === branch);
  const b1 = rollUp(of('b1').map((p) => p.v), 86.7);
  const b2 = rollUp(of('b2').map((p) => p.v), 95);
  const total = rollUp([b1, b2], 91);
  const bandOf = (v: Inputs): ReportBand | undefined => {
    const r = ratio(v.rev[2], v.rev[1]);
    return r === null ? undefined : r >= 1.1 ? 'challenge' : r >= 1 ? 'basic' : 'below-basic';
  };
  const rows: ReportRow[] = [
    describedRow('total', null, 'total', 0, '全公司合计', total, bandOf(total)),
    describedRow('b1', null, 'subtotal', 1, '城东分公司', b1, bandOf(b1)),
    ...of('b1').map((p) => describedRow(p.id, 'b1', 'detail', 2, p.name, p.v, bandOf(p.v))),
    describedRow('b2', null, 'subtotal', 1, '城西分公司', b2, bandOf(b2)),
    ...of('b2').map((p) => describedRow(p.id, 'b2', 'detail', 2, p.name, p.v, bandOf(p.v))),
  ];
  return {
    title: '2026 年度目标完成情况表',
    unit: '单位：万元、户',
    period: '2026 年 1–11 月',
    organisation: '示例市分公司',
    date: '2026-11-26',
    page: { size: 'A4', orientation: 'landscape', margins: { top: 20, right: 15, bottom: 20, left: 15 } },
    sections: [
      {
        kind: 'table',
        title: '分单位完成情况[2026]: 收入/用户*?',
        columns: COLUMNS,
        rows,
        frozenColumns: 1,
      },
    ],
    signOff: [{ label: '编制人', name: '李明' }, { label: '审核人' }, { label: '批准人' }, { label: '日期' }],
    fileName: '2026年度目标完成情况表',
    ...overrides,
  };
}

// Sheet layout of the fixture: rows 1–2 title block, 3–4 header, body from row 5:
// 5 total, 6 城东 (b1), 7 张三, 8 李四, 9 城西 (b2), 10 王五, 11 赵六, 12 孙七; sign-off on row 14.
// Columns: A name; B–F 业务收入 (上年实际, 基本目标, 实际, 完成率, 同比增长); G–K 新增用户;
// L 应收欠费, M 已回收, N 回收率, O 上年回收率, P 同比.

// ---------------------------------------------------------------------------------------------
// Helpers

const dirs: string[] = [];
afterEach(() => {
  xlsxInternals.directRows = true;
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plandesk-xlsx-'));
  dirs.push(dir);
  return dir;
}

async function writeAndRead(report: ReportDescription, name = 'report.xlsx'): Promise<{ file: string; workbook: ExcelJS.Workbook }> {
  const file = path.join(tempDir(), name);
  await writeReportXlsx(report, file);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return { file, workbook };
}

function merges(ws: ExcelJS.Worksheet): string[] {
  return [...(ws.model as unknown as { merges: string[] }).merges].sort();
}

function formulaOf(ws: ExcelJS.Worksheet, address: string): { formula: string; result: unknown } {
  const value = ws.getCell(address).value as ExcelJS.CellFormulaValue;
  expect(value, `${address} holds a formula`).toMatchObject({ formula: expect.any(String) });
  return { formula: value.formula, result: value.result };
}

// ---------------------------------------------------------------------------------------------
// Tests

describe('xlsx renderer: layout', () => {
  it('writes the title block, the two-level header with merges, and a sanitised sheet name', async () => {
    const { workbook } = await writeAndRead(buildReport());
    expect(workbook.worksheets).toHaveLength(1);
    const ws = workbook.worksheets[0];
    expect(ws.name).toBe('分单位完成情况_2026__ 收入_用户__');
    expect(ws.name.length).toBeLessThanOrEqual(31);

    expect(merges(ws)).toEqual(
      [
        'A1:P1', // title
        'A2:K2', // 编制单位 / 期间 / 单位
        'L2:P2', // 日期
        'A3:A4', // a leaf under no group spans both header rows
        'B3:F3',
        'G3:K3',
        'L3:P3',
        'A14:D14', // sign-off: four items over 16 columns
        'E14:H14',
        'I14:L14',
        'M14:P14',
      ].sort(),
    );
    expect(ws.getCell('A1').value).toBe('2026 年度目标完成情况表');
    expect(ws.getCell('A1').font).toMatchObject({ bold: true, size: 16 });
    expect(ws.getCell('A1').alignment).toMatchObject({ horizontal: 'center' });
    expect(ws.getCell('A2').value).toBe('编制单位：示例市分公司    期间：2026 年 1–11 月    单位：万元、户');
    expect(ws.getCell('L2').value).toBe('日期：2026 年 11 月 26 日');
    expect(ws.getCell('L2').alignment).toMatchObject({ horizontal: 'right' });

    const header = (address: string) => ws.getCell(address).value;
    expect([header('A3'), header('B3'), header('G3'), header('L3')]).toEqual(['单位/人员', '业务收入（万元）', '新增用户（户）', '欠费回收率']);
    expect(['B4', 'C4', 'D4', 'E4', 'F4'].map(header)).toEqual(['上年实际', '基本目标', '实际', '完成率', '同比增长']);
    expect(['L4', 'M4', 'N4', 'O4', 'P4'].map(header)).toEqual(['应收欠费', '已回收', '回收率', '上年回收率', '同比']);
    for (const address of ['A3', 'A4', 'B3', 'C3', 'E4']) {
      const cell = ws.getCell(address);
      expect(cell.font, address).toMatchObject({ bold: true });
      expect(cell.fill, address).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } });
      expect(cell.border?.top?.style, address).toBe('thin');
      expect(cell.alignment, address).toMatchObject({ horizontal: 'center', vertical: 'middle', wrapText: true });
    }
  });

  it('styles the body: indent by level, bold subtotals, a double rule over the total, band colours', async () => {
    const { workbook } = await writeAndRead(buildReport());
    const ws = workbook.worksheets[0];
    expect(ws.getCell('A5').value).toBe('全公司合计');
    expect(ws.getCell('A6').alignment?.indent).toBe(1);
    expect(ws.getCell('A7').alignment?.indent).toBe(2);
    expect(ws.getCell('A5').alignment?.indent ?? 0).toBe(0);
    expect(ws.getCell('B7').alignment?.indent ?? 0).toBe(0);
    expect(ws.getCell('A6').font?.bold).toBe(true);
    expect(ws.getCell('C9').font?.bold).toBe(true);
    expect(ws.getCell('A7').font?.bold).toBeFalsy();
    expect(ws.getCell('A5').font?.bold).toBe(true);
    expect(ws.getCell('C5').border?.top?.style).toBe('double');
    expect(ws.getCell('C6').border?.top?.style).toBe('thin');
    expect(ws.getCell('B7').alignment?.horizontal).toBe('right');
    expect(ws.getCell('A7').alignment?.horizontal).toBe('left');
    // 完成率 cells carry the band colour of their row (bands keyed by the column's bandKey).
    expect(ws.getCell('E7').font?.color?.argb).toBe('FFB8860B'); // 张三 126/120 = 105% → basic
    expect(ws.getCell('E8').font?.color?.argb).toBe('FF2E7D32'); // 李四 99/90 = 110% → challenge
    expect(ws.getCell('E10').font?.color?.argb).toBe('FFC00000'); // 王五 40/50 = 80% → below basic
    expect(ws.getCell('J7').font?.color?.argb).toBeUndefined(); // no bandKey on 新增用户's rate
  });

  it('maps number formats', async () => {
    const { workbook } = await writeAndRead(buildReport());
    const ws = workbook.worksheets[0];
    expect(ws.getCell('A7').numFmt).toBe('@');
    expect(ws.getCell('B7').numFmt).toBe('#,##0.00');
    expect(ws.getCell('G7').numFmt).toBe('#,##0');
    expect(ws.getCell('E7').numFmt).toBe('0.0%');
    expect(ws.getCell('F5').numFmt).toBe('0.0%');
    expect(ws.getCell('N7').numFmt).toBe('0.0"%"');
    expect(ws.getCell('P7').numFmt).toBe('+0.0"个百分点";-0.0"个百分点";0.0"个百分点"');
    expect(excelNumberFormat({ kind: 'number', decimals: 0 })).toBe('#,##0');
    expect(excelNumberFormat({ kind: 'percent', decimals: 2 })).toBe('0.00%');
    expect(excelNumberFormat({ kind: 'percent-value', decimals: 0 })).toBe('0"%"');
  });

  it('freezes the header and the name column, and sets up printing', async () => {
    const { workbook } = await writeAndRead(buildReport());
    const ws = workbook.worksheets[0];
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 4 });
    expect(ws.pageSetup).toMatchObject({
      orientation: 'landscape',
      paperSize: 9,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '3:4',
      horizontalCentered: true,
    });
    expect(ws.pageSetup.margins?.left).toBeCloseTo(15 / 25.4, 2);
    expect(ws.pageSetup.margins?.top).toBeCloseTo(20 / 25.4, 2);
    expect(ws.headerFooter.oddFooter).toBe('&C第 &P 页 共 &N 页');
    expect(ws.headerFooter.oddHeader).toBe('&L2026 年度目标完成情况表&R单位：万元、户');

    const a3 = await writeAndRead(
      buildReport({ title: 'R&D 年度表', unit: '万元', page: { size: 'A3', orientation: 'portrait', margins: { top: 25, right: 20, bottom: 25, left: 20 } } }),
    );
    const ws3 = a3.workbook.worksheets[0];
    expect(ws3.pageSetup).toMatchObject({ orientation: 'portrait', paperSize: 8 });
    expect(ws3.headerFooter.oddHeader).toBe('&LR&&D 年度表&R单位：万元'); // & escaped; a unit without its label gets one
    expect(ws3.getCell('A2').value).toBe('编制单位：示例市分公司    期间：2026 年 1–11 月    单位：万元');
  });

  it('fits column widths to content, CJK counting double', async () => {
    const { workbook } = await writeAndRead(buildReport());
    const ws = workbook.worksheets[0];
    // The long name (21 characters, all CJK/full-width → 42 cells + indent) hits the 40 cap.
    expect(ws.getColumn(1).width).toBe(40);
    expect(ws.getColumn(2).width).toBeGreaterThanOrEqual(10); // 上年实际 = 8 cells + padding

    const cn = '一二三四五六七八九十';
    const en = 'abcdefghij';
    const report = buildReport({
      sections: [
        {
          kind: 'table',
          columns: [
            { key: 'cn', header: 'cn', format: { kind: 'text' }, formula: { kind: 'none' } },
            { key: 'en', header: 'en', format: { kind: 'text' }, formula: { kind: 'none' } },
            { key: 'wide', header: 'w', format: { kind: 'text' }, formula: { kind: 'none' }, width: 30 },
          ],
          rows: [{ id: 'r', parentId: null, kind: 'detail', level: 0, cells: { cn, en, wide: 'x' } }],
        },
      ],
    });
    const ws2 = (await writeAndRead(report)).workbook.worksheets[0];
    expect(ws2.getColumn(1).width).toBe(22);
    expect(ws2.getColumn(2).width).toBe(12);
    expect(ws2.getColumn(1).width!).toBeGreaterThan(ws2.getColumn(2).width!);
    expect(ws2.getColumn(3).width).toBe(30); // the suggested width is a floor
    expect(ws2.name).toBe('2026 年度目标完成情况表'); // no section title: the report title
  });

  it('writes the sign-off line two rows under the table', async () => {
    const { workbook } = await writeAndRead(buildReport());
    const ws = workbook.worksheets[0];
    expect(ws.getRow(13).values).toEqual([]);
    expect(['A14', 'E14', 'I14', 'M14'].map((a) => ws.getCell(a).value)).toEqual(['编制人：李明', '审核人：________', '批准人：________', '日期：________']);
  });

  it('puts text under the table, skips charts, and uses a 说明 sheet when there is no table', async () => {
    const base = buildReport();
    const table = base.sections[0] as TableSection;
    const withText = buildReport({
      signOff: undefined,
      sections: [
        { kind: 'chart', title: '图', option: {}, width: 100, height: 50 },
        { ...table, note: '完成率 = 实际 ÷ 基本目标。' },
        { kind: 'text', title: '三、说明', paragraphs: ['第一段。', '第二段。'] },
      ],
    });
    const ws = (await writeAndRead(withText)).workbook.worksheets[0];
    expect(ws.getCell('A13').value).toBe('注：完成率 = 实际 ÷ 基本目标。');
    expect(['A15', 'A16', 'A17'].map((a) => ws.getCell(a).value)).toEqual(['三、说明', '第一段。', '第二段。']);
    expect(merges(ws)).toContain('A16:P16');

    const textOnly = buildReport({ sections: [{ kind: 'text', title: '一、总体情况', paragraphs: ['全年完成目标。'] }] });
    const book = (await writeAndRead(textOnly)).workbook;
    expect(book.worksheets.map((w) => w.name)).toEqual(['说明']);
    const sheet = book.worksheets[0];
    expect(sheet.getCell('A1').value).toBe('2026 年度目标完成情况表');
    expect(sheet.getCell('A4').value).toBe('一、总体情况');
    expect(sheet.getCell('A5').value).toBe('全年完成目标。');
  });

  it('gives every table its own uniquely named sheet', async () => {
    const table = buildReport().sections[0] as TableSection;
    const report = buildReport({
      sections: [
        { ...table, title: '完成情况' },
        { ...table, title: '完成情况' },
        { ...table, title: "'History'" },
      ],
    });
    const { workbook } = await writeAndRead(report);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['完成情况', '完成情况 (2)', '’History’']);
    expect(workbook.worksheets[1].pageSetup.printTitlesRow).toBe('3:4');
  });

  it('formats the date the Chinese way', () => {
    expect(formatChineseDate('2026-11-26')).toBe('2026 年 11 月 26 日');
    expect(formatChineseDate('2026-01-05')).toBe('2026 年 1 月 5 日');
  });
});

describe('xlsx renderer: formulas', () => {
  it('sums subtotals over their children and the total over the top-level rows, with cached results', async () => {
    const { workbook } = await writeAndRead(buildReport());
    const ws = workbook.worksheets[0];
    expect(formulaOf(ws, 'B6')).toEqual({ formula: 'SUM(B7:B8)', result: 180.5 });
    expect(formulaOf(ws, 'B9')).toEqual({ formula: 'SUM(B10:B12)', result: 420 });
    expect(formulaOf(ws, 'B5')).toEqual({ formula: 'SUM(B6,B9)', result: 600.5 });
    expect(formulaOf(ws, 'D9')).toEqual({ formula: 'SUM(D10:D12)', result: 392 }); // 孙七's empty 实际 counts 0
    expect(formulaOf(ws, 'D5')).toEqual({ formula: 'SUM(D6,D9)', result: 617 });
    expect(formulaOf(ws, 'I5')).toEqual({ formula: 'SUM(I6,I9)', result: 237 });
    expect(formulaOf(ws, 'L5')).toEqual({ formula: 'SUM(L6,L9)', result: 120 });
    expect(formulaOf(ws, 'M6')).toEqual({ formula: 'SUM(M7:M8)', result: 53 });
    // Detail inputs are plain values; empty stays empty.
    expect(ws.getCell('B7').value).toBe(100);
    expect(ws.getCell('C8').value).toBe(90);
    expect(ws.getCell('D12').value).toBeNull();
    // A none-formula column holds its values, also on subtotal rows.
    expect(ws.getCell('O6').value).toBe(86.7);
  });

  it('writes ratios and differences on every row, blank-safe, with cached results', async () => {
    const { workbook } = await writeAndRead(buildReport());
    const ws = workbook.worksheets[0];
    const rate = formulaOf(ws, 'E5');
    expect(rate.formula).toBe('IF(C5=0,"",D5/C5)');
    expect(rate.result).toBeCloseTo(617 / 710, 12);
    expect(formulaOf(ws, 'E7')).toEqual({ formula: 'IF(C7=0,"",D7/C7)', result: 1.05 });
    const growth = formulaOf(ws, 'F5');
    expect(growth.formula).toBe('IF(B5=0,"",(D5-B5)/B5)');
    expect(growth.result).toBeCloseTo((617 - 600.5) / 600.5, 12);
    expect(formulaOf(ws, 'F7')).toEqual({ formula: 'IF(B7=0,"",(D7-B7)/B7)', result: 0.26 });
    const users = formulaOf(ws, 'K6');
    expect(users.formula).toBe('IF(G6=0,"",(I6-G6)/G6)');
    expect(users.result).toBeCloseTo((81 - 80) / 80, 12);
    // Percent-value ratio (×100) and its points difference.
    const recovery = formulaOf(ws, 'N6');
    expect(recovery.formula).toBe('IF(L6=0,"",M6/L6*100)');
    expect(recovery.result).toBeCloseTo((53 / 60) * 100, 10);
    expect(formulaOf(ws, 'N5')).toEqual({ formula: 'IF(L5=0,"",M5/L5*100)', result: 90 });
    expect(formulaOf(ws, 'P5')).toEqual({ formula: 'IF(OR(N5="",O5=""),"",N5-O5)', result: -1 });
    expect(formulaOf(ws, 'P7')).toEqual({ formula: 'IF(OR(N7="",O7=""),"",N7-O7)', result: 5 });
    const points = formulaOf(ws, 'P6');
    expect(points.result).toBeCloseTo((53 / 60) * 100 - 86.7, 10);
    // A zero denominator: the description has no value, the cell stays empty.
    expect(ws.getCell('F10').value).toBeNull(); // 王五: 上年实际 0
    expect(ws.getCell('J10').value).toBeNull(); // 王五: 基本目标 0
    expect(ws.getCell('N10').value).toBeNull(); // 王五: 应收 0
    expect(formulaOf(ws, 'E10')).toEqual({ formula: 'IF(C10=0,"",D10/C10)', result: 0.8 });
    expect(ws.getCell('E12').value).toBeNull(); // 孙七: no 实际
  });

  it('sums children that are not contiguous, and nested subtotals', async () => {
    const row = (id: string, parentId: string | null, kind: ReportRow['kind'], v: number): ReportRow => ({
      id,
      parentId,
      kind,
      level: 0,
      cells: { name: id, v },
    });
    // Display order interleaves two subtotals' children; s3 is a subtotal under s1.
    // One header row, so the body starts on row 4.
    const rows: ReportRow[] = [
      row('s1', null, 'subtotal', 1 + 3 + 4 + 20 + 7), // 4
      row('a1', 's1', 'detail', 1), // 5
      row('b1', 's2', 'detail', 100), // 6
      row('a2', 's1', 'detail', 3), // 7
      row('a3', 's1', 'detail', 4), // 8
      row('s2', null, 'subtotal', 300), // 9
      row('b2', 's2', 'detail', 200), // 10
      row('s3', 's1', 'subtotal', 20), // 11
      row('c1', 's3', 'detail', 20), // 12
      row('a4', 's1', 'detail', 7), // 13
      row('t', null, 'total', 335), // 14
    ];
    const report = buildReport({
      sections: [
        {
          kind: 'table',
          title: '交错',
          columns: [
            { key: 'name', header: '名称', format: { kind: 'text' }, formula: { kind: 'none' } },
            { key: 'v', header: '数值', format: { kind: 'number', decimals: 0 }, formula: { kind: 'input' } },
          ],
          rows,
        },
      ],
    });
    const ws = (await writeAndRead(report)).workbook.worksheets[0];
    expect(ws.views[0]).toMatchObject({ ySplit: 3 }); // one header row
    expect(ws.pageSetup.printTitlesRow).toBe('3:3');
    expect(formulaOf(ws, 'B4')).toEqual({ formula: 'SUM(B5,B7:B8,B11,B13)', result: 35 });
    expect(formulaOf(ws, 'B9')).toEqual({ formula: 'SUM(B6,B10)', result: 300 });
    expect(formulaOf(ws, 'B11')).toEqual({ formula: 'SUM(B12)', result: 20 });
    expect(formulaOf(ws, 'B14')).toEqual({ formula: 'SUM(B4,B9)', result: 335 });
  });

  it('splits very long SUMs and gives up on impossible ones', () => {
    expect(sumFormula('C', [9, 5, 14, 6, 7])).toBe('SUM(C5:C7,C9,C14)');
    const every2nd = Array.from({ length: 300 }, (_, i) => 10 + i * 2);
    const formula = sumFormula('C', every2nd)!;
    expect(formula.startsWith('SUM(C10,C12,')).toBe(true);
    expect(formula.split('+SUM(')).toHaveLength(2);
    expect(formula.match(/C\d+/g)).toHaveLength(300);
    expect(sumFormula('C', Array.from({ length: 2_000 }, (_, i) => 10 + i * 2))).toBeNull();
  });

  it('writes the plain value where a formula would not reproduce the described number', async () => {
    const report = buildReport();
    const table = report.sections[0] as TableSection;
    // A subtotal that is not the sum of its listed rows (e.g. people left out of the print),
    // and a growth rate computed with |last year| (not expressible as a ratio formula).
    table.rows[1].cells['rev:ly'] = 999;
    table.rows[2].cells['rev:growth'] = 0.5;
    const ws = (await writeAndRead(report)).workbook.worksheets[0];
    expect(ws.getCell('B6').value).toBe(999);
    expect(ws.getCell('F7').value).toBe(0.5);
    // The total over it no longer reproduces its described value either: plain as well.
    expect(ws.getCell('B5').value).toBe(600.5);
    expect(formulaOf(ws, 'C5').formula).toBe('SUM(C6,C9)');
  });

  it('writes the same cells through exceljs rows as through the direct row writer', async () => {
    const report = buildReport({ sections: [...buildReport().sections, { kind: 'text', paragraphs: ['x < y & "z"'] }] });
    (report.sections[0] as TableSection).rows[3].cells.name = '李四 <b>&"\'\u0001';
    xlsxInternals.directRows = false;
    const viaRows = (await writeAndRead(report, 'rows.xlsx')).workbook.worksheets[0];
    xlsxInternals.directRows = true;
    const direct = (await writeAndRead(report, 'direct.xlsx')).workbook.worksheets[0];
    expect(direct.getCell('A8').value).toBe('李四 <b>&"\'');
    const dump = (ws: ExcelJS.Worksheet) => {
      const cells: unknown[] = [];
      ws.eachRow({ includeEmpty: true }, (row, r) =>
        row.eachCell({ includeEmpty: true }, (cell, c) => cells.push([r, c, cell.value, cell.numFmt, cell.font, cell.border, cell.alignment, cell.fill])),
      );
      return { cells, merges: merges(ws), views: ws.views, pageSetup: ws.pageSetup, widths: ws.columns.map((c) => c.width) };
    };
    expect(dump(direct)).toEqual(dump(viaRows));
  });
});

describe('xlsx renderer: streams, progress, abort', () => {
  const bigReport = (rows: number) =>
    buildReport({
      sections: [
        {
          kind: 'table',
          columns: [
            { key: 'name', header: '姓名', format: { kind: 'text' }, formula: { kind: 'none' } },
            { key: 'v', header: '数值', format: { kind: 'number', decimals: 2 }, formula: { kind: 'input' } },
          ],
          rows: Array.from({ length: rows }, (_, i) => ({ id: `r${i}`, parentId: null, kind: 'detail' as const, level: 0, cells: { name: `员工${i}`, v: i } })),
        },
      ],
    });

  it('reports progress about every 1,000 rows and (total, total) at the end', async () => {
    const calls: Array<[number, number]> = [];
    const bytes = await renderReportXlsx(bigReport(2_500), { onProgress: (done, total) => calls.push([done, total]) });
    expect(calls).toEqual([
      [1000, 2500],
      [2000, 2500],
      [2500, 2500],
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets[0].getCell('A2503').value).toBe('员工2499');

    const small: Array<[number, number]> = [];
    await renderReportXlsx(buildReport(), { onProgress: (done, total) => small.push([done, total]) });
    expect(small).toEqual([[8, 8]]);
  });

  it('writes to a caller-provided stream and ends it', async () => {
    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    const ended = new Promise((resolve) => stream.on('end', resolve));
    await writeReportXlsx(buildReport(), stream);
    await ended;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    expect(workbook.worksheets[0].getCell('A1').value).toBe('2026 年度目标完成情况表');
  });

  it('rejects with AbortError and leaves no file when aborted before or during the export', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'aborted.xlsx');
    const before = new AbortController();
    before.abort();
    await expect(writeReportXlsx(buildReport(), file, { signal: before.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(fs.readdirSync(dir)).toEqual([]);

    const during = new AbortController();
    const seen: number[] = [];
    const run = writeReportXlsx(bigReport(5_000), file, {
      signal: during.signal,
      onProgress: (done) => {
        seen.push(done);
        if (done >= 2_000) during.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toEqual([1000, 2000]);
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.readdirSync(dir)).toEqual([]);

    // An earlier export at the same path survives an aborted one.
    await writeReportXlsx(buildReport(), file);
    const size = fs.statSync(file).size;
    const again = new AbortController();
    const overwrite = writeReportXlsx(bigReport(3_000), file, { signal: again.signal, onProgress: () => again.abort() });
    await expect(overwrite).rejects.toMatchObject({ name: 'AbortError' });
    expect(fs.readdirSync(dir)).toEqual(['aborted.xlsx']);
    expect(fs.statSync(file).size).toBe(size);
  });

  it('rejects (and does not crash) when the target folder does not exist', async () => {
    const file = path.join(tempDir(), 'missing', 'report.xlsx');
    await expect(writeReportXlsx(buildReport(), file)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

// ---------------------------------------------------------------------------------------------
// LibreOffice: do the formulas recalculate to the same numbers?

function findOffice(): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    for (const name of ['soffice', 'libreoffice']) {
      const candidate = path.join(dir, name);
      if (fs.existsSync(candidate)) return candidate;
    }
  }
  return null;
}

function findPdftotext(): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, 'pdftotext');
    if (fs.existsSync(candidate)) return candidate;
  }
  return null;
}

const office = findOffice();
const pdftotext = findPdftotext();
if (!office || !pdftotext) {
  console.log(
    `report-xlsx: skipping the LibreOffice recalculation test: ${!office ? 'soffice/libreoffice is not installed (not installed by the tests on purpose)' : 'pdftotext is not installed'}`,
  );
}

describe('xlsx renderer: LibreOffice', () => {
  it.skipIf(!office || !pdftotext)(
    'recalculates the formulas to the same numbers',
    async () => {
      const dir = tempDir();
      const { workbook } = await writeAndRead(buildReport());
      // Drop every cached result, so whatever LibreOffice prints it computed itself.
      let formulas = 0;
      workbook.worksheets[0].eachRow((row) =>
        row.eachCell((cell) => {
          const value = cell.value as ExcelJS.CellFormulaValue;
          if (value && typeof value === 'object' && 'formula' in value) {
            cell.value = { formula: value.formula } as ExcelJS.CellFormulaValue;
            formulas++;
          }
        }),
      );
      expect(formulas).toBeGreaterThan(40);
      const stripped = path.join(dir, 'stripped.xlsx');
      await workbook.xlsx.writeFile(stripped);
      // A private profile that always recalculates OOXML files on load.
      const profile = path.join(dir, 'profile');
      fs.mkdirSync(path.join(profile, 'user'), { recursive: true });
      fs.writeFileSync(
        path.join(profile, 'user', 'registrymodifications.xcu'),
        '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n' +
          '<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>\n</oor:items>\n',
      );
      execFileSync(office!, [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, stripped], {
        timeout: 120_000,
        stdio: 'ignore',
      });
      const text = execFileSync(pdftotext!, ['-layout', path.join(dir, 'stripped.pdf'), '-'], { encoding: 'utf8' });
      // Totals, subtotals, ratios and points as the number formats show them.
      for (const shown of ['600.50', '617.00', '180.50', '392.00', '237', '86.9%', '2.7%', '90.0%', '88.3%', '-1.0个百分点', '+1.6个百分点', '105.0%']) {
        expect(text, shown).toContain(shown);
      }
    },
    180_000,
  );
});
