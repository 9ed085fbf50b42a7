/**
 * The two monthly tables an account manager fills: 《需求分析及产品匹配策略表》 and
 * 《消费习惯分析及促销策略表》. One row per customer of the month, including signed and target
 * customers that have no row yet (未填). Every edit saves the whole row; the grid never changes
 * data itself (`readOnlyEdit`), so a refused row leaves nothing behind and the message names why.
 */
import { useQueryClient } from '@tanstack/react-query';
import {
  AllCommunityModule,
  ModuleRegistry,
  type CellClassParams,
  type CellEditRequestEvent,
  type ColDef,
  type ColGroupDef,
  type GridApi,
  type ICellRendererParams,
} from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { Alert, App as AntApp, Button, Space, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { ChannelOutput, Customer, DemandFields, DemandRow, HabitFields, HabitRow } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import { formatMatchedProducts, HABIT_PAIRS, NEED_FIELD_OF, NEED_GROUPS } from '../../../src-shared/domain/strategy';
import { invoke } from '../../api/client';
import { gridTheme } from '../../grid/theme';
import { useErrorText } from '../../shell/error-text';
import { ProductMatchEditor, type ProductMatch, type ProductMatchEditorParams } from './ProductMatchEditor';
import type { StrategyLookups } from './strategy-data';

ModuleRegistry.registerModules([AllCommunityModule]);

const EMPTY_DEMAND: DemandFields = { urgentPoint: '', demandPlan: '', potentialPlan: '', guidedNeed: '', products: [] };
const EMPTY_HABIT: HabitFields = {
  touchHabit: '',
  mediaAdvice: '',
  cognitionHabit: '',
  messageAdvice: '',
  purchaseHabit: '',
  promotionAdvice: '',
  recognitionHabit: '',
  serviceAdvice: '',
};

type RowState = 'reviewed' | 'not-reviewed' | 'missing';

interface BaseRow {
  customerId: string;
  name: string;
  classLabel: string;
  majorLabel: string;
  managerName: string;
  customer: Customer;
  state: RowState;
  updatedAt: string | null;
}
export interface DemandGridRow extends BaseRow {
  fields: DemandFields;
}
export interface HabitGridRow extends BaseRow {
  fields: HabitFields;
}

interface CellError {
  customerId: string;
  colId: string;
  message: string;
}

function baseRows<R extends { customerId: string; reviewed: boolean; updatedAt: string }>(
  lookups: StrategyLookups,
  rows: R[],
  managerId: string | undefined,
): Array<{ base: BaseRow; row: R | undefined }> {
  const byCustomer = new Map(rows.map((r) => [r.customerId, r]));
  const customers = lookups.customers.filter(
    (c) => (managerId === undefined || c.managerId === managerId) && (byCustomer.has(c.id) || c.status === 'signed' || c.status === 'target'),
  );
  const classOrder = new Map(lookups.customerClasses.map((c, i) => [c.id, i]));
  customers.sort((a, b) => (classOrder.get(a.classId) ?? 99) - (classOrder.get(b.classId) ?? 99) || a.name.localeCompare(b.name, 'zh-CN'));
  return customers.map((customer) => {
    const row = byCustomer.get(customer.id);
    const cls = lookups.customerClasses.find((c) => c.id === customer.classId);
    return {
      row,
      base: {
        customerId: customer.id,
        name: customer.name,
        classLabel: cls?.name ?? '',
        majorLabel: cls?.parentName ?? '',
        managerName: lookups.personById.get(customer.managerId)?.name ?? '',
        customer,
        state: row === undefined ? 'missing' : row.reviewed ? 'reviewed' : 'not-reviewed',
        updatedAt: row?.updatedAt ?? null,
      },
    };
  });
}

interface MonthGridProps<R extends BaseRow> {
  testId: string;
  rows: R[];
  contentColumns: Array<ColDef<R> | ColGroupDef<R>>;
  /** The row with one cell changed, or null when the column is not editable. */
  applyEdit: (row: R, colId: string, value: unknown) => R | null;
  save: (row: R, reviewed: boolean) => Promise<void>;
  onShowHistory: (row: R) => void;
  /** A customer to bring into view and focus (from the due list). */
  focusCustomerId?: string | null;
}

/** What both tables share: the customer columns, the status and actions, saving and refusals. */
function MonthGrid<R extends BaseRow>(props: MonthGridProps<R>): ReactNode {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const [cellError, setCellError] = useState<CellError | null>(null);
  // Which row is saving, shown by its state cell alone: kept out of React state so a save does not
  // rebuild every column (and re-measure every auto-height row) twice.
  const savingId = useRef<string | null>(null);
  const apiRef = useRef<GridApi<R> | null>(null);
  const setSavingId = useCallback((id: string | null) => {
    const changed = [savingId.current, id].flatMap((rowId) => (rowId ? [apiRef.current?.getRowNode(rowId)] : [])).filter((n) => n !== undefined);
    savingId.current = id;
    apiRef.current?.refreshCells({ rowNodes: changed, columns: ['state'], force: true });
  }, []);
  const propsRef = useRef(props);
  propsRef.current = props;
  const errorRef = useRef(cellError);
  // The refused cell is marked by a class rule reading errorRef: re-run the rules when it moves.
  const markedRow = useRef<string | null>(null);
  useEffect(() => {
    const api = apiRef.current;
    errorRef.current = cellError;
    const rowIds = [markedRow.current, cellError?.customerId ?? null].filter((id): id is string => id !== null);
    markedRow.current = cellError?.customerId ?? null;
    const rowNodes = rowIds.flatMap((id) => api?.getRowNode(id) ?? []);
    if (rowNodes.length > 0) api?.refreshCells({ rowNodes, force: true });
  }, [cellError]);
  const focusedOnce = useRef<string | null>(null);
  const focusAsked = useCallback((e: { api: GridApi<R> }) => {
    const id = propsRef.current.focusCustomerId;
    const node = id ? e.api.getRowNode(id) : undefined;
    if (!id || !node || node.rowIndex === null || focusedOnce.current === id) return;
    focusedOnce.current = id;
    e.api.ensureNodeVisible(node, 'middle');
    const firstContent = e.api.getAllDisplayedColumns().find((c) => c.getColDef().editable);
    if (firstContent) e.api.setFocusedCell(node.rowIndex, firstContent);
  }, []);

  // A row's edits are saved one after another, each on top of the one before: a second edit made
  // while the first is still saving must not be built on the grid's older copy of the row.
  const pendingRows = useRef(new Map<string, R>());
  const saveQueues = useRef(new Map<string, Promise<void>>());

  const runSave = useCallback(
    (row: R, reviewed: boolean, colId: string) => {
      const id = row.customerId;
      pendingRows.current.set(id, row);
      const run = async () => {
        setSavingId(id);
        try {
          await propsRef.current.save(row, reviewed);
          setCellError(null);
        } catch (error) {
          setCellError({ customerId: id, colId, message: refusalText(error, row.name, t) ?? errorText(error) });
          // What is stored is what the grid shows again; later edits start from it.
          pendingRows.current.delete(id);
        } finally {
          setSavingId(null);
          if (pendingRows.current.get(id) === row) pendingRows.current.delete(id);
        }
      };
      const queued = (saveQueues.current.get(id) ?? Promise.resolve()).then(run);
      saveQueues.current.set(id, queued);
      return queued;
    },
    [errorText, t, setSavingId],
  );

  const columnDefs = useMemo((): Array<ColDef<R> | ColGroupDef<R>> => {
    const invalid = (p: CellClassParams<R>) => errorRef.current?.customerId === p.data?.customerId && errorRef.current?.colId === p.colDef.colId;
    const withInvalid = (columns: Array<ColDef<R> | ColGroupDef<R>>): Array<ColDef<R> | ColGroupDef<R>> =>
      columns.map((c) =>
        'children' in c
          ? { ...c, children: withInvalid(c.children as Array<ColDef<R> | ColGroupDef<R>>) }
          : { ...c, cellClassRules: { ...(c.cellClassRules as object), 'pd-cell-invalid': invalid, 'pd-cell-editable': () => !!c.editable } },
      );
    return [
      { colId: 'index', headerName: t('strategy.col.index'), width: 56, pinned: 'left', valueGetter: (p) => (p.node?.rowIndex ?? 0) + 1, suppressMovable: true },
      { colId: 'name', headerName: t('strategy.col.customer'), field: 'name' as never, width: 170, pinned: 'left', wrapText: true, autoHeight: true, suppressMovable: true },
      {
        headerName: t('strategy.col.class'),
        headerClass: 'pd-group-header',
        children: [
          { colId: 'major', headerName: t('strategy.col.major'), field: 'majorLabel' as never, width: 66 },
          { colId: 'minor', headerName: t('strategy.col.minor'), field: 'classLabel' as never, width: 66 },
        ],
      },
      ...withInvalid(props.contentColumns),
      {
        colId: 'state',
        headerName: t('strategy.col.state'),
        width: 236,
        pinned: 'right',
        cellRenderer: (p: ICellRendererParams<R>) =>
          p.data ? (
            <StateCell
              row={p.data}
              saving={savingId.current === p.data.customerId}
              onReview={() => void runSave(p.data!, true, 'state')}
              onHistory={() => propsRef.current.onShowHistory(p.data!)}
            />
          ) : null,
      },
    ];
  }, [props.contentColumns, t, runSave]);

  const onCellEditRequest = useCallback(
    (event: CellEditRequestEvent<R>) => {
      const colId = event.colDef.colId ?? '';
      if (!event.data) return;
      const current = pendingRows.current.get(event.data.customerId) ?? event.data;
      const next = propsRef.current.applyEdit(current, colId, event.newValue);
      if (next) void runSave(next, true, colId);
    },
    [runSave],
  );

  return (
    <div className="pd-strategy-grid-wrap">
      <Typography.Text type="secondary" className="pd-grid-hint">
        {t('strategy.gridHint')}
      </Typography.Text>
      {cellError && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setCellError(null)}
          message={cellError.message}
          data-testid="strategy-cell-error"
          style={{ marginBottom: 8 }}
        />
      )}
      <div className="pd-strategy-grid" data-testid={props.testId}>
        <AgGridReact<R>
          theme={gridTheme}
          rowData={props.rows}
          columnDefs={columnDefs}
          getRowId={(p) => p.data.customerId}
          readOnlyEdit
          // Enter opens the cell's editor (long text, the products multi-select); after an
          // edit it moves down, as in Excel.
          enterNavigatesVerticallyAfterEdit
          stopEditingWhenCellsLoseFocus
          animateRows={false}
          onCellEditRequest={onCellEditRequest}
          onGridReady={(e) => {
            apiRef.current = e.api;
          }}
          onFirstDataRendered={focusAsked}
          onRowDataUpdated={focusAsked}
          getRowClass={(p) => (p.data?.state === 'missing' ? 'pd-row-missing' : p.data?.state === 'not-reviewed' ? 'pd-row-unreviewed' : undefined)}
          localeText={i18n.language === 'en' ? undefined : { noRowsToShow: '本月没有需要填写的客户', loadingOoo: '加载中…' }}
        />
      </div>
    </div>
  );
}

