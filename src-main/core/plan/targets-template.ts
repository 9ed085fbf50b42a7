/**
 * The 年度目标 template (导出模板 / 导入模板): the targets report's table as one editable XLSX sheet,
 * and its import back.
 *
 * The file is the printed report's layout (title block, two header rows, the org tree with live
 * SUM formulas on roll-up rows, completion and 同比 formulas), all metrics on one sheet, written by
 * the report engine (renderReportXlsx) and then marked up with ExcelJS:
 * - people's (leaves') 基本目标 and 挑战目标 cells of additive metrics are unlocked and tinted; the
 *   sheet is protected WITHOUT a password (审阅 → 撤销工作表保护 lifts it; the import does not rely on
 *   the protection, it checks every cell);
 * - a hidden column after the table holds each row's subject id (`__total` for 合计), its header
 *   cells the marker (TEMPLATE_MARKER) and the template's year and organisation as JSON;
 * - a hidden row under the table holds each column's key (`metricId:measure`), its id-column cell
 *   KEYS_MARKER.
 *
 * The import reads the file with the strategy import's reader (readXlsxTable: size limits, only the
 * template's sheet loaded), refuses a file without the marker (nothing read further, nothing
 * written), then checks EVERY cell before writing anything: people's targets as typed text would be
 * (parseDecimalInput, the metric's precision and sign), 挑战目标 on the right side of 基本目标 for the
 * rows changed, other figures of people's rows unchanged, no merge over a target cell, roll-up rows
 * still their SUM formula or their children's sum (上年实际 and 实际: the figure printed), every id
 * and key known, the template this workspace's (its organisation, its ids). Any refusal:
 * INVALID_CELLS listing them all (cell, column, value, reason), nothing written. Otherwise the changed cells are one targets/save-cells
 * save (saveAnnualCells: spread to the days, locks kept; the channel is one edit-log step).
 */
import fs from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { CellChange, ChannelOutput, TemplateRefusal } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import { numberToScaled, parseDecimalInput, scaledToPlainText } from '../../../src-shared/domain/decimal';
import { targetsInconsistent, type MetricDef } from '../../../src-shared/domain/targets';
import { isColumnGroup, type ReportColumn, type ReportDescription, type ReportRow, type TableSection } from '../../../src-shared/reports/report-model';
import { subjectIds } from '../org';
import { renderReportXlsx, sumFormula } from '../reports';
import { readXlsxTable, sheetToRead } from '../strategy';
import { listMetrics } from '../targets';
import { getWorkspaceInfo, type Workspace } from '../workspace';
import { listAnnualCells, saveAnnualCells } from './annual-targets';
import { buildTargetsReport } from './targets-report';
import { MEASURE_NAMES, NAME_HEADER } from './targets-template-texts';

export const TEMPLATE_MARKER = 'PlanDesk 年度目标模板 / targets template';
export const KEYS_MARKER = 'PlanDesk keys';
const TEMPLATE_VERSION = 1;
const TOTAL_ROW_ID = '__total';
/** Rows 1–2: title block; 3–4: the header (the report engine's layout). */
const HEADER_TOP = 3;
const BODY_START = 5;
const MAX_LISTED = 500;
const INPUT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF7D6' } };
const VALUE_MEASURES = ['lastYearActual', 'basic', 'challenge', 'actual'] as const;
type ValueMeasure = (typeof VALUE_MEASURES)[number];
const TYPED: ReadonlySet<string> = new Set(['basic', 'challenge']);

interface TemplateMeta {
  v: number;
  year: number;
  organisation: string;
}

// ---------------------------------------------------------------------------------------------
// Export

