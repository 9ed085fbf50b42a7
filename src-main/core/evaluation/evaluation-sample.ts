/**
 * The sample's 绩效考核: each salesperson of the sample company typed for every month of the year
 * up to the clock's, so 绩效考核 opens on a scored and ranked sheet. Figures vary around the
 * default scheme's monthly targets, from the sample's seeded random stream.
 */
import { localDay } from '../../../src-shared/domain/periods';
import { readOrg } from '../org';
import { SAMPLE_ORGANISATION } from '../plan';
import type { Workspace } from '../workspace';
import { peopleUnder } from './evaluation-service';
import { writeEntry } from './evaluation-store';

/** Each typed item's typical month and how far a month strays from it (tenths). */
const TYPICAL: ReadonlyArray<[item: string, typical: number, spread: number, whole: boolean]> = [
  ['newCustomers', 40, 30, true],
  ['customerVisits', 200, 80, true],
  ['phoneVisits', 600, 250, true],
  ['weeklyOrders', 160, 60, true],
  ['growthRate', 90, 80, false],
  ['developedCustomers', 20, 20, true],
  ['lostCustomers', 5, 10, true],
  ['discipline', 900, 120, false],
  ['planReportRate', 920, 100, false],
  ['resourceReplies', 850, 150, false],
];

export function writeEvaluationSample(ws: Workspace, random: () => number): void {
  const today = localDay(ws.ctx.clock());
  const year = Number(today.slice(0, 4));
  const company = readOrg(ws.db, year).units.find((u) => u.parentId === null && u.name === SAMPLE_ORGANISATION);
  if (!company) return;
  const lastMonth = Number(today.slice(5, 7));
  const at = ws.ctx.clock().toISOString();
  for (const person of peopleUnder(ws, year, company.id).people) {
    // Some people do better than others all year: the ranking has something to show.
    const form = 0.75 + random() * 0.5;
    for (let m = 1; m <= lastMonth; m++) {
      const month = `${year}-${String(m).padStart(2, '0')}`;
      for (const [itemKey, typical, spread, whole] of TYPICAL) {
        const raw = typical * (itemKey === 'lostCustomers' ? 2 - form : form) + (random() - 0.5) * spread;
        const bounded = itemKey === 'growthRate' ? raw : whole ? Math.max(0, raw) : Math.min(Math.max(raw, 0), 1000);
        const value = whole ? Math.round(bounded / 10) * 10 : Math.round(bounded);
        writeEntry(ws.db, { personId: person.id, month, itemKey, value }, at);
      }
    }
  }
}