function StateCell<R extends BaseRow>({ row, saving, onReview, onHistory }: { row: R; saving: boolean; onReview: () => void; onHistory: () => void }): ReactNode {
  const { t } = useTranslation();
  const color = row.state === 'reviewed' ? 'green' : row.state === 'not-reviewed' ? 'gold' : 'red';
  return (
    <Space size={4}>
      <Tag color={color} data-testid={`state-${row.customerId}`}>
        {t(`strategy.state.${row.state}`)}
      </Tag>
      {row.state === 'not-reviewed' && (
        <Tooltip title={t('strategy.reviewHint')}>
          <Button size="small" type="link" loading={saving} onClick={onReview} data-testid={`review-${row.customerId}`}>
            {t('strategy.review')}
          </Button>
        </Tooltip>
      )}
      {row.state !== 'missing' && (
        <Button size="small" type="link" onClick={onHistory}>
          {t('strategy.history')}
        </Button>
      )}
    </Space>
  );
}

/** The refusal of a save in the user's words, naming the product and the empty need. */
function refusalText(error: unknown, customer: string, t: TFunction): string | null {
  if (!(error instanceof AppError) || error.code !== 'INVALID_CELLS') return null;
  const refusals = (error.details as { refusals?: Array<{ field: string; reason: string; productName?: string }> } | undefined)?.refusals ?? [];
  const first = refusals[0] as { field: string; reason: string; productName?: string } | undefined;
  if (!first) return null;
  if (first.reason === 'no-need') {
    const kind = (Object.keys(NEED_FIELD_OF) as Array<keyof typeof NEED_FIELD_OF>).find((k) => NEED_FIELD_OF[k] === first.field);
    return t('strategy.refusedNoNeed', { customer, product: first.productName ?? '', need: kind ? t(`strategy.need.${kind}`) : first.field });
  }
  return t('strategy.refusedProduct', { customer, reason: t(`strategy.refusal.${first.reason}`) });
}