/** The targets report's tables as one table with every metric (the rows are the same in each). */
async function templateReport(ws: Workspace, year: number): Promise<{ report: ReportDescription; table: TableSection }> {
  const printed = await buildTargetsReport(ws, { year });
  const tables = printed.sections.filter((s): s is TableSection => s.kind === 'table');
  if (tables.length === 0) throw new AppError('NOT_FOUND', 'No metric to put in a template');
  const table: TableSection = {
    kind: 'table',
    title: `${year} 年度目标`,
    columns: [tables[0].columns[0], ...tables.flatMap((t) => t.columns.slice(1))],
    rows: tables[0].rows.map((row, i) => ({
      ...row,
      cells: Object.assign({}, ...tables.map((t) => t.rows[i].cells)),
      bands: Object.assign({}, ...tables.map((t) => t.rows[i].bands ?? {})),
    })),
    frozenColumns: 1,
    note: '注：只填写人员行的基本目标、挑战目标（浅黄色单元格）；汇总行与完成率由公式计算。工作表保护无密码。Fill in people’s 基本目标/挑战目标 (yellow cells) only; roll-ups are formulas. The sheet is protected without a password.',
  };
  const report: ReportDescription = {
    ...printed,
    title: `${year} 年度目标填报模板`,
    sections: [table],
    signOff: undefined,
    fileName: `${printed.organisation}-${year}年度目标模板`,
  };
  return { report, table };
}

function leafColumns(columns: TableSection['columns']): ReportColumn[] {
  return columns.flatMap((c) => (isColumnGroup(c) ? leafColumns(c.children) : [c]));
}

/** Splits `metricId:measure`; null for the name column and anything else. */
function parseKey(key: string): { metricId: string; measure: string } | null {
  const at = key.lastIndexOf(':');
  return at > 0 ? { metricId: key.slice(0, at), measure: key.slice(at + 1) } : null;
}

export async function exportTargetsTemplate(ws: Workspace, year: number): Promise<{ fileName: string; bytes: Buffer }> {
  const info = await getWorkspaceInfo(ws);
  const [{ report, table }, metrics, { leaves }] = await Promise.all([templateReport(ws, year), listMetrics(ws), subjectIds(ws, year)]);
  const additive = new Set(metrics.filter((m) => m.kind === 'additive').map((m) => m.id));
  const rendered = await renderReportXlsx(report);

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(rendered as never);
  const sheet = workbook.worksheets[0];
  const columns = leafColumns(table.columns);
  const idColumn = columns.length + 1;
  const meta: TemplateMeta = { v: TEMPLATE_VERSION, year, organisation: info.organisationName };
  sheet.getCell(HEADER_TOP, idColumn).value = TEMPLATE_MARKER;
  sheet.getCell(HEADER_TOP + 1, idColumn).value = JSON.stringify(meta);
  const childRows = new Map<string | null, number[]>();
  table.rows.forEach((row, i) => {
    if (row.kind === 'total') return;
    const parent = row.parentId ?? null;
    childRows.set(parent, [...(childRows.get(parent) ?? []), BODY_START + i]);
  });
  table.rows.forEach((row, i) => {
    const sheetRow = sheet.getRow(BODY_START + i);
    const name = sheetRow.getCell(1).text.trim();
    const expected = String(row.cells.name ?? '').trim();
    if (name !== expected) throw new AppError('INTERNAL', `Template row ${BODY_START + i} is ${name}, expected ${expected}`);
    sheetRow.getCell(idColumn).value = row.kind === 'total' ? TOTAL_ROW_ID : row.id;
    if (row.kind === 'subtotal' || row.kind === 'total') {
      // A roll-up the report left blank (nothing under it has a target yet) is still a live SUM in
      // the template, so the figures the planner types add up in Excel before they are imported.
      const kids = childRows.get(row.kind === 'total' ? null : row.id) ?? [];
      columns.forEach((column, c) => {
        const key = parseKey(column.key);
        const cell = sheetRow.getCell(c + 1);
        if (!key || !TYPED.has(key.measure) || !additive.has(key.metricId) || cell.value !== null || kids.length === 0) return;
        const formula = sumFormula(columnLetter(c + 1), kids);
        if (formula) cell.value = { formula } as ExcelJS.CellFormulaValue;
      });
      return;
    }
    if (row.kind !== 'detail' || !leaves.has(row.id)) return;
    columns.forEach((column, c) => {
      const key = parseKey(column.key);
      if (!key || !TYPED.has(key.measure) || !additive.has(key.metricId)) return;
      const cell = sheetRow.getCell(c + 1);
      // A style of its own: ExcelJS shares loaded style objects between cells.
      cell.style = { ...cell.style, protection: { locked: false }, fill: INPUT_FILL };
    });
  });
  const keyRow = sheet.getRow(sheet.rowCount + 2);
  columns.forEach((column, c) => (keyRow.getCell(c + 1).value = column.key));
  keyRow.getCell(idColumn).value = KEYS_MARKER;
  keyRow.hidden = true;
  sheet.getColumn(idColumn).hidden = true;
  // No password: protection keeps the layout from slipping, the import checks every cell anyway.
  await sheet.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    insertRows: false,
    insertColumns: false,
    deleteRows: false,
    deleteColumns: false,
    sort: false,
    autoFilter: false,
  });
  workbook.creator = 'PlanDesk 计划工作台';
  workbook.description = `${TEMPLATE_MARKER} ${year}`;
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  return { fileName: `${report.fileName.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(0, 120)}.xlsx`, bytes };
}

