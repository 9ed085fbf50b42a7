/**
 * 年度目标: the organisation × metrics grid with its roll-ups and pinned total, and the chart of
 * the focused unit's parts. Edits, refusals and undo are `useTargetEdits`.
 */
import { Button, Card, Empty, Select, Space, Spin, Tooltip, Typography } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { targetsChartOption } from '../../../src-shared/charts/targets-chart';
import { buildOrgTree, childIds, orgTreeNodes, splitOffTotalRoot, underTotalRoot } from '../../../src-shared/domain/org-tree';
import { buildPlanRows, cellKey, type MetricDef, type PlanRow } from '../../../src-shared/domain/targets';
import { useMetrics, useOrgTree, useSaveCells, useTargetCells, useWorkspaceInfo } from '../../api/hooks';
import { useTreeExpansion } from '../../grid/useTreeExpansion';
import type { UndoDirection } from '../../grid/useUndoHistory';
import { EChart } from '../../charts/EChart';
import { TargetsGrid } from './TargetsGrid';
import { useErrorText } from '../../shell/error-text';
import { useTargetEdits } from './useTargetEdits';

const TOTAL_ID = '__total';

export function TargetsPage(): ReactNode {
  const { t } = useTranslation();
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

  const { rows, totalRow, tree } = useMemo(() => {
    if (!org.data || !metrics || !cellsQuery.data) return { rows: [] as PlanRow[], totalRow: null, tree: null };
    // A virtual root over the top units gives the pinned total row from the same roll-up code.
    const nodes = underTotalRoot({ id: TOTAL_ID, kind: 'unit', name: '', label: 'company' }, orgTreeNodes(org.data.units, org.data.people));
    const { total, rest } = splitOffTotalRoot(TOTAL_ID, buildPlanRows(nodes, metrics, cellsQuery.data.cells));
    return { totalRow: total ?? null, rows: rest, tree: buildOrgTree(nodes) };
  }, [org.data, metrics, cellsQuery.data]);

  const { visibleRows, toggle: onToggle, expandAll, collapseAll } = useTreeExpansion(rows);
  const rowsById = useMemo(() => new Map(rows.map((r) => [r.id, r])), [rows]);
  const cellValues = useMemo(
    () => new Map((cellsQuery.data?.cells ?? []).map((c) => [cellKey(c.metricId, c.subjectId, c.measure), c.value])),
    [cellsQuery.data],
  );

  const edits = useTargetEdits(save.mutateAsync, cellValues);
  const replay = (direction: UndoDirection) => void edits.replay(direction);

  const chartMetric = metrics?.find((m) => m.id === (chartMetricId ?? focus.metricId)) ?? metrics?.[0];
  const chart = useMemo(() => {
    if (!chartMetric || !totalRow || !tree) return null;
    const focused = focus.rowId === TOTAL_ID ? totalRow : rowsById.get(focus.rowId);
    if (!focused) return null;
    const parentId = focused.hasChildren ? focused.id : focused.parentId;
    const parent = parentId === null ? totalRow : (rowsById.get(parentId) ?? totalRow);
    const rowsUnder = (id: string) => childIds(tree, id).map((child) => rowsById.get(child)!);
    let children = rowsUnder(parent.id);
    let title = parent.id === TOTAL_ID ? t('targets.total') : parent.name;
    // A lone top unit (the company) says nothing on its own: compare its branches instead.
    if (children.length === 1 && children[0].hasChildren) {
      title = children[0].name;
      children = rowsUnder(children[0].id);
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
  }, [chartMetric, totalRow, tree, focus.rowId, rowsById, t]);

  const loadError = info.error ?? org.error ?? metricsQuery.error ?? cellsQuery.error;
  if (loadError) {
    return <Empty description={t('targets.loadFailed', { message: errorText(loadError) })} />;
  }
  if (!metrics || !org.data || !cellsQuery.data || !info.data) {
    return (
      <Spin tip={t('targets.loading')} size="large">
        <div style={{ height: 200 }} />
      </Spin>
    );
  }

  return (
    <div className="pd-page">
      <div className="pd-toolbar">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('targets.title', { year: info.data.planYear })} · {info.data.organisationName}
        </Typography.Title>
        <Space wrap>
          <Button size="small" onClick={expandAll}>
            {t('targets.expandAll')}
          </Button>
          <Button size="small" onClick={collapseAll}>
            {t('targets.collapseAll')}
          </Button>
          <Button size="small" onClick={() => (window.location.hash = '/reports')}>
            {t('reports.printPreview')}
          </Button>
          <Tooltip title="Ctrl+Z">
            <Button size="small" disabled={!edits.canUndo} onClick={() => replay('undo')}>
              {t('targets.undo')}
            </Button>
          </Tooltip>
          <Tooltip title="Ctrl+Y">
            <Button size="small" disabled={!edits.canRedo} onClick={() => replay('redo')}>
              {t('targets.redo')}
            </Button>
          </Tooltip>
        </Space>
      </div>
      <Typography.Text type="secondary" className="pd-hint">
        {t('targets.hint')}
      </Typography.Text>
      <div className="pd-workarea">
        <TargetsGrid
          rows={visibleRows}
          totalRow={totalRow && { ...totalRow, expanded: true }}
          metrics={metrics}
          onToggle={onToggle}
          onEdits={(cells, source) => void edits.onEdits(cells, source)}
          onUndo={() => replay('undo')}
          onRedo={() => replay('redo')}
          onFocusRow={(rowId, metricId) => setFocus((f) => ({ rowId, metricId: metricId ?? f.metricId }))}
          cellError={edits.cellError}
          onDismissError={edits.dismissError}
          onRefused={edits.onRefused}
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
