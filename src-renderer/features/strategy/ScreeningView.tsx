/**
 * 大客户筛选: one row per customer with the four screening criteria, a score per indicator
 * (grouped 实力 / 能力 / 硬指标), the weighted totals and tiers the backend computes, and the
 * movement against last year's tier. Scores are typed or pasted from Excel; a paste is one save,
 * and a refused cell saves nothing.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  AllCommunityModule,
  ModuleRegistry,
  type CellClassParams,
  type CellEditRequestEvent,
  type ColDef,
  type ColGroupDef,
  type GridApi,
  type ICellRendererParams,
  type IRowNode,
} from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { Alert, App as AntApp, Button, Drawer, Empty, Input, InputNumber, Select, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  INDICATOR_GROUPS,
  SCREENING_CRITERIA,
  type ChannelOutput,
  type IndicatorGroup,
  type ScreeningCriterion,
  type ScreeningIndicator,
  type ScreeningRow,
  type ScreeningYear,
} from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import { invoke } from '../../api/client';
import { boxBelowCell, copyFocusedCell, listenOnGrid, pasteBlock } from '../../grid/grid-clipboard';
import { gridTheme } from '../../grid/theme';
import { useErrorText } from '../../shell/error-text';

ModuleRegistry.registerModules([AllCommunityModule]);

const SCORE_PREFIX = 'score:';
const CRITERION_PREFIX = 'criterion:';
const scoreColId = (indicatorId: string) => `${SCORE_PREFIX}${indicatorId}`;
const indicatorOf = (colId: string) => (colId.startsWith(SCORE_PREFIX) ? colId.slice(SCORE_PREFIX.length) : null);
const criterionOf = (colId: string) =>
  colId.startsWith(CRITERION_PREFIX) ? (colId.slice(CRITERION_PREFIX.length) as ScreeningCriterion) : null;

/** Tier colours by rank (best first), so renamed tiers keep their look. */
const TIER_COLORS = ['purple', 'gold', 'cyan', 'orange', 'default'];
const MOVEMENT_COLORS: Record<ScreeningRow['movement'], string> = { up: 'green', down: 'red', same: 'default', new: 'blue', dropped: 'orange', unscored: 'default', none: '' };

type RowFilter = 'all' | 'pending' | 'up' | 'down' | 'new' | 'dropped' | 'unscored';

interface ScoreEdit {
  row: ScreeningRow;
  rowIndex: number;
  indicator: ScreeningIndicator;
  text: string | null;
}

interface CellMark {
  rowId: string;
  colId: string;
}

interface CellProblem {
  message: string;
  at: CellMark | null;
  marks: CellMark[];
}

const isPending = (row: ScreeningRow) => row.total !== null && row.suggestedTierId !== row.currentTierId;

