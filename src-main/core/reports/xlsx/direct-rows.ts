/**
 * The streaming direct-row writer: a table body's rows as XML written straight into the sheet.
 */
import type ExcelJS from 'exceljs';
import type { ReportRow } from '../../../../src-shared/reports/report-model';
import type { Sheet } from './sheet-setup';
import type { Style } from './styles';
import type { CellOut, ColumnPlan } from './table-plan';

/** Test hook: `directRows: false` forces the public Row/Cell path for the table body. */
export const xlsxInternals = { directRows: true };

/**
 * The table body written as row XML straight into the sheet's part of the zip, bypassing
 * exceljs' Row/Cell objects and its generic XML builder. Through Row/Cell, styled cells (the
 * s="…" attribute, the style lookups, larger rows) cost 1.2–1.4x of exceljs' unstyled plain
 * writing for 100,000 × 12 cells, at the edge of the 1.3x budget of DESIGN.md §4; written
 * directly they cost about 0.55–0.65x (bench figure export-xlsx-100k). The XML is what exceljs
 * itself writes for the same cells (strings as t="str", formulas with cached <v>, style ids from
 * the workbook's own style registry), so the file is the same either way; tests compare both.
 * Relies on WorksheetWriter internals of exceljs 4.x (`stream`, `startedData`, `_rows`,
 * `_rowZero`): when they are not there, `open` returns null and the public path is used.
 */
export class DirectRows {
  private readonly ids = new Map<Style, number>();

  private constructor(
    private readonly registry: { addStyleModel(style: Style, cellType?: number): number },
    private readonly sheet: { stream: { write(data: string): unknown }; _rowZero: number },
  ) {}

  static open(workbook: ExcelJS.stream.xlsx.WorkbookWriter, ws: Sheet): DirectRows | null {
    const registry = (workbook as unknown as { styles?: { addStyleModel?: unknown } }).styles;
    const sheet = ws as unknown as { stream?: { write?: unknown }; startedData?: boolean; _rows?: unknown[]; _rowZero?: number };
    if (
      typeof registry?.addStyleModel !== 'function' ||
      sheet.startedData !== true ||
      !Array.isArray(sheet._rows) ||
      sheet._rows.length !== 0 ||
      typeof sheet._rowZero !== 'number' ||
      typeof sheet.stream?.write !== 'function'
    ) {
      return null;
    }
    return new DirectRows(registry as never, sheet as never);
  }

  private styleId(style: Style): number {
    let id = this.ids.get(style);
    if (id === undefined) this.ids.set(style, (id = this.registry.addStyleModel(style)));
    return id;
  }

  rowXml(
    number: number,
    n: number,
    cols: ColumnPlan[],
    outs: CellOut[],
    base: number,
    source: ReportRow,
    styleOf: (source: ReportRow, ci: number) => Style,
    height?: number,
  ): string {
    if (n === 0) return '';
    const ht = height === undefined ? '' : ` ht="${height}" customHeight="1"`;
    let xml = `<row r="${number}"${ht} spans="1:${n}" x14ac:dyDescent="0.25">`;
    for (let ci = 0; ci < n; ci++) {
      const ref = cols[ci].letter + number;
      const s = this.styleId(styleOf(source, ci));
      const out = outs[base + ci];
      if (out === null) xml += `<c r="${ref}" s="${s}"/>`;
      else if (typeof out === 'number') xml += `<c r="${ref}" s="${s}"><v>${out}</v></c>`;
      else if (typeof out === 'string') xml += `<c r="${ref}" s="${s}" t="str"><v>${escapeXml(out)}</v></c>`;
      else if (typeof out.result === 'number') xml += `<c r="${ref}" s="${s}"><f>${escapeXml(out.formula)}</f><v>${out.result}</v></c>`;
      else xml += `<c r="${ref}" s="${s}" t="str"><f>${escapeXml(out.formula)}</f><v>${escapeXml(out.result)}</v></c>`;
    }
    return xml + '</row>';
  }

  write(xml: string): void {
    if (xml) this.sheet.stream.write(xml);
  }

  /** Rows from `next` on go through exceljs again. */
  close(next: number): void {
    this.sheet._rowZero = next;
  }
}

const XML_SPECIAL = /[<>&"'\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const XML_SPECIAL_ALL = /[<>&"'\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const XML_ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' };

/** exceljs' xmlEncode: the five entities, and characters XML 1.0 cannot carry dropped. */
function escapeXml(text: string): string {
  return XML_SPECIAL.test(text) ? text.replace(XML_SPECIAL_ALL, (ch) => XML_ENTITIES[ch] ?? '') : text;
}