export async function exportTemplateChannel(
  ws: Workspace,
  year: number,
  chooseSavePath?: (name: string, format: 'xlsx') => Promise<string | null>,
): Promise<ChannelOutput<'targets/export-template'>> {
  const { fileName, bytes } = await exportTargetsTemplate(ws, year);
  const result = { fileName, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', byteLength: bytes.length };
  if (chooseSavePath) {
    const target = await chooseSavePath(fileName, 'xlsx');
    if (target === null) return { ...result, base64: null, savedTo: null, cancelled: true };
    await fs.writeFile(target, bytes);
    return { ...result, base64: null, savedTo: target, cancelled: false };
  }
  return { ...result, base64: bytes.toString('base64'), savedTo: null, cancelled: false };
}

// ---------------------------------------------------------------------------------------------
// Import: reading

function columnLetter(n: number): string {
  let s = '';
  for (let v = n; v > 0; v = Math.floor((v - 1) / 26)) s = String.fromCharCode(65 + ((v - 1) % 26)) + s;
  return s;
}

type CellRead =
  { kind: 'empty' } | { kind: 'number'; value: number } | { kind: 'text'; text: string } | { kind: 'formula'; formula: string; result: number | null };

function readCell(cell: ExcelJS.Cell | undefined): CellRead {
  const value = cell?.value;
  if (value === null || value === undefined) return { kind: 'empty' };
  if (typeof value === 'number') return { kind: 'number', value };
  if (typeof value === 'string') return value.trim() === '' ? { kind: 'empty' } : { kind: 'text', text: value };
  if (typeof value === 'boolean') return { kind: 'text', text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) return { kind: 'text', text: value.toISOString().slice(0, 10) };
  if (typeof value === 'object') {
    if ('richText' in value) return { kind: 'text', text: value.richText.map((r) => r.text).join('') };
    if ('formula' in value || 'sharedFormula' in value) {
      const f = value as ExcelJS.CellFormulaValue;
      const result = typeof f.result === 'number' ? f.result : null;
      return { kind: 'formula', formula: cell?.formula ?? f.formula ?? '', result };
    }
    if ('error' in value) return { kind: 'text', text: String(value.error) };
    if ('text' in value) return { kind: 'text', text: String((value as ExcelJS.CellHyperlinkValue).text) };
  }
  return { kind: 'text', text: String(value) };
}

/** A number as a planner would have typed it: no binary noise (0.30000000000000004), no exponent. */
function numberText(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const clean = Number(value.toPrecision(15));
  const text = String(clean);
  if (!/e/i.test(text)) return text;
  return Math.abs(clean) >= 1 ? BigInt(Math.round(clean)).toString() : clean.toFixed(20).replace(/0+$/, '');
}

/** The text a cell shows as typed, for parsing and for the refusal's `value`. */
function cellText(read: CellRead): string {
  switch (read.kind) {
    case 'empty':
      return '';
    case 'number':
      return numberText(read.value);
    case 'text':
      return read.text;
    case 'formula':
      return `=${read.formula}`;
  }
}

interface ReadTemplate {
  sheet: string;
  meta: TemplateMeta | null;
  metaAddress: string;
  idColumn: number;
  /** Sheet column → its key. */
  keys: Map<number, string>;
  keyRow: number;
  /** Body rows: sheet row number, hidden id, every cell read; `merged`: cells a merge covers (column → its first cell's text). */
  rows: Array<{ number: number; id: string; cells: Map<number, CellRead>; merged: Map<number, string> }>;
}

/**
 * A cell's text: its string, or the runs of its rich text joined (LibreOffice saves a text that
 * mixes Latin and CJK fonts, as the marker does, as rich text).
 */
function plainText(cell: ExcelJS.Cell | undefined): string {
  const value = cell?.value;
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'richText' in value) return value.richText.map((r) => r.text).join('');
  return value === null || value === undefined ? '' : String(value);
}

