/**
 * 备货计划: one store's categories with last season's quantity, the forecast, the opening stock
 * (typed), the planned deliveries (a drawer per category: supplier, quantity, arrival day) and the
 * projected stock of every day, 预警 in amber and 断货 in red; every store's warnings listed above;
 * the chosen category drawn against its safety stock. Moving a delivery or raising a target
 * recomputes it all at once (the backend's projection).
 */
import DeleteOutlined from '@ant-design/icons/DeleteOutlined';
import type { CellEditRequestEvent, ColDef, ColGroupDef, GridApi } from 'ag-grid-community';
import { Button, Drawer, Empty, Input, InputNumber, Popover, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { HolidayDelivery, HolidayStock, HolidayStockWarning } from '../../../src-shared/contract/channels';
import { stockChartOption } from '../../../src-shared/charts/holiday-charts';
import { EChart } from '../../charts/EChart';
import { cellProblem, useCellMarks, type CellProblem } from '../../grid/cell-problem';
import { CellProblemBox } from '../../grid/CellProblemBox';
import { EditableGrid, gridLocaleText, SPREADSHEET_KEYS } from '../../grid/EditableGrid';
import { useGridKeys } from '../../grid/useGridKeys';
import { DayPicker } from '../../shell/DayPicker';
import { LoadingMark } from '../../shell/ToolButton';
import { useMessage } from '../../toasts';
import { useHolidayErrorText, useHolidayStock, useHolidayTargets, useStockWarnings, useStockWrites } from './holiday-data';
import { dayColumn } from './day-columns';
import { formatAmount, parseAmount } from './targets-model';

type StockRow = HolidayStock['rows'][number];

function DeliveriesDrawer({
  season,
  storeId,
  row,
  window,
  onClose,
}: {
  season: number;
  storeId: string;
  row: StockRow;
  window: { first: string; last: string };
  onClose: () => void;
}): ReactNode {
  const { t } = useTranslation();
  const errorText = useHolidayErrorText();
  const writes = useStockWrites();
  const [problem, setProblem] = useState<string | null>(null);
  const [draft, setDraft] = useState<{ supplier: string; quantity: number | null; arrivalDay: string | undefined }>({
    supplier: '',
    quantity: null,
    arrivalDay: undefined,
  });
  const save = async (delivery: Omit<HolidayDelivery, 'id'> & { id?: string }) => {
    try {
      setProblem(null);
      await writes.delivery.mutateAsync({ season, delivery });
      return true;
    } catch (error) {
      setProblem(errorText(error));
      return false;
    }
  };
  return (
    <Drawer open width={560} title={t('holiday.stock.deliveriesOf', { name: row.name, unit: row.unit })} onClose={onClose} data-testid="deliveries-drawer">
      <Table<HolidayDelivery>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={row.deliveries}
        columns={[
          {
            title: t('holiday.stock.supplier'),
            dataIndex: 'supplier',
            render: (_, d) => (
              <Input
                size="small"
                defaultValue={d.supplier}
                onBlur={(e) => e.target.value.trim() && e.target.value !== d.supplier && void save({ ...d, supplier: e.target.value.trim() })}
              />
            ),
          },
          {
            title: t('holiday.stock.quantity', { unit: row.unit }),
            dataIndex: 'quantity',
            width: 120,
            render: (_, d) => (
              <InputNumber
                size="small"
                min={1}
                precision={0}
                defaultValue={d.quantity}
                onBlur={(e) => {
                  const q = Number(e.target.value.replace(/,/g, ''));
                  if (q > 0 && q !== d.quantity) void save({ ...d, quantity: q });
                }}
              />
            ),
          },
          {
            title: t('holiday.stock.arrival'),
            dataIndex: 'arrivalDay',
            width: 150,
            render: (_, d) => (
              <DayPicker
                width={130}
                value={d.arrivalDay}
                min={window.first}
                max={window.last}
                data-testid={`arrival-${d.id}`}
                onChange={(day) => day && day !== d.arrivalDay && void save({ ...d, arrivalDay: day })}
              />
            ),
          },
          {
            key: 'delete',
            width: 40,
            render: (_, d) => (
              <Button
                size="small"
                type="text"
                aria-label={t('holiday.stock.delete')}
                icon={<DeleteOutlined />}
                onClick={() => void writes.remove.mutateAsync({ season, id: d.id }).catch((e: unknown) => setProblem(errorText(e)))}
              />
            ),
          },
        ]}
      />
      <Space style={{ marginTop: 12 }} wrap>
        <Input
          size="small"
          style={{ width: 150 }}
          placeholder={t('holiday.stock.supplier')}
          value={draft.supplier}
          onChange={(e) => setDraft({ ...draft, supplier: e.target.value })}
          data-testid="new-supplier"
        />
        <InputNumber
          size="small"
          min={1}
          precision={0}
          placeholder={t('holiday.stock.quantity', { unit: row.unit })}
          value={draft.quantity}
          onChange={(q) => setDraft({ ...draft, quantity: q })}
          data-testid="new-quantity"
        />
        <DayPicker
          width={130}
          value={draft.arrivalDay}
          min={window.first}
          max={window.last}
          onChange={(day) => setDraft({ ...draft, arrivalDay: day })}
          data-testid="new-arrival"
        />
        <Button
          size="small"
          type="primary"
          disabled={!draft.supplier.trim() || !draft.quantity || !draft.arrivalDay}
          data-testid="add-delivery"
          onClick={() =>
            void save({ storeId, categoryId: row.categoryId, supplier: draft.supplier.trim(), quantity: draft.quantity!, arrivalDay: draft.arrivalDay! }).then(
              (ok) => ok && setDraft({ supplier: '', quantity: null, arrivalDay: undefined }),
            )
          }
        >
          {t('holiday.stock.add')}
        </Button>
      </Space>
      {problem && (
        <Typography.Paragraph type="danger" style={{ marginTop: 8 }} data-testid="delivery-problem">
          {problem}
        </Typography.Paragraph>
      )}
    </Drawer>
  );
}

/** 新增品类: a commodity category with its unit and safety days, added to every store's plan. */
function NewCategory(): ReactNode {
  const { t } = useTranslation();
  const message = useMessage();
  const errorText = useHolidayErrorText();
  const writes = useStockWrites();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState({ name: '', unit: '', safetyDays: 7 });
  const [problem, setProblem] = useState<string | null>(null);
  const add = async () => {
    try {
      setProblem(null);
      const added = await writes.category.mutateAsync({ name: draft.name.trim(), unit: draft.unit.trim(), safetyDays: draft.safetyDays });
      message.success(t('holiday.stock.categoryAdded', { name: added.name }));
      setDraft({ name: '', unit: '', safetyDays: 7 });
      setOpen(false);
    } catch (error) {
      setProblem(errorText(error));
    }
  };
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      content={
        <Space direction="vertical" data-testid="new-category">
          <Space>
            <Input
              size="small"
              style={{ width: 110 }}
              placeholder={t('holiday.stock.col.category')}
              value={draft.name}
              maxLength={30}
              onChange={(e) => setDraft({ ...draft, name: e.target.value })}
            />
            <Input
              size="small"
              style={{ width: 70 }}
              placeholder={t('holiday.stock.unit')}
              value={draft.unit}
              maxLength={10}
              onChange={(e) => setDraft({ ...draft, unit: e.target.value })}
            />
            <InputNumber
              size="small"
              min={0}
              max={90}
              precision={0}
              value={draft.safetyDays}
              onChange={(v) => setDraft({ ...draft, safetyDays: v ?? 0 })}
              aria-label={t('holiday.stock.col.safetyDays')}
            />
          </Space>
          {problem && <Typography.Text type="danger">{problem}</Typography.Text>}
          <Button
            size="small"
            type="primary"
            disabled={!draft.name.trim() || !draft.unit.trim()}
            loading={writes.category.isPending}
            onClick={() => void add()}
          >
            {t('holiday.stock.add')}
          </Button>
        </Space>
      }
    >
      <Button size="small" data-testid="new-category-open">
        {t('holiday.stock.newCategory')}
      </Button>
    </Popover>
  );
}

