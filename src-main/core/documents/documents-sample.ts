/**
 * The sample's 工作计划: the company's plan of the sample year, started from the template, so
 * 工作计划 opens on a document whose live numbers show the sample's figures.
 */
import { localDay } from '../../../src-shared/domain/periods';
import { readOrg } from '../org';
import { SAMPLE_METRICS, SAMPLE_ORGANISATION } from '../plan';
import type { Workspace } from '../workspace';
import { documentTitle, workPlanTemplate } from './document-template';
import { writeDocument } from './documents-store';

export function writeDocumentsSample(ws: Workspace): void {
  const year = Number(localDay(ws.ctx.clock()).slice(0, 4));
  const company = readOrg(ws.db, year).units.find((u) => u.parentId === null && u.name === SAMPLE_ORGANISATION);
  if (!company) return;
  writeDocument(ws.db, {
    id: 'doc-sample',
    unitId: company.id,
    year,
    title: documentTitle(company.name, year),
    content: workPlanTemplate(company, year, SAMPLE_METRICS),
    updatedAt: ws.ctx.clock().toISOString(),
  });
}