/** Where the marker is: the sheet and the id column (in the header's first row). */
function findMarker(workbook: ExcelJS.Workbook): { sheet: ExcelJS.Worksheet; column: number } | null {
  for (const sheet of workbook.worksheets) {
    const row = sheet.findRow(HEADER_TOP);
    if (!row) continue;
    let found = 0;
    row.eachCell((cell, column) => {
      if (!found && plainText(cell).trim() === TEMPLATE_MARKER) found = column;
    });
    if (found) return { sheet, column: found };
  }
  return null;
}

const fileRefusal = (reason: TemplateRefusal['reason'], value = '', cell = '', header = '', measure?: 'name'): AppError =>
  new AppError('INVALID_CELLS', `Template refused: ${reason}; nothing imported`, {
    refusals: [{ sheet: '', cell, row: 0, header, measure, value: value.slice(0, 200), reason }],
    total: 1,
  });

function readTemplate(workbook: ExcelJS.Workbook): ReadTemplate {
  const marker = findMarker(workbook);
  if (!marker) throw fileRefusal('not-a-template');
  // On the file's first rows this throws for the sheet to be loaded alone (readXlsxTable).
  const sheet = sheetToRead(workbook, marker.sheet);
  const idColumn = marker.column;
  let meta: TemplateMeta | null = null;
  try {
    const parsed = JSON.parse(plainText(sheet.findRow(HEADER_TOP + 1)?.findCell(idColumn))) as TemplateMeta;
    if (parsed && typeof parsed.year === 'number') meta = parsed;
  } catch {
    meta = null;
  }
  let keyRow = 0;
  for (let r = BODY_START; r <= sheet.rowCount; r++) {
    if (plainText(sheet.findRow(r)?.findCell(idColumn)).trim() === KEYS_MARKER) {
      keyRow = r;
      break;
    }
  }
  const keys = new Map<number, string>();
  if (keyRow) {
    for (let c = 1; c < idColumn; c++) {
      const key = plainText(sheet.findRow(keyRow)?.findCell(c)).trim();
      if (key !== '') keys.set(c, key);
    }
  }
  const rows: ReadTemplate['rows'] = [];
  const last = keyRow || sheet.rowCount + 1;
  for (let r = BODY_START; r < last; r++) {
    const row = sheet.findRow(r);
    if (!row) continue;
    const cells = new Map<number, CellRead>();
    const merged = new Map<number, string>();
    for (const c of keys.keys()) {
      const cell = row.findCell(c);
      // A merge's other cells show its first one's value again: only cells of their own count (a merge over a target is refused).
      if (cell && cell.isMerged && cell.master !== cell) {
        merged.set(c, cellText(readCell(cell.master)));
        continue;
      }
      cells.set(c, readCell(cell));
    }
    const id = plainText(row.findCell(idColumn)).trim();
    rows.push({ number: r, id, cells, merged });
    if (id === TOTAL_ROW_ID) break;
  }
  return { sheet: sheet.name, meta, metaAddress: `${columnLetter(idColumn)}${HEADER_TOP + 1}`, idColumn, keys, keyRow, rows };
}

// ---------------------------------------------------------------------------------------------
// Import: checking and saving

const bare = (formula: string) => formula.replace(/^=/, '').replace(/\s+/g, '').replace(/\$/g, '').toUpperCase();

type ValueColumn = { column: number; metric: MetricDef; measure: ValueMeasure };
type TemplateChange = CellChange & { row: number; column: number };

/** Reads the file (readXlsxTable) and refuses one that is not this year's template. */
async function readTemplateFile(base64: string, year: number): Promise<ReadTemplate> {
  let file: ReadTemplate;
  try {
    file = await readXlsxTable(base64, async (workbook) => readTemplate(workbook));
  } catch (error) {
    // The reader's own refusals (an unreadable file, one over the size limits) in this contract's terms.
    if (error instanceof AppError && error.code === 'INVALID_CELLS') {
      const details = error.details as { refusals?: Array<Record<string, unknown>> } | undefined;
      const first = details?.refusals?.[0];
      if (first && (first.reason === 'unreadable-file' || first.reason === 'file-too-large'))
        throw fileRefusal(first.reason, String(first.value ?? ''), String(first.cell ?? ''), String(first.header ?? ''));
    }
    throw error;
  }
  if (!file.meta || file.keyRow === 0) throw fileRefusal('not-a-template');
  if (file.meta.year !== year) throw fileRefusal('wrong-year', String(file.meta.year), file.metaAddress, '年度 / year');
  return file;
}

