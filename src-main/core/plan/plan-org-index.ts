/**
 * The org tree as splitting and roll-ups walk it, built from the org store once per org change
 * and plan year: a year's figures roll up through the organisation of that year (the org store's
 * `readOrg(db, year)`, see core/org/org-history.ts for the rule), so a move effective next year
 * leaves this year's team totals as they were.
 */
import { leavesByNode, orgTreeOf, type OrgTree, type TreeNode } from '../../../src-shared/domain/org-tree';
import { readOrg } from '../org';
import type { Workspace } from '../workspace';
import { planCache, type PlanCache } from './plan-cache';

export interface OrgIndex extends OrgTree<TreeNode> {
  /** Leaf descendants (people and childless units) of every node, itself included for a leaf. */
  leavesOf: Map<string, string[]>;
}

export function orgIndex(ws: Workspace, cache: PlanCache = planCache(ws), year: number): OrgIndex {
  const cached = cache.orgs.get(year);
  if (cached) return cached;
  const { units, people } = readOrg(cache.db, year);
  const tree = orgTreeOf(units, people);
  const index = { ...tree, leavesOf: leavesByNode(tree) };
  cache.orgs.set(year, index);
  return index;
}
