/**
 * Keyboard, copy and paste of an editable grid, handled on its container in the capture phase,
 * before AG Grid sees them. AG Grid community already types to replace and moves on Enter/Tab
 * (see `SPREADSHEET_KEYS`); what it lacks (clipboard, undo, clearing through our save, refusing a
 * cell that cannot take a value) is here, and each grid says what its cells mean.
 *
 * With a cell editor open only the grid's Ctrl shortcuts apply: the editor keeps the browser's
 * own undo, copy and paste.
 */
import type { Column, GridApi } from 'ag-grid-community';
import { useMessage } from '../toasts';
import { useEffect, useRef, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { CellProblem } from './cell-problem';
import { copyFocusedCell, listenOnGrid, pasteBlock } from './grid-clipboard';

/** The focused cell of the grid's body (never the pinned total row). */
export interface FocusedGridCell<TData> {
  api: GridApi<TData>;
  rowIndex: number;
  colId: string;
  row: TData | undefined;
}

/** One pasted cell: the edit it makes, or the refusal of the whole paste, naming the cell. */
export type PastedCell<TEdit> = { edit: TEdit } | { refusal: CellProblem };

export interface GridKeyHandlers<TData, TEdit> {
  /** Ctrl+Z; Ctrl+Y or Ctrl+Shift+Z redo. */
  onUndo?: () => void;
  onRedo?: () => void;
  /** The grid's own Ctrl+<letter> shortcuts (目标分解's Ctrl+L), also while a cell is edited. */
  shortcuts?: Record<string, () => void>;
  onEscape?: () => void;
  /** Enter or Space on a cell with a meaning of its own (a tree toggle, a tick box): true if handled. */
  onActivate?: (cell: FocusedGridCell<TData>, key: 'Enter' | ' ') => boolean;
  /** Delete on a cell: true if handled (the key then stops here), false to leave it to AG Grid. */
  onDelete?: (cell: FocusedGridCell<TData>) => boolean;
  /** A printable key on a cell: where AG Grid would silently ignore it, the grid says why. */
  onTypeKey?: (cell: FocusedGridCell<TData>) => void;
  /** Ctrl+V: each cell of the pasted block (text trimmed, empty as null), then one save of them all. */
  paste?: {
    cellAt: (rowIndex: number, column: Column, text: string | null) => PastedCell<TEdit>;
    /**
     * Where the block's rows go, from the focused row: one displayed row each by default. A grid
     * with roll-up rows passes over them (`skipped`, named to the user) and fills the rows below;
     * null when the block does not fit.
     */
    rowsFrom?: (startRow: number, count: number) => { rows: number[]; skipped: number[] } | { refusal: string } | null;
    /** `skipped`: the displayed rows `rowsFrom` passed over. */
    onEdits: (edits: TEdit[], skipped: number[]) => void;
    onRefused: (problem: CellProblem) => void;
  };
  /** Ctrl+C copies the focused cell: as shown (`formatted`) or its raw value. */
  copy?: { formatted: boolean };
}

/**
 * Attaches the handlers to the grid's container. `attachKey` changes when the container is
 * created anew (a grid that mounts once its data has loaded passes whether it has).
 */
export function useGridKeys<TData, TEdit = never>(
  apiRef: RefObject<GridApi<TData> | null>,
  containerRef: RefObject<HTMLElement | null>,
  handlers: GridKeyHandlers<TData, TEdit>,
  attachKey: unknown = null,
): void {
  const { t } = useTranslation();
  const message = useMessage();
  // The latest handlers, read at each event: the listeners stay attached across renders.
  const latest = useRef({ handlers, t, message });
  latest.current = { handlers, t, message };

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const editing = (api: GridApi<TData>) => api.getEditingCells().length > 0;

    const onKeyDown = (e: KeyboardEvent) => handleKey(e, apiRef.current, latest.current.handlers);

    const onPaste = (e: ClipboardEvent) => {
      const api = apiRef.current;
      const { handlers: current, t: translate, message: messages } = latest.current;
      if (!api || !current.paste || editing(api)) return;
      e.preventDefault();
      e.stopPropagation();
      const block = pasteBlock(api, e, current.paste.rowsFrom === undefined);
      const fitted = block.ok && current.paste.rowsFrom ? current.paste.rowsFrom(block.startRow, block.table.length) : null;
      if (fitted && 'refusal' in fitted) {
        messages.warning(fitted.refusal);
        return;
      }
      const placed = fitted;
      if (!block.ok || (current.paste.rowsFrom && !placed)) {
        if (!block.ok && block.reason === 'nothing-focused') messages.warning(translate('errors.nothingFocused'));
        if (!block.ok && block.reason === 'outside') messages.warning(translate('errors.pasteOutside', { rows: block.rows, cols: block.cols }));
        if (block.ok) messages.warning(translate('errors.pasteOutside', { rows: block.table.length, cols: block.columns.length }));
        return;
      }
      const edits: TEdit[] = [];
      for (let r = 0; r < block.table.length; r++) {
        for (let c = 0; c < block.table[r].length; c++) {
          const text = block.table[r][c].trim();
          const cell = current.paste.cellAt(placed ? placed.rows[r] : block.startRow + r, block.columns[c], text === '' ? null : text);
          if ('refusal' in cell) {
            current.paste.onRefused(cell.refusal);
            return;
          }
          edits.push(cell.edit);
        }
      }
      current.paste.onEdits(edits, placed?.skipped ?? []);
    };

    const onCopy = (e: ClipboardEvent) => {
      const api = apiRef.current;
      const copy = latest.current.handlers.copy;
      if (api && copy && !editing(api)) copyFocusedCell(api, e, copy.formatted);
    };

    return listenOnGrid(container, { keydown: onKeyDown, paste: onPaste, copy: onCopy });
  }, [apiRef, containerRef, attachKey]);
}

function handleKey<TData, TEdit>(e: KeyboardEvent, api: GridApi<TData> | null, handlers: GridKeyHandlers<TData, TEdit>): void {
  const ctrl = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  const shortcut = ctrl ? handlers.shortcuts?.[key] : undefined;
  if (shortcut) {
    e.preventDefault();
    shortcut();
    return;
  }
  if (!api || api.getEditingCells().length > 0) return;
  if (ctrl && (key === 'z' || key === 'y') && (handlers.onUndo || handlers.onRedo)) {
    e.preventDefault();
    e.stopPropagation();
    if (key === 'y' || e.shiftKey) handlers.onRedo?.();
    else handlers.onUndo?.();
    return;
  }
  const focused = api.getFocusedCell();
  if (!focused || focused.rowPinned) return;
  const cell: FocusedGridCell<TData> = {
    api,
    rowIndex: focused.rowIndex,
    colId: focused.column.getColId(),
    row: api.getDisplayedRowAtIndex(focused.rowIndex)?.data,
  };
  if (e.key === 'Escape') {
    handlers.onEscape?.();
    return;
  }
  if ((e.key === 'Enter' || e.key === ' ') && handlers.onActivate?.(cell, e.key)) {
    e.preventDefault();
    e.stopPropagation();
    return;
  }
  if (e.key === 'Delete') {
    if (handlers.onDelete?.(cell)) {
      e.preventDefault();
      e.stopPropagation();
    }
    return;
  }
  if (e.key.length === 1 && !ctrl && !e.altKey) handlers.onTypeKey?.(cell);
}