// ---------------------------------------------------------------------------------------------

interface TableProps {
  focusCustomerId?: string | null;
  yearMonth: string;
  managerId: string | undefined;
  lookups: StrategyLookups;
  month: ChannelOutput<'strategy/get-month'>;
  onShowHistory: (customerId: string, name: string) => void;
}

function usePatchMonth(yearMonth: string, managerId: string | undefined) {
  const queryClient = useQueryClient();
  return useCallback(
    (patch: (month: ChannelOutput<'strategy/get-month'>) => ChannelOutput<'strategy/get-month'>) => {
      queryClient.setQueryData<ChannelOutput<'strategy/get-month'>>(['strategy/get-month', yearMonth, managerId ?? null], (old) => (old ? patch(old) : old));
      void queryClient.invalidateQueries({ queryKey: ['strategy/list-due'] });
    },
    [queryClient, yearMonth, managerId],
  );
}

function upsert<R extends { customerId: string }>(rows: R[], row: R): R[] {
  return rows.some((r) => r.customerId === row.customerId) ? rows.map((r) => (r.customerId === row.customerId ? row : r)) : [...rows, row];
}

const TEXT_COLUMN = {
  width: 190,
  editable: true,
  wrapText: true,
  autoHeight: true,
  cellEditor: 'agLargeTextCellEditor',
  cellEditorPopup: true,
  cellEditorParams: { maxLength: 1000, rows: 5, cols: 40 },
} as const;

