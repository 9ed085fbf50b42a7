/**
 * What both monthly tables share: the customer columns, the status and actions, saving and
 * refusals. Every edit saves the whole row; the grid never changes data itself (`readOnlyEdit`),
 * so a refused row leaves nothing behind and the message above the grid names why. Every save
 * (and 开始本月, an import) is a step of the workspace's 'strategy' edit log: Ctrl+Z / Ctrl+Y and
 * 撤销 / 重做 put the rows back, across reloads.
 */
import type { CellEditRequestEvent, ColDef, ColGroupDef, Column as GridColumn, GridApi, ICellRendererParams } from 'ag-grid-community';
import { Alert, Typography } from 'antd';
import { useCallback, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { cellProblem, useCellMarks, type CellProblem } from '../../grid/cell-problem';
import { CellProblemBox } from '../../grid/CellProblemBox';
import { EditableGrid, gridLocaleText } from '../../grid/EditableGrid';
import { UndoButtons } from '../../grid/UndoButtons';
import { useEditLog, type UndoDirection } from '../../grid/useEditLog';
import { useGridKeys, type PastedCell } from '../../grid/useGridKeys';
import { useRowSaves } from './month-row-saves';
import type { BaseRow } from './month-rows';
import { StateCell } from './MonthStateCell';

type Column<R> = ColDef<R> | ColGroupDef<R>;

interface MonthGridProps<R extends BaseRow> {
  testId: string;
  rows: R[];
  contentColumns: Array<Column<R>>;
  /** The row with one cell changed, or null when the column is not editable. */
  applyEdit: (row: R, colId: string, value: unknown) => R | null;
  save: (row: R, reviewed: boolean) => Promise<void>;
  /** A row with nothing in it, which cannot be confirmed as reviewed (isEmptyDemand / isEmptyHabit). */
  isEmpty: (row: R) => boolean;
  onShowHistory: (row: R) => void;
  /** A customer to bring into view and focus (from the due list). */
  focusCustomerId?: string | null;
}

export function MonthGrid<R extends BaseRow>(props: MonthGridProps<R>): ReactNode {
  const { t, i18n } = useTranslation();
  const apiRef = useRef<GridApi<R> | null>(null);
  const containerRef = useRef<HTMLDivElement>(null);
  const propsRef = useRef(props);
  propsRef.current = props;
  const [problem, setProblem] = useState<CellProblem | null>(null);
  const history = useEditLog('strategy');
  const { pasteRefusal, dismissPasteRefusal } = useMonthGridKeys(apiRef, containerRef, history.replay);
  const isMarked = useCellMarks(apiRef, problem ?? pasteRefusal);
  const { savingId, runSave, pendingRow } = useRowSaves(apiRef, (row, reviewed) => propsRef.current.save(row, reviewed), setProblem);

  const focusedOnce = useRef<string | null>(null);
  const focusAsked = useCallback((e: { api: GridApi<R> }) => {
    const id = propsRef.current.focusCustomerId;
    const node = id ? e.api.getRowNode(id) : undefined;
    if (!id || !node || node.rowIndex === null || focusedOnce.current === id) return;
    focusedOnce.current = id;
    e.api.ensureNodeVisible(node, 'middle');
    const firstContent = e.api.getAllDisplayedColumns().find((c) => c.getColDef().editable);
    if (firstContent) e.api.setFocusedCell(node.rowIndex, firstContent);
  }, []);

  const columnDefs = useMemo((): Array<Column<R>> => {
    const withMarks = (columns: Array<Column<R>>): Array<Column<R>> =>
      columns.map((c) =>
        'children' in c
          ? { ...c, children: withMarks(c.children as Array<Column<R>>) }
          : { ...c, cellClassRules: { ...(c.cellClassRules as object), 'pd-cell-invalid': isMarked, 'pd-cell-editable': () => !!c.editable } },
      );
    return [
      {
        colId: 'index',
        headerName: t('strategy.col.index'),
        width: 56,
        pinned: 'left',
        valueGetter: (p) => (p.node?.rowIndex ?? 0) + 1,
        suppressMovable: true,
      },
      {
        colId: 'name',
        headerName: t('strategy.col.customer'),
        field: 'name' as never,
        width: 170,
        pinned: 'left',
        wrapText: true,
        autoHeight: true,
        suppressMovable: true,
      },
      {
        headerName: t('strategy.col.class'),
        headerClass: 'pd-group-header',
        children: [
          { colId: 'major', headerName: t('strategy.col.major'), field: 'majorLabel' as never, width: 66 },
          { colId: 'minor', headerName: t('strategy.col.minor'), field: 'classLabel' as never, width: 66 },
        ],
      },
      ...withMarks(props.contentColumns),
      {
        colId: 'state',
        headerName: t('strategy.col.state'),
        width: 236,
        pinned: 'right',
        cellRenderer: (p: ICellRendererParams<R>) =>
          p.data ? (
            <StateCell
              row={p.data}
              saving={savingId.current === p.data.customerId}
              empty={propsRef.current.isEmpty(p.data)}
              onReview={() => void runSave(p.data!, true, 'state')}
              onHistory={() => propsRef.current.onShowHistory(p.data!)}
            />
          ) : null,
      },
    ];
  }, [props.contentColumns, t, runSave, savingId, isMarked]);

  const onCellEditRequest = useCallback(
    (event: CellEditRequestEvent<R>) => {
      const colId = event.colDef.colId ?? '';
      if (!event.data) return;
      const next = propsRef.current.applyEdit(pendingRow(event.data), colId, event.newValue);
      // An edit that empties the row saves it as still to review: an empty row is never reviewed.
      if (next) void runSave(next, !propsRef.current.isEmpty(next), colId);
    },
    [runSave, pendingRow],
  );

  return (
    <div className="pd-strategy-grid-wrap">
      <div style={{ display: 'flex', gap: 8, alignItems: 'center', marginBottom: 4 }}>
        <Typography.Text type="secondary" className="pd-grid-hint" style={{ flex: 1, marginBottom: 0 }}>
          {t('strategy.gridHint')}
        </Typography.Text>
        <UndoButtons history={history} />
      </div>
      {problem && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setProblem(null)}
          message={problem.message}
          data-testid="strategy-cell-error"
          style={{ marginBottom: 8 }}
        />
      )}
      {/* Positioned so the paste refusal can be pinned under its cell. */}
      <div ref={containerRef} className="pd-strategy-grid" style={{ position: 'relative' }} data-testid={props.testId}>
        <EditableGrid<R>
          rowData={props.rows}
          columnDefs={columnDefs}
          getRowId={(p) => p.data.customerId}
          // Enter opens the cell's editor (long text, the products multi-select); after an
          // edit it moves down, as in Excel.
          enterNavigatesVerticallyAfterEdit
          stopEditingWhenCellsLoseFocus
          onCellEditRequest={onCellEditRequest}
          onGridReady={(e) => {
            apiRef.current = e.api;
          }}
          onCellClicked={dismissPasteRefusal}
          onFirstDataRendered={focusAsked}
          onRowDataUpdated={focusAsked}
          getRowClass={(p) => (p.data?.state === 'missing' ? 'pd-row-missing' : p.data?.state === 'not-reviewed' ? 'pd-row-unreviewed' : undefined)}
          localeText={gridLocaleText(i18n.language, '本月没有需要填写的客户')}
        />
        <CellProblemBox containerRef={containerRef} problem={pasteRefusal} onDismiss={dismissPasteRefusal} />
      </div>
    </div>
  );
}

