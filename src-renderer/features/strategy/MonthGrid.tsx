/**
 * What both monthly tables share: the customer columns, the status and actions, saving and
 * refusals. Every edit saves the whole row; the grid never changes data itself (`readOnlyEdit`),
 * so a refused row leaves nothing behind and the message above the grid names why.
 */
import type { CellEditRequestEvent, ColDef, ColGroupDef, Column as GridColumn, GridApi, ICellRendererParams } from 'ag-grid-community';
import { Alert, Button, Space, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { cellProblem, useCellMarks, type CellProblem } from '../../grid/cell-problem';
import { CellProblemBox } from '../../grid/CellProblemBox';
import { EditableGrid, gridLocaleText } from '../../grid/EditableGrid';
import { useGridKeys, type PastedCell } from '../../grid/useGridKeys';
import { useErrorText } from '../../shell/error-text';
import { refusalText, type BaseRow } from './month-rows';

type Column<R> = ColDef<R> | ColGroupDef<R>;

interface MonthGridProps<R extends BaseRow> {
  testId: string;
  rows: R[];
  contentColumns: Array<Column<R>>;
  /** The row with one cell changed, or null when the column is not editable. */
  applyEdit: (row: R, colId: string, value: unknown) => R | null;
  save: (row: R, reviewed: boolean) => Promise<void>;
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
  const { pasteRefusal, dismissPasteRefusal } = useMonthGridKeys(apiRef, containerRef);
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
      if (next) void runSave(next, true, colId);
    },
    [runSave, pendingRow],
  );

  return (
    <div className="pd-strategy-grid-wrap">
      <Typography.Text type="secondary" className="pd-grid-hint">
        {t('strategy.gridHint')}
      </Typography.Text>
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
 * The kit's copy and paste on a monthly table. Ctrl+C copies the cell as shown. A pasted block is
 * refused, naming the cell: these cells hold long text and product matches, which a block from
 * Excel cannot fill one to one. Only the clipboard is handled: Enter, Delete and typing stay AG
 * Grid's (Enter opens the editor), and with an editor open the editor keeps its own paste.
 */
function useMonthGridKeys<R extends BaseRow>(apiRef: RefObject<GridApi<R> | null>, containerRef: RefObject<HTMLDivElement | null>) {
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
    onEscape: dismissPasteRefusal,
    paste: { cellAt: refusePaste, onEdits: () => undefined, onRefused: setPasteRefusal },
    copy: { formatted: true },
  });
  return { pasteRefusal, dismissPasteRefusal };
}

/**
 * A row's edits are saved one after another, each on top of the one before: a second edit made
 * while the first is still saving must not be built on the grid's older copy of the row.
 */
function useRowSaves<R extends BaseRow>(
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

function StateCell<R extends BaseRow>({
  row,
  saving,
  onReview,
  onHistory,
}: {
  row: R;
  saving: boolean;
  onReview: () => void;
  onHistory: () => void;
}): ReactNode {
  const { t } = useTranslation();
  const color = row.state === 'reviewed' ? 'green' : row.state === 'not-reviewed' ? 'gold' : 'red';
  return (
    <Space size={4}>
      <Tag color={color} data-testid={`state-${row.customerId}`}>
        {t(`strategy.state.${row.state}`)}
      </Tag>
      {row.state === 'not-reviewed' && (
        <Tooltip title={t('strategy.reviewHint')}>
          <Button size="small" type="link" loading={saving} onClick={onReview} data-testid={`review-${row.customerId}`}>
            {t('strategy.review')}
          </Button>
        </Tooltip>
      )}
      {row.state !== 'missing' && (
        <Button size="small" type="link" onClick={onHistory}>
          {t('strategy.history')}
        </Button>
      )}
    </Space>
  );
}
