/**
 * XLSX renderer, formulas: SUMs of subtotals and totals, ratios and differences with cached
 * results, plain values where a formula would not reproduce the described number, the direct row
 * writer against exceljs rows, and (where LibreOffice is installed) recalculation to the same
 * numbers (fixture: helpers/report-xlsx-fixture.ts).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { sumFormula, xlsxInternals } from '../../../src-main/core/reports/xlsx-renderer';
import type { ReportRow, TableSection } from '../../../src-shared/reports/report-model';
import { buildReport, cleanUpXlsxTests, formulaOf, merges, tempDir, writeAndRead } from '../helpers/report-xlsx-fixture';

afterEach(cleanUpXlsxTests);

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
    expect(
      sumFormula(
        'C',
        Array.from({ length: 2_000 }, (_, i) => 10 + i * 2),
      ),
    ).toBeNull();
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
