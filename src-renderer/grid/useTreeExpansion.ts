import { useCallback, useMemo, useState } from 'react';
import { allParentIds, visibleTreeRows, type TreeRowLike } from './tree-rows';

/**
 * Expand/collapse state of an organisation grid: everything open until the user closes a node.
 * Returns the rows to show, each marked `expanded`, and the toggles.
 */
export function useTreeExpansion<R extends TreeRowLike>(rows: R[]) {
  // null: nothing toggled yet, so every parent is open (also for rows that arrive later).
  const [expanded, setExpanded] = useState<Set<string> | null>(null);
  const expandedSet = useMemo(() => expanded ?? allParentIds(rows), [expanded, rows]);
  const visibleRows = useMemo(() => visibleTreeRows(rows, expandedSet).map((row) => ({ ...row, expanded: expandedSet.has(row.id) })), [rows, expandedSet]);
  const toggle = useCallback(
    (id: string) =>
      setExpanded((current) => {
        const next = new Set(current ?? allParentIds(rows));
        if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      }),
    [rows],
  );
  const expandAll = useCallback(() => setExpanded(allParentIds(rows)), [rows]);
  const collapseAll = useCallback(() => setExpanded(new Set()), []);
  return { visibleRows, toggle, expandAll, collapseAll };
}
