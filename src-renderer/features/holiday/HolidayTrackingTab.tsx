/**
 * 逐日跟踪 (天天盯着计划走): every store, 班组 and employee against its split targets — actual to date,
 * completion of both targets, what the split expected by today and the gap to it, the daily
 * run-rate still needed, the 优胜杯 place — and each day's actuals, typed or pasted per employee
 * (not after today). Stores' and 班组' figures are sums.
 */
import type { CellEditRequestEvent, Column, ColDef, ColGroupDef, GridApi } from 'ag-grid-community';
import { Empty, Space, Tag } from 'antd';
import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelInput, HolidayTracking } from '../../../src-shared/contract/channels';
import { cellProblem, useCellMarks, type CellProblem } from '../../grid/cell-problem';
import { CellProblemBox } from '../../grid/CellProblemBox';
import { EditableGrid, gridLocaleText, SPREADSHEET_KEYS } from '../../grid/EditableGrid';
import { TreeNameCell, type TreeRow } from '../../grid/TreeNameCell';
import { useGridKeys, type PastedCell } from '../../grid/useGridKeys';
import { useTreeExpansion } from '../../grid/useTreeExpansion';
import { LoadingMark } from '../../shell/ToolButton';
import { useMessage } from '../../toasts';
import { useHolidayErrorText, useHolidayTracking, useSaveHolidayActuals } from './holiday-data';
import { dayColumn } from './day-columns';
import { formatAmount, parseAmount } from './targets-model';

type TrackingRow = HolidayTracking['rows'][number] & TreeRow & { rowKind: HolidayTracking['rows'][number]['kind'] };
type ActualChange = ChannelInput<'holiday/save-actuals'>['changes'][number];
interface Edit {
  row: TrackingRow;
  day: string;
  text: string | null;
}

const percent = (value: unknown) => (typeof value === 'number' ? `${(value * 100).toFixed(1)}%` : '');

