/**
 * 人员安排: one store's days of the window with the planned headcount, its own staff, 后勤支援一线 and
 * each supplier's 促销员 (typed), what is on hand and the shortfall (the backend's), red where the
 * plan is not met; every store's days short listed beside it, a click going to the day.
 */
import type { CellEditRequestEvent, ColDef, ColGroupDef, GridApi } from 'ag-grid-community';
import { AutoComplete, Button, Empty, List, Popover, Select, Space, Tag } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { HolidayStaffing } from '../../../src-shared/contract/channels';
import { cellProblem, useCellMarks, type CellProblem } from '../../grid/cell-problem';
import { CellProblemBox } from '../../grid/CellProblemBox';
import { EditableGrid, gridLocaleText, SPREADSHEET_KEYS } from '../../grid/EditableGrid';
import { useGridKeys } from '../../grid/useGridKeys';
import { LoadingMark } from '../../shell/ToolButton';
import { useHolidayErrorText, useHolidayTargets } from './holiday-data';
import { useSaveStaffing, useStaffing, useStaffingShortages } from './operations-data';
import { dayRowColumn } from './day-row-column';

type StaffingRow = HolidayStaffing['rows'][number] & HolidayStaffing['days'][number];
const PROMOTER = 'p:';

/** A headcount typed in a cell: blank, or a whole number from 0 to 10,000. */
function parseHeadcount(text: string): number | null | 'invalid' {
  const bare = text.replace(/[\s人]/g, '');
  if (bare === '') return null;
  if (!/^\d+$/.test(bare)) return 'invalid';
  const value = Number(bare);
  return value <= 10_000 ? value : 'invalid';
}

function AddSupplier({ offered, onAdd }: { offered: readonly string[]; onAdd: (name: string) => void }): ReactNode {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const add = () => {
    if (!name.trim()) return;
    onAdd(name.trim());
    setName('');
    setOpen(false);
  };
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      content={
        <Space>
          <AutoComplete
            size="small"
            style={{ width: 180 }}
            maxLength={40}
            placeholder={t('holidayOps.staffing.supplierName')}
            value={name}
            options={offered.map((value) => ({ value }))}
            filterOption={(input, option) => String(option?.value ?? '').includes(input)}
            onChange={(value: string) => setName(value)}
            onKeyDown={(e) => e.key === 'Enter' && add()}
            data-testid="staffing-supplier-name"
          />
          <Button size="small" type="primary" onClick={add} data-testid="staffing-supplier-add">
            {t('holidayOps.save')}
          </Button>
        </Space>
      }
    >
      <Button size="small" data-testid="staffing-add-supplier">
        {t('holidayOps.staffing.addSupplier')}
      </Button>
    </Popover>
  );
}

