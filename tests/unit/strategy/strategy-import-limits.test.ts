/**
 * XLSX import of the strategy tables, bounded (strategy/IMPORT.md): only the table's sheet is
 * built, past the first rows of the others, and it is held to SHEET_LIMITS before it is; the
 * largest tables accepted and refused are measured in processes of their own. Real exports, their
 * zips edited (xlsx-import-files.ts), imported through dispatch into a real sample workspace.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { createCaller } from '../../../src-main/core/dispatch';
import { SHEET_LIMITS, XLSX_LIMITS } from '../../../src-main/core/strategy/xlsx-limits';
import type { ImportRefusal } from '../../../src-shared/contract/channels';
import { sampleWorkspacePerTest, tempDir } from '../helpers/workspace';
import { content, demandContents, edit, exportFile, importFile, MONTH, refusalsOf, snapshot, YEAR } from './strategy-import-helpers';
import { demandFileWithRows, sheetXml, textRow, withRowsAdded, withSheetsBefore } from './xlsx-import-files';

const openTestWorkspace = sampleWorkspacePerTest();

async function setup() {
  const ws = await openTestWorkspace();
  return { ws, call: createCaller(ws), db: ws.db };
}

describe('bounded reading: only the table’s sheet is built, and it is held to the sheet limits first', () => {
  /** A large sheet that is no table; past its first rows, XML ExcelJS cannot read (a cell left open). */
  function unrelatedSheet(title: string, rows: number, junk: boolean): string {
    const body = [textRow(1, [`${title}（与导入无关）`])];
    for (let r = 2; r <= rows; r++) body.push(textRow(r, [`${title}第${r}行`, `备注 ${r}`, String(r * 7)]));
    if (junk) body.push(`<row r="${rows + 1}"><c r="A${rows + 1}"><v>1</v></row>`);
    return sheetXml(body);
  }

  it('reads a table on the third sheet after two large sheets of other things, whose rows are never built', async () => {
    const { call } = await setup();
    const original = await demandContents(call);
    const sheets = [
      { name: '说明', xml: unrelatedSheet('说明', 20_000, true) },
      { name: '原始数据', xml: unrelatedSheet('原始数据', 20_000, true) },
    ];
    const bytes = await withSheetsBefore(await exportFile(call, 'strategy-demand'), sheets);
    // Loaded whole, the file fails: a sheet the import built beyond its first rows would fail it too.
    await expect(new ExcelJS.Workbook().xlsx.load(bytes as never)).rejects.toThrow();
    const month = await call('strategy/get-month', { yearMonth: MONTH });
    const target = month.demandRows.find((r) => r.reviewed && r.urgentPoint !== '')!;
    await call('strategy/save-demand-row', { ...content(target), yearMonth: MONTH, urgentPoint: '临时改动' });
    expect(await importFile(call, 'demand', bytes)).toEqual({ table: 'demand', rows: month.demandRows.length, changed: 1 });
    expect(await demandContents(call)).toEqual(original);
  });

  it('the screening table the same way, through the screening’s importer', async () => {
    const { call } = await setup();
    const sheets = [
      { name: '说明', xml: unrelatedSheet('说明', 5_000, true) },
      { name: '原始数据', xml: unrelatedSheet('原始数据', 5_000, true) },
    ];
    const bytes = await withSheetsBefore(await exportFile(call, 'strategy-screening'), sheets);
    const year = await call('screening/get-year', { year: YEAR });
    expect(await importFile(call, 'screening', bytes)).toEqual({ table: 'screening', rows: year.rows.length, changed: 0 });
  });

  it('reads a table the same when most of the workbook’s shared strings are another sheet’s', async () => {
    const { call } = await setup();
    const original = await demandContents(call);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await exportFile(call, 'strategy-demand')) as never);
    const words = book.addWorksheet('词表');
    for (let i = 1; i <= 5_000; i++) words.addRow([`词条${i}`, `释义${i}`]);
    // Saved by ExcelJS as by Excel: every text of both sheets in one shared strings part.
    const bytes = Buffer.from(await book.xlsx.writeBuffer());
    expect((await JSZip.loadAsync(bytes)).file('xl/sharedStrings.xml')).not.toBeNull();
    const month = await call('strategy/get-month', { yearMonth: MONTH });
    const target = month.demandRows.find((r) => r.reviewed && r.urgentPoint !== '')!;
    await call('strategy/save-demand-row', { ...content(target), yearMonth: MONTH, urgentPoint: '临时改动' });
    expect(await importFile(call, 'demand', bytes)).toEqual({ table: 'demand', rows: month.demandRows.length, changed: 1 });
    expect(await demandContents(call)).toEqual(original);
  });

  it('with no sheet holding the header, the refusal still names the first sheet’s A3', async () => {
    const { call, db } = await setup();
    const sheets = [
      { name: '说明', xml: unrelatedSheet('说明', 100, false) },
      { name: '原始数据', xml: unrelatedSheet('原始数据', 100, false) },
    ];
    // The screening's header (客户单位 in A) is on none of the sheets of a demand export.
    const bytes = await withSheetsBefore(await exportFile(call, 'strategy-demand'), sheets);
    const before = snapshot(db);
    const refusals = await refusalsOf(importFile(call, 'screening', bytes));
    expect(refusals).toEqual([{ sheet: '说明', cell: 'A3', row: 3, header: '客户单位', reason: 'wrong-header', value: '说明第3行' }]);
    expect(snapshot(db)).toBe(before);
  });

  it('a table sheet past the row limit is refused before it is read, naming the limit and the sheet', async () => {
    const { call, db } = await setup();
    const exported = await exportFile(call, 'strategy-demand');
    const sheet = '2026 年 11 月需求分析及产品匹配策略表';
    const expected = (rows: string) => [
      { sheet, cell: '', row: 0, header: "more than 100,000 rows in the table's sheet", reason: 'file-too-large', value: rows },
    ];
    // 100,001 rows of one number each, far below the byte and cell limits.
    const rows: string[] = [];
    for (let r = 46; r <= SHEET_LIMITS.rows + 1; r++) rows.push(`<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`);
    const dense = await withRowsAdded(exported, rows.join(''));
    const before = snapshot(db);
    expect(await refusalsOf(importFile(call, 'demand', dense))).toEqual(expected('100,001 rows'));
    // One cell far down is as many rows to walk.
    const far = await edit(exported, (s) => {
      s.getCell(150_000, 2).value = '备注';
    });
    expect(await refusalsOf(importFile(call, 'demand', far))).toEqual(expected('150,000 rows'));
    expect(snapshot(db)).toBe(before);
  });

  it('a table sheet past the cell limit is refused before it is read, naming the limit', async () => {
    const { call, db } = await setup();
    const rows: string[] = [];
    const perRow = 10;
    for (let r = 46; r < 46 + SHEET_LIMITS.cells / perRow; r++) {
      rows.push(`<row r="${r}">${Array.from({ length: perRow }, (_, c) => `<c r="${String.fromCharCode(65 + c)}${r}"><v>${c}</v></c>`).join('')}</row>`);
    }
    const bytes = await withRowsAdded(await exportFile(call, 'strategy-demand'), rows.join(''));
    const before = snapshot(db);
    const refusals = await refusalsOf(importFile(call, 'demand', bytes));
    expect(refusals).toEqual([
      {
        sheet: '2026 年 11 月需求分析及产品匹配策略表',
        cell: '',
        row: 0,
        header: 'more than 200,000 cells to read',
        reason: 'file-too-large',
        value: expect.stringMatching(/^200,\d{3} cells$/),
      },
    ]);
    expect(snapshot(db)).toBe(before);
  });

  /**
   * The largest demand table the limits accept (its texts filled in, as many rows as the cell
   * limit allows, each a customer of the workspace) and the largest they refuse (as many rows as
   * the sheet's byte limit allows), imported in processes of their own: what each cost is printed.
   * The product columns are left empty (empty cells are not built): a row written with products
   * reads the month's products again (writeDemandRow), which is a cost of the writing, not the reading.
   */
  it('the largest accepted table is read and written with under 300 MB more at the peak; the largest refused costs little', async () => {
    const { ws, call, db } = await setup();
    const exported = await exportFile(call, 'strategy-demand');
    const productClasses = (await call('dictionaries/list', {})).filter((e) => e.dictionary === 'product-class' && e.parentId === null && !e.archived);
    const like = db
      .statement(
        `SELECT c.class_id AS classId, c.unit_id AS unitId, c.manager_id AS managerId, e.name AS className, p.name AS parentName
         FROM customer c JOIN dictionary_entry e ON e.id = c.class_id JOIN dictionary_entry p ON p.id = e.parent_id LIMIT 1`,
      )
      .get() as { classId: string; unitId: string; managerId: string; className: string; parentName: string };
    // 序号, 客户单位, 大类, 小类, four needs, 客户经理, 状态 hold a value; the title and header some 80 cells more.
    const rowsAccepted = Math.floor((SHEET_LIMITS.cells - 200) / 10);
    const rowsRefused = 27_000;
    const insert = db.statement(
      `INSERT INTO customer (id, name, class_id, tier_id, unit_id, manager_id, status, status_changed_on) VALUES (?, ?, ?, NULL, ?, ?, 'signed', '2026-01-01')`,
    );
    db.transaction(() => {
      for (let i = 1; i <= rowsAccepted; i++) insert.run(`customer-big-${i}`, `测试客户${i}号有限公司`, like.classId, like.unitId, like.managerId);
    });
    function* rows(count: number) {
      for (let i = 1; i <= count; i++) {
        const needs = [`第${i}户外勤人员难以统一调度`, `第${i}户明年新建厂区需要接入网络`, `第${i}户考虑建设集团内部通讯网`, `第${i}户订单通知靠电话逐个联系`];
        yield [i, `测试客户${i}号有限公司`, like.parentName, like.className, ...needs, ...productClasses.map(() => ''), '张伟', '已复核'];
      }
    }
    const accepted = await demandFileWithRows(exported, rows(rowsAccepted));
    const refused = await demandFileWithRows(exported, rows(rowsRefused));
    expect(refused.sheetBytes).toBeLessThan(XLSX_LIMITS.entryBytes);
    const dir = tempDir('plandesk-import-');
    try {
      const measure = async (name: string, bytes: Buffer) => {
        const file = path.join(dir, name);
        fs.writeFileSync(file, bytes);
        const child = path.resolve('tests/unit/strategy/xlsx-import-memory.ts');
        const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', '--import', 'tsx', child, ws.file, file, 'demand', MONTH]);
        return JSON.parse(stdout) as { result?: unknown; refusals?: ImportRefusal[]; seconds: number; peakOverBaselineMB: number };
      };
      const big = await measure('largest-accepted.xlsx', accepted.bytes);
      console.log(
        `largest accepted: ${rowsAccepted} rows, ${accepted.filled} cells with a value, sheet ${(accepted.sheetBytes / 1e6).toFixed(1)} MB + shared strings ${(accepted.stringBytes / 1e6).toFixed(1)} MB unpacked, file ${(accepted.bytes.length / 1e6).toFixed(1)} MB:`,
        big,
      );
      expect(big.result).toEqual({ table: 'demand', rows: rowsAccepted, changed: rowsAccepted });
      expect(big.peakOverBaselineMB).toBeLessThan(300);
      const over = await measure('largest-refused.xlsx', refused.bytes);
      console.log(
        `largest refused: ${rowsRefused} rows, sheet ${(refused.sheetBytes / 1e6).toFixed(1)} MB unpacked, file ${(refused.bytes.length / 1e6).toFixed(1)} MB:`,
        over,
      );
      expect(over.refusals).toEqual([expect.objectContaining({ reason: 'file-too-large', header: 'more than 200,000 cells to read' })]);
      expect(over.peakOverBaselineMB).toBeLessThan(300);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
