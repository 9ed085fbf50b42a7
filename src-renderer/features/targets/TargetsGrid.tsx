/**
 * The annual targets grid: organisation rows (tree over the community grid) × metric column
 * groups. Edits go through `onEdits`, which validates and saves; the grid itself never changes
 * data (`readOnlyEdit`), so a refused value leaves nothing behind.
 */
import type { CellEditRequestEvent, CellFocusedEvent, Column, GridApi } from 'ag-grid-community';
import { useCallback, useMemo, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isEditableCell, notEditableReason, type Measure, type MetricDef, type PlanRow } from '../../../src-shared/domain/targets';
import type { YoyBase } from '../../../src-shared/domain/year-on-year';
import { cellProblem, useCellMarks, type CellProblem } from '../../grid/cell-problem';
import { CellProblemBox } from '../../grid/CellProblemBox';
import { EditableGrid, gridLocaleText, SPREADSHEET_KEYS } from '../../grid/EditableGrid';
import type { TreeRow } from '../../grid/TreeNameCell';
import { useGridKeys, type PastedCell } from '../../grid/useGridKeys';
import { useFocusRequest, type FocusCellRequest } from './inconsistent-targets';
import { isMeasure, parseColumnId, targetsColumns, type GridColumnKind } from './targets-columns';

export { columnId, parseColumnId, type GridColumnKind } from './targets-columns';

/** A cell the user asked to change: `text` null clears it. */
export interface CellEdit {
  row: PlanRow;
  /** Position in the displayed rows, for messages ("第 N 行"). */
  rowIndex: number;
  metric: MetricDef;
  measure: Measure;
  colId: string;
  text: string | null;
}

/** A displayed row: the plan row and whether its children are shown. */
export type GridRow = PlanRow & TreeRow;

interface Props {
  /** What 同比 compares with (targets/list-cells' yoy), for its tooltip. */
  yoy?: YoyBase;
  rows: GridRow[];
  totalRow: GridRow | null;
  metrics: MetricDef[];
  onToggle: (rowId: string) => void;
  /** `skipped`: for a paste, the names of the roll-up rows it passed over (their people were filled). */
  onEdits: (edits: CellEdit[], source: 'edit' | 'paste' | 'clear', skipped?: string[]) => void;
  onUndo: () => void;
  onRedo: () => void;
  onFocusRow: (rowId: string, metricId: string | null) => void;
  /** A refusal pinned to its cell: a refused value, or the bad cell of a paste. */
  cellError: CellProblem | null;
  onDismissError: () => void;
  /** A cell that cannot take what was typed or pasted. */
  onRefused: (problem: CellProblem) => void;
  /** Once the grid's first rows have been painted. */
  onFirstPaint?: () => void;
  /** A cell to scroll to and focus (a new object each time it is asked for), once its row is shown. */
  focusCell?: FocusCellRequest | null;
  /** People (and units) retired during or before the year shown, by id: the row is greyed, the day tagged by the name. */
  retiredFrom?: ReadonlyMap<string, string>;
  /** Metrics and column kinds the column chooser hides. */
  hiddenMetrics?: readonly string[];
  hiddenColumns?: readonly GridColumnKind[];
}