export function DemandTable({ yearMonth, managerId, lookups, month, onShowHistory, focusCustomerId }: TableProps): ReactNode {
  const { t, i18n } = useTranslation();
  const patchMonth = usePatchMonth(yearMonth, managerId);
  const { message } = AntApp.useApp();

  const rows = useMemo(
    (): DemandGridRow[] =>
      baseRows<DemandRow>(lookups, month.demandRows, managerId).map(({ base, row }) => ({
        ...base,
        fields: row ? { urgentPoint: row.urgentPoint, demandPlan: row.demandPlan, potentialPlan: row.potentialPlan, guidedNeed: row.guidedNeed, products: row.products } : EMPTY_DEMAND,
      })),
    [lookups, month.demandRows, managerId],
  );

  const contentColumns = useMemo((): Array<ColDef<DemandGridRow> | ColGroupDef<DemandGridRow>> => {
    const needGroups = NEED_GROUPS.map(
      (group): ColGroupDef<DemandGridRow> => ({
        headerName: i18n.language === 'en' ? group.headerEn : group.header,
        headerClass: 'pd-group-header',
        children: group.kinds.map(
          (kind): ColDef<DemandGridRow> => ({
            ...TEXT_COLUMN,
            colId: NEED_FIELD_OF[kind],
            headerName: t(`strategy.need.${kind}`),
            valueGetter: (p) => p.data?.fields[NEED_FIELD_OF[kind]] ?? '',
          }),
        ),
      }),
    );
    const productColumns: ColGroupDef<DemandGridRow> = {
      headerName: t('strategy.col.products'),
      headerClass: 'pd-group-header',
      children: lookups.productClasses.map((productClass): ColDef<DemandGridRow> => {
        const products = lookups.productsByClass.get(productClass.id) ?? [];
        const inClass = new Set(products.map((p) => p.id));
        return {
          colId: `class:${productClass.id}`,
          headerName: productClass.name,
          width: 170,
          editable: true,
          wrapText: true,
          autoHeight: true,
          valueGetter: (p) => (p.data?.fields.products ?? []).filter((m) => inClass.has(m.productId)),
          valueFormatter: (p) =>
            formatMatchedProducts(
              ((p.value as ProductMatch[] | null) ?? []).map((m) => ({ name: lookups.entryById.get(m.productId)?.name ?? m.productId, needKind: m.needKind })),
            ),
          equals: (a: ProductMatch[] | null, b: ProductMatch[] | null) => JSON.stringify(a) === JSON.stringify(b),
          cellEditor: ProductMatchEditor,
          cellEditorPopup: true,
          cellEditorParams: { products, className: productClass.name } satisfies ProductMatchEditorParams,
        };
      }),
    };
    return [...needGroups, productColumns];
  }, [lookups, t, i18n.language]);

  const applyEdit = useCallback(
    (row: DemandGridRow, colId: string, value: unknown): DemandGridRow | null => {
      if (colId.startsWith('class:')) {
        const classId = colId.slice('class:'.length);
        const inClass = new Set((lookups.productsByClass.get(classId) ?? []).map((p) => p.id));
        const others = row.fields.products.filter((m) => !inClass.has(m.productId));
        return { ...row, fields: { ...row.fields, products: [...others, ...((value as ProductMatch[] | null) ?? [])] } };
      }
      if (['urgentPoint', 'demandPlan', 'potentialPlan', 'guidedNeed'].includes(colId)) {
        return { ...row, fields: { ...row.fields, [colId]: value === null || value === undefined ? '' : String(value) } };
      }
      return null;
    },
    [lookups],
  );

  const save = useCallback(
    async (row: DemandGridRow, reviewed: boolean) => {
      try {
        const result = await invoke('strategy/save-demand-row', { yearMonth, customerId: row.customerId, reviewed, ...row.fields });
        patchMonth((old) => ({ ...old, demandRows: upsert(old.demandRows, result.row) }));
        if (result.historyRecorded) message.info(t('strategy.historyKept', { customer: row.name }));
      } catch (error) {
        // Name the product in the refusal: the backend speaks in ids.
        if (error instanceof AppError && error.code === 'INVALID_CELLS') {
          const details = error.details as { refusals?: Array<{ productId?: string; productName?: string }> };
          for (const r of details.refusals ?? []) if (r.productId) r.productName = lookups.entryById.get(r.productId)?.name;
        }
        throw error;
      }
    },
    [yearMonth, patchMonth, lookups, message, t],
  );

  return (
    <MonthGrid<DemandGridRow>
      testId="demand-grid"
      focusCustomerId={focusCustomerId}
      rows={rows}
      contentColumns={contentColumns}
      applyEdit={applyEdit}
      save={save}
      onShowHistory={(row) => onShowHistory(row.customerId, row.name)}
    />
  );
}

