/**
 * Saving a monthly table's rows (see `MonthGrid`): one save after another per row, each built on
 * the one before, with the refusal handed back pinned to the edited cell.
 */
import { useCallback, useRef, type RefObject } from 'react';
import type { GridApi } from 'ag-grid-community';
import { useTranslation } from 'react-i18next';
import { cellProblem, type CellProblem } from '../../grid/cell-problem';
import { useErrorText } from '../../shell/error-text';
import { refusalText, type BaseRow } from './month-rows';

/**
 * A row's edits are saved one after another, each on top of the one before: a second edit made
 * while the first is still saving must not be built on the grid's older copy of the row.
 */
export function useRowSaves<R extends BaseRow>(
  apiRef: RefObject<GridApi<R> | null>,
  save: (row: R, reviewed: boolean) => Promise<void>,
  onProblem: (problem: CellProblem | null) => void,
) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  // Which row is saving, shown by its state cell alone: kept out of React state so a save does not
  // rebuild every column (and re-measure every auto-height row) twice.
  const savingId = useRef<string | null>(null);
  const setSavingId = useCallback(
    (id: string | null) => {
      const changed = [savingId.current, id].flatMap((rowId) => (rowId ? [apiRef.current?.getRowNode(rowId)] : [])).filter((n) => n !== undefined);
      savingId.current = id;
      apiRef.current?.refreshCells({ rowNodes: changed, columns: ['state'], force: true });
    },
    [apiRef],
  );
  const saveRef = useRef(save);
  saveRef.current = save;
  const pendingRows = useRef(new Map<string, R>());
  const saveQueues = useRef(new Map<string, Promise<void>>());

  const runSave = useCallback(
    (row: R, reviewed: boolean, colId: string) => {
      const id = row.customerId;
      pendingRows.current.set(id, row);
      const run = async () => {
        setSavingId(id);
        try {
          await saveRef.current(row, reviewed);
          onProblem(null);
        } catch (error) {
          onProblem(cellProblem(refusalText(error, row.name, t) ?? errorText(error), { rowId: id, colId }));
          // What is stored is what the grid shows again; later edits start from it.
          pendingRows.current.delete(id);
        } finally {
          setSavingId(null);
          if (pendingRows.current.get(id) === row) pendingRows.current.delete(id);
        }
      };
      const queued = (saveQueues.current.get(id) ?? Promise.resolve()).then(run);
      saveQueues.current.set(id, queued);
      return queued;
    },
    [errorText, t, setSavingId, onProblem],
  );

  /** The row an edit builds on: the one still saving, else the grid's. */
  const pendingRow = useCallback((row: R) => pendingRows.current.get(row.customerId) ?? row, []);
  return { savingId, runSave, pendingRow };
}
