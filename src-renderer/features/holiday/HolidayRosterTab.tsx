/**
 * 值班表: a row per day of the window (its lunar day, 元旦/除夕/春节/元宵 marked), per store (and shift)
 * the leader on duty, the deputy and the contact number. A day without a leader is red and counted;
 * a person already on duty at another store that day is refused by the backend, named.
 */
import type { CellEditRequestEvent, ColDef, ColGroupDef, GridApi } from 'ag-grid-community';
import { Button, Empty, Select, Space, Tag } from 'antd';
import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DutyEntry, HolidayRoster } from '../../../src-shared/contract/channels';
import { cellProblem, useCellMarks, type CellProblem } from '../../grid/cell-problem';
import { CellProblemBox } from '../../grid/CellProblemBox';
import { EditableGrid, gridLocaleText, SPREADSHEET_KEYS } from '../../grid/EditableGrid';
import { useGridKeys } from '../../grid/useGridKeys';
import { LoadingMark } from '../../shell/ToolButton';
import { useHolidayErrorText, useHolidayRoster, useRosterWrites } from './holiday-data';
import { dayRowColumn } from './day-row-column';

type DayRow = HolidayRoster['days'][number];
type Field = 'leaderId' | 'deputyId' | 'phone';
const FIELDS: readonly Field[] = ['leaderId', 'deputyId', 'phone'];

/** colId: duty|<store>|<shift>|<field>. */
const colIdOf = (storeId: string, shift: DutyEntry['shift'], field: Field) => `duty|${storeId}|${shift}|${field}`;
function parseColId(colId: string): { storeId: string; shift: DutyEntry['shift']; field: Field } | null {
  const [kind, storeId, shift, field] = colId.split('|');
  return kind === 'duty' && storeId && shift && field ? { storeId, shift: shift as DutyEntry['shift'], field: field as Field } : null;
}

