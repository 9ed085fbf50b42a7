/**
 * A document as it prints: its headings numbered (一、（一）1.（1）①, counted now from their order),
 * its live numbers replaced by their values as of a day, and the note that fixes that day. The
 * DOCX writer and the report (preview, PDF) both print these blocks, so they cannot disagree. A
 * 绩效考核表 prints as its summary table, read from the evaluation's sheet at the moment of printing.
 */
import type { DocumentContent, LiveNumberAttrs, MeasureAttrs, ResolvedLiveNumber, WorkPlanDocument } from '../../../src-shared/contract/channels';
import { MEASURE_LEVEL, numberHeadings, type HeadingLevel } from '../../../src-shared/domain/official-numbering';
import { localDay } from '../../../src-shared/domain/periods';
import type { Workspace } from '../workspace';
import { AppError } from '../../../src-shared/contract/errors';
import { evaluationSummaryGrid } from '../../../src-shared/reports/evaluation-summary';
import { sheetFor } from '../evaluation';
import { resolveLiveNumbers } from './live-numbers';

export type PrintedBlock =
  | { kind: 'heading'; level: HeadingLevel; label: string; text: string }
  | { kind: 'measure'; label: string; text: string; attrs: MeasureAttrs }
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; rows: PrintedCell[][]; headerRows: number }
  | { kind: 'pageBreak' };

/** A table cell as the editor keeps it: a row lists only the cells that start in it (as HTML does). */
export interface PrintedCell {
  text: string;
  colspan: number;
  rowspan: number;
}

/**
 * The table as a full grid, a merged cell's text in its first slot and '' in the slots it covers:
 * what a printed table of fixed columns (the report's) needs.
 */
export function tableGrid(rows: readonly PrintedCell[][]): string[][] {
  const grid: Array<Array<string | undefined>> = [];
  rows.forEach((cells, r) => {
    const row = (grid[r] ??= []);
    let c = 0;
    for (const cell of cells) {
      while (row[c] !== undefined) c++;
      for (let dr = 0; dr < cell.rowspan; dr++) for (let dc = 0; dc < cell.colspan; dc++) (grid[r + dr] ??= [])[c + dc] = dr === 0 && dc === 0 ? cell.text : '';
      c += cell.colspan;
    }
  });
  const width = Math.max(0, ...grid.map((row) => row.length));
  return grid.slice(0, rows.length).map((row) => Array.from({ length: width }, (_, c) => row[c] ?? ''));
}

export interface PrintedDocument {
  title: string;
  blocks: PrintedBlock[];
  /** 注：文中数据截至 2026 年 11 月 26 日 … */
  asOfNote: string;
  asOf: string;
  /** Live numbers whose metric or subject is gone, by their place in the text. */
  broken: number;
}

type Block = DocumentContent['content'][number];
type Inline = NonNullable<Extract<Block, { type: 'paragraph' }>['content']>[number];

/** Every live number of the document, in reading order. */
export function liveNumbersOf(content: DocumentContent): LiveNumberAttrs[] {
  const found: LiveNumberAttrs[] = [];
  const inline = (nodes: readonly Inline[] | undefined) => {
    for (const node of nodes ?? []) if (node.type === 'liveNumber') found.push(node.attrs);
  };
  for (const block of content.content) {
    if (block.type === 'paragraph' || block.type === 'heading' || block.type === 'measure') inline(block.content);
    else if (block.type === 'table') for (const row of block.content) for (const cell of row.content) for (const p of cell.content) inline(p.content);
  }
  return found;
}

const BROKEN_TEXT = '【数据已失效】';

/** The numbers of the document's headings and measures, in order (numberHeadings). */
export function documentLabels(content: DocumentContent): string[] {
  return numberHeadings(content.content.flatMap((b) => (b.type === 'heading' ? [b.attrs.level as HeadingLevel] : b.type === 'measure' ? [MEASURE_LEVEL] : [])));
}

export const MEASURE_STATUS_TEXT = { 'not-started': '未开始', 'in-progress': '进行中', done: '已完成', delayed: '延期' } as const;

