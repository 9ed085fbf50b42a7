/**
 * 年度目标: the organisation × metrics grid with its roll-ups and pinned total, and the chart of
 * the focused unit's parts (TargetsChartPanel). Edits, refusals and undo are `useTargetEdits`.
 */
import { Empty } from 'antd';
import { LoadingMark, ToolButton } from '../../shell/ToolButton';
import { Component, lazy, Suspense, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { buildOrgTree, orgTreeNodes, splitOffTotalRoot, underTotalRoot } from '../../../src-shared/domain/org-tree';
import { buildPlanRows, cellKey, type MetricDef, type PlanRow } from '../../../src-shared/domain/targets';
import { useQuery } from '@tanstack/react-query';
import { orgTreeQuery, useMetrics, useSaveCells, useTargetCells, useWorkspaceInfo } from '../../api/hooks';
import { usePlanYear } from '../../api/plan-year';
import { useTreeExpansion } from '../../grid/useTreeExpansion';
import { UndoButtons } from '../../grid/UndoButtons';
import { useEditLog } from '../../grid/useEditLog';
import { TargetsGrid } from './TargetsGrid';
import { useInconsistentTargets } from './inconsistent-targets';
import { useErrorText } from '../../shell/error-text';
import { useTargetEdits } from './useTargetEdits';

import { antdStylesheetLoaded } from '../../antd-stylesheet';
import { TOTAL_ID } from './total-row';
import { ColumnChooser } from './ColumnChooser';
import { TemplateButtons } from './TemplateButtons';
import { useTargetsLayout } from './targets-layout';

// The chart panel (antd Card and Select, the chart wrapper) is its own chunk, loaded once the grid
// is drawn; it needs antd's full stylesheet (index.html carries the first screen's antd styles
// only). The chart itself then waits for ECharts, which loads when the browser is next idle.
const chartPlaceholder = <div className="pd-chart-card pd-chart-placeholder" />;
const loadChartPanel = () => Promise.all([import('./TargetsChartPanel'), antdStylesheetLoaded()]).then(([m]) => ({ default: m.TargetsChartPanel }));
/**
 * A chart panel that cannot load (its chunk or antd's stylesheet gone after a rebuild) leaves its
 * place empty rather than failing the grid's page; the next visit to the page tries again.
 */
class ChartBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  render(): ReactNode {
    return this.state.failed ? chartPlaceholder : this.props.children;
  }
}

