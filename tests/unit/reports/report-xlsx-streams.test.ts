/**
 * XLSX renderer, output: progress about every 1,000 rows, a caller's stream, abort before and
 * during an export (no file left, an earlier file kept), a missing target folder
 * (fixture: helpers/report-xlsx-fixture.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { renderReportXlsx, writeReportXlsx } from '../../../src-main/core/reports/xlsx-renderer';
import { buildReport, cleanUpXlsxTests, tempDir } from '../helpers/report-xlsx-fixture';

afterEach(cleanUpXlsxTests);

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
