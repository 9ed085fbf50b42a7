/**
 * 绩效考核: everyone under a unit for a month, a quarter or the year, one row each — the plan's
 * 原计划销售指标 and 实际完成销量 (read-only here), the ten typed items (a month only: a quarter
 * and the year add their months up), each item's score, the total and the rank, all computed by
 * the backend from the year's scheme (计分规则, SchemeDrawer). Printed as the `evaluation` report.
 */
import type { CellEditRequestEvent, ColDef, ColGroupDef, Column, GridApi } from 'ag-grid-community';
import { Empty, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvaluationSheet } from '../../../src-shared/contract/channels';
import { monthsOfPeriod, type EvaluationItemKey } from '../../../src-shared/domain/evaluation';
import { useOrgTree } from '../../api/hooks';
import { usePlanYear } from '../../api/plan-year';
import { cellProblem, useCellMarks, type CellProblem } from '../../grid/cell-problem';
import { CellProblemBox } from '../../grid/CellProblemBox';
import { EditableGrid, gridLocaleText, SPREADSHEET_KEYS } from '../../grid/EditableGrid';
import { UndoButtons } from '../../grid/UndoButtons';
import { useEditLog } from '../../grid/useEditLog';
import { useGridKeys } from '../../grid/useGridKeys';
import { lastClosedMonth, periodOf, PeriodPicker, type PeriodKind } from '../../shell/PeriodPicker';
import { LoadingMark, ToolButton } from '../../shell/ToolButton';
import '../../i18n/dayjs-locale';
import { useEvaluationErrorText, useEvaluationSheet, useSaveEvaluationEntries } from './evaluation-data';
import { SchemeDrawer } from './SchemeDrawer';

type Row = EvaluationSheet['rows'][number];
type Item = EvaluationSheet['items'][number];
interface Edit {
  personId: string;
  item: EvaluationItemKey;
  value: number | null;
}

const VALUE = 'v:';
const SCORE = 's:';

/** A typed figure in tenths: blank clears; counts whole, the rest one decimal at most (never rounded); a trailing % or 分 is allowed. */
export function parseEvaluationValue(
  item: Item,
  text: string,
): { value: number | null } | { problem: 'notANumber' | 'notACount' | 'percentRange' | 'gradeRange' | 'oneDecimal' } {
  const spaced = text.replace(/[\s%％分户次单]/g, '');
  // 1,200 as Excel shows it; any other comma is not a number.
  const bare = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(spaced) ? spaced.replace(/,/g, '') : spaced;
  if (bare === '') return { value: null };
  if (!/^-?\d+(\.\d+)?$/.test(bare)) return { problem: 'notANumber' };
  if (item.valueKind === 'count' && !/^\d+$/.test(bare)) return { problem: 'notACount' };
  if (/\.\d{2,}$/.test(bare)) return { problem: 'oneDecimal' };
  const tenths = Math.round(Number(bare) * 10);
  if (item.valueKind === 'count') return { value: tenths };
  if (item.valueKind === 'percent')
    return tenths < (item.key === 'growthRate' ? -10_000 : 0) || tenths > 10_000 ? { problem: 'percentRange' } : { value: tenths };
  return tenths < 0 || tenths > 1000 ? { problem: 'gradeRange' } : { value: tenths };
}

const decimalsOf = (item: Item, precision: number) => (item.valueKind === 'plan' ? precision : item.valueKind === 'count' ? 0 : 1);

