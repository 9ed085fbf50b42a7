/**
 * A 工作计划 as DOCX, laid out by GB/T 9704-2012 (党政机关公文格式) with the docx library:
 *
 * - A4 (11906 × 16838 twips); 天头 (top margin) 37 mm, 订口 (left margin) 28 mm; the text area
 *   156 × 225 mm, so the right margin is 26 mm and the bottom 35 mm (§5.2.1–5.2.2);
 * - body 三号 (16 pt) 仿宋, 22 lines of 28 characters (a document grid: line pitch 225 mm ÷ 22,
 *   character pitch 156 mm ÷ 28), first line indented 2 characters (§5.2.3, §7.3.3);
 * - title 二号 (22 pt) 小标宋, centred (§7.3.1); heading levels 一、 黑体, （一） 楷体, 1. and （1）
 *   仿宋, as the body, no added bold (§7.3.3);
 * - page numbers 四号 (14 pt) 宋体 as "— 1 —", odd pages right and even pages left, one character
 *   in, 7 mm below the text area (§7.5);
 * - table header rows repeated on every page (§10).
 *
 * Every run names its East Asian font (w:eastAsia): the Windows fonts the standard assumes
 * (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312, 宋体), which Word and WPS use where installed and
 * substitute elsewhere; Latin text and figures in Times New Roman.
 */
import {
  AlignmentType,
  Document,
  DocumentGridType,
  Footer,
  LineRuleType,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { measureNote, type PrintedBlock, type PrintedDocument } from './document-blocks';

const mm = (value: number) => Math.round((value / 25.4) * 1440);
/** Half-points, as w:sz counts. */
const pt = (value: number) => value * 2;

export const GB9704 = {
  page: { width: 11906, height: 16838 },
  margin: { top: mm(37), left: mm(28), right: mm(210 - 28 - 156), bottom: mm(297 - 37 - 225) },
  /** 225 mm ÷ 22 lines, in twips, rounded down so that 22 lines fit. */
  linePitch: Math.floor(mm(225) / 22),
  /**
   * 28 characters of 16 pt in 156 mm: each drawn 0.25 pt closer (w:spacing, in twentieths of a
   * point): 28 × 15.75 pt = 155.6 mm. A line-and-character grid (w:charSpace) says the same to
   * Word, but LibreOffice reads it as a far wider pitch (16 characters a line), so the spacing is
   * on the runs and the grid holds the lines only.
   */
  characterSpacing: -5,
  /** 三号, 二号, 四号. */
  bodyPt: 16,
  titlePt: 22,
  pageNumberPt: 14,
  fonts: { body: '仿宋_GB2312', title: '方正小标宋简体', level1: '黑体', level2: '楷体_GB2312', pageNumber: '宋体', latin: 'Times New Roman' },
} as const;

const font = (eastAsia: string) => ({ ascii: GB9704.fonts.latin, hAnsi: GB9704.fonts.latin, cs: GB9704.fonts.latin, eastAsia });

const bodyRun = (text: string, eastAsia: string = GB9704.fonts.body, size: number = GB9704.bodyPt) =>
  new TextRun({ text, font: font(eastAsia), size: pt(size), characterSpacing: size === GB9704.bodyPt ? GB9704.characterSpacing : undefined });

const exactLine = { line: GB9704.linePitch, lineRule: LineRuleType.EXACT, before: 0, after: 0 };
/** Two characters of 三号. */
const FIRST_LINE_INDENT = 2 * GB9704.bodyPt * 20;

const HEADING_FONT: Record<number, string> = {
  1: GB9704.fonts.level1,
  2: GB9704.fonts.level2,
  3: GB9704.fonts.body,
  4: GB9704.fonts.body,
  5: GB9704.fonts.body,
};

function blockParagraphs(block: PrintedBlock): Array<Paragraph | Table> {
  switch (block.kind) {
    case 'heading':
      return [
        new Paragraph({
          spacing: exactLine,
          indent: { firstLine: FIRST_LINE_INDENT },
          children: [bodyRun(`${block.label}${block.text}`, HEADING_FONT[block.level])],
        }),
      ];
    case 'measure':
      return [
        new Paragraph({
          spacing: exactLine,
          indent: { firstLine: FIRST_LINE_INDENT },
          children: [bodyRun(`${block.label}${block.text}${measureNote(block.attrs)}`)],
        }),
      ];
    case 'paragraph':
      return block.text.split('\n').map((line) => new Paragraph({ spacing: exactLine, indent: { firstLine: FIRST_LINE_INDENT }, children: [bodyRun(line)] }));
    case 'pageBreak':
      return [new Paragraph({ children: [new PageBreak()] })];
    case 'table':
      return [
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: block.rows.map(
            (cells, r) =>
              new TableRow({
                // Repeated at the top of every page the table runs onto (w:tblHeader).
                tableHeader: r < block.headerRows,
                cantSplit: true,
                // Merged cells keep their spans; docx continues a row span in the rows below.
                children: cells.map(
                  (cell) =>
                    new TableCell({
                      columnSpan: cell.colspan > 1 ? cell.colspan : undefined,
                      rowSpan: cell.rowspan > 1 ? cell.rowspan : undefined,
                      children: cell.text.split('\n').map(
                        (line) =>
                          new Paragraph({
                            alignment: r < block.headerRows ? AlignmentType.CENTER : AlignmentType.LEFT,
                            children: [bodyRun(line, r < block.headerRows ? GB9704.fonts.level1 : GB9704.fonts.body, 14)],
                          }),
                      ),
                    }),
                ),
              }),
          ),
        }),
      ];
  }
}

/** "— 1 —" one character in from the right (odd pages) or the left (even pages). */
function pageNumberFooter(side: 'odd' | 'even'): Footer {
  const oneCharacter = GB9704.pageNumberPt * 20;
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: oneCharacter } : { left: oneCharacter },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font(GB9704.fonts.pageNumber), size: pt(GB9704.pageNumberPt) })],
      }),
    ],
  });
}

export async function writeDocumentDocx(printed: PrintedDocument): Promise<Buffer> {
  const doc = new Document({
    title: printed.title,
    creator: 'PlanDesk 计划工作台',
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: font(GB9704.fonts.body), size: pt(GB9704.bodyPt) } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: GB9704.page.width, height: GB9704.page.height },
            // The page number sits 7 mm below the text area: its 14 pt line ends about 12 mm lower.
            margin: { ...GB9704.margin, header: mm(15), footer: mm(297 - 37 - 225 - 7 - 5), gutter: 0 },
          },
          grid: { type: DocumentGridType.LINES, linePitch: GB9704.linePitch },
        },
        footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { line: Math.round(GB9704.titlePt * 20 * 1.5), lineRule: LineRuleType.EXACT, after: GB9704.linePitch },
            children: [bodyRun(printed.title, GB9704.fonts.title, GB9704.titlePt)],
          }),
          ...printed.blocks.flatMap(blockParagraphs),
          new Paragraph({ spacing: exactLine, indent: { firstLine: FIRST_LINE_INDENT }, children: [bodyRun(printed.asOfNote)] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
