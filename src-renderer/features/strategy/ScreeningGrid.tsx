/**
 * 大客户筛选's grid: scores typed or pasted from Excel (a paste is one save; a refused cell saves
 * nothing and is marked), criteria ticked with a click or Space/Enter, rows filtered and selected
 * for 按建议等级更新. Ctrl+Z / Ctrl+Y undo and redo the grid's saves (the edit log).
 */
import type { CellEditRequestEvent, Column, GridApi, IRowNode } from 'ag-grid-community';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScreeningRow, ScreeningYear } from '../../../src-shared/contract/channels';
import { cellProblem, useCellMarks, type CellProblem } from '../../grid/cell-problem';
import { CellProblemBox } from '../../grid/CellProblemBox';
import { EditableGrid, gridLocaleText, SPREADSHEET_KEYS } from '../../grid/EditableGrid';
import { useGridKeys, type PastedCell } from '../../grid/useGridKeys';
import { screeningColumns } from './screening-columns';
import { useCriterionToggle, useScoreSaver } from './screening-edits';
import { criterionOf, indicatorOf, passesRowFilter, type RowFilter, type ScoreEdit, type TierInfo } from './screening-model';

interface Props {
  year: number;
  data: ScreeningYear;
  classNames: Map<string, string>;
  tierInfo: TierInfo;
  search: string;
  rowFilter: RowFilter;
  /** The grid's api, for the toolbar's 按建议等级更新 (selected or filtered rows). */
  apiRef: RefObject<GridApi<ScreeningRow> | null>;
  onSelectedCount: (count: number) => void;
  /** Ctrl+Z / Ctrl+Y: the 'screening' edit log (see `ScreeningView`). */
  onUndo: () => void;
  onRedo: () => void;
}

export function ScreeningGrid({ year, data, classNames, tierInfo, search, rowFilter, apiRef, onSelectedCount, onUndo, onRedo }: Props): ReactNode {
  const { t, i18n } = useTranslation();
  const containerRef = useRef<HTMLDivElement>(null);
  const [problem, setProblem] = useState<CellProblem | null>(null);
  const isMarked = useCellMarks(apiRef, problem);
  const saveScores = useScoreSaver(year, setProblem);
  const toggleCriterion = useCriterionToggle(year);
  const toggleRef = useRef(toggleCriterion);
  toggleRef.current = toggleCriterion;
  const indicatorsById = useMemo(() => new Map(data.indicators.map((i) => [i.id, i])), [data.indicators]);

  const columnDefs = useMemo(
    () =>
      screeningColumns(data, {
        t,
        english: i18n.language === 'en',
        classNames,
        tierInfo,
        isMarked,
        onToggleCriterion: (row, criterion) => void toggleRef.current(row, criterion),
      }),
    [data, classNames, tierInfo, isMarked, t, i18n.language],
  );

  const editAt = useCallback(
    (rowIndex: number, colId: string): Omit<ScoreEdit, 'text'> | null => {
      const row = apiRef.current?.getDisplayedRowAtIndex(rowIndex)?.data;
      const indicatorId = indicatorOf(colId);
      const indicator = indicatorId ? indicatorsById.get(indicatorId) : undefined;
      return row && indicator ? { row, rowIndex, indicator } : null;
    },
    [apiRef, indicatorsById],
  );

  const onCellEditRequest = useCallback(
    (event: CellEditRequestEvent<ScreeningRow>) => {
      const target = editAt(event.rowIndex ?? 0, event.colDef.colId ?? '');
      if (!target) return;
      const raw = event.newValue === null || event.newValue === undefined ? '' : String(event.newValue).trim();
      void saveScores([{ ...target, text: raw === '' ? null : raw }], 'edit');
    },
    [editAt, saveScores],
  );

  const pastedCell = (rowIndex: number, column: Column, text: string | null): PastedCell<ScoreEdit> => {
    const colId = column.getColId();
    const target = editAt(rowIndex, colId);
    if (target) return { edit: { ...target, text } };
    const row = apiRef.current?.getDisplayedRowAtIndex(rowIndex)?.data;
    const detail = t('strategyViews.screening.cellAt', {
      row: rowIndex + 1,
      name: row?.name ?? '',
      indicator: column.getColDef().headerName ?? '',
      reason: t('strategyViews.screening.notScore'),
    });
    return { refusal: cellProblem(t('strategyViews.screening.pasteRefused', { detail }), row ? { rowId: row.customerId, colId } : null) };
  };

  useGridKeys<ScreeningRow, ScoreEdit>(apiRef, containerRef, {
    onUndo,
    onRedo,
    onEscape: () => setProblem(null),
    onActivate: ({ colId, row }) => {
      const criterion = criterionOf(colId);
      if (!criterion) return false;
      if (row) void toggleRef.current(row, criterion);
      return true;
    },
    onDelete: ({ rowIndex, colId }) => {
      const target = editAt(rowIndex, colId);
      if (target) void saveScores([{ ...target, text: null }], 'clear');
      return target !== null;
    },
    onTypeKey: ({ colId, row }) => {
      if (criterionOf(colId) || indicatorOf(colId) || colId === 'name' || colId === 'ag-Grid-SelectionColumn') return;
      const at = row ? { rowId: row.customerId, colId } : null;
      setProblem(cellProblem(t('strategyViews.screening.notScore'), at));
    },
    paste: { cellAt: pastedCell, onEdits: (edits) => void saveScores(edits, 'paste'), onRefused: setProblem },
    copy: { formatted: true },
  });

  useEffect(() => {
    apiRef.current?.onFilterChanged();
  }, [apiRef, rowFilter]);

  const passesFilter = useCallback((node: IRowNode<ScreeningRow>) => !node.data || passesRowFilter(node.data, rowFilter), [rowFilter]);

  return (
    <div ref={containerRef} className="pd-grid-container" style={{ flex: '1 1 0', height: 'auto', minHeight: 320 }} data-testid="screening-grid">
      <EditableGrid<ScreeningRow>
        {...SPREADSHEET_KEYS}
        rowData={data.rows}
        columnDefs={columnDefs}
        getRowId={(p) => p.data.customerId}
        stopEditingWhenCellsLoseFocus
        tooltipShowDelay={400}
        quickFilterText={search}
        isExternalFilterPresent={() => rowFilter !== 'all'}
        doesExternalFilterPass={passesFilter}
        rowSelection={{ mode: 'multiRow', checkboxes: true, headerCheckbox: true, selectAll: 'filtered', enableClickSelection: false }}
        selectionColumnDef={{ pinned: 'left', width: 44, suppressHeaderMenuButton: true }}
        onSelectionChanged={(e) => onSelectedCount(e.api.getSelectedRows().length)}
        onGridReady={(e) => {
          apiRef.current = e.api;
        }}
        onCellEditRequest={onCellEditRequest}
        onCellClicked={() => setProblem(null)}
        localeText={gridLocaleText(i18n.language)}
      />
      <CellProblemBox containerRef={containerRef} problem={problem} onDismiss={() => setProblem(null)} width={340} clickThrough escapeAnywhere />
    </div>
  );
}
