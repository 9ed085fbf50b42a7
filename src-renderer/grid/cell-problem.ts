/**
 * A refusal shown at the grid: the message, the cell it is pinned to, and the cells it marks
 * (`pd-cell-invalid`). A refused edit saves nothing, so the marks point at what to fix.
 */
import type { CellClassParams, GridApi } from 'ag-grid-community';
import { useCallback, useEffect, useRef, type RefObject } from 'react';

export interface CellMark {
  /** The grid's row id (`getRowId`). */
  rowId: string;
  colId: string;
}

export interface CellProblem {
  message: string;
  /** Where the message is pinned; null puts it at the grid's top left. */
  at: CellMark | null;
  marks: CellMark[];
}

/** A refusal of one cell, marking that cell. */
export function cellProblem(message: string, at: CellMark | null): CellProblem {
  return { message, at, marks: at ? [at] : [] };
}

/**
 * Marks the problem's cells. Returns the class rule to put on editable columns as
 * `'pd-cell-invalid'`; it reads the current problem, so the column definitions need not be
 * rebuilt when the problem changes: only the rows whose marks come or go are refreshed (class
 * rules re-apply on an ordinary refresh; a forced one would redraw the cells and drop focus).
 */
export function useCellMarks<TData>(apiRef: RefObject<GridApi<TData> | null>, problem: CellProblem | null): (params: CellClassParams<TData>) => boolean {
  // Read by the class rule whenever AG Grid draws a cell, so it is current from this render on.
  const marksRef = useRef<CellMark[]>([]);
  marksRef.current = problem?.marks ?? [];
  const drawnRef = useRef<CellMark[]>([]);
  useEffect(() => {
    const api = apiRef.current;
    const rowIds = new Set([...drawnRef.current, ...marksRef.current].map((mark) => mark.rowId));
    drawnRef.current = marksRef.current;
    const rowNodes = [...rowIds].flatMap((id) => api?.getRowNode(id) ?? []);
    if (api && rowNodes.length > 0) api.refreshCells({ rowNodes });
  }, [apiRef, problem]);
  return useCallback(
    (params: CellClassParams<TData>) =>
      !params.node.rowPinned && marksRef.current.some((mark) => mark.rowId === params.node.id && mark.colId === params.colDef.colId),
    [],
  );
}
