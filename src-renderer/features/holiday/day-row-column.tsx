/** The pinned day column of the grids that run down the window (值班表, 人员安排): the date, its lunar day and 元旦/除夕/春节/元宵. */
import type { CellClassRules, ColDef } from 'ag-grid-community';
import { Tag } from 'antd';
import type { WindowDay } from './day-columns';

export function dayRowColumn<Row extends WindowDay>(headerName: string, classRules: CellClassRules<Row> = {}): ColDef<Row> {
  return {
    colId: 'day',
    headerName,
    pinned: 'left',
    width: 206,
    valueGetter: (p) => p.data?.day,
    cellRenderer: (p: { data?: Row }) =>
      p.data ? (
        <span>
          {p.data.day} <span className="pd-text-secondary">{p.data.lunar}</span> {p.data.mark && <Tag color="red">{p.data.mark}</Tag>}
        </span>
      ) : null,
    cellClassRules: { 'pd-day-rest-cell': (p) => Boolean(p.data?.rest), ...classRules },
  };
}
