/**
 * 目标分解: one metric and one level at a time, organisation rows × period columns (quarters,
 * months, ISO weeks or days). Typing into any total spreads it down the org tree and down to
 * days (breakback); typing into a person's day enters that day; locked cells keep their value.
 * Every save is a step of the workspace's edit log: Ctrl+Z / Ctrl+Y and 撤销 / 重做 undo a whole
 * spread, across reloads (targets on 'breakdown', actuals on 'actuals', as the contract says).
 */
import { useQuery } from '@tanstack/react-query';
import type { CellEditRequestEvent, GridApi } from 'ag-grid-community';
import { Button, Modal, Segmented, Select, Space, Spin, Tooltip, Typography } from 'antd';
import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelInput, PlanGrain, PlanLevel } from '../../../src-shared/contract/channels';
import { formatDecimal, parseDecimalInput } from '../../../src-shared/domain/decimal';
import { localDay } from '../../../src-shared/domain/periods';
import type { MetricDef } from '../../../src-shared/domain/targets';
import { invoke } from '../../api/client';
import { useMetrics } from '../../api/hooks';
import { usePlanYear } from '../../api/plan-year';
import { EditableGrid, SPREADSHEET_KEYS } from '../../grid/EditableGrid';
import { UndoButtons } from '../../grid/UndoButtons';
import { useEditLog } from '../../grid/useEditLog';
import { useGridKeys } from '../../grid/useGridKeys';
import { useTreeExpansion } from '../../grid/useTreeExpansion';
import { useErrorText } from '../../shell/error-text';
import { breakdownColumns, TOTAL, totalRowOf, type PlanRowData } from './breakdown-columns';
import { useSetPlanLock, useSetPlanTotal } from './breakdown-mutations';
import { CalendarNotice } from './CalendarNotice';
import { needsConfirmation, SplitPreviewContent } from './SplitPreview';
import { useMessage } from '../../toasts';
import { withParens, withColon } from '../../i18n/punctuation';

type OrgMethod = 'last-year' | 'current' | 'even';
type TimeMethod = 'working-days' | 'even' | 'last-year' | 'current';

