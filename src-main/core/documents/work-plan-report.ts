/**
 * The 工作计划 through the report pipeline: the same printed blocks as the DOCX (document-blocks.ts)
 * as report sections, so 报表打印 previews it and prints it to PDF with the shipped fonts, and
 * `export --report work-plan --format docx` writes the GB/T 9704 DOCX (document-docx.ts). The unit
 * is `scopeId` (default: the company, the top unit of the year's organisation); a unit that has not
 * started its document prints the template as it would start.
 */
import { AppError } from '../../../src-shared/contract/errors';
import type { WorkPlanDocument } from '../../../src-shared/contract/channels';
import type { ReportColumn, ReportDescription, ReportSection } from '../../../src-shared/reports/report-model';
import type { MetricDef } from '../../../src-shared/domain/targets';
import type { ReportOptions } from '../feature';
import { readOrg } from '../org';
import { listMetrics } from '../targets';
import { getWorkspaceInfo, type Workspace } from '../workspace';
import { measureNote, printedDocument, tableGrid } from './document-blocks';
import { writeDocumentDocx } from './document-docx';
import { documentTitle, workPlanTemplate } from './document-template';
import { readDocument } from './documents-store';

async function documentFor(ws: Workspace, options: ReportOptions): Promise<WorkPlanDocument> {
  const year = options.year ?? (await getWorkspaceInfo(ws)).planYear;
  const { units } = readOrg(ws.db, year);
  // The CLI's --unit names it by id or by name.
  const unit = options.scopeId
    ? (units.find((u) => u.id === options.scopeId) ?? units.find((u) => u.name === options.scopeId))
    : units.find((u) => u.parentId === null);
  if (!unit) throw new AppError('NOT_FOUND', `No unit ${options.scopeId ?? ''} in ${year}`, { reason: 'unknown-unit', zh: '该单位不在本年度的组织中' });
  return (
    readDocument(ws.db, unit.id, year) ?? {
      id: 'template',
      unitId: unit.id,
      year,
      title: documentTitle(unit.name, year),
      content: workPlanTemplate(unit, year, (await listMetrics(ws)) as MetricDef[]),
      updatedAt: ws.ctx.clock().toISOString(),
    }
  );
}

const cellColumn = (i: number, header: string): ReportColumn => ({
  key: `c${i}`,
  header,
  format: { kind: 'text' },
  formula: { kind: 'none' },
  align: 'left',
  wrap: true,
});

export async function buildWorkPlanReport(ws: Workspace, options: ReportOptions): Promise<ReportDescription> {
  const document = await documentFor(ws, options);
  const printed = await printedDocument(ws, document);
  const unitName = readOrg(ws.db, document.year).units.find((u) => u.id === document.unitId)?.name ?? '';
  const sections: ReportSection[] = [];
  let text: { kind: 'text'; title?: string; paragraphs: string[] } | null = null;
  const paragraphs = () => {
    if (!text) sections.push((text = { kind: 'text', paragraphs: [] }));
    return text.paragraphs;
  };
  for (const block of printed.blocks) {
    if (block.kind === 'heading' && block.level === 1) {
      sections.push((text = { kind: 'text', title: `${block.label}${block.text}`, paragraphs: [] }));
    } else if (block.kind === 'heading') {
      paragraphs().push(`${block.label}${block.text}`);
    } else if (block.kind === 'measure') {
      paragraphs().push(`${block.label}${block.text}${measureNote(block.attrs)}`);
    } else if (block.kind === 'paragraph') {
      if (block.text.trim() !== '') paragraphs().push(...block.text.split('\n'));
    } else if (block.kind === 'table' && block.rows.length > 0) {
      // The report's columns are the first row; header rows after it print as rows, merged cells spread out.
      const [header, ...body] = tableGrid(block.rows);
      sections.push({
        kind: 'table',
        columns: header.map((h, i) => cellColumn(i, h)),
        rows: body.map((cells, r) => ({
          id: `r${r}`,
          parentId: null,
          kind: 'detail',
          level: 0,
          cells: Object.fromEntries(cells.map((c, i) => [`c${i}`, c])),
        })),
      });
      text = null;
    }
  }
  paragraphs().push(printed.asOfNote);
  return {
    title: document.title,
    period: `${document.year} 年`,
    organisation: unitName,
    date: printed.asOf,
    // GB/T 9704's margins: 天头 37 mm, 订口 28 mm, a 156 × 225 mm text area.
    page: { size: 'A4', orientation: 'portrait', margins: { top: 37, right: 26, bottom: 35, left: 28 } },
    sections,
    fileName: document.title,
  };
}

export async function buildWorkPlanDocx(ws: Workspace, options: ReportOptions): Promise<Buffer> {
  return writeDocumentDocx(await printedDocument(ws, await documentFor(ws, options)));
}