export function HolidayStaffingTab({ season, onUndo, onRedo }: { season: number; onUndo: () => void; onRedo: () => void }): ReactNode {
  const { t, i18n } = useTranslation();
  const errorText = useHolidayErrorText();
  const stores = useHolidayTargets(season).data?.stores ?? [];
  const [chosenStore, setChosenStore] = useState<string | undefined>();
  const storeId = chosenStore ?? stores[0]?.id;
  const staffing = useStaffing(season, storeId);
  const shortages = useStaffingShortages(season);
  const save = useSaveStaffing();
  const [extraSuppliers, setExtraSuppliers] = useState<string[]>([]);
  const containerRef = useRef<HTMLDivElement>(null);
  const apiRef = useRef<GridApi<StaffingRow> | null>(null);
  const [problem, setProblem] = useState<CellProblem | null>(null);
  const isMarked = useCellMarks(apiRef, problem);
  const data = staffing.data;
  // A shortage picked in the list: its day is focused once its store's days are in the grid.
  const [pending, setPending] = useState<{ storeId: string; day: string } | null>(null);
  const suppliers = useMemo(() => [...(data?.suppliers ?? []), ...extraSuppliers.filter((s) => !data?.suppliers.includes(s))], [data, extraSuppliers]);
  const rows = useMemo((): StaffingRow[] => (data ? data.rows.map((r, i) => ({ ...data.days[i], ...r })) : []), [data]);

  const saveCell = useCallback(
    async (row: StaffingRow, colId: string, raw: string) => {
      if (!storeId) return;
      const value = parseHeadcount(raw);
      if (value === 'invalid') return setProblem(cellProblem(t('holidayOps.staffing.notANumber'), { rowId: row.day, colId }));
      const change =
        colId === 'planned'
          ? { day: row.day, planned: value }
          : colId === 'support'
            ? { day: row.day, support: value ?? 0 }
            : colId.startsWith(PROMOTER)
              ? { day: row.day, promoters: { supplier: colId.slice(PROMOTER.length), count: value ?? 0 } }
              : null;
      if (!change) return;
      setProblem(null);
      try {
        await save.mutateAsync({ season, storeId, changes: [change] });
      } catch (error) {
        setProblem(cellProblem(errorText(error), { rowId: row.day, colId }));
      }
    },
    [season, storeId, save, t, errorText],
  );

  const onCellEditRequest = useCallback(
    (event: CellEditRequestEvent<StaffingRow>) => {
      if (event.data) void saveCell(event.data, event.colDef.colId ?? '', String(event.newValue ?? ''));
    },
    [saveCell],
  );

  const editable = (colId: string) => colId === 'planned' || colId === 'support' || colId.startsWith(PROMOTER);
  useGridKeys<StaffingRow, never>(apiRef, containerRef, {
    onUndo,
    onRedo,
    onEscape: () => setProblem(null),
    onDelete: ({ colId, row }) => {
      if (!row || !editable(colId)) return false;
      void saveCell(row, colId, '');
      return true;
    },
    onTypeKey: ({ colId, row }) => {
      if (row && !editable(colId) && colId !== 'day') setProblem(cellProblem(t('holidayOps.staffing.readOnly'), { rowId: row.day, colId }));
    },
    copy: { formatted: true },
  });

  const columnDefs = useMemo((): Array<ColDef<StaffingRow> | ColGroupDef<StaffingRow>> => {
    const count = (
      colId: string,
      headerName: string,
      value: (r: StaffingRow) => number | null,
      isEditable: boolean,
      width = 96,
      pinned: 'left' | undefined = undefined,
    ): ColDef<StaffingRow> => ({
      colId,
      headerName,
      width,
      pinned,
      type: 'rightAligned',
      editable: isEditable,
      valueGetter: (p) => (p.data ? value(p.data) : null),
      cellClassRules: {
        'pd-cell-editable': () => isEditable,
        'pd-cell-invalid': isMarked,
        'pd-stock-out': (p) => colId === 'short' && (p.data?.short ?? 0) > 0,
      },
    });
    return [
      dayRowColumn<StaffingRow>(t('holidayOps.staffing.day'), { 'pd-duty-gap': (p) => (p.data?.short ?? 0) > 0 }),
      // What the planner checks first stays in view however many suppliers there are.
      count('planned', t('holidayOps.staffing.planned'), (r) => r.planned, true, 88, 'left'),
      count('onHand', t('holidayOps.staffing.onHand'), (r) => r.onHand, false, 88, 'left'),
      count('short', t('holidayOps.staffing.short'), (r) => r.short || null, false, 72, 'left'),
      count('ownStaff', t('holidayOps.staffing.ownStaff'), () => data?.ownStaff ?? 0, false),
      count('support', t('holidayOps.staffing.support'), (r) => r.support || null, true),
      ...(suppliers.length === 0
        ? []
        : [
            {
              groupId: 'promoters',
              headerName: t('holidayOps.staffing.promoters'),
              headerClass: 'pd-group-header',
              children: suppliers.map((supplier) =>
                count(`${PROMOTER}${supplier}`, supplier, (r) => r.promoters.find((p) => p.supplier === supplier)?.count ?? null, true, 112),
              ),
            },
          ]),
    ];
  }, [data, suppliers, t, isMarked]);

  useEffect(() => {
    if (!pending || data?.storeId !== pending.storeId) return;
    const timer = setTimeout(() => {
      const api = apiRef.current;
      const node = api?.getRowNode(pending.day);
      if (api && node?.rowIndex !== null && node?.rowIndex !== undefined) {
        api.ensureIndexVisible(node.rowIndex, 'middle');
        api.setFocusedCell(node.rowIndex, 'planned');
      }
      setPending(null);
    });
    return () => clearTimeout(timer);
  }, [pending, data]);

  if (staffing.error) return <Empty description={errorText(staffing.error)} />;
  if (stores.length === 0) return <Empty description={t('holiday.empty')} />;
  const storeName = (id: string) => stores.find((s) => s.id === id)?.name ?? id;
  const allShort = shortages.data?.shortages ?? [];

  return (
    <>
      <Space wrap size={[8, 4]}>
        <Select
          size="small"
          aria-label={t('holidayOps.staffing.store')}
          data-testid="staffing-store"
          value={storeId}
          onChange={(id: string) => {
            setChosenStore(id);
            setExtraSuppliers([]);
          }}
          options={stores.map((s) => ({ value: s.id, label: s.name }))}
          style={{ minWidth: 120 }}
        />
        {allShort.length > 0 ? (
          <Tag color="red" data-testid="staffing-short">
            {t('holidayOps.staffing.shortDays', { count: allShort.length })}
          </Tag>
        ) : (
          <Tag color="green" data-testid="staffing-short">
            {t('holidayOps.staffing.noShort')}
          </Tag>
        )}
        <AddSupplier
          offered={(data?.offeredSuppliers ?? []).filter((s) => !extraSuppliers.includes(s))}
          onAdd={(name) => setExtraSuppliers((list) => (list.includes(name) ? list : [...list, name]))}
        />
        <span className="pd-hint pd-text-secondary">{t('holidayOps.staffing.hint')}</span>
      </Space>
      {!data ? (
        <LoadingMark />
      ) : (
        <div className="pd-staffing-body">
          <div ref={containerRef} className="pd-grid-container pd-holiday-grid" data-testid="holiday-staffing-grid">
            <EditableGrid<StaffingRow>
              {...SPREADSHEET_KEYS}
              rowData={rows}
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
          {allShort.length > 0 && (
            <List
              size="small"
              bordered
              className="pd-staffing-shortages"
              data-testid="staffing-shortages"
              dataSource={allShort}
              renderItem={(s) => (
                <List.Item
                  style={{ cursor: 'pointer' }}
                  onClick={() => {
                    setChosenStore(s.storeId);
                    setPending({ storeId: s.storeId, day: s.day });
                  }}
                >
                  {t('holidayOps.staffing.shortageOf', { store: storeName(s.storeId), day: s.day, short: s.short })}
                </List.Item>
              )}
            />
          )}
        </div>
      )}
    </>
  );
}