export function BreakdownPage(): ReactNode {
  const { t, i18n } = useTranslation();
  const message = useMessage();
  const errorText = useErrorText();
  const metrics = useMetrics().data as MetricDef[] | undefined;
  // The year chosen in the header (remembered per workspace).
  const year = usePlanYear();
  const [metricId, setMetricId] = useState('m-revenue');
  const [level, setLevel] = useState<PlanLevel>('basic');
  const [grain, setGrain] = useState<PlanGrain>('month');
  const [orgMethod, setOrgMethod] = useState<OrgMethod>('last-year');
  const [timeMethod, setTimeMethod] = useState<TimeMethod>('working-days');
  const [focused, setFocused] = useState<{ rowId: string; colId: string } | null>(null);
  const apiRef = useRef<GridApi<PlanRowData> | null>(null);
  const containerRef = useRef<HTMLDivElement>(null);
  const { mutateAsync: saveTotal } = useSetPlanTotal();
  const { mutateAsync: saveLock } = useSetPlanLock();
  const [modal, modalHolder] = Modal.useModal();
  const metric = metrics?.find((m) => m.id === metricId);
  // Typed actuals are the 'actuals' history (shared with 进度跟踪); targets and locks 'breakdown'.
  const history = useEditLog(level === 'actual' ? 'actuals' : 'breakdown');

  const gridKey = ['plan/get-grid', year, metricId, level, grain] as const;
  const grid = useQuery({
    queryKey: gridKey,
    queryFn: () => invoke('plan/get-grid', { year: year!, metricId, level, grain }),
    enabled: year !== undefined,
    placeholderData: (previous) => previous,
  });

  const rows = useMemo(() => (grid.data?.rows ?? []) as PlanRowData[], [grid.data]);
  const { visibleRows, toggle: onToggle } = useTreeExpansion(rows);
  const totalRow = useMemo(() => totalRowOf(rows, metric?.kind === 'ratio'), [rows, metric?.kind]);
  // The planner's today, read once per visit (the page is not open across midnight for long).
  const today = useMemo(() => localDay(new Date()), []);
  const toggleRef = useRef(onToggle);
  toggleRef.current = onToggle;

  const isEditable = useCallback(
    (row: PlanRowData | undefined, colId: string) => {
      if (!row || !metric || metric.kind === 'ratio') return false;
      if (level !== 'actual') return true;
      return !row.hasChildren && grain === 'day' && colId !== TOTAL;
    },
    [metric, level, grain],
  );

  const format = useCallback(
    (value: number | null | undefined) => {
      if (value === null || value === undefined || !metric) return '';
      const text = formatDecimal(value / 10 ** metric.precision, metric.precision);
      return metric.kind === 'ratio' ? `${text}%` : text;
    },
    [metric],
  );

  const columnDefs = useMemo(
    () =>
      grid.data
        ? breakdownColumns(grid.data, { t, english: i18n.language === 'en', grain, format, isEditable, onToggle: (id) => toggleRef.current(id), today })
        : [],
    [grid.data, grain, format, isEditable, t, i18n.language, today],
  );

  const setTotal = useCallback(
    async (row: PlanRowData, colId: string, text: string | null) => {
      let typed: number | null = null;
      if (text !== null && metric) {
        const parsed = parseDecimalInput(text, metric);
        if (!parsed.ok) {
          message.error(
            withColon(`${row.name} · ${colId === TOTAL ? t('breakdown.yearTotal') : colId}`, t(`errors.${parsed.reason}`, { precision: metric.precision })),
          );
          return;
        }
        typed = parsed.scaled;
      }
      // A day's actual typed over another one: say what it was (the save is one undo step).
      const before = level === 'actual' ? (row.values[colId] ?? null) : null;
      const input: ChannelInput<'plan/set-total'> = { year: year!, metricId, level, subjectId: row.id, periodKey: colId, text, orgMethod, timeMethod };
      try {
        // A spread (not one person's day) is previewed first: one that rewrites many cells asks (SplitPreview.tsx).
        if (level !== 'actual' && !(grain === 'day' && !row.hasChildren)) {
          const preview = await invoke('plan/preview-split', { ...input, grain });
          if (needsConfirmation(preview)) {
            const column = grid.data?.columns.find((c) => c.key === colId);
            const period = colId === TOTAL || !column ? t('breakdown.yearTotal') : i18n.language === 'en' ? column.labelEn : column.label;
            const confirmed = await modal.confirm({
              title: t('breakdown.preview.title', { name: row.name, period }),
              content: <SplitPreviewContent preview={preview} format={(v) => format(v)} />,
              okText: t('breakdown.preview.apply'),
              cancelText: t('breakdown.preview.cancel'),
              width: 520,
            });
            if (!confirmed) return;
          }
        }
        await saveTotal(input);
      } catch (error) {
        message.error(errorText(error));
        return;
      }
      if (before !== null && typed !== null && typed !== before) {
        message.success(t('breakdown.actualReplaced', { name: row.name, day: colId.slice(5), before: format(before), after: format(typed) }));
      }
    },
    [metric, year, metricId, level, grain, orgMethod, timeMethod, saveTotal, message, errorText, t, format, grid.data, i18n.language, modal],
  );

  /** 按工作日重新分解: the selected row's year (else the top unit's) spread again by working days, org shares kept, previewed first. */
  const resplit = useCallback(async () => {
    if (!metric || level === 'actual') return;
    const row = rows.find((r) => r.id === focused?.rowId) ?? rows.find((r) => r.parentId === null);
    if (!row) return;
    if (row.total === null || row.total === 0) return message.info(t('breakdown.noTotal', { name: row.name }));
    const text = formatDecimal(row.total / 10 ** metric.precision, metric.precision).replace(/,/g, '');
    const input: ChannelInput<'plan/set-total'> = {
      year: year!,
      metricId,
      level,
      subjectId: row.id,
      periodKey: TOTAL,
      text,
      orgMethod: 'current',
      timeMethod: 'working-days',
    };
    try {
      const preview = await invoke('plan/preview-split', { ...input, grain });
      const title = t('breakdown.preview.resplitTitle', { name: row.name, year });
      const content = <SplitPreviewContent preview={preview} format={(v) => format(v)} />;
      if (preview.changedCells === 0) {
        modal.info({ title, content, okText: t('breakdown.preview.close') });
        return;
      }
      const confirmed = await modal.confirm({ title, content, okText: t('breakdown.preview.apply'), cancelText: t('breakdown.preview.cancel'), width: 520 });
      if (!confirmed) return;
      await saveTotal(input);
    } catch (error) {
      message.error(errorText(error));
    }
  }, [metric, level, rows, focused, year, metricId, grain, saveTotal, message, errorText, t, format, modal]);

  const onCellEditRequest = useCallback(
    (event: CellEditRequestEvent<PlanRowData>) => {
      if (!event.data || !event.colDef.colId) return;
      const raw = event.newValue === null || event.newValue === undefined ? '' : String(event.newValue).trim();
      void setTotal(event.data, event.colDef.colId, raw === '' ? null : raw);
    },
    [setTotal],
  );

  const toggleLock = useCallback(async () => {
    if (!focused || focused.colId === 'name') return message.info(t('breakdown.selectCell'));
    const row = rows.find((r) => r.id === focused.rowId);
    if (!row) return;
    const locked = !row.locked.includes(focused.colId);
    await saveLock({ year: year!, metricId, level, subjectId: row.id, periodKey: focused.colId, locked });
    message.success(t(locked ? 'breakdown.locked' : 'breakdown.unlocked', { name: row.name }));
  }, [focused, rows, year, metricId, level, saveLock, message, t]);

  useGridKeys(
    apiRef,
    containerRef,
    {
      shortcuts: { l: () => void toggleLock() },
      onUndo: () => void history.replay('undo'),
      onRedo: () => void history.replay('redo'),
    },
    grid.data !== undefined && metrics !== undefined,
  );

  if (!grid.data || !metrics)
    return (
      <Spin size="large" tip={t('targets.loading')}>
        <div style={{ height: 200 }} />
      </Spin>
    );

  return (
    <div className="pd-page">
      <div className="pd-toolbar">
        <Space wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('breakdown.title', { year })}
          </Typography.Title>
          <Select
            style={{ width: 170 }}
            value={metricId}
            onChange={setMetricId}
            options={metrics.map((m) => ({ value: m.id, label: withParens(m.name, m.unit) }))}
            data-testid="breakdown-metric"
          />
          <Segmented<PlanLevel>
            value={level}
            onChange={setLevel}
            options={(['basic', 'challenge', 'actual'] as const).map((l) => ({ value: l, label: t(`measures.${l}`) }))}
          />
          <Segmented<PlanGrain>
            value={grain}
            onChange={setGrain}
            options={(['quarter', 'month', 'week', 'day'] as const).map((g) => ({ value: g, label: t(`breakdown.grain.${g}`) }))}
            data-testid="breakdown-grain"
          />
        </Space>
        <Space wrap>
          <Tooltip title={t('breakdown.orgMethodHint')}>
            <Select
              style={{ width: 180 }}
              value={orgMethod}
              onChange={setOrgMethod}
              options={(['last-year', 'current', 'even'] as const).map((m) => ({ value: m, label: t(`breakdown.org.${m}`) }))}
            />
          </Tooltip>
          <Tooltip title={t('breakdown.timeMethodHint')}>
            <Select
              style={{ width: 180 }}
              value={timeMethod}
              onChange={setTimeMethod}
              options={(['working-days', 'even', 'last-year', 'current'] as const).map((m) => ({ value: m, label: t(`breakdown.time.${m}`) }))}
            />
          </Tooltip>
          <Tooltip title="Ctrl+L">
            <Button onClick={() => void toggleLock()} data-testid="toggle-lock">
              {t('breakdown.lock')}
            </Button>
          </Tooltip>
          <Tooltip title={t('breakdown.resplitHint')}>
            <Button onClick={() => void resplit()} disabled={level === 'actual' || metric?.kind === 'ratio'} data-testid="resplit">
              {t('breakdown.resplit')}
            </Button>
          </Tooltip>
          <UndoButtons history={history} />
        </Space>
      </div>
      {modalHolder}
      <CalendarNotice year={year} />
      <Typography.Text type="secondary" className="pd-hint">
        {t('breakdown.hint')}
      </Typography.Text>
      <div ref={containerRef} className="pd-grid-container" data-testid="breakdown-grid">
        <EditableGrid<PlanRowData>
          {...SPREADSHEET_KEYS}
          rowData={visibleRows}
          pinnedBottomRowData={totalRow ? [totalRow] : []}
          columnDefs={columnDefs}
          getRowId={(p) => p.data.id}
          onGridReady={(e) => (apiRef.current = e.api)}
          onCellEditRequest={onCellEditRequest}
          onCellFocused={(e) => {
            // The pinned 合计 cannot be locked or typed into: it is not a cell to act on.
            if (e.rowPinned) return setFocused(null);
            const node = e.rowIndex === null || e.rowIndex === undefined ? null : e.api.getDisplayedRowAtIndex(e.rowIndex);
            const colId = typeof e.column === 'object' && e.column ? e.column.getColId() : null;
            if (node?.data && colId) setFocused({ rowId: node.data.id, colId });
          }}
          getRowClass={(p) => (p.node.rowPinned ? 'pd-row-level-0 pd-row-rollup' : p.data?.hasChildren ? 'pd-row-rollup' : undefined)}
        />
      </div>
    </div>
  );
}
