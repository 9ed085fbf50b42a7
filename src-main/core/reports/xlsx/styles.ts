/**
 * Fonts, borders and fills of the printed-report look, Excel number formats, and the shared
 * style objects of body cells. Styles are built once and assigned by reference: exceljs' style
 * registry caches the id per object, so a fresh object per cell would cost a lookup per cell.
 */
import type ExcelJS from 'exceljs';
import type { NumberFormat, ReportBand, ReportColumn, ReportRow } from '../../../../src-shared/reports/report-model';

const FONT_NAME = '宋体';
const BODY_SIZE = 10;
const BAND_COLOURS: Record<ReportBand, string> = {
  'below-basic': 'FFC00000',
  basic: 'FFB8860B',
  challenge: 'FF2E7D32',
};

export type Style = Partial<ExcelJS.Style>;
type Border = Partial<ExcelJS.Borders>;

const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
const BOX: Border = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const TOTAL_BOX: Border = { top: { style: 'double', color: { argb: 'FF000000' } }, left: THIN, bottom: THIN, right: THIN };
const BODY_FONT: Partial<ExcelJS.Font> = { name: FONT_NAME, size: BODY_SIZE };
const BOLD_FONT: Partial<ExcelJS.Font> = { name: FONT_NAME, size: BODY_SIZE, bold: true };
export const HEADER_STYLE: Style = {
  font: BOLD_FONT,
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } },
  border: BOX,
  alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
};
export const TITLE_STYLE: Style = {
  font: { name: FONT_NAME, size: 16, bold: true },
  alignment: { horizontal: 'center', vertical: 'middle' },
};
export const INFO_LEFT_STYLE: Style = { font: BODY_FONT, alignment: { horizontal: 'left', vertical: 'middle' } };
export const INFO_RIGHT_STYLE: Style = { font: BODY_FONT, alignment: { horizontal: 'right', vertical: 'middle' } };
export const PARAGRAPH_STYLE: Style = { font: BODY_FONT, alignment: { horizontal: 'left', vertical: 'top', wrapText: true } };
export const NOTE_STYLE: Style = { font: { name: FONT_NAME, size: 9 }, alignment: { horizontal: 'left', vertical: 'top', wrapText: true } };
export const PARAGRAPH_TITLE_STYLE: Style = { font: BOLD_FONT, alignment: { horizontal: 'left', vertical: 'middle' } };
export const SIGN_OFF_STYLE: Style = { font: BODY_FONT, alignment: { horizontal: 'left', vertical: 'middle' } };

export function excelNumberFormat(format: NumberFormat): string {
  const decimals = 'decimals' in format ? Math.max(0, Math.min(10, Math.floor(format.decimals))) : 0;
  const fraction = decimals > 0 ? `.${'0'.repeat(decimals)}` : '';
  switch (format.kind) {
    case 'text':
      return '@';
    case 'number':
      return `#,##0${fraction}`;
    case 'percent':
      return `0${fraction}%`;
    case 'percent-value':
      return `0${fraction}"%"`;
    case 'points':
      return `+0${fraction}"个百分点";-0${fraction}"个百分点";0${fraction}"个百分点"`;
  }
}

const KINDS = ['detail', 'subtotal', 'total'] as const;
export type KindIndex = 0 | 1 | 2;
export const kindIndex = (row: ReportRow): KindIndex => (row.kind === 'total' ? 2 : row.kind === 'subtotal' ? 1 : 0);

/** Shared style objects of one column: by row kind, and lazily by indent level and band colour. */
export class ColumnStyles {
  private readonly base: Style[];
  private readonly variants = new Map<string, Style>();

  constructor(
    private readonly column: ReportColumn,
    private readonly first: boolean,
  ) {
    this.base = KINDS.map((_, k) => this.make(k as KindIndex, 0, undefined));
  }

  get(kind: KindIndex, level: number, band: ReportBand | undefined): Style {
    const indent = this.first ? Math.max(0, Math.min(15, Math.floor(level))) : 0;
    const colour = band === undefined ? undefined : BAND_COLOURS[band];
    if (indent === 0 && colour === undefined) return this.base[kind];
    const key = `${kind}|${indent}|${colour ?? ''}`;
    let style = this.variants.get(key);
    if (!style) this.variants.set(key, (style = this.make(kind, indent, colour)));
    return style;
  }

  private make(kind: KindIndex, indent: number, colour: string | undefined): Style {
    const numeric = this.column.format.kind !== 'text';
    const horizontal = this.column.align ?? (numeric ? 'right' : 'left');
    const font: Partial<ExcelJS.Font> = { name: FONT_NAME, size: BODY_SIZE };
    if (kind > 0) font.bold = true;
    if (colour) font.color = { argb: colour };
    const alignment: Partial<ExcelJS.Alignment> = { horizontal, vertical: 'middle' };
    if (indent > 0) alignment.indent = indent;
    if (this.column.wrap) alignment.wrapText = true;
    return { numFmt: excelNumberFormat(this.column.format), font, alignment, border: kind === 2 ? TOTAL_BOX : BOX };
  }
}
