/**
 * 目标分解's columns: the organisation (tree), the year total, then one column per period, with
 * rest days, public holidays and 调休 working days shaded.
 */
import type { CellClassParams, ColDef } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import type { PlanGrain, PlanGrid } from '../../../src-shared/contract/channels';
import { TreeNameCell, type TreeRow } from '../../grid/TreeNameCell';

export type PlanRowData = PlanGrid['rows'][number] & TreeRow;

/** The year total's column id; the period columns use the period's key. */
export const TOTAL = 'total';

interface ColumnContext {
  t: TFunction;
  english: boolean;
  grain: PlanGrain;
  format: (value: number | null | undefined) => string;
  isEditable: (row: PlanRowData | undefined, colId: string) => boolean;
  onToggle: (id: string) => void;
}

export function breakdownColumns(grid: PlanGrid, { t, english, grain, format, isEditable, onToggle }: ColumnContext): ColDef<PlanRowData>[] {
  const valueColumn = (key: string, header: string, extra: Partial<ColDef<PlanRowData>> = {}): ColDef<PlanRowData> => ({
    colId: key,
    headerName: header,
    width: grain === 'day' ? 96 : 104,
    type: 'rightAligned',
    valueGetter: (p) => (key === TOTAL ? p.data?.total : p.data?.values[key]) ?? null,
    valueFormatter: (p) => format(p.value as number | null),
    editable: (p) => isEditable(p.data, key),
    cellClassRules: {
      'pd-cell-locked': (p: CellClassParams<PlanRowData>) => !!p.data?.locked.includes(key),
      'pd-cell-editable': (p: CellClassParams<PlanRowData>) => isEditable(p.data, key),
      'pd-cell-rollup': (p: CellClassParams<PlanRowData>) => !!p.data?.hasChildren,
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
      return valueColumn(column.key, english ? column.labelEn : column.label, {
        headerClass: holidayClass,
        cellClass: holidayClass,
        headerTooltip: [column.holiday, column.makeUpWorkday ? t('breakdown.makeUpDay') : null, t('breakdown.workingDays', { count: column.workingDays })]
          .filter(Boolean)
          .join(' · '),
      });
    }),
  ];
}
