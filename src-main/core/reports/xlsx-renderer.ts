/**
 * XLSX renderer for a ReportDescription (src-shared/reports/report-model.ts): one worksheet per
 * table section, laid out the way a printed Chinese report looks (title block, multi-level
 * header, indented names, bold subtotals, double-ruled total, sign-off line), with live formulas
 * for subtotals, totals, ratios and differences, each carrying its computed value as the cached
 * result so viewers that do not recalculate still show the numbers.
 *
 * Always written with exceljs' streaming WorkbookWriter (a 100,000-row table would need ~1.4 GiB
 * with the in-memory Workbook; TOOLCHAIN.md). The streaming writer dictates the order of work:
 * views, page setup and header/footer go in when the sheet is added, column widths before the
 * first row is committed, merges before the rows they cover are committed. So each table is
 * planned first (values, formulas, widths) and then written top to bottom.
 *
 * Speed (DESIGN.md §4, bench figure export-xlsx-100k): style objects are built once per column and
 * row kind and assigned by reference (exceljs' style registry caches the id per object), every
 * cell's content is resolved once, and the table body's row XML is written straight into the
 * sheet (DirectRows), with exceljs' Row/Cell path as the fallback that writes the same file.
 *
 * The parts, in xlsx/: workbook (sheets, commit), progress (progress, abort, drain), sheet-setup
 * (page setup, merges), styles (fonts, number formats, body styles), text-blocks (title block,
 * paragraphs, sign-off), table-plan (values and formulas), table-columns (widths, header rows),
 * table-body (body rows), direct-rows (the row XML writer), table-sheet (one table's sheet).
 *
 * Charts are not exported: exceljs embeds only raster images and report charts are SVG.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { ReportDescription } from '../../../src-shared/reports/report-model';
import { throwIfAborted } from './xlsx/progress';
import { writeToStream, type XlsxRenderOptions } from './xlsx/workbook';

export { xlsxInternals } from './xlsx/direct-rows';
export { excelNumberFormat } from './xlsx/styles';
export { sumFormula } from './xlsx/table-plan';
export type { XlsxRenderOptions } from './xlsx/workbook';

/**
 * Writes the report as XLSX to a file path or a writable stream. A path is written through a
 * temporary file in the same folder and renamed at the end, so a failed or aborted export leaves
 * neither a partial file nor a damaged earlier copy. A stream target is ended on success; on
 * failure it is unpiped and left to the caller.
 */
export async function writeReportXlsx(report: ReportDescription, target: string | NodeJS.WritableStream, options: XlsxRenderOptions = {}): Promise<void> {
  throwIfAborted(options.signal);
  if (typeof target !== 'string') {
    await writeToStream(report, target, options);
    return;
  }
  const finalPath = path.resolve(target);
  const tempPath = path.join(
    path.dirname(finalPath),
    `.${path.basename(finalPath)}.${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`,
  );
  const file = fs.createWriteStream(tempPath);
  // Errors are raised by writeToStream; this keeps a late one (after it stopped listening) from
  // becoming an uncaught 'error' event.
  file.on('error', () => {});
  try {
    await writeToStream(report, file, options);
    await fs.promises.rename(tempPath, finalPath);
  } catch (error) {
    if (!file.destroyed) file.destroy();
    await new Promise<void>((resolve) => (file.closed ? resolve() : file.once('close', () => resolve())));
    await fs.promises.rm(tempPath, { force: true });
    throw error;
  }
}

/** The report as XLSX bytes (for hosts that stream a download or send bytes over IPC). */
export async function renderReportXlsx(report: ReportDescription, options: XlsxRenderOptions = {}): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  await writeReportXlsx(report, sink, options);
  return Buffer.concat(chunks);
}
