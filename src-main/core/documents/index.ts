/**
 * 工作计划 documents: one written plan per unit and year with live numbers bound to the plan,
 * printed through the report pipeline (preview, PDF) and as a GB/T 9704 DOCX (`work-plan`).
 */
import { documentsChannels } from '../../../src-shared/contract/documents';
import { localDay } from '../../../src-shared/domain/periods';
import type { BackendFeature } from '../feature';
import { createDocument, getDocument, saveDocument } from './documents-service';
import { writeDocumentsSample } from './documents-sample';
import { resolveLiveNumbers } from './live-numbers';
import { listMeasures } from './measures-list';
import { WorkPlanDocuments1764115200011 } from './migrations/0011-work-plan-documents';
import { buildWorkPlanDocx, buildWorkPlanReport } from './work-plan-report';

export const documentsFeature: BackendFeature<typeof documentsChannels> = {
  name: 'documents',
  handlers: {
    'documents/get': async (ws, input) => getDocument(ws, input),
    'documents/create': (ws, input) => createDocument(ws, input),
    'documents/save': async (ws, input) => saveDocument(ws, input),
    'documents/list-measures': (ws, input) => listMeasures(ws, input),
    'documents/resolve': async (ws, input) => {
      const asOf = input.asOf ?? localDay(ws.ctx.clock());
      return { asOf, values: await resolveLiveNumbers(ws, input.year, input.tokens, asOf) };
    },
  },
  migrations: [WorkPlanDocuments1764115200011],
  sample: writeDocumentsSample,
  // `scopeId` is the unit (default: the company), `year` the plan year.
  reports: { 'work-plan': { name: '工作计划', build: buildWorkPlanReport, docx: buildWorkPlanDocx } },
};
