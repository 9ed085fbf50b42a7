/**
 * Figure export-xlsx-100k: writeReportXlsx of 100,000 × 12 cells against exceljs' streaming
 * writer alone (bench/README.md).
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { seededRandom } from '../src-shared/domain/random';
import { writeReportXlsx } from '../src-main/core/reports/xlsx-renderer';
import type { ReportColumn, ReportDescription, ReportRow } from '../src-shared/reports/report-model';
import { comparePair, removeDir, tempDir, type Figure } from './harness';

const XLSX_ROWS = 100_000;
const XLSX_NUMBER_COLUMNS = 11;

interface XlsxData {
  report: ReportDescription;
  /** The same 100,000 × 12 values as plain arrays, as the baseline writes them. */
  values: Array<Array<string | number>>;
}

let xlsxData: XlsxData | undefined;

/** One table: a name column + 11 number columns, 100,000 detail rows and a total row. */
function buildXlsxData(): XlsxData {
  if (xlsxData) return xlsxData;
  const random = seededRandom(12);
  const numberColumns: ReportColumn[] = Array.from({ length: XLSX_NUMBER_COLUMNS }, (_, i) => ({
    key: `m${i + 1}`,
    header: `指标${i + 1}`,
    format: { kind: 'number', decimals: i % 3 === 0 ? 0 : 2 },
    formula: { kind: 'input' },
  }));
  const columns: ReportColumn[] = [{ key: 'name', header: '名称', format: { kind: 'text' }, formula: { kind: 'none' } }, ...numberColumns];
  const rows: ReportRow[] = [];
  const values: XlsxData['values'] = [];
  const sums = new Array<number>(XLSX_NUMBER_COLUMNS).fill(0);
  for (let r = 0; r < XLSX_ROWS; r++) {
    const name = `员工${String(r + 1).padStart(6, '0')}`;
    const cells: ReportRow['cells'] = { name };
    const line: Array<string | number> = [name];
    numberColumns.forEach((column, i) => {
      const decimals = column.format.kind === 'number' ? column.format.decimals : 0;
      const value = Math.round(random() * 10_000 * 10 ** decimals) / 10 ** decimals;
      cells[column.key] = value;
      line.push(value);
      sums[i] += value;
    });
    rows.push({ id: `r${r}`, parentId: null, kind: 'detail', level: 1, cells });
    values.push(line);
  }
  const totalCells: ReportRow['cells'] = { name: '合计' };
  numberColumns.forEach((column, i) => (totalCells[column.key] = sums[i]));
  rows.push({ id: 'total', parentId: null, kind: 'total', level: 0, cells: totalCells });
  const report: ReportDescription = {
    title: '2026 年度员工业绩明细表',
    unit: '万元',
    period: '2026 年 1–11 月',
    organisation: '示例公司',
    date: '2026-11-26',
    page: { size: 'A4', orientation: 'landscape', margins: { top: 15, right: 10, bottom: 15, left: 10 } },
    sections: [{ kind: 'table', columns, rows, frozenColumns: 1 }],
    signOff: [{ label: '编制人' }, { label: '审核人' }, { label: '批准人' }, { label: '日期' }],
    fileName: 'bench',
  };
  xlsxData = { report, values };
  return xlsxData;
}

function verifyXlsxFile(file: string): void {
  // A zip of this size; reading 100,000 rows back would cost more than the figure, so check the
  // archive is complete (end-of-central-directory record present) and big enough to hold the rows.
  const bytes = fs.readFileSync(file);
  if (bytes.length < XLSX_ROWS * 20) throw new Error(`${path.basename(file)} is only ${bytes.length} bytes`);
  if (bytes.readUInt32LE(bytes.length - 22) !== 0x06054b50) throw new Error(`${path.basename(file)} is not a complete zip`);
}

export const exportXlsx: Figure = {
  name: 'export-xlsx-100k',
  budget: 1.3,
  description:
    'writeReportXlsx of a ReportDescription with one table of 100,000 detail rows × 12 columns (a name + 11 number ' +
    'columns, one-level header, a SUM total row) to a temp file: title block, styled header, per-cell styles and number ' +
    'formats, frozen panes, page setup, sign-off. Baseline: exceljs stream.xlsx.WorkbookWriter alone with its default ' +
    '(fastest) options, no styles, writing the same 100,000 × 12 values with addRow(values).commit().',
  run: ({ runs }) => {
    const data = buildXlsxData();
    return comparePair(
      {
        ours: async () => {
          const dir = tempDir();
          const file = path.join(dir, 'ours.xlsx');
          return {
            run: () => writeReportXlsx(data.report, file),
            verify: () => verifyXlsxFile(file),
            cleanup: () => removeDir(dir),
          };
        },
        baseline: async () => {
          const dir = tempDir();
          const file = path.join(dir, 'baseline.xlsx');
          return {
            run: async () => {
              // Default options (no styles): with useStyles the writer registers every cell's fresh
              // style object, which would make the baseline twice as slow and the ratio meaningless.
              const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file });
              const sheet = workbook.addWorksheet('baseline');
              for (const line of data.values) sheet.addRow(line).commit();
              sheet.commit();
              await workbook.commit();
            },
            verify: () => verifyXlsxFile(file),
            cleanup: () => removeDir(dir),
          };
        },
      },
      runs,
    );
  },
};
