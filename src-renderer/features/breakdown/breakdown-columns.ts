/**
 * 目标分解's columns: the organisation (tree), the year total, then one column per period, with
 * rest days, public holidays and 调休 working days shaded.
 */
import type { CellClassParams, ColDef, EditableCallbackParams } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import type { PlanGrain, PlanGrid } from '../../../src-shared/contract/channels';
import { daysIn } from '../../../src-shared/domain/periods';
import { TreeNameCell, type TreeRow } from '../../grid/TreeNameCell';
import { LockedValueCell } from './LockedValueCell';

export type PlanRowData = PlanGrid['rows'][number] & TreeRow;

/** The year total's column id; the period columns use the period's key. */
export const TOTAL = 'total';

/** The pinned 合计 row's id. */
export const TOTAL_ROW_ID = '__total';

/**
 * The pinned 合计 row: the sum of the top units (one company: its own row). A ratio metric's
 * top units do not add up, so with several of them the row stays empty.
 */
export function totalRowOf(rows: readonly PlanRowData[], ratio: boolean): PlanRowData | null {
  const tops = rows.filter((r) => r.parentId === null);
  if (tops.length === 0) return null;
  const base = { id: TOTAL_ROW_ID, parentId: null, kind: 'unit' as const, name: '', label: 'company', depth: 0, hasChildren: true, expanded: true, locked: [] };
  if (tops.length === 1) return { ...base, values: { ...tops[0].values }, total: tops[0].total };
  if (ratio) return { ...base, values: {}, total: null };
  const values: Record<string, number | null> = {};
  let total: number | null = null;
  for (const top of tops) {
    for (const [key, value] of Object.entries(top.values)) {
      if (value !== null) values[key] = (values[key] ?? 0) + value;
      else if (!(key in values)) values[key] = null;
    }
    if (top.total !== null) total = (total ?? 0) + top.total;
  }
  return { ...base, values, total };
}

/** A week's days in the plan year as 'MM-DD~MM-DD' (the first and last weeks are cut to the year). */
export function weekRange(key: string, year: number): string {
  const days = daysIn(key, year);
  return days.length === 0 ? '' : `${days[0].slice(5)}~${days[days.length - 1].slice(5)}`;
}

interface ColumnContext {
  t: TFunction;
  english: boolean;
  grain: PlanGrain;
  format: (value: number | null | undefined) => string;
  isEditable: (row: PlanRowData | undefined, colId: string) => boolean;
  onToggle: (id: string) => void;
  /** The planner's today ('YYYY-MM-DD'): its day column is marked and pinned beside the year. */
  today: string;
}

export function breakdownColumns(grid: PlanGrid, { t, english, grain, format, isEditable, onToggle, today }: ColumnContext): ColDef<PlanRowData>[] {
  // The pinned 合计 is a sum to read, not a total to type into.
  const editable = (p: Pick<EditableCallbackParams<PlanRowData>, 'node' | 'data'>, key: string) => !p.node.rowPinned && isEditable(p.data, key);
  const valueColumn = (key: string, header: string, extra: Partial<ColDef<PlanRowData>> = {}): ColDef<PlanRowData> => ({
    colId: key,
    headerName: header,
    width: grain === 'day' ? 96 : grain === 'week' ? 128 : 104,
    type: 'rightAligned',
    valueGetter: (p) => (key === TOTAL ? p.data?.total : p.data?.values[key]) ?? null,
    valueFormatter: (p) => format(p.value as number | null),
    editable: (p) => editable(p, key),
    cellRendererSelector: (p) => (p.data?.locked.includes(key) ? { component: LockedValueCell } : undefined),
    cellClassRules: {
      'pd-cell-locked': (p: CellClassParams<PlanRowData>) => !!p.data?.locked.includes(key),
      'pd-cell-editable': (p: CellClassParams<PlanRowData>) => editable(p, key),
      'pd-cell-rollup': (p: CellClassParams<PlanRowData>) => !!p.data?.hasChildren || !!p.node.rowPinned,
    },
    ...extra,
  });
  return [
    {
      colId: 'name',
      headerName: t('targets.organisation'),
      pinned: 'left',
      width: 230,
      valueGetter: (p) => p.data?.name,
      cellRenderer: TreeNameCell,
      cellRendererParams: { onToggle },
    },
    valueColumn(TOTAL, t('breakdown.yearTotal'), { pinned: 'left', width: 116 }),
    ...grid.columns.map((column) => {
      const shaded = column.weekend && !column.makeUpWorkday ? 'pd-col-rest' : column.holiday ? 'pd-col-rest' : undefined;
      const holidayClass = column.holiday ? 'pd-col-holiday' : column.makeUpWorkday ? 'pd-col-makeup' : shaded;
      const isToday = column.key === today;
      // A week says which days it holds: 'W10 03-02~03-08' (its Chinese name, 第10周, in the tooltip).
      const header = grain === 'week' ? `${column.labelEn} ${weekRange(column.key, grid.year)}` : english ? column.labelEn : column.label;
      // Today's day is pinned beside the year, so it is in view wherever the days are scrolled.
      const todayColumn: Partial<ColDef<PlanRowData>> = isToday
        ? {
            pinned: 'left',
            lockPinned: true,
            width: 124,
            headerName: `${t('breakdown.today')} ${english ? column.labelEn.split(' ').slice(1).join(' ') : column.label.split(' ')[0]}`,
          }
        : {};
      return valueColumn(column.key, header, {
        headerClass: [holidayClass, isToday ? 'pd-col-today' : undefined].filter(Boolean).join(' ') || undefined,
        cellClass: holidayClass,
        headerTooltip: [
          isToday ? t('breakdown.today') : null,
          grain === 'week' && !english ? column.label : null,
          column.holiday,
          column.makeUpWorkday ? t('breakdown.makeUpDay') : null,
          t('breakdown.workingDays', { count: column.workingDays }),
        ]
          .filter(Boolean)
          .join(' · '),
        ...todayColumn,
      });
    }),
  ];
}