export function HabitTable({ yearMonth, managerId, lookups, month, onShowHistory }: TableProps): ReactNode {
  const { t } = useTranslation();
  const patchMonth = usePatchMonth(yearMonth, managerId);
  const { message } = AntApp.useApp();

  const rows = useMemo(
    (): HabitGridRow[] =>
      baseRows<HabitRow>(lookups, month.habitRows, managerId).map(({ base, row }) => ({
        ...base,
        fields: row ? (Object.fromEntries(Object.keys(EMPTY_HABIT).map((k) => [k, row[k as keyof HabitFields]])) as unknown as HabitFields) : EMPTY_HABIT,
      })),
    [lookups, month.habitRows, managerId],
  );

  const contentColumns = useMemo(
    (): Array<ColGroupDef<HabitGridRow>> =>
      HABIT_PAIRS.map((pair) => ({
        headerName: `${lookups.habitLabel(pair.dimensionId, pair.labels[0])} → ${lookups.habitLabel(pair.adviceId, pair.labels[1])}`,
        headerClass: 'pd-group-header',
        children: [
          { ...TEXT_COLUMN, width: 170, colId: pair.habit, headerName: lookups.habitLabel(pair.dimensionId, pair.labels[0]), valueGetter: (p) => p.data?.fields[pair.habit] ?? '' },
          { ...TEXT_COLUMN, width: 170, colId: pair.advice, headerName: lookups.habitLabel(pair.adviceId, pair.labels[1]), valueGetter: (p) => p.data?.fields[pair.advice] ?? '' },
        ],
      })),
    [lookups],
  );

  const applyEdit = useCallback((row: HabitGridRow, colId: string, value: unknown): HabitGridRow | null => {
    if (!(colId in EMPTY_HABIT)) return null;
    return { ...row, fields: { ...row.fields, [colId]: value === null || value === undefined ? '' : String(value) } };
  }, []);

  const save = useCallback(
    async (row: HabitGridRow, reviewed: boolean) => {
      const result = await invoke('strategy/save-habit-row', { yearMonth, customerId: row.customerId, reviewed, ...row.fields });
      patchMonth((old) => ({ ...old, habitRows: upsert(old.habitRows, result.row) }));
      if (result.historyRecorded) message.info(t('strategy.historyKept', { customer: row.name }));
    },
    [yearMonth, patchMonth, message, t],
  );

  return (
    <MonthGrid<HabitGridRow>
      testId="habit-grid"
      rows={rows}
      contentColumns={contentColumns}
      applyEdit={applyEdit}
      save={save}
      onShowHistory={(row) => onShowHistory(row.customerId, row.name)}
    />
  );
}