/** Every check of a template's cells, collecting refusals; `changes` are the people's targets that differ. */
class TemplateCheck {
  readonly refusals: TemplateRefusal[] = [];
  readonly changes: TemplateChange[] = [];
  readonly valueColumns: ValueColumn[] = [];
  /** `${metric}|${subject}|${measure}` → the scaled value the file gives a leaf. */
  private readonly fileValue = new Map<string, number | null>();
  private readonly printedRows: Map<string, ReportRow>;
  private readonly childrenOf = new Map<string, string[]>();
  private readonly sheetRowOf: Map<string, ReadTemplate['rows'][number]>;

  constructor(
    private readonly file: ReadTemplate,
    private readonly metrics: Map<string, MetricDef>,
    private readonly org: { all: Set<string>; leaves: Set<string> },
    private readonly stored: Map<string, number>,
    table: TableSection,
  ) {
    // The printed tree (parents, roll-ups) as the template is built from it.
    this.printedRows = new Map(table.rows.map((r) => [r.kind === 'total' ? TOTAL_ROW_ID : r.id, r]));
    for (const row of table.rows) {
      if (row.kind === 'total') continue;
      const parent = row.parentId ?? TOTAL_ROW_ID;
      this.childrenOf.set(parent, [...(this.childrenOf.get(parent) ?? []), row.id]);
    }
    this.sheetRowOf = new Map(file.rows.filter((r) => r.id !== '').map((r) => [r.id, r]));
  }

  /** The column a refusal names: its printed title, and its metric and measure for the app to name in the user's language. */
  columnOf(column: number): Pick<TemplateRefusal, 'header' | 'metricId' | 'measure'> {
    if (column === 1) return { header: NAME_HEADER, measure: 'name' };
    const key = parseKey(this.file.keys.get(column) ?? '');
    const metric = key ? this.metrics.get(key.metricId) : undefined;
    if (!key || !metric) return { header: this.file.keys.get(column) ?? '' };
    return { header: `${metric.name}·${MEASURE_NAMES[key.measure as ValueMeasure] ?? key.measure}`, metricId: metric.id, measure: key.measure };
  }

  refusal(row: number, column: number, reason: TemplateRefusal['reason'], value: string): TemplateRefusal {
    return { sheet: this.file.sheet, cell: `${columnLetter(column)}${row}`, row, ...this.columnOf(column), value: value.slice(0, 200), reason };
  }

  private refuse(row: number, column: number, reason: TemplateRefusal['reason'], value: string): void {
    this.refusals.push(this.refusal(row, column, reason, value));
  }

  /** The value measures of known metrics; an unknown metric's key is refused where it is. */
  columns(): this {
    for (const [column, key] of this.file.keys) {
      const parsed = parseKey(key);
      if (!parsed) continue;
      const metric = this.metrics.get(parsed.metricId);
      if (!metric) this.refuse(this.file.keyRow, column, 'unknown-metric', key);
      else if (metric.kind === 'additive' && (VALUE_MEASURES as readonly string[]).includes(parsed.measure))
        this.valueColumns.push({ column, metric, measure: parsed.measure as ValueMeasure });
    }
    return this;
  }

  /** Rows: every id known; people's targets parsed as typed text is, their other figures unchanged. */
  leaves(): this {
    for (const row of this.file.rows) {
      if (row.id === '') {
        const filled = this.valueColumns.find((v) => (row.cells.get(v.column)?.kind ?? 'empty') !== 'empty');
        // At the row's name (the visible first column), not in the hidden id column.
        if (filled) this.refuse(row.number, 1, 'missing-id', cellText(row.cells.get(filled.column)!));
      } else if (row.id !== TOTAL_ROW_ID && !this.org.all.has(row.id)) {
        this.refuse(row.number, 1, 'unknown-subject', row.id);
      } else if (this.org.leaves.has(row.id)) {
        for (const column of this.valueColumns) this.leafCell(row, column);
      }
    }
    return this;
  }