function WarningList({
  warnings,
  storeName,
  categoryName,
  unitOf,
  onPick,
}: {
  warnings: HolidayStockWarning[];
  storeName: (id: string) => string;
  categoryName: (id: string) => string;
  unitOf: (id: string) => string;
  onPick: (w: HolidayStockWarning) => void;
}): ReactNode {
  const { t } = useTranslation();
  if (warnings.length === 0)
    return (
      <Tag color="green" data-testid="stock-no-warnings">
        {t('holiday.stock.noWarnings')}
      </Tag>
    );
  return (
    <Table<HolidayStockWarning>
      size="small"
      data-testid="stock-warnings"
      rowKey={(w) => `${w.storeId}|${w.categoryId}|${w.firstDay}`}
      pagination={false}
      scroll={{ y: 116 }}
      dataSource={warnings}
      onRow={(w) => ({ onClick: () => onPick(w), style: { cursor: 'pointer' } })}
      columns={[
        { title: t('holiday.stock.col.store'), width: 90, render: (_, w) => storeName(w.storeId) },
        { title: t('holiday.stock.col.category'), width: 100, render: (_, w) => categoryName(w.categoryId) },
        {
          title: t('holiday.stock.col.kind'),
          width: 70,
          render: (_, w) => <Tag color={w.kind === 'stock-out' ? 'red' : 'orange'}>{t(`holiday.stock.kind.${w.kind}`)}</Tag>,
        },
        {
          title: t('holiday.stock.col.days'),
          width: 190,
          render: (_, w) => (w.firstDay === w.lastDay ? w.firstDay : t('holiday.stock.range', { first: w.firstDay, last: w.lastDay })),
        },
        { title: t('holiday.stock.col.shortfall'), width: 110, align: 'right', render: (_, w) => `${formatAmount(w.shortfall)} ${unitOf(w.categoryId)}` },
        { title: t('holiday.stock.col.nextArrival'), render: (_, w) => w.nextArrival ?? t('holiday.stock.noneComing') },
      ]}
    />
  );
}

