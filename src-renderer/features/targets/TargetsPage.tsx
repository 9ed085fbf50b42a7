import { App as AntApp, Button, Card, Empty, Select, Space, Spin, Tooltip, Typography } from 'antd';
import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { targetsChartOption } from '../../../src-shared/charts/targets-chart';
import type { CellChange } from '../../../src-shared/contract/channels';
import { parseDecimalInput, scaledToPlainText } from '../../../src-shared/domain/decimal';
import { buildPlanRows, cellKey, orgTreeNodes, type MetricDef, type PlanRow, type TreeNode } from '../../../src-shared/domain/targets';
import { useMetrics, useOrgTree, useSaveCells, useTargetCells, useWorkspaceInfo } from '../../api/hooks';
import { useTreeExpansion } from '../../grid/useTreeExpansion';
import { UndoStack, type UndoCell } from '../../grid/undo-stack';
import { EChart } from '../../charts/EChart';
import { TargetsGrid, type CellEdit, type CellErrorView } from './TargetsGrid';
import { useErrorText } from '../../shell/error-text';

const TOTAL_ID = '__total';

interface CellRef {
  metricId: string;
  subjectId: string;
  measure: CellEdit['measure'];
}

export function TargetsPage(): ReactNode {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const errorText = useErrorText();
  const info = useWorkspaceInfo();
  const org = useOrgTree();
  const metricsQuery = useMetrics();
  const year = info.data?.planYear;
  const cellsQuery = useTargetCells(year);
  const metrics = metricsQuery.data as MetricDef[] | undefined;
  const save = useSaveCells(year, metrics);

  const [focus, setFocus] = useState<{ rowId: string; metricId: string | null }>({ rowId: TOTAL_ID, metricId: null });
  const [chartMetricId, setChartMetricId] = useState<string | null>(null);
  const [cellError, setCellError] = useState<CellErrorView | null>(null);
  const undoStack = useRef(new UndoStack<CellRef>()).current;
  // The undo stack lives in a ref; bumping this re-renders the undo/redo buttons.
  const [, setUndoVersion] = useState(0);

  const { rows, totalRow } = useMemo(() => {
    if (!org.data || !metrics || !cellsQuery.data) return { rows: [] as PlanRow[], totalRow: null };
    // A virtual root over the top units gives the pinned total row from the same roll-up code.
    const nodes: TreeNode[] = [
      { id: TOTAL_ID, parentId: null, kind: 'unit', name: '', label: 'company' },
      ...orgTreeNodes(org.data.units, org.data.people).map((n) => (n.parentId === null ? { ...n, parentId: TOTAL_ID } : n)),
    ];
    const all = buildPlanRows(nodes, metrics, cellsQuery.data.cells);
    const [total, ...rest] = all;
    return {
      totalRow: total,
      rows: rest.map((r) => ({ ...r, depth: r.depth - 1, parentId: r.parentId === TOTAL_ID ? null : r.parentId })),
    };
  }, [org.data, metrics, cellsQuery.data]);

  const { visibleRows, toggle: onToggle, expandAll, collapseAll } = useTreeExpansion(rows);
  const rowsById = useMemo(() => new Map(rows.map((r) => [r.id, r])), [rows]);
  const cellValues = useMemo(
    () => new Map((cellsQuery.data?.cells ?? []).map((c) => [cellKey(c.metricId, c.subjectId, c.measure), c.value])),
    [cellsQuery.data],
  );

  const saveBatch = useCallback(
    async (changes: CellChange[]): Promise<boolean> => {
      try {
        await save.mutateAsync(changes);
        return true;
      } catch (error) {
        message.error(errorText(error));
        return false;
      }
    },
    [save, message, errorText],
  );

  const onEdits = useCallback(
    async (edits: CellEdit[], source: 'edit' | 'paste' | 'clear') => {
      setCellError(null);
      // Validate every cell first with the same rules the backend applies: one bad cell, nothing saved.
      for (const edit of edits) {
        if (edit.text === null) continue;
        const parsed = parseDecimalInput(edit.text, edit.metric);
        if (!parsed.ok) {
          const reason = t(`errors.${parsed.reason}`, { precision: edit.metric.precision });
          const text =
            source === 'paste'
              ? t('errors.pasteRefused', {
                  detail: t('errors.cellAt', { row: edit.rowIndex + 1, name: edit.row.name, metric: edit.metric.name, measure: t(`measures.${edit.measure}`), reason }),
                })
              : `${edit.text.slice(0, 24)}：${reason}`;
          setCellError({ rowId: edit.row.id, colId: edit.colId, message: text });
          return;
        }
      }
      const batch: UndoCell<CellRef>[] = edits.map((edit) => {
        const current = cellValues.get(cellKey(edit.metric.id, edit.row.id, edit.measure)) ?? null;
        const parsed = edit.text === null ? null : parseDecimalInput(edit.text, edit.metric);
        const after = parsed && parsed.ok && parsed.scaled !== null ? scaledToPlainText(parsed.scaled, edit.metric.precision) : null;
        return {
          key: { metricId: edit.metric.id, subjectId: edit.row.id, measure: edit.measure },
          before: current === null ? null : scaledToPlainText(current, edit.metric.precision),
          after,
        };
      });
      const changed = batch.filter((c) => c.before !== c.after);
      if (changed.length === 0) return;
      const ok = await saveBatch(changed.map((c) => ({ ...c.key, text: c.after })));
      if (!ok) {
        const first = edits[0];
        setCellError({ rowId: first.row.id, colId: first.colId, message: t('header.saveFailed') });
        return;
      }
      undoStack.record(changed);
      setUndoVersion((v) => v + 1);
      if (source === 'paste') message.success(t('targets.pasted', { count: changed.length }));
    },
    [cellValues, saveBatch, undoStack, t, message],
  );

  const replay = useCallback(
    async (direction: 'undo' | 'redo') => {
      const batch = direction === 'undo' ? undoStack.peekUndo() : undoStack.peekRedo();
      if (!batch) {
        message.info(t(direction === 'undo' ? 'targets.nothingToUndo' : 'targets.nothingToRedo'));
        return;
      }
      setCellError(null);
      const ok = await saveBatch(batch.map((c) => ({ ...c.key, text: direction === 'undo' ? c.before : c.after })));
      if (!ok) return;
      if (direction === 'undo') undoStack.commitUndo();
      else undoStack.commitRedo();
      setUndoVersion((v) => v + 1);
      message.success(t(direction === 'undo' ? 'targets.undone' : 'targets.redone', { count: batch.length }));
    },
    [undoStack, saveBatch, message, t],
  );

  const onPasteProblem = useCallback(
    (text: string, at?: { rowId: string; colId: string }) => {
      if (at) setCellError({ ...at, message: text });
      else message.warning(text);
    },
    [message],
  );

  const chartMetric = metrics?.find((m) => m.id === (chartMetricId ?? focus.metricId)) ?? metrics?.[0];
  const chart = useMemo(() => {
    if (!chartMetric || !totalRow) return null;
    const focused = focus.rowId === TOTAL_ID ? totalRow : rowsById.get(focus.rowId);
    if (!focused) return null;
    const parentId = focused.hasChildren ? focused.id : focused.parentId;
    const parent = parentId === null ? totalRow : (rowsById.get(parentId) ?? totalRow);
    let children = rows.filter((r) => r.parentId === (parent.id === TOTAL_ID ? null : parent.id));
    let title = parent.id === TOTAL_ID ? t('targets.total') : parent.name;
    // A lone top unit (the company) says nothing on its own: compare its branches instead.
    if (children.length === 1 && children[0].hasChildren) {
      title = children[0].name;
      children = rows.filter((r) => r.parentId === children[0].id);
    }
    return targetsChartOption(
      chartMetric,
      children,
      {
        basic: t('measures.basic'),
        challenge: t('measures.challenge'),
        actual: t('measures.actual'),
        title: t('targets.chartTitle', { unit: title, metric: `${chartMetric.name}（${chartMetric.unit}）` }),
      },
      focused.hasChildren ? undefined : focused.id,
    );
  }, [chartMetric, totalRow, focus.rowId, rowsById, rows, t]);

  const loadError = info.error ?? org.error ?? metricsQuery.error ?? cellsQuery.error;
  if (loadError) {
    return <Empty description={t('targets.loadFailed', { message: errorText(loadError) })} />;
  }
  if (!metrics || !org.data || !cellsQuery.data || !info.data) {
    return <Spin tip={t('targets.loading')} size="large"><div style={{ height: 200 }} /></Spin>;
  }

  return (
    <div className="pd-page">
      <div className="pd-toolbar">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('targets.title', { year: info.data.planYear })} · {info.data.organisationName}
        </Typography.Title>
        <Space wrap>
          <Button size="small" onClick={expandAll}>{t('targets.expandAll')}</Button>
          <Button size="small" onClick={collapseAll}>{t('targets.collapseAll')}</Button>
          <Button size="small" onClick={() => (window.location.hash = '/reports')}>{t('reports.printPreview')}</Button>
          <Tooltip title="Ctrl+Z">
            <Button size="small" disabled={!undoStack.canUndo} onClick={() => void replay('undo')}>{t('targets.undo')}</Button>
          </Tooltip>
          <Tooltip title="Ctrl+Y">
            <Button size="small" disabled={!undoStack.canRedo} onClick={() => void replay('redo')}>{t('targets.redo')}</Button>
          </Tooltip>
        </Space>
      </div>
      <Typography.Text type="secondary" className="pd-hint">{t('targets.hint')}</Typography.Text>
      <div className="pd-workarea">
        <TargetsGrid
          rows={visibleRows}
          totalRow={totalRow && { ...totalRow, expanded: true }}
          metrics={metrics}
          onToggle={onToggle}
          onEdits={(edits, source) => void onEdits(edits, source)}
          onUndo={() => void replay('undo')}
          onRedo={() => void replay('redo')}
          onFocusRow={(rowId, metricId) => setFocus((f) => ({ rowId, metricId: metricId ?? f.metricId }))}
          cellError={cellError}
          onDismissError={() => setCellError(null)}
          onPasteProblem={onPasteProblem}
        />
        <Card
          size="small"
          className="pd-chart-card"
          title={t('targets.chartMetric')}
          extra={
            <Select
              size="small"
              style={{ width: 150 }}
              value={chartMetric?.id}
              onChange={(id) => setChartMetricId(id)}
              options={metrics.map((m) => ({ value: m.id, label: `${m.name}（${m.unit}）` }))}
              data-testid="chart-metric"
            />
          }
        >
          {chart ? <EChart option={chart} height={420} testId="targets-chart" /> : <Empty description={t('targets.chartEmpty')} />}
        </Card>
      </div>
    </div>
  );
}