/**
 * The kit's keys on a monthly table: Ctrl+Z / Ctrl+Y replay the edit log, Ctrl+C copies the cell
 * as shown, and a pasted block is refused, naming the cell: these cells hold long text and product
 * matches, which a block from Excel cannot fill one to one. Enter, Delete and typing stay AG
 * Grid's (Enter opens the editor), and with an editor open the editor keeps its own undo and paste.
 */
function useMonthGridKeys<R extends BaseRow>(
  apiRef: RefObject<GridApi<R> | null>,
  containerRef: RefObject<HTMLDivElement | null>,
  replay: (direction: UndoDirection) => Promise<void>,
) {
  const { t } = useTranslation();
  const [pasteRefusal, setPasteRefusal] = useState<CellProblem | null>(null);
  const dismissPasteRefusal = useCallback(() => setPasteRefusal(null), []);

  const refusePaste = (rowIndex: number, column: GridColumn): PastedCell<never> => {
    const row = apiRef.current?.getDisplayedRowAtIndex(rowIndex)?.data;
    const colId = column.getColId();
    const message = t('strategy.pasteNotSupported', { row: rowIndex + 1, name: row?.name ?? '', column: column.getColDef().headerName ?? '' });
    return { refusal: cellProblem(message, row ? { rowId: row.customerId, colId } : null) };
  };

  useGridKeys<R>(apiRef, containerRef, {
    onUndo: () => void replay('undo'),
    onRedo: () => void replay('redo'),
    onEscape: dismissPasteRefusal,
    paste: { cellAt: refusePaste, onEdits: () => undefined, onRefused: setPasteRefusal },
    copy: { formatted: true },
  });
  return { pasteRefusal, dismissPasteRefusal };
}
