/** The window's day columns, as every holiday grid heads them: the lunar day (or 元旦/除夕/春节/元宵) over the date. */
import type { ColDef, ColGroupDef } from 'ag-grid-community';
import type { HolidaySplit } from '../../../src-shared/contract/channels';

export type WindowDay = HolidaySplit['days'][number];

/** A month's name on its first day (腊月), the day's (廿三) otherwise; the holiday on its day. */
const lunarHeader = (d: WindowDay) => d.mark ?? (d.lunar.endsWith('初一') ? d.lunar.slice(0, -2) : d.lunar.replace(/^.*月/, ''));

/** One day of the window: a group headed by its lunar day over a column headed by its date (`d:<day>`). */
export function dayColumn<Row>(d: WindowDay, column: Omit<ColDef<Row>, 'colId' | 'headerName' | 'headerTooltip' | 'width' | 'type'>): ColGroupDef<Row> {
  return {
    groupId: `g:${d.day}`,
    headerName: lunarHeader(d),
    headerClass: d.mark ? 'pd-day-mark' : d.rest ? 'pd-day-rest' : undefined,
    children: [
      {
        colId: `d:${d.day}`,
        headerName: d.day.slice(5),
        headerTooltip: [d.day, d.lunar, d.mark].filter(Boolean).join(' '),
        width: 84,
        type: 'rightAligned',
        ...column,
      },
    ],
  };
}
