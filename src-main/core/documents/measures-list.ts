/**
 * 具体做法 across documents: every measure with its document's unit and year, the section it is
 * under and its number as printed, who owns it, by when and how far; overdue when its deadline has
 * passed (by the clock) and it is not done. The measures live in their documents (the one home of
 * their text and state); this only reads them.
 */
import type { ChannelInput, ChannelOutput } from '../../../src-shared/contract/channels';
import { displayOrder, orgTreeOf } from '../../../src-shared/domain/org-tree';
import { localDay } from '../../../src-shared/domain/periods';
import { readOrg } from '../org';
import type { Workspace } from '../workspace';
import { printedDocument } from './document-blocks';
import { readDocuments } from './documents-store';

export async function listMeasures(ws: Workspace, input: ChannelInput<'documents/list-measures'>): Promise<ChannelOutput<'documents/list-measures'>> {
  const today = localDay(ws.ctx.clock());
  const measures: ChannelOutput<'documents/list-measures'>['measures'] = [];
  // Year by year, the units in the organisation's order (the company before its branches).
  const orgOf = new Map<number, { units: ReturnType<typeof readOrg>['units']; order: string[] }>();
  const orgIn = (year: number) => {
    let org = orgOf.get(year);
    if (!org) {
      const { units, people } = readOrg(ws.db, year);
      orgOf.set(year, (org = { units, order: displayOrder(orgTreeOf(units, people)).map((n) => n.id) }));
    }
    return org;
  };
  const unitsOf = (year: number) => orgIn(year).units;
  const place = (year: number, unitId: string) => orgIn(year).order.indexOf(unitId);
  const documents = readDocuments(ws.db, input.year).sort((a, b) => a.year - b.year || place(a.year, a.unitId) - place(b.year, b.unitId));
  for (const document of documents) {
    if (!document.content.content.some((b) => b.type === 'measure')) continue;
    const unitName = unitsOf(document.year).find((u) => u.id === document.unitId)?.name ?? '';
    const printed = await printedDocument(ws, document, today, { evaluations: false });
    let section = '';
    for (const block of printed.blocks) {
      if (block.kind === 'heading' && block.level === 1) section = `${block.label}${block.text}`;
      if (block.kind !== 'measure') continue;
      const overdue = block.attrs.deadline !== null && block.attrs.deadline < today && block.attrs.status !== 'done';
      if (input.owner && block.attrs.owner !== input.owner) continue;
      if (input.overdue && !overdue) continue;
      measures.push({
        ...block.attrs,
        documentId: document.id,
        unitId: document.unitId,
        unitName,
        year: document.year,
        section,
        label: block.label,
        text: block.text,
        overdue,
      });
    }
  }
  return { asOf: today, measures };
}
