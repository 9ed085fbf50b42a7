/**
 * Hierarchy display over AG Grid's community client-side model (tree data is Enterprise-only):
 * rows arrive in depth-first order with a parent id; a row is shown when every ancestor is
 * expanded.
 */
import { buildOrgTree, displayOrder } from '../../src-shared/domain/org-tree';

export interface TreeRowLike {
  id: string;
  parentId: string | null;
  hasChildren: boolean;
}

export function visibleTreeRows<R extends TreeRowLike>(rows: R[], expanded: ReadonlySet<string>): R[] {
  const tree = buildOrgTree(rows);
  return displayOrder(tree, (id) => expanded.has(id)).map(({ id }) => tree.nodes.get(id)!);
}

export function allParentIds(rows: TreeRowLike[]): Set<string> {
  return new Set(rows.filter((r) => r.hasChildren).map((r) => r.id));
}