export function HolidayStockTab({ season, onUndo, onRedo }: { season: number; onUndo: () => void; onRedo: () => void }): ReactNode {
  const { t, i18n } = useTranslation();
  const message = useMessage();
  const errorText = useHolidayErrorText();
  const targets = useHolidayTargets(season);
  const stores = targets.data?.stores ?? [];
  const [chosenStore, setChosenStore] = useState<string | undefined>();
  const storeId = chosenStore ?? stores[0]?.id;
  const stock = useHolidayStock(season, storeId);
  const warnings = useStockWarnings(season);
  const writes = useStockWrites();
  const [focusCategory, setFocusCategory] = useState<string | null>(null);
  const [drawerFor, setDrawerFor] = useState<string | null>(null);
  const containerRef = useRef<HTMLDivElement>(null);
  const apiRef = useRef<GridApi<StockRow> | null>(null);
  const [problem, setProblem] = useState<CellProblem | null>(null);
  const isMarked = useCellMarks(apiRef, problem);
  const data = stock.data;

  const onCellEditRequest = useCallback(
    async (event: CellEditRequestEvent<StockRow>) => {
      const row = event.data;
      const colId = event.colDef.colId ?? '';
      if (!row || !storeId) return;
      const value = parseAmount(String(event.newValue ?? ''));
      if (value === 'invalid' || (value === null && colId !== 'opening'))
        return setProblem(cellProblem(t('holiday.notANumber'), { rowId: row.categoryId, colId }));
      setProblem(null);
      try {
        if (colId === 'opening') await writes.opening.mutateAsync({ season, storeId, changes: [{ categoryId: row.categoryId, opening: value ?? 0 }] });
        else if (colId === 'safetyDays') {
          if ((value ?? 0) > 90) return setProblem(cellProblem(t('holiday.stock.safetyTooLong'), { rowId: row.categoryId, colId }));
          await writes.category.mutateAsync({ id: row.categoryId, name: row.name, unit: row.unit, safetyDays: value ?? 0 });
          message.success(t('holiday.stock.safetySaved', { name: row.name }));
        }
      } catch (error) {
        setProblem(cellProblem(errorText(error), { rowId: row.categoryId, colId }));
      }
    },
    [season, storeId, writes.opening, writes.category, t, errorText, message],
  );

  useGridKeys<StockRow, never>(apiRef, containerRef, {
    onUndo,
    onRedo,
    onEscape: () => setProblem(null),
    onActivate: ({ colId, row }) => {
      if (colId !== 'delivered' || !row) return false;
      setDrawerFor(row.categoryId);
      return true;
    },
    onTypeKey: ({ colId, row }) => {
      if (colId !== 'opening' && colId !== 'safetyDays' && row) setProblem(cellProblem(t('holiday.stock.readOnly'), { rowId: row.categoryId, colId }));
    },
    copy: { formatted: true },
  });

  const columnDefs = useMemo((): Array<ColDef<StockRow> | ColGroupDef<StockRow>> => {
    if (!data) return [];
    const number = (colId: keyof StockRow & string, width = 104, editable = false): ColDef<StockRow> => ({
      colId,
      headerName: t(`holiday.stock.col.${colId}`),
      headerTooltip: t(`holiday.stock.tip.${colId}`, { defaultValue: '' }) || undefined,
      pinned: 'left',
      width,
      type: 'rightAligned',
      editable,
      valueGetter: (p) => (p.data ? (p.data[colId] as number) : null),
      valueFormatter: (p) => formatAmount(p.value),
      cellClassRules: { 'pd-cell-editable': () => editable, 'pd-cell-invalid': isMarked },
    });
    return [
      {
        colId: 'name',
        headerName: t('holiday.stock.col.category'),
        pinned: 'left',
        width: 128,
        valueGetter: (p) => p.data?.name,
        cellRenderer: (p: { data?: StockRow }) => (
          <span className="pd-tree-cell">
            <span className="pd-tree-name">{p.data?.name}</span>
            <span className="pd-tree-tag">{p.data?.unit}</span>
          </span>
        ),
      },
      number('safetyDays', 80, true),
      number('lastYearQuantity'),
      number('forecastTotal'),
      number('opening', 100, true),
      {
        colId: 'delivered',
        headerName: t('holiday.stock.col.delivered'),
        headerTooltip: t('holiday.stock.tip.delivered'),
        pinned: 'left',
        width: 120,
        type: 'rightAligned',
        valueGetter: (p) => p.data?.delivered ?? null,
        cellRenderer: (p: { data?: StockRow }) =>
          p.data ? (
            <button type="button" className="pd-link-button" data-testid={`deliveries-${p.data.categoryId}`} onClick={() => setDrawerFor(p.data!.categoryId)}>
              {t('holiday.stock.deliveryCount', { count: p.data.deliveries.length, total: formatAmount(p.data.delivered) })}
            </button>
          ) : null,
      },
      number('safety', 96),
      ...data.days.map((d, i) =>
        dayColumn<StockRow>(d, {
          valueGetter: (p) => p.data?.projected[i] ?? null,
          valueFormatter: (p) => formatAmount(p.value),
          tooltipValueGetter: (p) => {
            const row = p.data;
            if (!row) return undefined;
            const arriving = row.deliveries.filter((x) => x.arrivalDay === d.day).map((x) => `${x.supplier} +${formatAmount(x.quantity)}`);
            return [t('holiday.stock.dayTip', { forecast: formatAmount(row.forecast[i]), safety: formatAmount(row.safety), unit: row.unit }), ...arriving].join(
              '\n',
            );
          },
          cellClassRules: {
            'pd-stock-low': (p) => p.data?.states[i] === 'below-safety',
            'pd-stock-out': (p) => p.data?.states[i] === 'stock-out',
            'pd-stock-arrival': (p) => Boolean(p.data?.deliveries.some((x) => x.arrivalDay === d.day)),
          },
        }),
      ),
    ];
  }, [data, t, isMarked]);

  if (targets.error ?? stock.error) return <Empty description={errorText(targets.error ?? stock.error)} />;
  if (!targets.data) return <LoadingMark />;
  if (stores.length === 0) return <Empty description={t('holiday.empty')} />;
  const focused = data?.rows.find((r) => r.categoryId === focusCategory) ?? data?.rows.find((r) => r.states.some((s) => s !== 'ok')) ?? data?.rows[0];
  const categoryById = new Map((targets.data?.categories ?? []).map((c) => [c.id, c]));
  const drawerRow = data?.rows.find((r) => r.categoryId === drawerFor);
  const storeName = (id: string) => stores.find((s) => s.id === id)?.name ?? id;

  return (
    <>
      <Space wrap size={[8, 4]}>
        <Select
          size="small"
          aria-label={t('holiday.stock.store')}
          data-testid="stock-store"
          value={storeId}
          onChange={setChosenStore}
          options={stores.map((s) => ({ value: s.id, label: s.name }))}
          style={{ minWidth: 120 }}
        />
        <NewCategory />
        <span className="pd-hint pd-text-secondary">{t('holiday.stock.hint')}</span>
      </Space>
      <WarningList
        warnings={warnings.data?.warnings ?? []}
        storeName={storeName}
        categoryName={(id) => categoryById.get(id)?.name ?? id}
        unitOf={(id) => categoryById.get(id)?.unit ?? ''}
        onPick={(w) => {
          setChosenStore(w.storeId);
          setFocusCategory(w.categoryId);
        }}
      />
      {!data ? (
        <LoadingMark />
      ) : (
        <div className="pd-stock-body">
          <div ref={containerRef} className="pd-grid-container pd-holiday-grid" data-testid="holiday-stock-grid">
            <EditableGrid<StockRow>
              {...SPREADSHEET_KEYS}
              rowData={data.rows}
              columnDefs={columnDefs}
              getRowId={(p) => p.data.categoryId}
              stopEditingWhenCellsLoseFocus
              tooltipShowDelay={300}
              onGridReady={(e) => {
                apiRef.current = e.api;
              }}
              onCellFocused={(e) => {
                const row = e.rowIndex === null || e.rowIndex === undefined ? undefined : e.api.getDisplayedRowAtIndex(e.rowIndex)?.data;
                if (row) setFocusCategory(row.categoryId);
              }}
              onCellEditRequest={(e) => void onCellEditRequest(e)}
              onCellClicked={() => setProblem(null)}
              localeText={gridLocaleText(i18n.language)}
            />
            <CellProblemBox containerRef={containerRef} problem={problem} onDismiss={() => setProblem(null)} />
          </div>
          {focused && (
            <div className="pd-stock-chart" data-testid="stock-chart">
              <EChart
                height={200}
                option={stockChartOption(data, focused, {
                  title: t('holiday.stock.chartTitle', { store: storeName(data.storeId), name: focused.name }),
                  projected: t('holiday.stock.projected'),
                  safety: t('holiday.stock.col.safety'),
                  arrivals: t('holiday.stock.arrivals'),
                  unit: focused.unit,
                })}
              />
            </div>
          )}
        </div>
      )}
      {drawerRow && storeId && data && (
        <DeliveriesDrawer
          season={season}
          storeId={storeId}
          row={drawerRow}
          window={{ first: data.days[0].day, last: data.days[data.days.length - 1].day }}
          onClose={() => setDrawerFor(null)}
        />
      )}
    </>
  );
}