/** （负责人：张伟；完成时限：2027-03-31；进行中）, what of it is filled in. */
export function measureNote(attrs: MeasureAttrs): string {
  const parts = [attrs.owner ? `负责人：${attrs.owner}` : '', attrs.deadline ? `完成时限：${attrs.deadline}` : '', MEASURE_STATUS_TEXT[attrs.status]].filter(
    Boolean,
  );
  return `（${parts.join('；')}）`;
}

function dayText(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${y} 年 ${m} 月 ${d} 日`;
}

/** `evaluations: false` leaves the 绩效考核表 unread (措施清单 needs only the text around them). */
export async function printedDocument(
  ws: Workspace,
  document: WorkPlanDocument,
  asOf?: string,
  options: { evaluations?: boolean } = {},
): Promise<PrintedDocument> {
  const tokens = liveNumbersOf(document.content);
  const values: ResolvedLiveNumber[] = await resolveLiveNumbers(ws, document.year, tokens, asOf ?? localDay(ws.ctx.clock()));
  const day = asOf ?? localDay(ws.ctx.clock());
  let next = 0;
  let broken = 0;
  const textOf = (nodes: readonly Inline[] | undefined) =>
    (nodes ?? [])
      .map((node) => {
        if (node.type === 'text') return node.text;
        const value = values[next++];
        if (value.broken) broken++;
        return value.broken ? BROKEN_TEXT : value.text;
      })
      .join('');
  // Each 绩效考核表 read now, as its sheet is (a unit gone from the organisation: shown as broken).
  const evaluations = await Promise.all(
    document.content.content.map(async (block) => {
      if (block.type !== 'evaluationTable') return null;
      if (options.evaluations === false) return { broken: '' };
      try {
        return evaluationSummaryGrid(await sheetFor(ws, { period: block.attrs.period, scopeId: block.attrs.unitId }));
      } catch (error) {
        // Why it cannot be read (its unit gone, the scheme's metric removed), in the refusal's own words.
        if (error instanceof AppError) return { broken: (error.details as { zh?: string } | undefined)?.zh ?? error.message.split(' / ')[0] };
        throw error;
      }
    }),
  );
  const labels = documentLabels(document.content);
  let h = 0;
  const blocks: PrintedBlock[] = document.content.content.map((block, index): PrintedBlock => {
    switch (block.type) {
      case 'heading':
        return { kind: 'heading', level: block.attrs.level as HeadingLevel, label: labels[h++], text: textOf(block.content) };
      case 'measure':
        return { kind: 'measure', label: labels[h++], text: textOf(block.content), attrs: block.attrs };
      case 'paragraph':
        return { kind: 'paragraph', text: textOf(block.content) };
      case 'table': {
        const span = (n: number | undefined) => (n && n > 0 ? n : 1);
        const rows = block.content.map((row) =>
          row.content.map((cell) => ({
            text: cell.content.map((p) => textOf(p.content)).join('\n'),
            colspan: span(cell.attrs?.colspan),
            rowspan: span(cell.attrs?.rowspan),
          })),
        );
        const headerRows = block.content.findIndex((row) => !row.content.every((cell) => cell.type === 'tableHeader'));
        return { kind: 'table', rows, headerRows: headerRows === -1 ? rows.length : headerRows };
      }
      case 'pageBreak':
        return { kind: 'pageBreak' };
      case 'evaluationTable': {
        const grid = evaluations[index];
        if (grid === null || 'broken' in grid) {
          broken++;
          return { kind: 'paragraph', text: `【绩效考核表无法生成：${grid?.broken ?? ''}】` };
        }
        return { kind: 'table', rows: grid.map((cells) => cells.map((text) => ({ text, colspan: 1, rowspan: 1 }))), headerRows: 1 };
      }
    }
  });
  return {
    title: document.title,
    blocks,
    asOf: day,
    asOfNote: `注：文中数据截至 ${dayText(day)}，取自计划工作台的年度目标与进度跟踪。`,
    broken,
  };
}
