/**
 * The organisation as the summary and the KPIs see it, from the org store and the shared tree
 * walks: units in display order, the branch above a unit, a unit's full name, the people of a role.
 */
import type { OrgUnit, Person } from '../../../src-shared/contract/channels';
import {
  branchOf as branchInTree,
  displayOrder,
  orgTreeOf,
  unitPathName as unitPathNameInTree,
  type OrgTree,
  type TreeNode,
} from '../../../src-shared/domain/org-tree';
import type { Database } from '../db/port';
import { readOrg } from '../org';

export interface Org {
  tree: OrgTree<TreeNode>;
  /** The top unit (the company). */
  root: OrgUnit | undefined;
  /** Units depth first, each parent before its children, siblings by sort order. */
  ordered: OrgUnit[];
  position: Map<string, number>;
  people: Person[];
}

export function readSummaryOrg(db: Database): Org {
  const { units, people } = readOrg(db);
  const tree = orgTreeOf(units, people);
  const unitsById = new Map(units.map((u) => [u.id, u]));
  const ordered = displayOrder(tree).flatMap(({ id }) => unitsById.get(id) ?? []);
  const root = tree.roots.map((id) => unitsById.get(id)).find((u) => u !== undefined);
  return { tree, root, ordered, position: new Map(ordered.map((u, i) => [u.id, i])), people };
}

/** The branch a unit sits in (itself when it is one); null above or outside the branch level. */
export function branchOf(org: Org, unitId: string): string | null {
  return branchInTree(org.tree, unitId);
}

/** The names from below the organisation down to the unit: 东湖县分公司集团客户部 (the company's own name for the company). */
export function unitPathName(org: Org, unitId: string): string {
  return unitPathNameInTree(org.tree, unitId);
}