export function EvaluationPage(): ReactNode {
  const { t, i18n } = useTranslation();
  const errorText = useEvaluationErrorText();
  const year = usePlanYear();
  const org = useOrgTree(year);
  const units = org.data?.units ?? [];
  const [chosenUnit, setChosenUnit] = useState<string | undefined>();
  const unitId = units.some((u) => u.id === chosenUnit) ? chosenUnit : units.find((u) => u.parentId === null)?.id;
  const [kind, setKind] = useState<PeriodKind>('month');
  const [picked, setPicked] = useState<Dayjs | null>(null);
  const day = picked && picked.year() === year ? picked : lastClosedMonth(year ?? dayjs().year());
  const period = year === undefined ? undefined : periodOf(kind, day);
  const sheet = useEvaluationSheet(year, period, unitId);
  const save = useSaveEvaluationEntries();
  const history = useEditLog('evaluation');
  const [schemeOpen, setSchemeOpen] = useState(false);
  const containerRef = useRef<HTMLDivElement>(null);
  const apiRef = useRef<GridApi<Row> | null>(null);
  const [problem, setProblem] = useState<CellProblem | null>(null);
  const isMarked = useCellMarks(apiRef, problem);
  const data = sheet.data;
  const itemOf = useCallback((colId: string) => data?.items.find((i) => colId === `${VALUE}${i.key}`), [data]);
  const saveEdits = useCallback(
    async (edits: Edit[], at: { rowId: string; colId: string } | null) => {
      if (!data || edits.length === 0) return;
      setProblem(null);
      try {
        await save.mutateAsync({ month: data.period, changes: edits });
      } catch (error) {
        setProblem(cellProblem(errorText(error), at));
      }
    },
    [data, save, errorText],
  );

  /** Why the cell cannot be typed in, or null when it can. */
  const refusalAt = useCallback(
    (colId: string): string | null => {
      const item = itemOf(colId);
      if (!item) return null;
      if (item.valueKind === 'plan') return t('evaluation.planItem', { item: item.name });
      if (!data?.editable) return t('evaluation.readOnlyPeriod');
      return null;
    },
    [itemOf, data, t],
  );

  const editAt = useCallback(
    (row: Row, colId: string, text: string): { edit: Edit } | { refusal: string } | null => {
      const item = itemOf(colId);
      if (!item) return null;
      const refusal = refusalAt(colId);
      if (refusal) return { refusal };
      const parsed = parseEvaluationValue(item, text);
      if ('problem' in parsed) return { refusal: t(`evaluation.${parsed.problem}`) };
      return { edit: { personId: row.personId, item: item.key, value: parsed.value } };
    },
    [itemOf, refusalAt, t],
  );

  const onCellEditRequest = useCallback(
    (event: CellEditRequestEvent<Row>) => {
      const colId = event.colDef.colId ?? '';
      if (!event.data) return;
      const result = editAt(event.data, colId, String(event.newValue ?? ''));
      if (!result) return;
      if ('refusal' in result) return setProblem(cellProblem(result.refusal, { rowId: event.data.personId, colId }));
      void saveEdits([result.edit], { rowId: event.data.personId, colId });
    },
    [editAt, saveEdits],
  );

  useGridKeys<Row, Edit>(
    apiRef,
    containerRef,
    {
      onUndo: () => void history.replay('undo'),
      onRedo: () => void history.replay('redo'),
      onEscape: () => setProblem(null),
      onDelete: ({ colId, row }) => {
        if (!row || !itemOf(colId)) return false;
        const result = editAt(row, colId, '');
        if (result && 'refusal' in result) setProblem(cellProblem(result.refusal, { rowId: row.personId, colId }));
        else if (result) void saveEdits([result.edit], { rowId: row.personId, colId });
        return true;
      },
      onTypeKey: ({ colId, row }) => {
        const refusal = refusalAt(colId);
        if (row && (refusal || colId.startsWith(SCORE) || colId === 'total' || colId === 'rank'))
          setProblem(cellProblem(refusal ?? t('evaluation.readOnlyPeriod'), { rowId: row.personId, colId }));
      },
      paste: {
        cellAt: (rowIndex: number, column: Column, text: string | null) => {
          const row = apiRef.current?.getDisplayedRowAtIndex(rowIndex)?.data;
          const colId = column.getColId();
          const at = row ? { rowId: row.personId, colId } : null;
          const result = row ? editAt(row, colId, text ?? '') : null;
          const why = !result ? t('evaluation.readOnlyPeriod') : 'refusal' in result ? result.refusal : null;
          if (why || !result || 'refusal' in result)
            return {
              refusal: cellProblem(
                t('evaluation.pasteRefused', { row: rowIndex + 1, column: column.getColDef().headerName ?? colId, text: text ?? '', why }),
                at,
              ),
            };
          return { edit: result.edit };
        },
        onEdits: (edits) => void saveEdits(edits, null),
        onRefused: setProblem,
      },
      copy: { formatted: true },
    },
    !!data,
  );

  const columnDefs = useMemo((): Array<ColDef<Row> | ColGroupDef<Row>> => {
    if (!data) return [];
    const precision = data.metric.precision;
    const number = (decimals: number) => (p: { value: number | null | undefined }) =>
      p.value === null || p.value === undefined ? '' : p.value.toLocaleString('zh-CN', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    const valueColumn = (item: Item): ColDef<Row> => {
      const typed = item.valueKind !== 'plan';
      const editable = typed && data.editable;
      return {
        colId: `${VALUE}${item.key}`,
        headerName: item.key === 'salesTarget' || item.key === 'salesActual' ? `${t('evaluation.value')}（${data.metric.unit}）` : t('evaluation.value'),
        width: item.key === 'salesTarget' ? 124 : item.valueKind === 'plan' ? 104 : 76,
        type: 'rightAligned',
        editable,
        valueGetter: (p) => {
          const value = p.data?.values[item.key] ?? null;
          return value === null ? null : value / (item.valueKind === 'plan' ? 10 ** precision : 10);
        },
        valueFormatter: (p) => {
          const text = number(decimalsOf(item, precision))(p);
          return text && item.valueKind === 'percent' ? `${text}%` : text;
        },
        cellClassRules: { 'pd-cell-editable': () => editable, 'pd-cell-invalid': isMarked },
      };
    };
    const scoreColumn = (item: Item): ColDef<Row> => ({
      colId: `${SCORE}${item.key}`,
      headerName: t('evaluation.score'),
      width: 64,
      type: 'rightAligned',
      valueGetter: (p) => {
        const score = p.data?.scores[item.key] ?? null;
        return score === null ? null : score / 10;
      },
      valueFormatter: number(1),
    });
    const weight = (item: Item) => t('evaluation.weightTag', { weight: item.weight / 10 });
    return [
      { colId: 'rank', headerName: t('evaluation.rank'), width: 76, pinned: 'left', type: 'rightAligned', valueGetter: (p) => p.data?.rank, sort: 'asc' },
      { colId: 'name', headerName: t('evaluation.name'), width: 84, pinned: 'left', valueGetter: (p) => p.data?.name },
      { colId: 'team', headerName: t('evaluation.team'), width: 104, pinned: 'left', valueGetter: (p) => p.data?.unitName },
      {
        colId: 'total',
        headerName: t('evaluation.total'),
        width: 76,
        pinned: 'left',
        type: 'rightAligned',
        valueGetter: (p) => (p.data ? p.data.total / 10 : null),
        valueFormatter: number(1),
        cellStyle: { fontWeight: 600 },
      },
      ...data.items.map((item): ColGroupDef<Row> => ({
        groupId: item.key,
        headerName:
          item.rule === 'reference'
            ? i18n.language === 'en'
              ? item.nameEn
              : item.name
            : `${i18n.language === 'en' ? item.nameEn : item.name}（${weight(item)}）`,
        headerTooltip: t(`evaluation.scheme.ruleName.${item.rule}`),
        headerClass: 'pd-group-header',
        wrapHeaderText: true,
        autoHeaderHeight: true,
        children:
          item.key === 'salesTarget'
            ? [valueColumn(item)]
            : item.key === 'salesActual'
              ? [
                  valueColumn(item),
                  {
                    colId: 'salesRate',
                    headerName: t('evaluation.salesRate'),
                    width: 76,
                    type: 'rightAligned',
                    valueGetter: (p) => p.data?.salesRate ?? null,
                    valueFormatter: (p) => (p.value === null || p.value === undefined ? '' : `${(p.value * 100).toFixed(1)}%`),
                  },
                  scoreColumn(item),
                ]
              : [valueColumn(item), scoreColumn(item)],
      })),
    ];
  }, [data, t, i18n.language, isMarked]);

  if (org.error) return <Empty description={errorText(org.error)} />;
  if (year === undefined || !org.data) return <LoadingMark />;
  const printHash = `/reports?report=evaluation&period=${period}${unitId ? `&scope=${unitId}` : ''}`;
  return (
    <div className="pd-page" data-testid="evaluation-page">
      <div className="pd-toolbar">
        <h4 className="pd-page-title">{t('evaluation.title')}</h4>
        <div className="pd-toolbar-actions">
          <Select
            size="small"
            showSearch
            optionFilterProp="label"
            aria-label={t('evaluation.unit')}
            value={unitId}
            onChange={setChosenUnit}
            style={{ width: 180 }}
            options={units.map((u) => ({ value: u.id, label: u.name }))}
            data-testid="evaluation-unit"
          />
          <PeriodPicker year={year} kind={kind} onKind={setKind} day={day} onDay={setPicked} ariaLabel={t('evaluation.period')} testId="evaluation-period" />
          <UndoButtons history={history} />
          <ToolButton onClick={() => setSchemeOpen(true)} data-testid="evaluation-rules">
            {t('evaluation.rules')}
          </ToolButton>
          <ToolButton onClick={() => (window.location.hash = printHash)} data-testid="evaluation-print">
            {t('evaluation.print')}
          </ToolButton>
        </div>
      </div>
      <Typography.Text type="secondary" className="pd-hint">
        {data && !data.editable ? t('evaluation.readOnlyPeriod') : t('evaluation.hint')}
        {data && data.months.length < monthsOfPeriod(data.period).length && (
          <span data-testid="evaluation-through">{t('evaluation.through', { month: Number(data.months[data.months.length - 1].slice(5)) })}</span>
        )}
      </Typography.Text>
      {sheet.error ? (
        <Empty description={errorText(sheet.error)} />
      ) : !data ? (
        <LoadingMark />
      ) : (
        <div ref={containerRef} className="pd-grid-container" style={{ flex: '1 1 0', height: 'auto', minHeight: 240 }} data-testid="evaluation-grid">
          <EditableGrid<Row>
            {...SPREADSHEET_KEYS}
            rowData={data.rows}
            columnDefs={columnDefs}
            getRowId={(p) => p.data.personId}
            onGridReady={(e) => (apiRef.current = e.api)}
            onCellEditRequest={onCellEditRequest}
            groupHeaderHeight={46}
            localeText={gridLocaleText(i18n.language)}
            tooltipShowDelay={300}
          />
          <CellProblemBox containerRef={containerRef} problem={problem} onDismiss={() => setProblem(null)} />
        </div>
      )}
      <SchemeDrawer open={schemeOpen} year={year} onClose={() => setSchemeOpen(false)} />
    </div>
  );
}
