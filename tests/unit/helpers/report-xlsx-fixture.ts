/**
 * The XLSX renderer tests' fixture, built by hand: an org tree (company total, two branches as
 * subtotals, people as details) under a two-level header (name + two additive metric groups + one
 * percent-value ratio metric with a points column); and the helpers that write it to a temp dir
 * and read it back with exceljs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { writeReportXlsx, xlsxInternals } from '../../../src-main/core/reports/xlsx-renderer';
import type { ReportBand, ReportColumn, ReportColumnGroup, ReportDescription, ReportRow } from '../../../src-shared/reports/report-model';

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

export function buildReport(overrides: Partial<ReportDescription> = {}): ReportDescription {
  const of = (branch: string) => PEOPLE.filter((p) => p.parent === branch);
  const b1 = rollUp(
    of('b1').map((p) => p.v),
    86.7,
  );
  const b2 = rollUp(
    of('b2').map((p) => p.v),
    95,
  );
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

/** Each test file's afterEach: the direct row writer back on, its temp dirs removed. */
export function cleanUpXlsxTests(): void {
  xlsxInternals.directRows = true;
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plandesk-xlsx-'));
  dirs.push(dir);
  return dir;
}

export async function writeAndRead(report: ReportDescription, name = 'report.xlsx'): Promise<{ file: string; workbook: ExcelJS.Workbook }> {
  const file = path.join(tempDir(), name);
  await writeReportXlsx(report, file);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return { file, workbook };
}

export function merges(ws: ExcelJS.Worksheet): string[] {
  return [...(ws.model as unknown as { merges: string[] }).merges].sort();
}

export function formulaOf(ws: ExcelJS.Worksheet, address: string): { formula: string; result: unknown } {
  const value = ws.getCell(address).value as ExcelJS.CellFormulaValue;
  expect(value, `${address} holds a formula`).toMatchObject({ formula: expect.any(String) });
  return { formula: value.formula, result: value.result };
}
