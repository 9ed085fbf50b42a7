/**
 * The annual targets grid: organisation rows (tree over the community grid) × metric column
 * groups. Edits go through `onEdits`, which validates and saves; the grid itself never changes
 * data (`readOnlyEdit`), so a refused value leaves nothing behind.
 */
import {
  AllCommunityModule,
  ModuleRegistry,
  type CellClassParams,
  type CellEditRequestEvent,
  type CellFocusedEvent,
  type ColDef,
  type ColGroupDef,
  type GridApi,
  type ValueFormatterParams,
  type ValueGetterParams,
} from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDecimal } from '../../../src-shared/domain/decimal';
import {
  attainment,
  DERIVED_COLUMNS,
  derivedValue,
  isEditableCell,
  MEASURES,
  type DerivedColumn,
  type Measure,
  type MetricDef,
  type PlanRow,
} from '../../../src-shared/domain/targets';
import { boxBelowCell, copyFocusedCell, listenOnGrid, pasteBlock } from '../../grid/grid-clipboard';
import { gridTheme } from '../../grid/theme';
import { TreeNameCell, type TreeRow } from '../../grid/TreeNameCell';

ModuleRegistry.registerModules([AllCommunityModule]);

export type GridColumnKind = Measure | DerivedColumn;

export function columnId(metricId: string, kind: GridColumnKind): string {
  return `${metricId}:${kind}`;
}

export function parseColumnId(colId: string): { metricId: string; kind: GridColumnKind } | null {
  const at = colId.lastIndexOf(':');
  if (at < 0) return null;
  return { metricId: colId.slice(0, at), kind: colId.slice(at + 1) as GridColumnKind };
}

const isMeasure = (kind: GridColumnKind): kind is Measure => (MEASURES as readonly string[]).includes(kind);

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

export interface CellErrorView {
  rowId: string;
  colId: string;
  message: string;
}

/** A displayed row: the plan row and whether its children are shown. */
export type GridRow = PlanRow & TreeRow;

interface Props {
  rows: GridRow[];
  totalRow: GridRow | null;
  metrics: MetricDef[];
  onToggle: (rowId: string) => void;
  onEdits: (edits: CellEdit[], source: 'edit' | 'paste' | 'clear') => void;
  onUndo: () => void;
  onRedo: () => void;
  onFocusRow: (rowId: string, metricId: string | null) => void;
  /** Where a message is pinned to a cell: a refused value, or the bad cell of a paste. */
  cellError: CellErrorView | null;
  onDismissError: () => void;
  /** Called with a function that refuses a paste, so the page can show a message. */
  onPasteProblem: (message: string, at?: { rowId: string; colId: string }) => void;
}

