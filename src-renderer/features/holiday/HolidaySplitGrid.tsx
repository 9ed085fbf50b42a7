/**
 * 目标分解 of the holiday targets: each store, its 班组 and employees, their window totals and every
 * day of the window (its lunar date, 元旦/除夕/春节/元宵 marked, rest days shaded). A total typed on a
 * 班组 or an employee is held and its siblings absorb the difference (the store keeps its target);
 * the lock keeps a total through later spreads. Day cells are sums of the stored days.
 */
import LockOutlined from '@ant-design/icons/LockOutlined';
import UnlockOutlined from '@ant-design/icons/UnlockOutlined';
import type { CellEditRequestEvent, ColDef, ColGroupDef, GridApi } from 'ag-grid-community';
import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { HolidaySplit, SplitLevel } from '../../../src-shared/contract/channels';
import { cellProblem, useCellMarks, type CellProblem } from '../../grid/cell-problem';
import { CellProblemBox } from '../../grid/CellProblemBox';
import { EditableGrid, gridLocaleText, SPREADSHEET_KEYS } from '../../grid/EditableGrid';
import { TreeNameCell, type TreeRow } from '../../grid/TreeNameCell';
import { useGridKeys } from '../../grid/useGridKeys';
import { useTreeExpansion } from '../../grid/useTreeExpansion';
import { useHolidayErrorText, useHolidaySplitWrites } from './holiday-data';
import { formatAmount, parseAmount } from './targets-model';
import { dayColumn } from './day-columns';
import type { SplitMethods } from './split-methods';

type SplitRow = HolidaySplit['rows'][number] & TreeRow;

interface Props {
  season: number;
  level: SplitLevel;
  data: HolidaySplit;
  methods: SplitMethods;
  onSelect: (id: string) => void;
  onUndo: () => void;
  onRedo: () => void;
}