export function TargetsGrid(props: Props): ReactNode {
  const { t, i18n } = useTranslation();
  const apiRef = useRef<GridApi<PlanRow> | null>(null);
  const containerRef = useRef<HTMLDivElement>(null);
  const propsRef = useRef(props);
  propsRef.current = props;
  const metricsById = useMemo(() => new Map(props.metrics.map((m) => [m.id, m])), [props.metrics]);
  const isMarked = useCellMarks(apiRef, props.cellError);
  const giveFocus = useFocusRequest(apiRef, props.focusCell);

  const { hiddenMetrics, hiddenColumns } = props;
  const columnDefs = useMemo(
    () =>
      targetsColumns(props.metrics, {
        t,
        english: i18n.language === 'en',
        isMarked,
        onToggle: (id) => propsRef.current.onToggle(id),
        hidden: { metrics: hiddenMetrics ?? [], columns: hiddenColumns ?? [] },
        yoy: props.yoy,
        retiredFrom: props.retiredFrom,
      }),
    [props.metrics, t, i18n.language, isMarked, hiddenMetrics, hiddenColumns, props.yoy, props.retiredFrom],
  );

  const onCellEditRequest = useCallback(
    (event: CellEditRequestEvent<PlanRow>) => {
      const parsed = parseColumnId(event.colDef.colId ?? '');
      const metric = parsed && metricsById.get(parsed.metricId);
      if (!event.data || !parsed || !metric || !isMeasure(parsed.kind)) return;
      const raw = event.newValue === null || event.newValue === undefined ? '' : String(event.newValue);
      propsRef.current.onEdits(
        [{ row: event.data, rowIndex: event.rowIndex ?? 0, metric, measure: parsed.kind, colId: event.colDef.colId!, text: raw.trim() === '' ? null : raw }],
        'edit',
      );
    },
    [metricsById],
  );

  const onCellFocused = useCallback((event: CellFocusedEvent<PlanRow>) => {
    if (event.rowIndex === null || event.rowIndex === undefined) return;
    const node = event.rowPinned ? event.api.getPinnedBottomRow(event.rowIndex) : event.api.getDisplayedRowAtIndex(event.rowIndex);
    const colId = typeof event.column === 'object' && event.column ? event.column.getColId() : null;
    const metricId = colId ? (parseColumnId(colId)?.metricId ?? null) : null;
    if (node?.data) propsRef.current.onFocusRow(node.rowPinned ? '__total' : node.data.id, metricId);
  }, []);

  /** The cell at a displayed position as an edit target, or null when it cannot be one. */
  const editTargetAt = useCallback(
    (rowIndex: number, colId: string): Omit<CellEdit, 'text'> | null => {
      const row = apiRef.current?.getDisplayedRowAtIndex(rowIndex)?.data;
      const parsed = parseColumnId(colId);
      const metric = parsed && metricsById.get(parsed.metricId);
      if (!row || !parsed || !metric || !isMeasure(parsed.kind) || !isEditableCell(row, metric, parsed.kind)) return null;
      return { row, rowIndex, metric, measure: parsed.kind, colId };
    },
    [metricsById],
  );

  /** Why the cell cannot be typed in, in the user's language. */
  const refusalText = (row: PlanRow | undefined, colId: string) => {
    const parsed = parseColumnId(colId);
    const metric = parsed && metricsById.get(parsed.metricId);
    const reason = row && metric && parsed && isMeasure(parsed.kind) ? notEditableReason(row, metric, parsed.kind) : null;
    return t(`errors.${reason ?? 'not-editable'}`);
  };

  const notEditable = (row: PlanRow | undefined, colId: string) => {
    if (row) propsRef.current.onRefused(cellProblem(refusalText(row, colId), { rowId: row.id, colId }));
  };

  const pastedCell = (rowIndex: number, column: Column, text: string | null): PastedCell<CellEdit> => {
    const colId = column.getColId();
    const target = editTargetAt(rowIndex, colId);
    if (target) return { edit: { ...target, text } };
    const row = apiRef.current?.getDisplayedRowAtIndex(rowIndex)?.data;
    const parsed = parseColumnId(colId);
    const detail = t('errors.cellAt', {
      row: rowIndex + 1,
      name: row?.name ?? '',
      metric: metricsById.get(parsed?.metricId ?? '')?.name ?? t('targets.organisation'),
      measure: parsed ? t(`measures.${parsed.kind}`) : '',
      reason: refusalText(row, colId),
    });
    return { refusal: cellProblem(t('errors.pasteRefused', { detail }), row ? { rowId: row.id, colId } : null) };
  };

  /**
   * A pasted block's rows go to the people (leaves) from the focused row down: roll-up rows are
   * passed over (they are their people's sums), so a people-only column from Excel fills the people
   * it covers. A single row pasted on a roll-up row stays there, to be refused as typing would be.
   */
  const pasteRows = (startRow: number, count: number) => {
    const api = apiRef.current;
    if (!api) return null;
    if (count === 1) return { rows: [startRow], skipped: [] };
    const rows: number[] = [];
    const skipped: number[] = [];
    for (let i = startRow; i < api.getDisplayedRowCount() && rows.length < count; i++) {
      const row = api.getDisplayedRowAtIndex(i)?.data as GridRow | undefined;
      // A folded unit hides its people: the values would run on into the next unit's people.
      if (row?.hasChildren && !row.expanded) return { refusal: t('targets.pasteAcrossFolded', { name: row.name }) };
      if (row?.hasChildren) skipped.push(i);
      else rows.push(i);
    }
    return rows.length === count ? { rows, skipped } : null;
  };
  const skippedNames = (skipped: number[]) => skipped.map((i) => apiRef.current?.getDisplayedRowAtIndex(i)?.data?.name ?? '').filter(Boolean);

  useGridKeys<PlanRow, CellEdit>(apiRef, containerRef, {
    onUndo: () => propsRef.current.onUndo(),
    onRedo: () => propsRef.current.onRedo(),
    onEscape: () => propsRef.current.onDismissError(),
    onActivate: ({ colId, row }) => {
      if (colId !== 'name' || !row?.hasChildren) return false;
      propsRef.current.onToggle(row.id);
      return true;
    },
    onDelete: ({ rowIndex, colId, row }) => {
      const target = editTargetAt(rowIndex, colId);
      if (target) propsRef.current.onEdits([{ ...target, text: null }], 'clear');
      else notEditable(row, colId);
      return true;
    },
    // Typing into a computed cell would silently do nothing: say why instead.
    onTypeKey: ({ rowIndex, colId, row }) => {
      if (colId !== 'name' && !editTargetAt(rowIndex, colId)) notEditable(row, colId);
    },
    paste: {
      cellAt: pastedCell,
      rowsFrom: pasteRows,
      onEdits: (edits, skipped) => propsRef.current.onEdits(edits, 'paste', skippedNames(skipped)),
      onRefused: (problem) => propsRef.current.onRefused(problem),
    },
    copy: { formatted: false },
  });

  return (
    <div ref={containerRef} className="pd-grid-container" data-testid="targets-grid">
      <EditableGrid<PlanRow>
        {...SPREADSHEET_KEYS}
        rowData={props.rows}
        pinnedBottomRowData={props.totalRow ? [props.totalRow] : []}
        columnDefs={columnDefs}
        getRowId={(p) => p.data.id}
        stopEditingWhenCellsLoseFocus
        onGridReady={(e) => {
          apiRef.current = e.api;
          giveFocus();
        }}
        onRowDataUpdated={giveFocus}
        // Cell tooltips (the mark of a 挑战目标 on the wrong side of 基本目标) as the cell's title.
        enableBrowserTooltips
        // The frame after the one that draws the rows: a timeout queued from the frame's callback.
        onFirstDataRendered={() => requestAnimationFrame(() => setTimeout(() => propsRef.current.onFirstPaint?.(), 0))}
        onCellEditRequest={onCellEditRequest}
        onCellFocused={onCellFocused}
        getRowClass={(p) =>
          [
            p.data?.hasChildren || p.node.rowPinned ? `pd-row-level-${p.data?.depth ?? 0} pd-row-rollup` : '',
            // Left during the year: still in its roll-ups (the figures stay), shown greyed.
            p.data && props.retiredFrom?.has(p.data.id) ? 'pd-row-retired' : '',
          ]
            .filter(Boolean)
            .join(' ') || undefined
        }
        localeText={gridLocaleText(i18n.language)}
      />
      <CellProblemBox containerRef={containerRef} problem={props.cellError} onDismiss={props.onDismissError} />
    </div>
  );
}
