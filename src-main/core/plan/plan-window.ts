/**
 * A subject's plan over a span of days (a month, the 两节 window): the sum of its leaves' day cells
 * of one level, across the plan years the span touches — the figure 目标分解 shows for a month and
 * 进度跟踪 adds up for a day range. Null when nothing is stored there.
 */
import { leavesOf, orgTreeOf } from '../../../src-shared/domain/org-tree';
import { readOrg } from '../org';
import type { Workspace } from '../workspace';
import type { PlanLevel } from './plan-scope';
import { rangeSumReader } from './plan-store';

export function spanSum(ws: Workspace, input: { metricId: string; level: PlanLevel; subjectId: string; first: string; last: string }): number | null {
  if (input.last < input.first) return null;
  const sumOf = rangeSumReader(ws.db);
  let total: number | null = null;
  for (let year = Number(input.first.slice(0, 4)); year <= Number(input.last.slice(0, 4)); year++) {
    const { units, people } = readOrg(ws.db, year);
    const tree = orgTreeOf(units, people);
    if (!tree.nodes.has(input.subjectId)) continue;
    const first = input.first > `${year}-01-01` ? input.first : `${year}-01-01`;
    const last = input.last < `${year}-12-31` ? input.last : `${year}-12-31`;
    for (const leaf of leavesOf(tree, input.subjectId)) {
      const sum = sumOf({ year, metricId: input.metricId, level: input.level }, leaf, first, last);
      if (sum !== null) total = (total ?? 0) + sum;
    }
  }
  return total;
}