export function HolidayRosterTab({ season, onUndo, onRedo }: { season: number; onUndo: () => void; onRedo: () => void }): ReactNode {
  const { t, i18n } = useTranslation();
  const errorText = useHolidayErrorText();
  const roster = useHolidayRoster(season);
  const writes = useRosterWrites();
  const containerRef = useRef<HTMLDivElement>(null);
  const apiRef = useRef<GridApi<DayRow> | null>(null);
  const [problem, setProblem] = useState<CellProblem | null>(null);
  const isMarked = useCellMarks(apiRef, problem);
  const data = roster.data;

  const lookups = useMemo(() => {
    const entries = new Map((data?.entries ?? []).map((e) => [`${e.storeId}|${e.day}|${e.shift}`, e]));
    const label = (p: HolidayRoster['people'][number]) => `${p.name}（${p.unitName}）`;
    const personLabel = new Map((data?.people ?? []).map((p) => [p.id, label(p)]));
    const byLabel = new Map((data?.people ?? []).map((p) => [label(p), p.id]));
    const gaps = new Set((data?.gaps ?? []).map((g) => `${g.storeId}|${g.day}|${g.shift}`));
    return { entries, personLabel, byLabel, gaps, labels: (data?.people ?? []).map(label) };
  }, [data]);

  const saveCell = useCallback(
    async (day: string, colId: string, raw: string) => {
      const at = parseColId(colId);
      if (!at) return;
      const current = lookups.entries.get(`${at.storeId}|${day}|${at.shift}`) ?? {
        storeId: at.storeId,
        day,
        shift: at.shift,
        leaderId: null,
        deputyId: null,
        phone: null,
      };
      const text = raw.trim();
      let value: string | null = text === '' ? null : text;
      if (at.field !== 'phone' && value !== null) {
        value = lookups.byLabel.get(value) ?? data?.people.find((p) => p.name === value)?.id ?? null;
        if (value === null) return setProblem(cellProblem(t('holiday.roster.unknownPerson', { name: text }), { rowId: day, colId }));
      }
      setProblem(null);
      try {
        await writes.duty.mutateAsync({ season, entries: [{ ...current, [at.field]: value }] });
      } catch (error) {
        setProblem(cellProblem(errorText(error), { rowId: day, colId }));
      }
    },
    [lookups, data?.people, writes.duty, season, t, errorText],
  );

  const onCellEditRequest = useCallback(
    (event: CellEditRequestEvent<DayRow>) => {
      if (event.data) void saveCell(event.data.day, event.colDef.colId ?? '', String(event.newValue ?? ''));
    },
    [saveCell],
  );

  useGridKeys<DayRow, never>(apiRef, containerRef, {
    onUndo,
    onRedo,
    onEscape: () => setProblem(null),
    onDelete: ({ colId, row }) => {
      if (!row || !parseColId(colId)) return false;
      void saveCell(row.day, colId, '');
      return true;
    },
    copy: { formatted: true },
  });

  const columnDefs = useMemo((): Array<ColDef<DayRow> | ColGroupDef<DayRow>> => {
    if (!data) return [];
    const entryOf = (storeId: string, day: string | undefined, shift: DutyEntry['shift']) =>
      day ? lookups.entries.get(`${storeId}|${day}|${shift}`) : undefined;
    return [
      dayRowColumn<DayRow>(t('holiday.roster.day')),
      ...data.stores.map((store): ColGroupDef<DayRow> => ({
        groupId: store.id,
        headerName: store.name,
        headerClass: 'pd-group-header',
        children: store.shifts.flatMap((shift) =>
          FIELDS.map((field): ColDef<DayRow> => ({
            colId: colIdOf(store.id, shift, field),
            headerName: `${shift === 'all' ? '' : t(`holiday.roster.shift.${shift}`)}${t(`holiday.roster.${field}`)}`,
            width: field === 'phone' ? 128 : 132,
            editable: true,
            cellEditor: field === 'phone' ? undefined : 'agSelectCellEditor',
            cellEditorParams: field === 'phone' ? undefined : { values: ['', ...lookups.labels] },
            valueGetter: (p) => {
              const e = entryOf(store.id, p.data?.day, shift);
              if (!e) return '';
              if (field === 'phone') return e.phone ?? '';
              const id = e[field];
              return id ? (lookups.personLabel.get(id)?.replace(/（.*$/, '') ?? id) : '';
            },
            cellClassRules: {
              'pd-duty-gap': (p) => field === 'leaderId' && Boolean(p.data && lookups.gaps.has(`${store.id}|${p.data.day}|${shift}`)),
              'pd-cell-invalid': isMarked,
            },
          })),
        ),
      })),
    ];
  }, [data, lookups, t, isMarked]);

  if (roster.error) return <Empty description={errorText(roster.error)} />;
  if (!data) return <LoadingMark />;
  if (data.stores.length === 0) return <Empty description={t('holiday.empty')} />;
  return (
    <>
      <Space wrap size={[8, 4]}>
        {data.gaps.length > 0 ? (
          <Tag color="red" data-testid="roster-gaps">
            {t('holiday.roster.gaps', { count: data.gaps.length })}
          </Tag>
        ) : (
          <Tag color="green" data-testid="roster-gaps">
            {t('holiday.roster.noGaps')}
          </Tag>
        )}
        {data.gaps.length > 0 && (
          <Button
            size="small"
            onClick={() => {
              const gap = data.gaps[0];
              const api = apiRef.current;
              const row = api?.getRowNode(gap.day);
              if (api && row?.rowIndex !== null && row?.rowIndex !== undefined) {
                api.ensureIndexVisible(row.rowIndex, 'middle');
                api.setFocusedCell(row.rowIndex, colIdOf(gap.storeId, gap.shift, 'leaderId'));
              }
            }}
            data-testid="roster-next-gap"
          >
            {t('holiday.roster.nextGap')}
          </Button>
        )}
        {data.stores.map((store) => (
          <Select
            key={store.id}
            size="small"
            value={store.shifts.length === 1 ? 'single' : 'two'}
            onChange={(shifts: 'single' | 'two') =>
              void writes.shifts.mutateAsync({ season, storeId: store.id, shifts }).catch((e: unknown) => setProblem(cellProblem(errorText(e), null)))
            }
            options={[
              { value: 'single', label: t('holiday.roster.single', { name: store.name }) },
              { value: 'two', label: t('holiday.roster.two', { name: store.name }) },
            ]}
            popupMatchSelectWidth={false}
          />
        ))}
        <span className="pd-hint pd-text-secondary">{t('holiday.roster.hint')}</span>
      </Space>
      <div ref={containerRef} className="pd-grid-container pd-holiday-grid" data-testid="holiday-roster-grid">
        <EditableGrid<DayRow>
          {...SPREADSHEET_KEYS}
          rowData={data.days}
          columnDefs={columnDefs}
          getRowId={(p) => p.data.day}
          stopEditingWhenCellsLoseFocus
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