  /** A typed column's cell covered by a merge (not its first cell): refused, it would read as a clear. */
  private mergedTarget(row: ReadTemplate['rows'][number], column: number, measure: ValueMeasure): boolean {
    const shown = row.merged.get(column);
    if (shown === undefined || !TYPED.has(measure)) return false;
    this.refuse(row.number, column, 'not-editable', shown);
    return true;
  }

  private leafCell(row: ReadTemplate['rows'][number], { column, metric, measure }: ValueColumn): void {
    if (this.mergedTarget(row, column, measure)) return;
    const read = row.cells.get(column) ?? { kind: 'empty' };
    const key = `${metric.id}|${row.id}|${measure}`;
    const before = this.stored.get(key) ?? null;
    if (!TYPED.has(measure)) {
      const value = read.kind === 'number' ? read.value : read.kind === 'formula' ? read.result : null;
      const scaled = value === null ? null : numberToScaled(value, metric.precision);
      const same = read.kind === 'empty' ? before === null || before === 0 : scaled !== null && scaled === (before ?? 0);
      if (!same) this.refuse(row.number, column, 'not-editable', cellText(read));
      this.fileValue.set(key, before);
      return;
    }
    let text: string | null = null;
    if (read.kind === 'formula') text = read.result === null ? cellText(read) : numberText(read.result);
    else if (read.kind !== 'empty') text = cellText(read);
    const parsed = text === null ? ({ ok: true, scaled: null } as const) : parseDecimalInput(text, metric);
    if (!parsed.ok) {
      this.refuse(row.number, column, parsed.reason as TemplateRefusal['reason'], cellText(read));
      return;
    }
    this.fileValue.set(key, parsed.scaled);
    if (parsed.scaled === before) return;
    const typed = parsed.scaled === null ? null : scaledToPlainText(parsed.scaled, metric.precision);
    this.changes.push({ metricId: metric.id, subjectId: row.id, measure, text: typed, row: row.number, column });
  }

  /** 挑战目标 on the right side of 基本目标, for the people whose targets change. */
  challenges(): this {
    for (const pair of new Set(this.changes.map((c) => `${c.metricId}|${c.subjectId}`))) {
      const [metricId, subjectId] = pair.split('|');
      const basic = this.fileValue.get(`${pair}|basic`) ?? null;
      const challenge = this.fileValue.get(`${pair}|challenge`) ?? null;
      if (!targetsInconsistent({ basic, challenge }, this.metrics.get(metricId)!.direction)) continue;
      const column = this.valueColumns.find((v) => v.metric.id === metricId && v.measure === 'challenge')!.column;
      const row = this.sheetRowOf.get(subjectId)!;
      this.refuse(row.number, column, 'challenge-inconsistent', cellText(row.cells.get(column) ?? { kind: 'empty' }));
    }
    return this;
  }

  /** A roll-up's figure from the file's leaves (the stored one where the file has none). */
  private expected(id: string, metric: MetricDef, measure: ValueMeasure): number {
    const kids = this.childrenOf.get(id);
    if (!kids || kids.length === 0) {
      const key = `${metric.id}|${id}|${measure}`;
      return (this.fileValue.has(key) ? this.fileValue.get(key) : this.stored.get(key)) ?? 0;
    }
    return kids.reduce((sum, kid) => sum + this.expected(kid, metric, measure), 0);
  }

  /**
   * Roll-up rows: their SUM formula over their children's rows, or their children's sum. For the
   * measures nobody types (上年实际, 实际) the figure the export printed: a unit's own stored 上年实际
   * (新建年度计划: its roll-up in last year's organisation) is shown instead of its people's sum.
   */
  rollups(): this {
    for (const row of this.file.rows) {
      const printed = this.printedRows.get(row.id);
      if (!printed || (printed.kind !== 'subtotal' && printed.kind !== 'total')) continue;
      const kidRows = (this.childrenOf.get(row.id) ?? []).map((k) => this.sheetRowOf.get(k)?.number);
      for (const { column, metric, measure } of this.valueColumns) {
        if (this.mergedTarget(row, column, measure)) continue;
        const read = row.cells.get(column) ?? { kind: 'empty' };
        const sum = TYPED.has(measure) ? this.expected(row.id, metric, measure) : printedValue(printed, metric, measure);
        if (read.kind === 'formula') {
          const wanted = kidRows.every((n) => n !== undefined) ? sumFormula(columnLetter(column), kidRows as number[]) : null;
          if (wanted !== null && bare(read.formula) === bare(wanted)) continue;
          if (read.result !== null && numberToScaled(read.result, metric.precision) === sum) continue;
        } else if (read.kind === 'number' && numberToScaled(read.value, metric.precision) === sum) continue;
        // Left blank as the export printed it (a year without targets yet: no formula under it).
        else if (read.kind === 'empty' && (sum === 0 || printed.cells[`${metric.id}:${measure}`] == null)) continue;
        this.refuse(row.number, column, 'rollup-changed', cellText(read));
      }
    }
    return this;
  }
}

