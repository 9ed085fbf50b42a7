/**
 * Keyboard, copy and paste for our editable grids. AG Grid community has no clipboard (it is an
 * Enterprise feature), so each grid listens on its container in the capture phase, before AG Grid
 * sees the keys, and these helpers do the parts every grid does the same way.
 */
import type { Column, GridApi } from 'ag-grid-community';
import { formatClipboardCell, parseClipboardTable } from './clipboard';

export interface GridListeners {
  keydown: (e: KeyboardEvent) => void;
  paste: (e: ClipboardEvent) => void;
  copy: (e: ClipboardEvent) => void;
}

/** Listens on the grid's container in the capture phase; returns the clean-up. */
export function listenOnGrid(container: HTMLElement, listeners: GridListeners): () => void {
  container.addEventListener('keydown', listeners.keydown, true);
  container.addEventListener('paste', listeners.paste, true);
  container.addEventListener('copy', listeners.copy, true);
  return () => {
    container.removeEventListener('keydown', listeners.keydown, true);
    container.removeEventListener('paste', listeners.paste, true);
    container.removeEventListener('copy', listeners.copy, true);
  };
}

/** Ctrl+C on the focused cell (the pinned total row included): its value as Excel cell text. */
export function copyFocusedCell<T>(api: GridApi<T>, e: ClipboardEvent, useFormatter: boolean): void {
  const focused = api.getFocusedCell();
  if (!focused) return;
  const node = focused.rowPinned ? api.getPinnedBottomRow(focused.rowIndex) : api.getDisplayedRowAtIndex(focused.rowIndex);
  if (!node) return;
  const value = api.getCellValue({ rowNode: node, colKey: focused.column, useFormatter });
  e.preventDefault();
  e.clipboardData?.setData('text/plain', formatClipboardCell(value === null || value === undefined ? '' : String(value)));
}

/** A pasted block placed at the focused cell, or why it cannot be. */
export type PasteBlock =
  | { ok: true; startRow: number; columns: Column[]; table: string[][] }
  | { ok: false; reason: 'nothing-focused' | 'empty' }
  | { ok: false; reason: 'outside'; rows: number; cols: number };

/**
 * Reads a paste (TSV from Excel or WPS) and checks it fits from the focused cell down and right
 * (down only when `checkRows`: a grid that places the rows itself checks them).
 */
export function pasteBlock<T>(api: GridApi<T>, e: ClipboardEvent, checkRows = true): PasteBlock {
  const focused = api.getFocusedCell();
  if (!focused || focused.rowPinned) return { ok: false, reason: 'nothing-focused' };
  const table = parseClipboardTable(e.clipboardData?.getData('text/plain') ?? '');
  if (table.length === 0) return { ok: false, reason: 'empty' };
  const width = Math.max(...table.map((r) => r.length));
  const displayed = api.getAllDisplayedColumns();
  const startCol = displayed.findIndex((c) => c.getColId() === focused.column.getColId());
  if ((checkRows && focused.rowIndex + table.length > api.getDisplayedRowCount()) || startCol + width > displayed.length) {
    return { ok: false, reason: 'outside', rows: table.length, cols: width };
  }
  return { ok: true, startRow: focused.rowIndex, columns: displayed.slice(startCol, startCol + width), table };
}

/** Where a message pinned under a cell goes inside the grid's container (top left if the cell is not drawn). */
export function boxBelowCell(container: HTMLElement, at: { rowId: string; colId: string } | null, boxWidth: number): { top: number; left: number } {
  const cell = at ? container.querySelector<HTMLElement>(`.ag-row[row-id="${CSS.escape(at.rowId)}"] .ag-cell[col-id="${CSS.escape(at.colId)}"]`) : null;
  if (!cell) return { top: 8, left: 8 };
  const box = container.getBoundingClientRect();
  const rect = cell.getBoundingClientRect();
  return { top: rect.bottom - box.top + 2, left: Math.max(0, Math.min(rect.left - box.left, box.width - boxWidth)) };
}
