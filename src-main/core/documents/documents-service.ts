/**
 * 工作计划 documents: get, start from the template, save. A document belongs to a unit of the
 * year's organisation; its content was checked against the contract's schema by dispatch, and its
 * live numbers may name metrics or subjects that later go away (shown as broken, never refused:
 * the planner's text is kept).
 */
import type { ChannelInput, WorkPlanDocument } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import type { MetricDef } from '../../../src-shared/domain/targets';
import { readOrg } from '../org';
import { listMetrics } from '../targets';
import type { Workspace } from '../workspace';
import { documentTitle, workPlanTemplate } from './document-template';
import { readDocument, readDocumentById, writeDocument } from './documents-store';

function unitOf(ws: Workspace, unitId: string, year: number): { id: string; name: string } {
  const unit = readOrg(ws.db, year).units.find((u) => u.id === unitId);
  if (!unit) throw new AppError('NOT_FOUND', `No unit ${unitId} in ${year}`, { reason: 'unknown-unit', zh: '该单位不在本年度的组织中' });
  return unit;
}

export function getDocument(ws: Workspace, input: ChannelInput<'documents/get'>): { document: WorkPlanDocument | null } {
  unitOf(ws, input.unitId, input.year);
  return { document: readDocument(ws.db, input.unitId, input.year) };
}

export async function createDocument(ws: Workspace, input: ChannelInput<'documents/create'>): Promise<WorkPlanDocument> {
  const unit = unitOf(ws, input.unitId, input.year);
  // Started twice (two windows, a double click): the document that exists is the one.
  const existing = readDocument(ws.db, unit.id, input.year);
  if (existing) return existing;
  const metrics = (await listMetrics(ws)) as MetricDef[];
  const document: WorkPlanDocument = {
    id: ws.ctx.newId('doc'),
    unitId: unit.id,
    year: input.year,
    title: documentTitle(unit.name, input.year),
    content: workPlanTemplate(unit, input.year, metrics),
    updatedAt: ws.ctx.clock().toISOString(),
  };
  ws.db.transaction(() => writeDocument(ws.db, document));
  ws.events.emit('documents/changed', { id: document.id, unitId: document.unitId, year: document.year });
  return document;
}

export function saveDocument(ws: Workspace, input: ChannelInput<'documents/save'>): WorkPlanDocument {
  const stored = readDocumentById(ws.db, input.id);
  if (!stored) throw new AppError('NOT_FOUND', `No document ${input.id}`, { reason: 'unknown-document', zh: '找不到该工作计划' });
  const document: WorkPlanDocument = {
    ...stored,
    title: input.title,
    content: input.content as WorkPlanDocument['content'],
    updatedAt: ws.ctx.clock().toISOString(),
  };
  ws.db.transaction(() => writeDocument(ws.db, document));
  ws.events.emit('documents/changed', { id: document.id, unitId: document.unitId, year: document.year });
  return document;
}
