/**
 * 销售目标: each store with its categories, last year's lunar-aligned sales and this season's
 * 基本目标 / 挑战目标, typed as amounts or as growth (Excel blocks pasted as one save). Store and
 * 合计 rows add up their categories. Ctrl+Z / Ctrl+Y undo the grid's saves (the 'holiday' edit log).
 */
import type { CellClassParams, CellEditRequestEvent, Column, ColDef, GridApi } from 'ag-grid-community';
import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelInput, HolidayTargets } from '../../../src-shared/contract/channels';
import { cellProblem, useCellMarks, type CellProblem } from '../../grid/cell-problem';
import { CellProblemBox } from '../../grid/CellProblemBox';
import { EditableGrid, gridLocaleText, SPREADSHEET_KEYS } from '../../grid/EditableGrid';
import { useGridKeys, type PastedCell } from '../../grid/useGridKeys';
import { useMessage } from '../../toasts';
import { useHolidayErrorText, useSaveHolidayTargets } from './holiday-data';
import {
  formatAmount,
  formatGrowth,
  growthPercent,
  parseAmount,
  parseGrowth,
  TARGET_COLUMNS,
  targetRows,
  type TargetColumn,
  type TargetGridRow,
} from './targets-model';

type Change = ChannelInput<'holiday/save-targets'>['changes'][number];
interface Edit {
  row: TargetGridRow;
  column: TargetColumn;
  text: string | null;
}

const isTargetColumn = (colId: string): colId is TargetColumn => (TARGET_COLUMNS as readonly string[]).includes(colId);

interface Props {
  season: number;
  data: HolidayTargets;
  onUndo: () => void;
  onRedo: () => void;
}

