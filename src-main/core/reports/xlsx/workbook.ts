/**
 * The workbook: exceljs' streaming WorkbookWriter on the output stream, one sheet per table
 * section (text sections under the table before them), a 说明 sheet when there is no table, and
 * the commit; on failure or abort the zip is stopped and detached from the output.
 */
import ExcelJS from 'exceljs';
import type { ReportDescription, TableSection, TextSection } from '../../../../src-shared/reports/report-model';
import { progressCheckpoint, throwIfAborted, watchStream, type Checkpoint } from './progress';
import { writeTableSheet } from './table-sheet';
import { writeTextSheet } from './text-blocks';

export interface XlsxRenderOptions {
  /** Called about every 1,000 table rows and once at the end with (total, total). */
  onProgress?: (done: number, total: number) => void;
  /** Checked at the same points; an aborted export rejects with an Error named 'AbortError'. */
  signal?: AbortSignal;
}

interface ArchiverLike {
  unpipe(destination?: NodeJS.WritableStream): void;
  abort(): void;
}

export async function writeToStream(report: ReportDescription, stream: NodeJS.WritableStream, options: XlsxRenderOptions): Promise<void> {
  const { onProgress, signal } = options;
  const watch = watchStream(stream);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: stream as unknown as import('node:stream').Stream,
    useSharedStrings: false,
    useStyles: true,
  });
  workbook.creator = 'PlanDesk 计划工作台';
  workbook.lastModifiedBy = 'PlanDesk 计划工作台';
  const zip = (workbook as unknown as { zip: ArchiverLike }).zip;

  const tables = report.sections.filter((s): s is TableSection => s.kind === 'table');
  const total = tables.reduce((n, t) => n + t.rows.length, 0);
  const checkpoint = progressCheckpoint(total, onProgress, signal, watch.throwIfFailed);

  try {
    await writeSheets(workbook, report, tables, checkpoint);
    throwIfAborted(signal);
    watch.throwIfFailed();
    await Promise.race([workbook.commit(), watch.failed]);
    watch.throwIfFailed();
    onProgress?.(total, total);
  } catch (error) {
    // Stop the zip and detach the output; the caller (or writeReportXlsx) disposes of it.
    zip.unpipe(stream);
    zip.abort();
    throw error;
  } finally {
    watch.stop();
  }
}

async function writeSheets(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  report: ReportDescription,
  tables: TableSection[],
  checkpoint: Checkpoint,
): Promise<void> {
  const { textsByTable, orphanTexts } = textsUnderTables(report);
  const names = xlsxSheetNames(report);
  for (const [i, table] of tables.entries()) {
    await writeTableSheet(workbook, report, table, textsByTable.get(table) ?? [], names[i], checkpoint);
  }
  if (tables.length === 0) {
    // No table: the text (if any) goes on a 说明 sheet; a workbook needs at least one sheet.
    writeTextSheet(workbook, report, orphanTexts, names[0]);
  }
}

/**
 * Text sections go under the nearest table before them (or after them, for text that comes
 * first); chart sections are skipped: exceljs embeds only raster images, and the charts are SVG
 * (ECharts' server-side renderer) — they are in the HTML/PDF rendering of the report.
 */
function textsUnderTables(report: ReportDescription): { textsByTable: Map<TableSection, TextSection[]>; orphanTexts: TextSection[] } {
  const textsByTable = new Map<TableSection, TextSection[]>();
  const orphanTexts: TextSection[] = [];
  let lastTable: TableSection | undefined;
  const leadingTexts: TextSection[] = [];
  for (const section of report.sections) {
    if (section.kind === 'table') {
      textsByTable.set(section, lastTable === undefined ? [...leadingTexts] : []);
      lastTable = section;
    } else if (section.kind === 'text') {
      if (lastTable) textsByTable.get(lastTable)!.push(section);
      else leadingTexts.push(section);
    }
  }
  if (!lastTable) orphanTexts.push(...leadingTexts);
  return { textsByTable, orphanTexts };
}

/**
 * The sheet names an export of the report gives its tables, in order (or 说明 for a report of
 * text only): how an import tells which of a file's sheets is which section.
 */
export function xlsxSheetNames(report: ReportDescription): string[] {
  const names = new SheetNames();
  const tables = report.sections.filter((s): s is TableSection => s.kind === 'table');
  return tables.length > 0 ? tables.map((table) => names.take(table.title || report.title)) : [names.take('说明')];
}

/** Excel sheet names: ≤ 31 characters, none of []:*?/\, no leading/trailing ', unique ignoring case. */
class SheetNames {
  private readonly used = new Set<string>();

  take(wanted: string): string {
    let base = wanted
      .replace(/[[\]:*?/\\]/g, '_')
      // exceljs quotes sheet names in print-title defined names without doubling apostrophes.
      .replace(/'/g, '’')
      .replace(/[\u0000-\u001f\u007f]/g, '')
      .trim();
    if (!base || base.toLowerCase() === 'history') base = base ? `${base}_` : 'Sheet';
    for (let n = 1; ; n++) {
      const suffix = n === 1 ? '' : ` (${n})`;
      const name = truncateUtf16(base, 31 - suffix.length) + suffix;
      if (!this.used.has(name.toLowerCase())) {
        this.used.add(name.toLowerCase());
        return name;
      }
    }
  }
}

function truncateUtf16(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return cut.trimEnd();
}
