/** The org tree as splitting and roll-ups walk it, built from the org store once per org change. */
import { leavesByNode, orgTreeOf, type OrgTree, type TreeNode } from '../../../src-shared/domain/org-tree';
import { readOrg } from '../org';
import type { Workspace } from '../workspace';
import { planCache, type PlanCache } from './plan-cache';

export interface OrgIndex extends OrgTree<TreeNode> {
  /** Leaf descendants (people and childless units) of every node, itself included for a leaf. */
  leavesOf: Map<string, string[]>;
}

export function orgIndex(ws: Workspace, cache: PlanCache = planCache(ws)): OrgIndex {
  if (cache.org) return cache.org;
  const { units, people } = readOrg(cache.db);
  const tree = orgTreeOf(units, people);
  cache.org = { ...tree, leavesOf: leavesByNode(tree) };
  return cache.org;
}