export function ScreeningView({ year }: { year: number }): ReactNode {
  const { t, i18n } = useTranslation();
  const { message, modal } = AntApp.useApp();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const apiRef = useRef<GridApi<ScreeningRow> | null>(null);
  const containerRef = useRef<HTMLDivElement>(null);
  const [search, setSearch] = useState('');
  const [rowFilter, setRowFilter] = useState<RowFilter>('all');
  const [problem, setProblem] = useState<CellProblem | null>(null);
  const [errorBox, setErrorBox] = useState<{ top: number; left: number } | null>(null);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [selectedCount, setSelectedCount] = useState(0);
  const [applying, setApplying] = useState(false);

  const yearKey = useMemo(() => ['screening/get-year', year] as const, [year]);
  const screening = useQuery({ queryKey: yearKey, queryFn: () => invoke('screening/get-year', { year }), placeholderData: (previous) => previous });
  const classes = useQuery({ queryKey: ['dictionaries/list', 'customer-class'], queryFn: () => invoke('dictionaries/list', { dictionary: 'customer-class' }) });
  const tierEntries = useQuery({ queryKey: ['dictionaries/list', 'account-tier'], queryFn: () => invoke('dictionaries/list', { dictionary: 'account-tier' }) });
  const data = screening.data;

  const classNames = useMemo(() => new Map((classes.data ?? []).map((c) => [c.id, c.name])), [classes.data]);
  /** Tier rank (0 = best) and name; archived tiers still name old rows. */
  const tierInfo = useMemo(() => {
    const info = new Map<string, { name: string; rank: number }>();
    (tierEntries.data ?? []).forEach((entry) => info.set(entry.id, { name: entry.name, rank: entry.sortOrder }));
    (data?.tiers ?? []).forEach((tier, rank) => info.set(tier.tierId, { name: tier.name, rank }));
    return info;
  }, [tierEntries.data, data?.tiers]);
  const tierRank = useCallback((id: string | null) => (id === null ? Number.POSITIVE_INFINITY : (tierInfo.get(id)?.rank ?? Number.POSITIVE_INFINITY)), [tierInfo]);

  const indicatorsById = useMemo(() => new Map((data?.indicators ?? []).map((i) => [i.id, i])), [data?.indicators]);
  const stateRef = useRef({ indicatorsById, problem });
  stateRef.current = { indicatorsById, problem };

  const refusalText = useCallback((reason: string) => t(`strategyViews.screening.refusal.${reason}`, { defaultValue: t('errors.INVALID_CELLS') }), [t]);

  const saveScores = useCallback(
    async (edits: ScoreEdit[], source: 'edit' | 'paste' | 'clear') => {
      setProblem(null);
      const changes = edits
        .filter((edit) => {
          const before = edit.row.scores[edit.indicator.id] ?? null;
          const unchanged = edit.text === null ? before === null : before !== null && Number(edit.text) === before;
          return !unchanged;
        })
        .map((edit) => ({ customerId: edit.row.customerId, indicatorId: edit.indicator.id, text: edit.text }));
      if (changes.length === 0) return;
      const kept = edits.filter((edit) => changes.some((c) => c.customerId === edit.row.customerId && c.indicatorId === edit.indicator.id));
      try {
        await invoke('screening/save-scores', { year, changes });
      } catch (error) {
        const refusals = error instanceof AppError && error.code === 'INVALID_CELLS' ? (error.details as { refusals?: Array<{ index: number; reason: string }> } | undefined)?.refusals : undefined;
        if (refusals && refusals.length > 0) {
          const marks = refusals.map((r) => kept[r.index]).filter(Boolean).map((edit) => ({ rowId: edit.row.customerId, colId: scoreColId(edit.indicator.id) }));
          const first = kept[refusals[0].index];
          const reason = refusalText(refusals[0].reason);
          const detail = t('strategyViews.screening.cellAt', { row: (first?.rowIndex ?? 0) + 1, name: first?.row.name ?? '', indicator: first?.indicator.name ?? '', reason });
          const text =
            refusals.length > 1
              ? t('strategyViews.screening.refusedMany', { detail, count: refusals.length })
              : source === 'paste'
                ? t('strategyViews.screening.pasteRefused', { detail })
                : `${(first?.text ?? '').slice(0, 24)}：${reason}`;
          setProblem({ message: text, at: marks[0] ?? null, marks });
        } else {
          const first = kept[0];
          setProblem({ message: errorText(error), at: first ? { rowId: first.row.customerId, colId: scoreColId(first.indicator.id) } : null, marks: [] });
        }
        return;
      }
      // Totals and tiers are the backend's to compute: show the typed scores now, the rest on refetch.
      queryClient.setQueryData<ScreeningYear>(yearKey, (old) => {
        if (!old) return old;
        const byCustomer = new Map<string, Record<string, number | null>>();
        for (const change of changes) {
          const scores = byCustomer.get(change.customerId) ?? {};
          scores[change.indicatorId] = change.text === null ? null : Number(change.text.trim());
          byCustomer.set(change.customerId, scores);
        }
        return { ...old, rows: old.rows.map((row) => (byCustomer.has(row.customerId) ? { ...row, scores: { ...row.scores, ...byCustomer.get(row.customerId) } } : row)) };
      });
      void queryClient.invalidateQueries({ queryKey: ['screening/get-year'] });
      if (source === 'paste') message.success(t('strategyViews.screening.pasted', { count: changes.length }));
    },
    [year, yearKey, queryClient, refusalText, errorText, message, t],
  );

  const toggleCriterion = useCallback(
    async (row: ScreeningRow, criterion: ScreeningCriterion) => {
      // Built on the cached row, updated at once: a second tick before the first save returns
      // must not undo it.
      const current = queryClient.getQueryData<ScreeningYear>(yearKey)?.rows.find((r) => r.customerId === row.customerId) ?? row;
      const has = current.criteria.includes(criterion);
      const criteria = SCREENING_CRITERIA.filter((c) => (c === criterion ? !has : current.criteria.includes(c)));
      const setCriteria = (next: ScreeningCriterion[]) =>
        queryClient.setQueryData<ScreeningYear>(yearKey, (old) =>
          old && { ...old, rows: old.rows.map((r) => (r.customerId === row.customerId ? { ...r, criteria: next } : r)) },
        );
      setCriteria(criteria);
      try {
        await invoke('screening/save-criteria', { year, customerId: row.customerId, criteria });
      } catch (error) {
        message.error(errorText(error));
        void queryClient.invalidateQueries({ queryKey: yearKey });
      }
    },
    [year, yearKey, queryClient, message, errorText],
  );
  const toggleRef = useRef(toggleCriterion);
  toggleRef.current = toggleCriterion;

  const tierCell = useCallback(
    (p: ICellRendererParams<ScreeningRow, string | null>) => {
      if (!p.value) return <span style={{ color: '#bfbfbf' }}>—</span>;
      const info = tierInfo.get(p.value);
      return <Tag color={TIER_COLORS[Math.min(info?.rank ?? 4, 4)]} style={{ marginInlineEnd: 0 }}>{info?.name ?? '?'}</Tag>;
    },
    [tierInfo],
  );

  const columnDefs = useMemo((): (ColDef<ScreeningRow> | ColGroupDef<ScreeningRow>)[] => {
    if (!data) return [];
    const indicatorsOf = (group: IndicatorGroup) => data.indicators.filter((i) => i.group === group).sort((a, b) => a.sortOrder - b.sortOrder);
    const weightOf = (group: IndicatorGroup) => indicatorsOf(group).reduce((sum, i) => sum + i.weight, 0);
    const isMarked = (p: CellClassParams<ScreeningRow>) =>
      !!stateRef.current.problem?.marks.some((m) => m.rowId === p.data?.customerId && m.colId === p.colDef.colId);
    const en = i18n.language === 'en';
    const tierWidth = en ? 92 : 80;
    const oneDecimal = (value: number | null | undefined) => (value === null || value === undefined ? '' : value.toFixed(1));

    const criteriaGroup: ColGroupDef<ScreeningRow> = {
      groupId: 'criteria',
      headerName: t('strategyViews.screening.criteria'),
      headerClass: 'pd-group-header',
      marryChildren: true,
      children: SCREENING_CRITERIA.map(
        (criterion): ColDef<ScreeningRow> => ({
          colId: `${CRITERION_PREFIX}${criterion}`,
          headerName: t(`strategyViews.screening.criterion.${criterion}`),
          width: en ? 108 : 70,
          cellStyle: { textAlign: 'center' },
          valueGetter: (p) => !!p.data?.criteria.includes(criterion),
          cellRenderer: (p: ICellRendererParams<ScreeningRow, boolean>) =>
            p.data ? (
              <input
                type="checkbox"
                checked={!!p.value}
                aria-label={`${p.data.name} ${t(`strategyViews.screening.criterion.${criterion}`)}`}
                onChange={() => void toggleRef.current(p.data!, criterion)}
                style={{ cursor: 'pointer', width: 15, height: 15, verticalAlign: 'middle' }}
              />
            ) : null,
        }),
      ),
    };

    const scoreGroups = INDICATOR_GROUPS.map(
      (group): ColGroupDef<ScreeningRow> => ({
        groupId: group,
        headerName: t('strategyViews.screening.groupHeader', { name: t(`strategyViews.screening.groups.${group}`), weight: weightOf(group) }),
        headerClass: 'pd-group-header',
        marryChildren: true,
        children: indicatorsOf(group).map(
          (indicator): ColDef<ScreeningRow> => ({
            colId: scoreColId(indicator.id),
            headerName: t('strategyViews.screening.indicatorHeader', { name: indicator.name, weight: indicator.weight }),
            headerTooltip: t('strategyViews.screening.indicatorTooltip', { name: indicator.name, weight: indicator.weight }),
            width: 88,
            type: 'rightAligned',
            wrapHeaderText: true,
            autoHeaderHeight: true,
            cellDataType: false,
            cellEditor: 'agTextCellEditor',
            editable: true,
            valueGetter: (p) => p.data?.scores[indicator.id] ?? null,
            valueFormatter: (p) => (p.value === null || p.value === undefined ? '' : String(p.value)),
            cellClassRules: { 'pd-cell-editable': () => true, 'pd-cell-invalid': isMarked },
          }),
        ),
      }),
    );

    const totalsGroup: ColGroupDef<ScreeningRow> = {
      groupId: 'totals',
      headerName: t('strategyViews.screening.scoreTotals'),
      headerClass: 'pd-group-header',
      marryChildren: true,
      children: INDICATOR_GROUPS.map(
        (group): ColDef<ScreeningRow> => ({
          colId: `group:${group}`,
          headerName: t(`strategyViews.screening.groupsShort.${group}`),
          width: 72,
          type: 'rightAligned',
          valueGetter: (p) => p.data?.groupTotals[group] ?? null,
          valueFormatter: (p) => oneDecimal(p.value as number | null),
          cellStyle: { background: '#fafbfc' },
        }),
      ),
    };

    const tiersGroup: ColGroupDef<ScreeningRow> = {
      groupId: 'tiers',
      headerName: t('strategyViews.screening.tiers'),
      headerClass: 'pd-group-header',
      marryChildren: true,
      // The outcome stays in view however many indicators scroll by.
      children: [
        {
          colId: 'total',
          headerName: t('strategyViews.screening.total'),
          pinned: 'right',
          width: 68,
          type: 'rightAligned',
          valueGetter: (p) => p.data?.total ?? null,
          valueFormatter: (p) => oneDecimal(p.value as number | null),
          cellStyle: { fontWeight: 600 },
          tooltipValueGetter: (p) => (p.data?.lastYearTotal === null || p.data?.lastYearTotal === undefined ? null : t('strategyViews.screening.lastYearTotal', { total: p.data.lastYearTotal.toFixed(1) })),
        },
        { colId: 'suggested', headerName: t('strategyViews.screening.suggestedTier'), pinned: 'right', width: tierWidth, valueGetter: (p) => p.data?.suggestedTierId ?? null, cellRenderer: tierCell },
        {
          colId: 'current',
          headerName: t('strategyViews.screening.currentTier'),
          pinned: 'right',
          width: tierWidth,
          valueGetter: (p) => p.data?.currentTierId ?? null,
          cellRenderer: tierCell,
          cellStyle: (p) => (p.data && isPending(p.data) ? { background: '#fffbe6' } : null),
          tooltipValueGetter: (p) => (p.data && isPending(p.data) ? t('strategyViews.screening.pendingTip') : null),
        },
        { colId: 'lastYear', headerName: t('strategyViews.screening.lastYearTier'), pinned: 'right', width: tierWidth, valueGetter: (p) => p.data?.lastYearTierId ?? null, cellRenderer: tierCell },
        {
          colId: 'movement',
          headerName: t('strategyViews.screening.movement'),
          pinned: 'right',
          width: en ? 84 : 68,
          valueGetter: (p) => p.data?.movement ?? 'none',
          cellRenderer: (p: ICellRendererParams<ScreeningRow, ScreeningRow['movement']>) =>
            p.value && p.value !== 'none' ? (
              <Tag color={MOVEMENT_COLORS[p.value] || undefined} style={{ marginInlineEnd: 0 }} data-testid={`movement-${p.value}`}>
                {t(`strategyViews.screening.movements.${p.value}`)}
              </Tag>
            ) : null,
        },
      ],
    };

    return [
      {
        colId: 'name',
        headerName: t('strategyViews.screening.customer'),
        pinned: 'left',
        width: 176,
        lockPosition: 'left',
        suppressMovable: true,
        valueGetter: (p) => p.data?.name,
        tooltipValueGetter: (p) => p.data?.name,
      },
      { colId: 'class', headerName: t('strategyViews.screening.class'), width: 72, valueGetter: (p) => (p.data ? (classNames.get(p.data.classId) ?? '') : '') },
      criteriaGroup,
      ...scoreGroups,
      totalsGroup,
      tiersGroup,
    ];
  }, [data, classNames, tierCell, t, i18n.language]);

  const editAt = useCallback((rowIndex: number, colId: string): Omit<ScoreEdit, 'text'> | null => {
    const node = apiRef.current?.getDisplayedRowAtIndex(rowIndex);
    const indicatorId = indicatorOf(colId);
    const indicator = indicatorId ? stateRef.current.indicatorsById.get(indicatorId) : undefined;
    if (!node?.data || !indicator) return null;
    return { row: node.data, rowIndex, indicator };
  }, []);

  const onCellEditRequest = useCallback(
    (event: CellEditRequestEvent<ScreeningRow>) => {
      const target = editAt(event.rowIndex ?? 0, event.colDef.colId ?? '');
      if (!target) return;
      const raw = event.newValue === null || event.newValue === undefined ? '' : String(event.newValue).trim();
      void saveScores([{ ...target, text: raw === '' ? null : raw }], 'edit');
    },
    [editAt, saveScores],
  );

  // Keyboard and clipboard in the capture phase, before AG Grid, and only with no editor open.
  // The grid's container exists only once the year has loaded, hence `loaded` below.
  const loaded = data !== undefined;
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const isEditing = () => (apiRef.current?.getEditingCells().length ?? 0) > 0;
    const notScore = (rowIndex: number, colId: string) => {
      const node = apiRef.current?.getDisplayedRowAtIndex(rowIndex);
      const at = node?.data ? { rowId: node.data.customerId, colId } : null;
      setProblem({ message: t('strategyViews.screening.notScore'), at, marks: at ? [at] : [] });
    };

    const onKeyDown = (e: KeyboardEvent) => {
      const api = apiRef.current;
      if (!api || isEditing()) return;
      const focused = api.getFocusedCell();
      if (!focused || focused.rowPinned) return;
      const colId = focused.column.getColId();
      if (e.key === 'Escape') {
        setProblem(null);
        return;
      }
      const criterion = criterionOf(colId);
      if (criterion && (e.key === ' ' || e.key === 'Enter')) {
        e.preventDefault();
        e.stopPropagation();
        const row = api.getDisplayedRowAtIndex(focused.rowIndex)?.data;
        if (row) void toggleRef.current(row, criterion);
        return;
      }
      if (e.key === 'Delete') {
        const target = editAt(focused.rowIndex, colId);
        if (!target) return;
        e.preventDefault();
        e.stopPropagation();
        void saveScores([{ ...target, text: null }], 'clear');
        return;
      }
      const ctrl = e.ctrlKey || e.metaKey;
      if (e.key.length === 1 && !ctrl && !e.altKey && !criterion && colId !== 'name' && !indicatorOf(colId) && colId !== 'ag-Grid-SelectionColumn') {
        notScore(focused.rowIndex, colId);
      }
    };

    const onPaste = (e: ClipboardEvent) => {
      const api = apiRef.current;
      if (!api || isEditing()) return;
      e.preventDefault();
      e.stopPropagation();
      const block = pasteBlock(api, e);
      if (!block.ok) {
        if (block.reason === 'nothing-focused') message.warning(t('errors.nothingFocused'));
        if (block.reason === 'outside') message.warning(t('errors.pasteOutside', { rows: block.rows, cols: block.cols }));
        return;
      }
      const { table, columns, startRow } = block;
      const edits: ScoreEdit[] = [];
      for (let r = 0; r < table.length; r++) {
        for (let c = 0; c < table[r].length; c++) {
          const colId = columns[c].getColId();
          const target = editAt(startRow + r, colId);
          if (!target) {
            const node = api.getDisplayedRowAtIndex(startRow + r);
            const at = node?.data ? { rowId: node.data.customerId, colId } : null;
            setProblem({
              message: t('strategyViews.screening.pasteRefused', {
                detail: t('strategyViews.screening.cellAt', {
                  row: startRow + r + 1,
                  name: node?.data?.name ?? '',
                  indicator: columns[c].getColDef().headerName ?? '',
                  reason: t('strategyViews.screening.notScore'),
                }),
              }),
              at,
              marks: at ? [at] : [],
            });
            return;
          }
          const text = table[r][c].trim();
          edits.push({ ...target, text: text === '' ? null : text });
        }
      }
      void saveScores(edits, 'paste');
    };

    const onCopy = (e: ClipboardEvent) => {
      const api = apiRef.current;
      if (api && !isEditing()) copyFocusedCell(api, e, true);
    };

    return listenOnGrid(container, { keydown: onKeyDown, paste: onPaste, copy: onCopy });
  }, [loaded, editAt, saveScores, message, t]);

  // Pin the message to its cell, and mark the refused cells.
  useEffect(() => {
    // Not forced: class rules re-apply anyway, and a forced refresh would drop the cell's focus.
    apiRef.current?.refreshCells();
    const container = containerRef.current;
    if (!problem || !container) {
      setErrorBox(null);
      return;
    }
    setErrorBox(boxBelowCell(container, problem.at ?? null, 340));
  }, [problem]);

  // Escape dismisses the message wherever focus went after the refused edit.
  useEffect(() => {
    if (!problem) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setProblem(null);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [problem]);

  useEffect(() => {
    apiRef.current?.onFilterChanged();
  }, [rowFilter]);

  const passesFilter = useCallback(
    (node: IRowNode<ScreeningRow>) => {
      const row = node.data;
      if (!row) return true;
      switch (rowFilter) {
        case 'pending':
          return isPending(row);
        case 'unscored':
          return row.total === null;
        case 'all':
          return true;
        default:
          return row.movement === rowFilter;
      }
    },
    [rowFilter],
  );

  const applyTiers = () => {
    const api = apiRef.current;
    if (!api || !data) return;
    const selected = api.getSelectedRows();
    const scope: ScreeningRow[] = [];
    if (selected.length > 0) scope.push(...selected);
    else api.forEachNodeAfterFilterAndSort((node) => node.data && scope.push(node.data));
    const targets = scope.filter(isPending);
    if (targets.length === 0) {
      message.info(t('strategyViews.screening.applyNone'));
      return;
    }
    const up = targets.filter((r) => tierRank(r.suggestedTierId) < tierRank(r.currentTierId)).length;
    const down = targets.length - up;
    modal.confirm({
      title: t('strategyViews.screening.applyTitle'),
      content: (
        <div data-testid="apply-tiers-confirm">
          <p>{t('strategyViews.screening.applyBody', { count: targets.length, up, down })}</p>
          <Typography.Text type="secondary">
            {selected.length > 0 ? t('strategyViews.screening.applyScopeSelected', { count: selected.length }) : t('strategyViews.screening.applyScopeFiltered', { count: scope.length })}
          </Typography.Text>
        </div>
      ),
      okText: t('strategyViews.screening.applyOk'),
      cancelText: t('strategyViews.cancel'),
      onOk: async () => {
        setApplying(true);
        try {
          const result = await invoke('screening/apply-tiers', { year, customerIds: targets.map((r) => r.customerId) });
          message.success(t('strategyViews.screening.applied', { count: result.updated }));
          api.deselectAll();
          void queryClient.invalidateQueries({ queryKey: ['screening/get-year'] });
          void queryClient.invalidateQueries({ queryKey: ['customers/list'] });
        } catch (error) {
          message.error(errorText(error));
        } finally {
          setApplying(false);
        }
      },
    });
  };

  const loadError = screening.error ?? classes.error ?? tierEntries.error;
  if (loadError && !data) return <Empty description={t('strategyViews.loadFailed', { message: errorText(loadError) })} data-testid="screening-error" />;
  if (!data) return <Spin size="large" description={t('strategyViews.loading')}><div style={{ height: 200 }} /></Spin>;

  const pendingCount = data.rows.filter(isPending).length;

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 8, flex: '1 0 auto', minHeight: 560 }} data-testid="screening-view">
      <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start', flexWrap: 'wrap' }}>
        <MovementMatrix data={data} tierName={(id) => tierInfo.get(id)?.name ?? '?'} />
        <div style={{ display: 'flex', flexDirection: 'column', gap: 8, flex: 1, minWidth: 360 }}>
          <Space wrap>
            <Input.Search
              allowClear
              style={{ width: 220 }}
              placeholder={t('strategyViews.screening.search')}
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              data-testid="screening-search"
            />
            <Select<RowFilter>
              style={{ width: 150 }}
              value={rowFilter}
              onChange={setRowFilter}
              data-testid="screening-filter"
              options={(['all', 'pending', 'up', 'down', 'new', 'dropped', 'unscored'] as const).map((value) => ({ value, label: t(`strategyViews.screening.filter.${value}`) }))}
            />
            <Tooltip title={t('strategyViews.screening.applyTip')}>
              <Button type="primary" loading={applying} onClick={applyTiers} data-testid="apply-tiers">
                {selectedCount > 0 ? t('strategyViews.screening.applySelected', { count: selectedCount }) : t('strategyViews.screening.apply')}
              </Button>
            </Tooltip>
            <Button onClick={() => setDrawerOpen(true)} data-testid="open-indicators">{t('strategyViews.screening.indicators')}</Button>
          </Space>
          <Space wrap size={[12, 4]}>
            <Typography.Text type="secondary">{t('strategyViews.screening.thresholds')}</Typography.Text>
            {data.tiers.map((tier, rank) => (
              <Tag key={tier.tierId} color={TIER_COLORS[Math.min(rank, 4)]}>{t('strategyViews.screening.thresholdLine', { name: tier.name, score: tier.minScore })}</Tag>
            ))}
            <Typography.Text type={pendingCount > 0 ? 'warning' : 'secondary'} data-testid="screening-pending">
              {t('strategyViews.screening.pendingCount', { count: pendingCount })}
            </Typography.Text>
          </Space>
          <Typography.Text type="secondary" className="pd-hint">{t('strategyViews.screening.hint')}</Typography.Text>
        </div>
      </div>
      <div ref={containerRef} className="pd-grid-container" style={{ flex: '1 1 0', height: 'auto', minHeight: 320 }} data-testid="screening-grid">
        <AgGridReact<ScreeningRow>
          theme={gridTheme}
          rowData={data.rows}
          columnDefs={columnDefs}
          getRowId={(p) => p.data.customerId}
          readOnlyEdit
          singleClickEdit={false}
          enterNavigatesVertically
          enterNavigatesVerticallyAfterEdit
          stopEditingWhenCellsLoseFocus
          animateRows={false}
          tooltipShowDelay={400}
          quickFilterText={search}
          isExternalFilterPresent={() => rowFilter !== 'all'}
          doesExternalFilterPass={passesFilter}
          rowSelection={{ mode: 'multiRow', checkboxes: true, headerCheckbox: true, selectAll: 'filtered', enableClickSelection: false }}
          selectionColumnDef={{ pinned: 'left', width: 44, suppressHeaderMenuButton: true }}
          onSelectionChanged={(e) => setSelectedCount(e.api.getSelectedRows().length)}
          onGridReady={(e) => {
            apiRef.current = e.api;
          }}
          onCellEditRequest={onCellEditRequest}
          onCellClicked={() => stateRef.current.problem && setProblem(null)}
          localeText={i18n.language === 'en' ? undefined : { noRowsToShow: '没有数据', loadingOoo: '加载中…' }}
        />
        {problem && errorBox && (
          // Clicks pass through to the cells beneath (and dismiss it); only × takes them.
          <div className="pd-cell-error" role="alert" data-testid="cell-error" style={{ top: errorBox.top, left: errorBox.left, maxWidth: 340, pointerEvents: 'none' }}>
            <span>{problem.message}</span>
            <button type="button" aria-label="close" style={{ pointerEvents: 'auto' }} onClick={() => setProblem(null)}>
              ×
            </button>
          </div>
        )}
      </div>
      <IndicatorDrawer open={drawerOpen} onClose={() => setDrawerOpen(false)} year={year} data={data} />
    </div>
  );
}