export function TargetsPage(): ReactNode {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const info = useWorkspaceInfo();
  const year = usePlanYear();
  // The organisation of the year shown (in force on its 1 January): a move dated next year leaves this year's rows.
  const org = useQuery({ ...orgTreeQuery(year), enabled: year !== undefined });
  const retiredFrom = useMemo(
    () => new Map([...(org.data?.people ?? []), ...(org.data?.units ?? [])].flatMap((n) => (n.retiredFrom ? [[n.id, n.retiredFrom] as const] : []))),
    [org.data],
  );
  const metricsQuery = useMetrics();
  const cellsQuery = useTargetCells(year);
  const metrics = metricsQuery.data as MetricDef[] | undefined;
  const save = useSaveCells(year, metrics);
  // The column chooser's choice and the chart's fold, remembered per workspace file.
  const [layout, setLayout] = useTargetsLayout(info.data?.fileName);

  const [focus, setFocus] = useState<{ rowId: string; metricId: string | null }>({ rowId: TOTAL_ID, metricId: null });
  const [chartMetricId, setChartMetricId] = useState<string | null>(null);
  // The chart panel's code is fetched once the grid has been painted, so the two do not compete.
  const [gridPainted, setGridPainted] = useState(false);
  // Made per visit: React.lazy keeps a failed load for good.
  const TargetsChartPanel = useMemo(() => lazy(loadChartPanel), []);
  const hasData = cellsQuery.data !== undefined;
  useEffect(() => {
    // A grid with no rows never reports its first rows: counted from when the data is there.
    if (!hasData) return;
    const fallback = setTimeout(() => setGridPainted(true), 1500);
    return () => clearTimeout(fallback);
  }, [hasData]);

  const { rows, totalRow, tree } = useMemo(() => {
    if (!org.data || !metrics || !cellsQuery.data) return { rows: [] as PlanRow[], totalRow: null, tree: null };
    // A virtual root over the top units gives the pinned total row from the same roll-up code.
    const nodes = underTotalRoot({ id: TOTAL_ID, kind: 'unit', name: '', label: 'company' }, orgTreeNodes(org.data.units, org.data.people));
    const { total, rest } = splitOffTotalRoot(TOTAL_ID, buildPlanRows(nodes, metrics, cellsQuery.data.cells, cellsQuery.data.yoy));
    return { totalRow: total ?? null, rows: rest, tree: buildOrgTree(nodes) };
  }, [org.data, metrics, cellsQuery.data]);

  const { visibleRows, toggle: onToggle, expandAll, collapseAll } = useTreeExpansion(rows);
  const inconsistent = useInconsistentTargets({ rows, totalRow, metrics, visibleRows, expandAll });
  const rowsById = useMemo(() => new Map(rows.map((r) => [r.id, r])), [rows]);
  const cellValues = useMemo(
    () => new Map((cellsQuery.data?.cells ?? []).map((c) => [cellKey(c.metricId, c.subjectId, c.measure), c.value])),
    [cellsQuery.data],
  );

  const edits = useTargetEdits(save.mutateAsync, cellValues);
  // Undo is the workspace's edit log: it survives a reload and covers saves made on other screens' behalf.
  const history = useEditLog('targets');

  const loadError = info.error ?? org.error ?? metricsQuery.error ?? cellsQuery.error;
  if (loadError) {
    return <Empty description={t('targets.loadFailed', { message: errorText(loadError) })} />;
  }
  if (!metrics || !org.data || !cellsQuery.data || !info.data) {
    return <LoadingMark text={t('targets.loading')} />;
  }

  return (
    <div className="pd-page">
      <div className="pd-toolbar">
        <h4 className="pd-page-title">
          {t('targets.title', { year })} · {info.data.organisationName}
        </h4>
        <div className="pd-toolbar-actions">
          {inconsistent.count > 0 && (
            <ToolButton
              tone="danger"
              data-testid="targets-inconsistent"
              title={t('targets.inconsistentHint', { count: inconsistent.count })}
              onClick={() => {
                // The cell to show is a 挑战目标: bring its column back if the chooser hid it.
                if (layout.hiddenMetrics.length > 0 || layout.hiddenColumns.includes('challenge')) {
                  setLayout({ hiddenMetrics: [], hiddenColumns: layout.hiddenColumns.filter((k) => k !== 'challenge') });
                }
                inconsistent.jump();
              }}
            >
              {t('targets.inconsistentCount', { count: inconsistent.count })}
            </ToolButton>
          )}
          <ToolButton onClick={expandAll}>{t('targets.expandAll')}</ToolButton>
          <ToolButton onClick={collapseAll}>{t('targets.collapseAll')}</ToolButton>
          <ColumnChooser metrics={metrics} hiddenMetrics={layout.hiddenMetrics} hiddenColumns={layout.hiddenColumns} onChange={setLayout} />
          <ToolButton
            aria-expanded={!layout.chartFolded}
            title={t(layout.chartFolded ? 'targets.chartShowHint' : 'targets.chartFoldHint')}
            onClick={() => setLayout({ chartFolded: !layout.chartFolded })}
            data-testid="chart-toggle"
          >
            {t(layout.chartFolded ? 'targets.chartShow' : 'targets.chartFold')}
          </ToolButton>
          <TemplateButtons year={year ?? info.data.planYear} />
          <ToolButton onClick={() => (window.location.hash = '/reports')}>{t('reports.printPreview')}</ToolButton>
          <UndoButtons history={history} />
        </div>
      </div>
      <span className="pd-hint pd-text-secondary">{t('targets.hint')}</span>
      <div className="pd-workarea">
        <TargetsGrid
          retiredFrom={retiredFrom}
          rows={visibleRows}
          totalRow={totalRow && { ...totalRow, expanded: true }}
          metrics={metrics}
          yoy={cellsQuery.data.yoy}
          onToggle={onToggle}
          onEdits={(cells, source, skipped) => void edits.onEdits(cells, source, skipped)}
          onUndo={() => void history.replay('undo')}
          onRedo={() => void history.replay('redo')}
          onFocusRow={(rowId, metricId) => setFocus((f) => ({ rowId, metricId: metricId ?? f.metricId }))}
          cellError={edits.cellError}
          onDismissError={edits.dismissError}
          onRefused={edits.onRefused}
          onFirstPaint={() => setGridPainted(true)}
          focusCell={inconsistent.focusCell}
          hiddenMetrics={layout.hiddenMetrics}
          hiddenColumns={layout.hiddenColumns}
        />
        {layout.chartFolded ? null : gridPainted ? (
          <ChartBoundary>
            <Suspense fallback={chartPlaceholder}>
              <TargetsChartPanel
                metrics={metrics}
                metricId={chartMetricId ?? focus.metricId}
                onMetricChange={setChartMetricId}
                focusRowId={focus.rowId}
                totalRow={totalRow}
                tree={tree}
                rowsById={rowsById}
              />
            </Suspense>
          </ChartBoundary>
        ) : (
          chartPlaceholder
        )}
      </div>
    </div>
  );
}
