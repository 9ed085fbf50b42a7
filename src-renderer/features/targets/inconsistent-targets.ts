/**
 * 不一致: the rows × metrics whose 挑战目标 is on the wrong side of their 基本目标 (the rule is
 * `targetsInconsistent` in src-shared/domain/targets.ts), counted for the page's toolbar, and the
 * jump that takes the grid's focus to them one after another.
 */
import type { GridApi } from 'ag-grid-community';
import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { inconsistentTargets, type MetricDef, type PlanRow } from '../../../src-shared/domain/targets';
import { columnId } from './targets-columns';
import { TOTAL_ID } from './total-row';

/** Where to move the grid's focus: a row (the pinned total's id for the total) and a column. */
export interface FocusCellRequest {
  rowId: string;
  colId: string;
}

interface Options {
  /** Every row, collapsed or not. */
  rows: PlanRow[];
  totalRow: PlanRow | null;
  metrics: MetricDef[] | undefined;
  /** The rows shown, to know when a branch must be opened to reach a cell. */
  visibleRows: PlanRow[];
  expandAll: () => void;
}

/**
 * The inconsistent cells and the jump to the next one. The pinned total counts only when it is not
 * just the one top unit again. Each jump goes to the cell after the last one jumped to (the first,
 * to begin with, once that one is fixed, and after the last), opening the tree when it is hidden.
 */
export function useInconsistentTargets({ rows, totalRow, metrics, visibleRows, expandAll }: Options) {
  const cells = useMemo(() => {
    if (!metrics) return [];
    const counted = totalRow && rows.filter((r) => r.parentId === TOTAL_ID).length > 1 ? [...rows, totalRow] : rows;
    return inconsistentTargets(counted, metrics);
  }, [rows, totalRow, metrics]);
  const [focusCell, setFocusCell] = useState<FocusCellRequest | null>(null);
  const lastJump = useRef<string | null>(null);
  const jump = () => {
    if (cells.length === 0) return;
    const keys = cells.map((c) => `${c.rowId}|${c.metricId}`);
    const at = (lastJump.current === null ? -1 : keys.indexOf(lastJump.current)) + 1;
    const next = cells[at % cells.length];
    lastJump.current = keys[at % cells.length];
    if (next.rowId !== TOTAL_ID && !visibleRows.some((r) => r.id === next.rowId)) expandAll();
    // A new object each time, so a second jump to the same cell focuses it again.
    setFocusCell({ rowId: next.rowId, colId: columnId(next.metricId, 'challenge') });
  };
  return { count: cells.length, jump, focusCell };
}

/**
 * Gives the grid's focus to the requested cell as soon as its row is shown: at once, or when the
 * rows next arrive (call the returned function from the grid's ready and row-data events).
 */
export function useFocusRequest(apiRef: RefObject<GridApi<PlanRow> | null>, request: FocusCellRequest | null | undefined): () => void {
  const pending = useRef<FocusCellRequest | null>(null);
  const giveFocus = useCallback(() => {
    const api = apiRef.current;
    const wanted = pending.current;
    if (!api || !wanted) return;
    if (api.getPinnedBottomRow(0)?.data?.id === wanted.rowId) {
      pending.current = null;
      api.ensureColumnVisible(wanted.colId, 'middle');
      api.setFocusedCell(0, wanted.colId, 'bottom');
      return;
    }
    const rowIndex = api.getRowNode(wanted.rowId)?.rowIndex;
    if (rowIndex === null || rowIndex === undefined) return;
    pending.current = null;
    api.ensureIndexVisible(rowIndex, 'middle');
    api.ensureColumnVisible(wanted.colId, 'middle');
    api.setFocusedCell(rowIndex, wanted.colId);
  }, [apiRef]);
  useEffect(() => {
    pending.current = request ?? null;
    giveFocus();
  }, [request, giveFocus]);
  return giveFocus;
}
