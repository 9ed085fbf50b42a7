/**
 * The 年度目标 chart panel: the focused unit's parts (or the company's branches) for one metric,
 * basic and challenge targets against actuals. Loaded after the grid (TargetsPage).
 */
import { Card, Empty, Select } from 'antd';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { targetsChartOption } from '../../../src-shared/charts/targets-chart';
import { childIds, type OrgTree, type TreeNodeLike } from '../../../src-shared/domain/org-tree';
import type { MetricDef, PlanRow } from '../../../src-shared/domain/targets';
import { EChart } from '../../charts/EChart';
import { TOTAL_ID } from './total-row';
import { withParens } from '../../i18n/punctuation';

export interface TargetsChartPanelProps {
  metrics: MetricDef[];
  /** The metric chosen in the panel, or else the focused cell's; the first metric otherwise. */
  metricId: string | null;
  onMetricChange: (metricId: string) => void;
  focusRowId: string;
  totalRow: PlanRow | null;
  tree: OrgTree<TreeNodeLike> | null;
  rowsById: ReadonlyMap<string, PlanRow>;
}

export function TargetsChartPanel({ metrics, metricId, onMetricChange, focusRowId, totalRow, tree, rowsById }: TargetsChartPanelProps): ReactNode {
  const { t } = useTranslation();
  const chartMetric = metrics.find((m) => m.id === metricId) ?? metrics[0];
  const chart = useMemo(() => {
    if (!chartMetric || !totalRow || !tree) return null;
    const focused = focusRowId === TOTAL_ID ? totalRow : rowsById.get(focusRowId);
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
        title: t('targets.chartTitle', { unit: title, metric: withParens(chartMetric.name, chartMetric.unit) }),
      },
      focused.hasChildren ? undefined : focused.id,
    );
  }, [chartMetric, totalRow, tree, focusRowId, rowsById, t]);

  return (
    <Card
      size="small"
      className="pd-chart-card"
      title={t('targets.chartMetric')}
      extra={
        <Select
          size="small"
          style={{ width: 150 }}
          value={chartMetric?.id}
          onChange={onMetricChange}
          options={metrics.map((m) => ({ value: m.id, label: withParens(m.name, m.unit) }))}
          data-testid="chart-metric"
        />
      }
    >
      {chart ? <EChart option={chart} height={420} testId="targets-chart" /> : <Empty description={t('targets.chartEmpty')} />}
    </Card>
  );
}
