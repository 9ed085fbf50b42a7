/**
 * Hierarchy display over AG Grid's community client-side model (tree data is Enterprise-only):
 * rows arrive in depth-first order with a parent id; a row is shown when every ancestor is
 * expanded.
 */
export interface TreeRowLike {
  id: string;
  parentId: string | null;
  hasChildren: boolean;
}

export function visibleTreeRows<R extends TreeRowLike>(rows: R[], expanded: ReadonlySet<string>): R[] {
  const shown = new Set<string>();
  const result: R[] = [];
  for (const row of rows) {
    const parentOpen = row.parentId === null || (shown.has(row.parentId) && expanded.has(row.parentId));
    if (!parentOpen) continue;
    shown.add(row.id);
    result.push(row);
  }
  return result;
}

export function allParentIds(rows: TreeRowLike[]): Set<string> {
  return new Set(rows.filter((r) => r.hasChildren).map((r) => r.id));
}