export function HolidayTrackingTab({ season, onUndo, onRedo }: { season: number; onUndo: () => void; onRedo: () => void }): ReactNode {
  const { t, i18n } = useTranslation();
  const message = useMessage();
  const errorText = useHolidayErrorText();
  const tracking = useHolidayTracking(season);
  const save = useSaveHolidayActuals();
  const containerRef = useRef<HTMLDivElement>(null);
  const apiRef = useRef<GridApi<TrackingRow> | null>(null);
  const [problem, setProblem] = useState<CellProblem | null>(null);
  const isMarked = useCellMarks(apiRef, problem);
  const data = tracking.data;

  const treeRows = useMemo(
    (): TrackingRow[] =>
      (data?.rows ?? []).map((r, i, all) => ({
        ...r,
        rowKind: r.kind,
        kind: r.kind === 'person' ? 'person' : 'unit',
        hasChildren: all[i + 1]?.parentId === r.id,
        expanded: true,
      })) as TrackingRow[],
    [data?.rows],
  );
  const { visibleRows, toggle } = useTreeExpansion(treeRows);

  /** Why a day cell cannot take a value, or null. */
  const refusalOf = useCallback(
    (row: TrackingRow | undefined, day: string): string | null => {
      if (!row || row.rowKind !== 'person') return t('holiday.tracking.personOnly');
      if (!data?.asOf || day > data.asOf) return t('holiday.tracking.future');
      return null;
    },
    [data?.asOf, t],
  );

  const saveEdits = useCallback(
    async (edits: Edit[]) => {
      const changes: ActualChange[] = [];
      for (const edit of edits) {
        const refusal = refusalOf(edit.row, edit.day);
        const value = parseAmount(edit.text ?? '');
        if (refusal || value === 'invalid') return setProblem(cellProblem(refusal ?? t('holiday.notANumber'), { rowId: edit.row.id, colId: `d:${edit.day}` }));
        changes.push({ personId: edit.row.id, day: edit.day, value });
      }
      setProblem(null);
      try {
        const { saved } = await save.mutateAsync({ season, changes });
        if (edits.length > 1) message.success(t('holiday.tracking.saved', { count: saved }));
      } catch (error) {
        setProblem(cellProblem(errorText(error), { rowId: edits[0].row.id, colId: `d:${edits[0].day}` }));
      }
    },
    [refusalOf, save, season, message, t, errorText],
  );

  const onCellEditRequest = useCallback(
    (event: CellEditRequestEvent<TrackingRow>) => {
      const colId = event.colDef.colId ?? '';
      if (!colId.startsWith('d:') || !event.data) return;
      const text = String(event.newValue ?? '').trim();
      void saveEdits([{ row: event.data, day: colId.slice(2), text: text === '' ? null : text }]);
    },
    [saveEdits],
  );

  const pastedCell = (rowIndex: number, column: Column, text: string | null): PastedCell<Edit> => {
    const row = apiRef.current?.getDisplayedRowAtIndex(rowIndex)?.data;
    const colId = column.getColId();
    const day = colId.startsWith('d:') ? colId.slice(2) : null;
    const reason = day ? (refusalOf(row, day) ?? (parseAmount(text ?? '') === 'invalid' ? t('holiday.notANumber') : null)) : t('holiday.tracking.dayOnly');
    if (row && day && reason === null) return { edit: { row, day, text } };
    const detail = t('holiday.cellAt', { row: rowIndex + 1, name: row?.name ?? '', column: day ?? column.getColDef().headerName ?? '', reason });
    return { refusal: cellProblem(t('holiday.pasteRefused', { detail }), row ? { rowId: row.id, colId } : null) };
  };

  useGridKeys<TrackingRow, Edit>(apiRef, containerRef, {
    onUndo,
    onRedo,
    onEscape: () => setProblem(null),
    onDelete: ({ colId, row }) => {
      if (!row || !colId.startsWith('d:')) return false;
      void saveEdits([{ row, day: colId.slice(2), text: null }]);
      return true;
    },
    onTypeKey: ({ colId, row }) => {
      if (!colId.startsWith('d:')) return;
      const refusal = refusalOf(row, colId.slice(2));
      if (refusal && row) setProblem(cellProblem(refusal, { rowId: row.id, colId }));
    },
    paste: { cellAt: pastedCell, onEdits: (edits) => void saveEdits(edits), onRefused: setProblem },
    copy: { formatted: true },
  });

  const columnDefs = useMemo((): Array<ColDef<TrackingRow> | ColGroupDef<TrackingRow>> => {
    if (!data) return [];
    const amount = (colId: 'basic' | 'challenge' | 'actual' | 'plannedToDate' | 'gap' | 'dailyNeeded', width = 116): ColDef<TrackingRow> => ({
      colId,
      headerName: t(`holiday.tracking.col.${colId}`),
      headerTooltip: t(`holiday.tracking.tip.${colId}`, { defaultValue: '' }) || undefined,
      width,
      type: 'rightAligned',
      valueGetter: (p) => p.data?.[colId] ?? null,
      valueFormatter: (p) => (colId === 'gap' && typeof p.value === 'number' && p.value > 0 ? `+${formatAmount(p.value)}` : formatAmount(p.value)),
      cellClassRules: colId === 'gap' ? { 'pd-gap-behind': (p) => (p.value as number) < 0, 'pd-gap-ahead': (p) => (p.value as number) > 0 } : undefined,
    });
    const editable = (p: { data?: TrackingRow; colDef?: ColDef }, day: string) => refusalOf(p.data, day) === null;
    return [
      {
        colId: 'name',
        headerName: t('holiday.split.name'),
        pinned: 'left',
        width: 200,
        valueGetter: (p) => p.data?.name,
        cellRenderer: TreeNameCell,
        cellRendererParams: { onToggle: toggle },
      },
      amount('basic'),
      amount('actual'),
      {
        colId: 'basicRate',
        headerName: t('holiday.tracking.col.basicRate'),
        width: 96,
        type: 'rightAligned',
        valueGetter: (p) => p.data?.basicRate ?? null,
        valueFormatter: (p) => percent(p.value),
      },
      amount('challenge'),
      {
        colId: 'challengeRate',
        headerName: t('holiday.tracking.col.challengeRate'),
        width: 96,
        type: 'rightAligned',
        valueGetter: (p) => p.data?.challengeRate ?? null,
        valueFormatter: (p) => percent(p.value),
      },
      amount('plannedToDate'),
      amount('gap', 104),
      amount('dailyNeeded'),
      {
        colId: 'rank',
        headerName: t('holiday.tracking.col.rank'),
        headerTooltip: t('holiday.tracking.tip.rank'),
        width: 80,
        type: 'rightAligned',
        valueGetter: (p) => p.data?.rank ?? null,
      },
      ...data.days.map((d, i) =>
        dayColumn<TrackingRow>(d, {
          editable: (p) => editable(p, d.day),
          valueGetter: (p) => p.data?.actuals[i] ?? null,
          valueFormatter: (p) => (data.asOf && d.day <= data.asOf ? formatAmount(p.value) : ''),
          cellClassRules: { 'pd-cell-editable': (p) => editable(p, d.day), 'pd-day-rest-cell': () => d.rest, 'pd-cell-invalid': isMarked },
        }),
      ),
    ];
  }, [data, t, toggle, isMarked, refusalOf]);

  if (tracking.error) return <Empty description={errorText(tracking.error)} />;
  if (!data) return <LoadingMark />;
  return (
    <>
      <Space wrap size={[12, 4]} data-testid="tracking-progress">
        {data.asOf ? (
          <>
            <span>{t('holiday.tracking.asOf', { day: data.asOf, elapsed: data.elapsedDays, days: data.windowDays })}</span>
            <Tag color="blue">{t('holiday.tracking.timeProgress', { value: percent(data.timeProgress) })}</Tag>
          </>
        ) : (
          <span className="pd-text-secondary">{t('holiday.tracking.notStarted', { day: data.days[0]?.day ?? '' })}</span>
        )}
      </Space>
      <span className="pd-hint pd-text-secondary">{t('holiday.tracking.hint')}</span>
      <div ref={containerRef} className="pd-grid-container pd-holiday-grid" data-testid="holiday-tracking-grid">
        <EditableGrid<TrackingRow>
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
          onCellEditRequest={onCellEditRequest}
          onCellClicked={() => setProblem(null)}
          localeText={gridLocaleText(i18n.language)}
        />
        <CellProblemBox containerRef={containerRef} problem={problem} onDismiss={() => setProblem(null)} />
      </div>
    </>
  );
}