/** 上年等级 × 今年建议等级: how many customers move from each tier to each. */
function MovementMatrix({ data, tierName }: { data: ChannelOutput<'screening/get-year'>; tierName: (id: string) => string }): ReactNode {
  const { t } = useTranslation();
  const keys: Array<string | null> = [...data.tiers.map((tier) => tier.tierId), null];
  const rank = new Map(keys.map((k, i) => [k, i]));
  const count = (from: string | null, to: string | null) => data.movements.find((m) => m.fromTierId === from && m.toTierId === to)?.count ?? 0;
  const label = (id: string | null) => (id === null ? t('strategyViews.screening.matrixNone') : tierName(id));
  const colour = (from: string | null, to: string | null, n: number) => {
    if (n === 0) return { color: '#bfbfbf' };
    if (from === to) return { background: '#fafafa' };
    if (from === null) return { background: '#e6f4ff', color: '#0958d9' };
    return rank.get(to)! < rank.get(from)! ? { background: '#f6ffed', color: '#237804' } : { background: '#fff1f0', color: '#cf1322' };
  };
  const cell = { padding: '2px 8px', border: '1px solid #eef0f3', textAlign: 'center' as const, minWidth: 44 };
  return (
    <div data-testid="tier-matrix">
      <Typography.Text strong style={{ fontSize: 13 }}>{t('strategyViews.screening.matrix')}</Typography.Text>
      <table style={{ borderCollapse: 'collapse', fontSize: 12, marginTop: 4, background: '#fff' }}>
        <thead>
          <tr>
            <th style={{ ...cell, background: '#f5f7fa', fontWeight: 500, color: '#8c8c8c' }}>{t('strategyViews.screening.matrixCorner')}</th>
            {keys.map((to) => (
              <th key={to ?? 'none'} style={{ ...cell, background: '#f5f7fa', fontWeight: 600 }}>{label(to)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {keys.map((from) => (
            <tr key={from ?? 'none'}>
              <th style={{ ...cell, background: '#f5f7fa', fontWeight: 600, textAlign: 'left' }}>{from === null ? t('strategyViews.screening.matrixNew') : label(from)}</th>
              {keys.map((to) => {
                const n = count(from, to);
                return (
                  <td key={to ?? 'none'} style={{ ...cell, ...colour(from, to, n) }} data-testid={`tier-matrix-${from ?? 'none'}-${to ?? 'none'}`}>
                    {n}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Indicator names and weights, and the lowest total of each tier. */
function IndicatorDrawer({ open, onClose, year, data }: { open: boolean; onClose: () => void; year: number; data: ScreeningYear }): ReactNode {
  const { t } = useTranslation();
  const weightSum = data.indicators.reduce((sum, i) => sum + i.weight, 0);
  return (
    <Drawer open={open} onClose={onClose} size={520} title={t('strategyViews.indicators.title', { year })} destroyOnHidden>
      <div data-testid="indicators-drawer" style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
        <Alert
          type={weightSum === 100 ? 'success' : 'warning'}
          showIcon
          data-testid="weight-sum"
          title={weightSum === 100 ? t('strategyViews.indicators.weightSumOk', { sum: weightSum }) : t('strategyViews.indicators.weightSumBad', { sum: weightSum })}
        />
        {INDICATOR_GROUPS.map((group) => {
          const indicators = data.indicators.filter((i) => i.group === group).sort((a, b) => a.sortOrder - b.sortOrder);
          const groupWeight = indicators.reduce((sum, i) => sum + i.weight, 0);
          const nextSort = Math.max(0, ...data.indicators.map((i) => i.sortOrder)) + 1;
          return (
            <section key={group}>
              <Typography.Title level={5} style={{ margin: '0 0 6px' }}>
                {t('strategyViews.screening.groupHeader', { name: t(`strategyViews.screening.groups.${group}`), weight: groupWeight })}
              </Typography.Title>
              <Space orientation="vertical" style={{ width: '100%' }} size={6}>
                {indicators.map((indicator) => (
                  <IndicatorRow key={`${indicator.id}:${indicator.name}:${indicator.weight}`} indicator={indicator} />
                ))}
                <NewIndicatorRow group={group} sortOrder={nextSort} />
              </Space>
            </section>
          );
        })}
        <section>
          <Typography.Title level={5} style={{ margin: '0 0 6px' }}>{t('strategyViews.indicators.thresholds')}</Typography.Title>
          <Space orientation="vertical" size={6}>
            {data.tiers.map((tier, rank) => (
              <ThresholdRow key={`${tier.tierId}:${tier.minScore}`} tierId={tier.tierId} name={tier.name} minScore={tier.minScore} rank={rank} />
            ))}
          </Space>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 6 }}>{t('strategyViews.indicators.thresholdHint')}</Typography.Paragraph>
        </section>
      </div>
    </Drawer>
  );
}

function useScreeningSave() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  return useCallback(
    async (save: () => Promise<unknown>): Promise<boolean> => {
      try {
        await save();
        message.success(t('strategyViews.indicators.saved'));
        await queryClient.invalidateQueries({ queryKey: ['screening/get-year'] });
        return true;
      } catch (error) {
        message.error(errorText(error));
        return false;
      }
    },
    [message, errorText, queryClient, t],
  );
}

function IndicatorRow({ indicator }: { indicator: ScreeningIndicator }): ReactNode {
  const { t } = useTranslation();
  const save = useScreeningSave();
  const [name, setName] = useState(indicator.name);
  const [weight, setWeight] = useState<number | null>(indicator.weight);
  const commit = async () => {
    const trimmed = name.trim();
    if (trimmed === indicator.name && weight === indicator.weight) return;
    if (trimmed === '' || weight === null) {
      setName(indicator.name);
      setWeight(indicator.weight);
      return;
    }
    const ok = await save(() => invoke('screening/save-indicator', { id: indicator.id, group: indicator.group, name: trimmed, weight, sortOrder: indicator.sortOrder }));
    if (!ok) {
      setName(indicator.name);
      setWeight(indicator.weight);
    }
  };
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input value={name} maxLength={50} onChange={(e) => setName(e.target.value)} onBlur={() => void commit()} onPressEnter={() => void commit()} aria-label={t('strategyViews.indicators.name')} data-testid={`indicator-name-${indicator.id}`} />
      <InputNumber
        style={{ width: 120 }}
        min={0}
        max={100}
        precision={0}
        value={weight}
        onChange={setWeight}
        onBlur={() => void commit()}
        onPressEnter={() => void commit()}
        suffix="%"
        aria-label={t('strategyViews.indicators.weight')}
        data-testid={`indicator-weight-${indicator.id}`}
      />
    </Space.Compact>
  );
}

function NewIndicatorRow({ group, sortOrder }: { group: IndicatorGroup; sortOrder: number }): ReactNode {
  const { t } = useTranslation();
  const save = useScreeningSave();
  const [name, setName] = useState('');
  const [weight, setWeight] = useState<number | null>(0);
  const add = async () => {
    if (name.trim() === '' || weight === null) return;
    if (await save(() => invoke('screening/save-indicator', { group, name: name.trim(), weight, sortOrder }))) {
      setName('');
      setWeight(0);
    }
  };
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input value={name} maxLength={50} placeholder={t('strategyViews.indicators.newName')} onChange={(e) => setName(e.target.value)} onPressEnter={() => void add()} data-testid={`indicator-new-${group}`} />
      <InputNumber style={{ width: 120 }} min={0} max={100} precision={0} value={weight} onChange={setWeight} suffix="%" aria-label={t('strategyViews.indicators.weight')} />
      <Button onClick={() => void add()} disabled={name.trim() === ''}>{t('strategyViews.indicators.add')}</Button>
    </Space.Compact>
  );
}

function ThresholdRow({ tierId, name, minScore, rank }: { tierId: string; name: string; minScore: number; rank: number }): ReactNode {
  const { t } = useTranslation();
  const save = useScreeningSave();
  const [value, setValue] = useState<number | null>(minScore);
  const commit = async () => {
    if (value === null || value === minScore) {
      setValue(minScore);
      return;
    }
    if (!(await save(() => invoke('screening/save-threshold', { tierId, minScore: value })))) setValue(minScore);
  };
  return (
    <Space>
      <Tag color={TIER_COLORS[Math.min(rank, 4)]} style={{ minWidth: 48, textAlign: 'center' }}>{name}</Tag>
      <Typography.Text type="secondary">{t('strategyViews.indicators.atLeast')}</Typography.Text>
      <InputNumber
        style={{ width: 110 }}
        min={0}
        max={100}
        precision={1}
        value={value}
        onChange={setValue}
        onBlur={() => void commit()}
        onPressEnter={() => void commit()}
        aria-label={name}
        data-testid={`threshold-${tierId}`}
      />
    </Space>
  );
}