export function HolidaySplitGrid({ season, level, data, methods, onSelect, onUndo, onRedo }: Props): ReactNode {
  const { t, i18n } = useTranslation();
  const errorText = useHolidayErrorText();
  const containerRef = useRef<HTMLDivElement>(null);
  const apiRef = useRef<GridApi<SplitRow> | null>(null);
  const [problem, setProblem] = useState<CellProblem | null>(null);
  const isMarked = useCellMarks(apiRef, problem);
  const writes = useHolidaySplitWrites();

  const treeRows = useMemo(
    (): SplitRow[] =>
      data.rows.map((r, i) => ({
        ...r,
        kind: r.kind === 'person' ? 'person' : 'unit',
        rowKind: r.kind,
        hasChildren: data.rows[i + 1]?.parentId === r.id,
        expanded: true,
      })) as SplitRow[],
    [data.rows],
  );
  const { visibleRows, toggle } = useTreeExpansion(treeRows);
  const kindOf = (row: SplitRow | undefined) => (row as (SplitRow & { rowKind?: string }) | undefined)?.rowKind;

  const setTotal = useCallback(
    async (row: SplitRow, text: string) => {
      if (kindOf(row) === 'store') return setProblem(cellProblem(t('holiday.split.storeTotal'), { rowId: row.id, colId: 'total' }));
      const total = parseAmount(text);
      if (total === 'invalid' || total === null) return setProblem(cellProblem(t('holiday.notANumber'), { rowId: row.id, colId: 'total' }));
      setProblem(null);
      try {
        await writes.split.mutateAsync({ season, level, subjectId: row.id, total, ...methods });
      } catch (error) {
        setProblem(cellProblem(errorText(error), { rowId: row.id, colId: 'total' }));
      }
    },
    [season, level, methods, writes.split, errorText, t],
  );

  const toggleLock = useCallback(
    async (row: SplitRow) => {
      try {
        await writes.lock.mutateAsync({ season, level, subjectId: row.id, locked: !row.locked });
      } catch (error) {
        setProblem(cellProblem(errorText(error), { rowId: row.id, colId: 'total' }));
      }
    },
    [season, level, writes.lock, errorText],
  );

  const onCellEditRequest = useCallback(
    (event: CellEditRequestEvent<SplitRow>) => {
      if (event.colDef.colId !== 'total' || !event.data) return;
      void setTotal(event.data, String(event.newValue ?? '').trim());
    },
    [setTotal],
  );

  useGridKeys<SplitRow, never>(apiRef, containerRef, {
    onUndo,
    onRedo,
    onEscape: () => setProblem(null),
    onTypeKey: ({ colId, row }) => {
      if (colId.startsWith('d:')) setProblem(cellProblem(t('holiday.split.dayReadOnly'), row ? { rowId: row.id, colId } : null));
      else if (colId === 'total' && kindOf(row) === 'store') setProblem(cellProblem(t('holiday.split.storeTotal'), row ? { rowId: row.id, colId } : null));
    },
    copy: { formatted: true },
  });

  const columnDefs = useMemo((): Array<ColDef<SplitRow> | ColGroupDef<SplitRow>> => {
    const editableTotal = (p: { data?: SplitRow }) => kindOf(p.data) !== 'store' && !p.data?.locked;
    const grouped = data.days.map((d, i) =>
      dayColumn<SplitRow>(d, {
        valueGetter: (p) => p.data?.values[i] ?? null,
        valueFormatter: (p) => formatAmount(p.value),
        cellClassRules: { 'pd-day-rest-cell': () => d.rest, 'pd-day-mark-cell': () => Boolean(d.mark), 'pd-cell-invalid': isMarked },
      }),
    );
    return [
      {
        colId: 'name',
        headerName: t('holiday.split.name'),
        pinned: 'left',
        width: 220,
        valueGetter: (p) => p.data?.name,
        cellRenderer: TreeNameCell,
        cellRendererParams: { onToggle: toggle },
      },
      {
        colId: 'target',
        headerName: `${t('holiday.split.target')}${t('holiday.amountUnit')}`,
        pinned: 'left',
        width: 120,
        type: 'rightAligned',
        valueGetter: (p) => p.data?.target ?? null,
        valueFormatter: (p) => formatAmount(p.value),
      },
      {
        colId: 'total',
        headerName: `${t('holiday.split.total')}${t('holiday.amountUnit')}`,
        headerTooltip: t('holiday.split.totalHint'),
        pinned: 'left',
        width: 130,
        type: 'rightAligned',
        editable: editableTotal,
        valueGetter: (p) => p.data?.total ?? null,
        valueFormatter: (p) => formatAmount(p.value),
        cellClassRules: {
          'pd-cell-editable': editableTotal,
          'pd-cell-invalid': isMarked,
          'pd-cell-inconsistent': (p) => kindOf(p.data) === 'store' && p.data!.target !== null && p.data!.total !== 0 && p.data!.total !== p.data!.target,
        },
      },
      {
        colId: 'lock',
        headerName: '',
        pinned: 'left',
        width: 40,
        cellRenderer: (p: { data?: SplitRow }) =>
          p.data && kindOf(p.data) !== 'store' ? (
            <button
              type="button"
              className="pd-icon-button"
              aria-pressed={p.data.locked}
              title={t(p.data.locked ? 'holiday.split.unlock' : 'holiday.split.lock')}
              data-testid={`split-lock-${p.data.id}`}
              onClick={() => void toggleLock(p.data!)}
            >
              {p.data.locked ? <LockOutlined /> : <UnlockOutlined className="pd-text-secondary" />}
            </button>
          ) : null,
      },
      ...grouped,
    ];
  }, [data.days, t, toggle, isMarked, toggleLock]);

  return (
    <div ref={containerRef} className="pd-grid-container pd-holiday-grid" data-testid="holiday-split-grid">
      <EditableGrid<SplitRow>
        {...SPREADSHEET_KEYS}
        rowData={visibleRows}
        columnDefs={columnDefs}
        getRowId={(p) => p.data.id}
        getRowClass={(p) => (p.data?.hasChildren ? `pd-row-rollup pd-row-level-${Math.min(p.data.depth + 1, 2)}` : undefined)}
        stopEditingWhenCellsLoseFocus
        tooltipShowDelay={400}
        onGridReady={(e) => {
          apiRef.current = e.api;
        }}
        onCellFocused={(e) => {
          const row = e.rowIndex === null || e.rowIndex === undefined ? undefined : e.api.getDisplayedRowAtIndex(e.rowIndex)?.data;
          if (row) onSelect(row.id);
        }}
        onCellEditRequest={onCellEditRequest}
        onCellClicked={() => setProblem(null)}
        localeText={gridLocaleText(i18n.language)}
      />
      <CellProblemBox containerRef={containerRef} problem={problem} onDismiss={() => setProblem(null)} />
    </div>
  );
}