export function TargetsGrid(props: Props): ReactNode {
  const { t, i18n } = useTranslation();
  const apiRef = useRef<GridApi<PlanRow> | null>(null);
  const containerRef = useRef<HTMLDivElement>(null);
  const propsRef = useRef(props);
  propsRef.current = props;
  const metricsById = useMemo(() => new Map(props.metrics.map((m) => [m.id, m])), [props.metrics]);
  const [errorBox, setErrorBox] = useState<{ top: number; left: number } | null>(null);

  const formatRate = useCallback((value: number | null) => (value === null ? '' : `${(value * 100).toFixed(1)}%`), []);

  const columnDefs = useMemo((): (ColDef<PlanRow> | ColGroupDef<PlanRow>)[] => {
    const nameColumn: ColDef<PlanRow> = {
      colId: 'name',
      headerName: t('targets.organisation'),
      pinned: 'left',
      width: 250,
      lockPosition: 'left',
      suppressMovable: true,
      valueGetter: (p) => (p.node?.rowPinned ? t('targets.total') : p.data?.name),
      cellRenderer: TreeNameCell,
      cellRendererParams: { onToggle: (id: string) => propsRef.current.onToggle(id) },
    };
    const groups = props.metrics.map((metric): ColGroupDef<PlanRow> => {
      const valueOf = (p: ValueGetterParams<PlanRow>, kind: GridColumnKind) => {
        const values = p.data?.values[metric.id];
        if (!values) return null;
        return isMeasure(kind) ? values[kind] : derivedValue(kind, metric, values);
      };
      const measureColumns = MEASURES.map(
        (measure): ColDef<PlanRow> => ({
          colId: columnId(metric.id, measure),
          headerName: t(`measures.${measure}`),
          width: measure === 'actual' ? 96 : 104,
          type: 'rightAligned',
          valueGetter: (p) => valueOf(p, measure),
          valueFormatter: (p: ValueFormatterParams<PlanRow>) =>
            metric.kind === 'ratio' && p.value !== null && p.value !== undefined
              ? `${formatDecimal(p.value as number, metric.precision)}%`
              : formatDecimal((p.value as number | null) ?? null, metric.precision),
          editable: (p) => !p.node.rowPinned && !!p.data && isEditableCell(p.data, metric),
          cellClassRules: {
            'pd-cell-editable': (p: CellClassParams<PlanRow>) => !p.node.rowPinned && !!p.data && isEditableCell(p.data, metric),
            'pd-cell-rollup': (p: CellClassParams<PlanRow>) => !!p.data?.hasChildren || !!p.node.rowPinned,
            'pd-cell-invalid': (p: CellClassParams<PlanRow>) =>
              propsRef.current.cellError?.rowId === p.data?.id && propsRef.current.cellError?.colId === p.colDef.colId,
          },
        }),
      );
      const derivedColumns = DERIVED_COLUMNS.map(
        (kind): ColDef<PlanRow> => ({
          colId: columnId(metric.id, kind),
          headerName: t(`measures.${kind}`),
          width: kind === 'yoy' && metric.kind === 'ratio' ? 124 : 100,
          type: 'rightAligned',
          valueGetter: (p) => valueOf(p, kind),
          valueFormatter: (p) => {
            const v = (p.value as number | null) ?? null;
            if (kind === 'yoy' && metric.kind === 'ratio') {
              return v === null ? '' : `${v >= 0 ? '+' : ''}${v.toFixed(1)}${i18n.language === 'en' ? 'pp' : t('units.percentagePoints')}`;
            }
            return formatRate(v);
          },
          cellClassRules:
            kind === 'yoy'
              ? {
                  'pd-yoy-up': (p: CellClassParams<PlanRow>) => ((p.value as number | null) ?? 0) > 0 === (metric.direction === 'higher') && p.value !== null && p.value !== 0,
                  'pd-yoy-down': (p: CellClassParams<PlanRow>) => ((p.value as number | null) ?? 0) < 0 === (metric.direction === 'higher') && p.value !== null && p.value !== 0,
                }
              : {
                  'pd-rate-below': (p: CellClassParams<PlanRow>) => !!p.data && attainment(p.data.values[metric.id], metric.direction) === 'below-basic',
                  'pd-rate-basic': (p: CellClassParams<PlanRow>) => !!p.data && attainment(p.data.values[metric.id], metric.direction) === 'basic',
                  'pd-rate-challenge': (p: CellClassParams<PlanRow>) => !!p.data && attainment(p.data.values[metric.id], metric.direction) === 'challenge',
                },
        }),
      );
      return {
        groupId: metric.id,
        headerName: `${metric.name}（${metric.unit}）`,
        headerClass: 'pd-group-header',
        marryChildren: true,
        children: [...measureColumns, ...derivedColumns],
      };
    });
    return [nameColumn, ...groups];
  }, [props.metrics, t, i18n.language, formatRate]);

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

  /** The focused cell as an edit target, or why it cannot be one. */
  const editTargetAt = useCallback(
    (rowIndex: number, colId: string): { edit?: Omit<CellEdit, 'text'>; refusal?: 'not-editable' } | null => {
      const api = apiRef.current;
      const node = api?.getDisplayedRowAtIndex(rowIndex);
      const parsed = parseColumnId(colId);
      if (!node?.data) return null;
      const metric = parsed && metricsById.get(parsed.metricId);
      if (!parsed || !metric || !isMeasure(parsed.kind) || !isEditableCell(node.data, metric)) return { refusal: 'not-editable' };
      return { edit: { row: node.data, rowIndex, metric, measure: parsed.kind, colId } };
    },
    [metricsById],
  );

  // Keyboard and clipboard handled in the capture phase, before AG Grid sees them, and only when
  // no cell editor is open (an open editor keeps the browser's own undo and paste).
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const isEditing = () => (apiRef.current?.getEditingCells().length ?? 0) > 0;

    const onKeyDown = (e: KeyboardEvent) => {
      const api = apiRef.current;
      if (!api || isEditing()) return;
      const ctrl = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (ctrl && (key === 'z' || key === 'y')) {
        e.preventDefault();
        e.stopPropagation();
        if (key === 'y' || e.shiftKey) propsRef.current.onRedo();
        else propsRef.current.onUndo();
        return;
      }
      const focused = api.getFocusedCell();
      if (!focused || focused.rowPinned) return;
      const colId = focused.column.getColId();
      if (e.key === 'Escape') {
        propsRef.current.onDismissError();
        return;
      }
      if (colId === 'name' && (e.key === 'Enter' || e.key === ' ')) {
        const node = api.getDisplayedRowAtIndex(focused.rowIndex);
        if (node?.data?.hasChildren) {
          e.preventDefault();
          e.stopPropagation();
          propsRef.current.onToggle(node.data.id);
        }
        return;
      }
      // Typing into a computed cell would silently do nothing: say why instead.
      if (e.key.length === 1 && !ctrl && !e.altKey && colId !== 'name') {
        const target = editTargetAt(focused.rowIndex, colId);
        if (target?.refusal) {
          propsRef.current.onPasteProblem(t('errors.not-editable'), { rowId: api.getDisplayedRowAtIndex(focused.rowIndex)!.data!.id, colId });
        }
        return;
      }
      if (e.key === 'Delete') {
        e.preventDefault();
        e.stopPropagation();
        const target = editTargetAt(focused.rowIndex, colId);
        if (target?.edit) propsRef.current.onEdits([{ ...target.edit, text: null }], 'clear');
        else if (target?.refusal) propsRef.current.onPasteProblem(t('errors.not-editable'), { rowId: api.getDisplayedRowAtIndex(focused.rowIndex)!.data!.id, colId });
      }
    };

    const onPaste = (e: ClipboardEvent) => {
      const api = apiRef.current;
      if (!api || isEditing()) return;
      e.preventDefault();
      e.stopPropagation();
      const block = pasteBlock(api, e);
      if (!block.ok) {
        if (block.reason === 'nothing-focused') propsRef.current.onPasteProblem(t('errors.nothingFocused'));
        if (block.reason === 'outside') propsRef.current.onPasteProblem(t('errors.pasteOutside', { rows: block.rows, cols: block.cols }));
        return;
      }
      const { table, columns, startRow } = block;
      const edits: CellEdit[] = [];
      for (let r = 0; r < table.length; r++) {
        for (let c = 0; c < table[r].length; c++) {
          const colId = columns[c].getColId();
          const target = editTargetAt(startRow + r, colId);
          const node = api.getDisplayedRowAtIndex(startRow + r);
          if (!target?.edit) {
            const metric = metricsById.get(parseColumnId(colId)?.metricId ?? '');
            const detail = t('errors.cellAt', {
              row: startRow + r + 1,
              name: node?.data?.name ?? '',
              metric: metric?.name ?? t('targets.organisation'),
              measure: parseColumnId(colId) ? t(`measures.${parseColumnId(colId)!.kind}`) : '',
              reason: t('errors.not-editable'),
            });
            propsRef.current.onPasteProblem(t('errors.pasteRefused', { detail }), node?.data ? { rowId: node.data.id, colId } : undefined);
            return;
          }
          const text = table[r][c].trim();
          edits.push({ ...target.edit, text: text === '' ? null : text });
        }
      }
      propsRef.current.onEdits(edits, 'paste');
    };

    const onCopy = (e: ClipboardEvent) => {
      const api = apiRef.current;
      if (api && !isEditing()) copyFocusedCell(api, e, false);
    };

    return listenOnGrid(container, { keydown: onKeyDown, paste: onPaste, copy: onCopy });
  }, [editTargetAt, metricsById, t]);

  // Pin the error message to its cell, and mark the cell.
  useEffect(() => {
    const api = apiRef.current;
    api?.refreshCells({ force: true });
    const error = props.cellError;
    const container = containerRef.current;
    if (!error || !container) {
      setErrorBox(null);
      return;
    }
    setErrorBox(boxBelowCell(container, error, 320));
  }, [props.cellError]);

  return (
    <div ref={containerRef} className="pd-grid-container" data-testid="targets-grid">
      <AgGridReact<PlanRow>
        theme={gridTheme}
        rowData={props.rows}
        pinnedBottomRowData={props.totalRow ? [props.totalRow] : []}
        columnDefs={columnDefs}
        getRowId={(p) => p.data.id}
        readOnlyEdit
        singleClickEdit={false}
        enterNavigatesVertically
        enterNavigatesVerticallyAfterEdit
        stopEditingWhenCellsLoseFocus
        suppressColumnVirtualisation={false}
        animateRows={false}
        onGridReady={(e) => {
          apiRef.current = e.api;
        }}
        onCellEditRequest={onCellEditRequest}
        onCellFocused={onCellFocused}
        getRowClass={(p) => (p.data?.hasChildren || p.node.rowPinned ? `pd-row-level-${p.data?.depth ?? 0} pd-row-rollup` : undefined)}
        localeText={i18n.language === 'en' ? undefined : { noRowsToShow: '没有数据', loadingOoo: '加载中…' }}
      />
      {props.cellError && errorBox && (
        <div className="pd-cell-error" role="alert" data-testid="cell-error" style={{ top: errorBox.top, left: errorBox.left }}>
          <span>{props.cellError.message}</span>
          <button type="button" aria-label="close" onClick={props.onDismissError}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
