/**
 * The two monthly tables an account manager fills: 《需求分析及产品匹配策略表》 and
 * 《消费习惯分析及促销策略表》. One row per customer of the month, including signed and target
 * customers that have no row yet (未填); each edit saves the whole row (see `MonthGrid`).
 */
import { useQueryClient } from '@tanstack/react-query';
import type { ColDef, ColGroupDef } from 'ag-grid-community';
import { useCallback, useMemo, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput, DemandRow, HabitFields, HabitRow } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import { formatMatchedProducts, HABIT_PAIRS, isEmptyDemand, isEmptyHabit, NEED_FIELD_OF, NEED_GROUPS } from '../../../src-shared/domain/strategy';
import { MonthGrid } from './MonthGrid';
import { baseRows, EMPTY_DEMAND, EMPTY_HABIT, TEXT_COLUMN, upsert, type DemandGridRow, type HabitGridRow } from './month-rows';
import { ProductMatchEditor, type ProductMatch, type ProductMatchEditorParams } from './ProductMatchEditor';
import type { StrategyLookups } from './strategy-data';
import { useSaveDemandRow, useSaveHabitRow } from './strategy-mutations';
import { useMessage } from '../../toasts';

export type { DemandGridRow, HabitGridRow } from './month-rows';

interface TableProps {
  focusCustomerId?: string | null;
  yearMonth: string;
  managerId: string | undefined;
  lookups: StrategyLookups;
  month: ChannelOutput<'strategy/get-month'>;
  onShowHistory: (customerId: string, name: string) => void;
}

/** Puts a saved row into the cached month at once; the due list refetches. */
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

/**
 * Says once per customer and month that later changes are kept in its 变更记录, not on every
 * edit: a planner reworking a filled row would otherwise get a message per cell.
 */
function useHistoryKeptNotice(yearMonth: string) {
  const { t } = useTranslation();
  const message = useMessage();
  const told = useRef(new Set<string>());
  return useCallback(
    (row: { customerId: string; name: string }) => {
      const key = `${yearMonth}|${row.customerId}`;
      if (told.current.has(key)) return;
      told.current.add(key);
      message.info(t('strategy.historyKept', { customer: row.name }));
    },
    [yearMonth, message, t],
  );
}

export function DemandTable({ yearMonth, managerId, lookups, month, onShowHistory, focusCustomerId }: TableProps): ReactNode {
  const { t, i18n } = useTranslation();
  const patchMonth = usePatchMonth(yearMonth, managerId);
  const message = useMessage();
  const tellHistoryKept = useHistoryKeptNotice(yearMonth);
  const { mutateAsync: saveRow } = useSaveDemandRow();

  const rows = useMemo(
    (): DemandGridRow[] =>
      baseRows<DemandRow>(lookups, month.demandRows, managerId).map(({ base, row }) => ({
        ...base,
        fields: row
          ? { urgentPoint: row.urgentPoint, demandPlan: row.demandPlan, potentialPlan: row.potentialPlan, guidedNeed: row.guidedNeed, products: row.products }
          : EMPTY_DEMAND,
      })),
    [lookups, month.demandRows, managerId],
  );

  const contentColumns = useMemo((): Array<ColDef<DemandGridRow> | ColGroupDef<DemandGridRow>> => {
    const needGroups = NEED_GROUPS.map((group): ColGroupDef<DemandGridRow> => ({
      headerName: i18n.language === 'en' ? group.headerEn : group.header,
      headerClass: 'pd-group-header',
      children: group.kinds.map((kind): ColDef<DemandGridRow> => ({
        ...TEXT_COLUMN,
        colId: NEED_FIELD_OF[kind],
        headerName: t(`strategy.need.${kind}`),
        valueGetter: (p) => p.data?.fields[NEED_FIELD_OF[kind]] ?? '',
      })),
    }));
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
              i18n.language === 'en' ? 'en' : 'zh',
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
        const result = await saveRow({ yearMonth, customerId: row.customerId, reviewed, ...row.fields });
        patchMonth((old) => ({ ...old, demandRows: upsert(old.demandRows, result.row) }));
        if (result.historyRecorded) tellHistoryKept(row);
      } catch (error) {
        // Name the product in the refusal: the backend speaks in ids.
        if (error instanceof AppError && error.code === 'INVALID_CELLS') {
          const details = error.details as { refusals?: Array<{ productId?: string; productName?: string }> };
          for (const r of details.refusals ?? []) if (r.productId) r.productName = lookups.entryById.get(r.productId)?.name;
        }
        throw error;
      }
    },
    [yearMonth, saveRow, patchMonth, lookups, message, t, tellHistoryKept],
  );

  return (
    <MonthGrid<DemandGridRow>
      testId="demand-grid"
      focusCustomerId={focusCustomerId}
      rows={rows}
      contentColumns={contentColumns}
      applyEdit={applyEdit}
      save={save}
      isEmpty={(row) => isEmptyDemand(row.fields)}
      onShowHistory={(row) => onShowHistory(row.customerId, row.name)}
    />
  );
}

export function HabitTable({ yearMonth, managerId, lookups, month, onShowHistory, focusCustomerId }: TableProps): ReactNode {
  const patchMonth = usePatchMonth(yearMonth, managerId);
  const tellHistoryKept = useHistoryKeptNotice(yearMonth);
  const { mutateAsync: saveRow } = useSaveHabitRow();

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
          {
            ...TEXT_COLUMN,
            width: 170,
            colId: pair.habit,
            headerName: lookups.habitLabel(pair.dimensionId, pair.labels[0]),
            valueGetter: (p) => p.data?.fields[pair.habit] ?? '',
          },
          {
            ...TEXT_COLUMN,
            width: 170,
            colId: pair.advice,
            headerName: lookups.habitLabel(pair.adviceId, pair.labels[1]),
            valueGetter: (p) => p.data?.fields[pair.advice] ?? '',
          },
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
      const result = await saveRow({ yearMonth, customerId: row.customerId, reviewed, ...row.fields });
      patchMonth((old) => ({ ...old, habitRows: upsert(old.habitRows, result.row) }));
      if (result.historyRecorded) tellHistoryKept(row);
    },
    [yearMonth, saveRow, patchMonth, tellHistoryKept],
  );

  return (
    <MonthGrid<HabitGridRow>
      testId="habit-grid"
      focusCustomerId={focusCustomerId}
      rows={rows}
      contentColumns={contentColumns}
      applyEdit={applyEdit}
      save={save}
      isEmpty={(row) => isEmptyHabit(row.fields)}
      onShowHistory={(row) => onShowHistory(row.customerId, row.name)}
    />
  );
}