export function HolidayTargetsGrid({ season, data, onUndo, onRedo }: Props): ReactNode {
  const { t, i18n } = useTranslation();
  const message = useMessage();
  const errorText = useHolidayErrorText();
  const containerRef = useRef<HTMLDivElement>(null);
  const apiRef = useRef<GridApi<TargetGridRow> | null>(null);
  const [problem, setProblem] = useState<CellProblem | null>(null);
  const isMarked = useCellMarks(apiRef, problem);
  const save = useSaveHolidayTargets();
  const { rows, total } = useMemo(() => targetRows(data), [data]);

  /** An edit as the contract's change, or the reason it cannot be one. */
  const changeOf = useCallback(
    (edit: Edit): Change | string => {
      if (edit.row.kind !== 'category' || !edit.row.storeId || !edit.row.categoryId) return t('holiday.notEditable');
      const growth = edit.column === 'basicGrowth' || edit.column === 'challengeGrowth';
      const value = growth ? parseGrowth(edit.text ?? '') : parseAmount(edit.text ?? '');
      if (value === 'invalid') return t('holiday.notANumber');
      const field = edit.column === 'basicGrowth' ? 'basicGrowthBp' : edit.column === 'challengeGrowth' ? 'challengeGrowthBp' : edit.column;
      return { storeId: edit.row.storeId, categoryId: edit.row.categoryId, [field]: value };
    },
    [t],
  );

  const saveEdits = useCallback(
    async (edits: Edit[]) => {
      const changes: Change[] = [];
      for (const edit of edits) {
        const change = changeOf(edit);
        if (typeof change === 'string') return setProblem(cellProblem(change, { rowId: edit.row.id, colId: edit.column }));
        changes.push(change);
      }
      setProblem(null);
      try {
        const { saved } = await save.mutateAsync({ season, changes });
        if (edits.length > 1) message.success(t('holiday.saved', { count: saved }));
      } catch (error) {
        setProblem(cellProblem(errorText(error), { rowId: edits[0].row.id, colId: edits[0].column }));
      }
    },
    [changeOf, save, season, message, t, errorText],
  );

  const onCellEditRequest = useCallback(
    (event: CellEditRequestEvent<TargetGridRow>) => {
      const colId = event.colDef.colId ?? '';
      if (!isTargetColumn(colId) || !event.data) return;
      const text = event.newValue === null || event.newValue === undefined ? '' : String(event.newValue).trim();
      void saveEdits([{ row: event.data, column: colId, text: text === '' ? null : text }]);
    },
    [saveEdits],
  );

  const pastedCell = (rowIndex: number, column: Column, text: string | null): PastedCell<Edit> => {
    const row = apiRef.current?.getDisplayedRowAtIndex(rowIndex)?.data;
    const colId = column.getColId();
    const reason =
      !row || !isTargetColumn(colId)
        ? t('holiday.notEditable')
        : (() => {
            const change = changeOf({ row, column: colId, text });
            return typeof change === 'string' ? change : null;
          })();
    if (row && isTargetColumn(colId) && reason === null) return { edit: { row, column: colId, text } };
    const detail = t('holiday.cellAt', { row: rowIndex + 1, name: row?.name ?? '', column: column.getColDef().headerName ?? '', reason });
    return { refusal: cellProblem(t('holiday.pasteRefused', { detail }), row ? { rowId: row.id, colId } : null) };
  };

  useGridKeys<TargetGridRow, Edit>(apiRef, containerRef, {
    onUndo,
    onRedo,
    onEscape: () => setProblem(null),
    onDelete: ({ colId, row }) => {
      if (!row || !isTargetColumn(colId)) return false;
      void saveEdits([{ row, column: colId, text: null }]);
      return true;
    },
    onTypeKey: ({ colId, row }) => {
      if (row && row.kind !== 'category' && isTargetColumn(colId)) setProblem(cellProblem(t('holiday.notEditable'), { rowId: row.id, colId }));
    },
    paste: { cellAt: pastedCell, onEdits: (edits) => void saveEdits(edits), onRefused: setProblem },
    copy: { formatted: true },
  });

  const columnDefs = useMemo((): ColDef<TargetGridRow>[] => {
    const editable = (p: { data?: TargetGridRow; node?: { rowPinned?: string | null } }) => p.data?.kind === 'category' && !p.node?.rowPinned;
    const challengeBelow = (p: CellClassParams<TargetGridRow>) =>
      p.data?.basic !== null && p.data?.challenge !== null && p.data !== undefined && (p.data.challenge ?? 0) < (p.data.basic ?? 0);
    const amount = (field: 'basic' | 'challenge'): ColDef<TargetGridRow> => ({
      colId: field,
      headerName: `${t(`holiday.col.${field}`)}${t('holiday.amountUnit')}`,
      width: 130,
      type: 'rightAligned',
      editable,
      valueGetter: (p) => p.data?.[field] ?? null,
      valueFormatter: (p) => formatAmount(p.value),
      cellClassRules: {
        'pd-cell-editable': (p) => editable(p),
        'pd-cell-invalid': isMarked,
        ...(field === 'challenge' ? { 'pd-cell-inconsistent': challengeBelow } : {}),
      },
      tooltipValueGetter: (p) => (field === 'challenge' && challengeBelow(p as CellClassParams<TargetGridRow>) ? t('holiday.challengeBelow') : undefined),
    });
    const growth = (field: 'basic' | 'challenge'): ColDef<TargetGridRow> => ({
      colId: field === 'basic' ? 'basicGrowth' : 'challengeGrowth',
      headerName: t(field === 'basic' ? 'holiday.col.basicGrowth' : 'holiday.col.challengeGrowth'),
      width: 130,
      type: 'rightAligned',
      editable,
      valueGetter: (p) => (p.data ? growthPercent(p.data[field], p.data.lastYear) : null),
      valueFormatter: (p) => formatGrowth(p.value),
      cellClassRules: { 'pd-cell-editable': (p) => editable(p), 'pd-cell-invalid': isMarked },
    });
    return [
      {
        colId: 'name',
        headerName: t('holiday.col.name'),
        pinned: 'left',
        width: 200,
        valueGetter: (p) => (p.node?.rowPinned ? t('holiday.total') : p.data?.name),
        cellRenderer: (p: { data?: TargetGridRow; node: { rowPinned?: string | null } }) =>
          p.node.rowPinned ? (
            <span className="pd-strong">{t('holiday.total')}</span>
          ) : p.data?.kind === 'store' ? (
            <span className="pd-tree-cell">
              <span className="pd-tree-name pd-strong">{p.data.name}</span>
              <span className="pd-tree-tag pd-tag-unit">{t('holiday.storeTag')}</span>
              <span className="pd-text-secondary">{p.data.note}</span>
            </span>
          ) : (
            <span className="pd-tree-cell" style={{ paddingLeft: 18 }}>
              <span className="pd-tree-name">{p.data?.name}</span>
              <span className="pd-tree-tag">{p.data?.note}</span>
            </span>
          ),
      },
      {
        colId: 'lastYear',
        headerName: `${t('holiday.col.lastYear')}${t('holiday.amountUnit')}`,
        headerTooltip: t('holiday.lastYearHint'),
        width: 130,
        type: 'rightAligned',
        valueGetter: (p) => p.data?.lastYear ?? null,
        valueFormatter: (p) => formatAmount(p.value),
      },
      growth('basic'),
      amount('basic'),
      growth('challenge'),
      amount('challenge'),
    ];
  }, [t, isMarked]);

  return (
    <div ref={containerRef} className="pd-grid-container pd-holiday-grid" data-testid="holiday-targets-grid">
      <EditableGrid<TargetGridRow>
        {...SPREADSHEET_KEYS}
        rowData={rows}
        pinnedBottomRowData={[total]}
        columnDefs={columnDefs}
        getRowId={(p) => p.data.id}
        getRowClass={(p) => (p.data?.kind === 'store' || p.node.rowPinned ? 'pd-row-rollup pd-row-level-1' : undefined)}
        stopEditingWhenCellsLoseFocus
        tooltipShowDelay={400}
        onGridReady={(e) => {
          apiRef.current = e.api;
        }}
        onCellEditRequest={onCellEditRequest}
        onCellClicked={() => setProblem(null)}
        localeText={gridLocaleText(i18n.language)}
      />
      <CellProblemBox containerRef={containerRef} problem={problem} onDismiss={() => setProblem(null)} />
    </div>
  );
}