export async function importTargetsTemplate(ws: Workspace, year: number, base64: string): Promise<ChannelOutput<'targets/import-template'>> {
  const file = await readTemplateFile(base64, year);
  const [{ table }, metricList, org, { cells }, info] = await Promise.all([
    templateReport(ws, year),
    listMetrics(ws),
    subjectIds(ws, year),
    listAnnualCells(ws, year),
    getWorkspaceInfo(ws),
  ]);
  // Another workspace's template: written for another organisation, or none of its rows' ids known
  // here (every template has the 合计 row's id, so that one does not count). Refused once.
  if (file.meta?.organisation !== info.organisationName)
    throw fileRefusal('wrong-workspace', String(file.meta?.organisation ?? ''), file.metaAddress, '组织 / organisation');
  const ids = file.rows.filter((r) => r.id !== '' && r.id !== TOTAL_ROW_ID);
  if (ids.length > 0 && !ids.some((r) => org.all.has(r.id))) throw fileRefusal('wrong-workspace', ids[0].id, `A${ids[0].number}`, NAME_HEADER, 'name');
  const metrics = new Map(metricList.map((m) => [m.id, m as MetricDef]));
  const stored = new Map(cells.map((c) => [`${c.metricId}|${c.subjectId}|${c.measure}`, c.value]));
  const check = new TemplateCheck(file, metrics, org, stored, table).columns().leaves().challenges().rollups();
  const { refusals, changes } = check;
  if (refusals.length > 0) {
    refusals.sort((a, b) => a.row - b.row || a.cell.length - b.cell.length || (a.cell < b.cell ? -1 : 1));
    throw new AppError('INVALID_CELLS', `${refusals.length} cells refused; nothing imported`, {
      refusals: refusals.slice(0, MAX_LISTED),
      total: refusals.length,
    });
  }
  const typedColumns = check.valueColumns.filter((v) => TYPED.has(v.measure)).length;
  const unchanged = file.rows.filter((r) => org.leaves.has(r.id)).length * typedColumns - changes.length;
  if (changes.length === 0) return { saved: 0, cleared: 0, unchanged };
  try {
    const saved = await saveAnnualCells(
      ws,
      year,
      changes.map(({ metricId, subjectId, measure, text }) => ({ metricId, subjectId, measure, text })),
    );
    return { ...saved, unchanged };
  } catch (error) {
    throw saveRefusal(error, changes, check);
  }
}

/** The save's own refusal (a locked period) at the cell it came from; still nothing written. */
function saveRefusal(error: unknown, changes: TemplateChange[], check: TemplateCheck): unknown {
  if (!(error instanceof AppError)) return error;
  const details = (error.details as { index?: number; refusals?: Array<{ index: number; reason: string }> } | undefined) ?? {};
  const at = details.index ?? details.refusals?.[0]?.index;
  const change = at === undefined ? undefined : changes[at];
  if (!change) return error;
  const reason = error.code === 'SPLIT_REFUSED' ? 'locked' : ((details.refusals?.[0]?.reason ?? 'not-editable') as TemplateRefusal['reason']);
  const refusal = check.refusal(change.row, change.column, reason, change.text ?? '');
  return new AppError('INVALID_CELLS', `${refusal.cell} refused (${error.message}); nothing imported`, {
    refusals: [refusal],
    total: 1,
    cause: error.toData(),
  });
}

/** A printed row's figure, scaled (0 where the row shows none). */
const printedValue = (row: ReportRow, metric: MetricDef, measure: ValueMeasure, value = row.cells[`${metric.id}:${measure}`]): number =>
  typeof value === 'number' ? numberToScaled(value, metric.precision) : 0;
