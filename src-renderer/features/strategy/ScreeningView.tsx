/**
 * 大客户筛选: one row per customer with the four screening criteria, a score per indicator
 * (grouped 实力 / 能力 / 硬指标), the weighted totals and tiers the backend computes, and the
 * movement against last year's tier. Scores are typed or pasted from Excel; a paste is one save,
 * and a refused cell saves nothing. Every save here (scores, criteria, indicators, thresholds,
 * 按建议等级更新) is a step of the workspace's 'screening' edit log: Ctrl+Z / Ctrl+Y in the grid
 * and 撤销 / 重做 undo and redo it, across reloads.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { GridApi } from 'ag-grid-community';
import { Button, Empty, Input, Modal, Select, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScreeningRow, ScreeningYear } from '../../../src-shared/contract/channels';
import { invoke } from '../../api/client';
import { UndoButtons } from '../../grid/UndoButtons';
import { useEditLog } from '../../grid/useEditLog';
import { useErrorText } from '../../shell/error-text';
import { IndicatorDrawer } from './IndicatorDrawer';
import { MovementMatrix } from './MovementMatrix';
import { ScreeningGrid } from './ScreeningGrid';
import { isPending, TIER_COLORS, type RowFilter, type TierInfo } from './screening-model';
import { useApplyTiers } from './strategy-mutations';
import { useMessage } from '../../toasts';

function useScreeningYear(year: number) {
  const screening = useQuery({
    queryKey: ['screening/get-year', year],
    queryFn: () => invoke('screening/get-year', { year }),
    placeholderData: (previous) => previous,
  });
  const classes = useQuery({ queryKey: ['dictionaries/list', 'customer-class'], queryFn: () => invoke('dictionaries/list', { dictionary: 'customer-class' }) });
  const tierEntries = useQuery({ queryKey: ['dictionaries/list', 'account-tier'], queryFn: () => invoke('dictionaries/list', { dictionary: 'account-tier' }) });
  const data = screening.data;
  const classNames = useMemo(() => new Map((classes.data ?? []).map((c) => [c.id, c.name])), [classes.data]);
  /** Archived tiers still name old rows. */
  const tierInfo = useMemo((): TierInfo => {
    const info: TierInfo = new Map();
    (tierEntries.data ?? []).forEach((entry) => info.set(entry.id, { name: entry.name, rank: entry.sortOrder }));
    (data?.tiers ?? []).forEach((tier, rank) => info.set(tier.tierId, { name: tier.name, rank }));
    return info;
  }, [tierEntries.data, data?.tiers]);
  return { data, classNames, tierInfo, error: screening.error ?? classes.error ?? tierEntries.error };
}

/** 按建议等级更新: the selected rows, or else every row the filter shows, whose tier is pending. */
function useTierApply(year: number, data: ScreeningYear | undefined, tierInfo: TierInfo, apiRef: RefObject<GridApi<ScreeningRow> | null>) {
  const { t } = useTranslation();
  const message = useMessage();
  const [modal, modalHolder] = Modal.useModal();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const { mutateAsync: applyTiers } = useApplyTiers();
  const [applying, setApplying] = useState(false);
  const tierRank = useCallback(
    (id: string | null) => (id === null ? Number.POSITIVE_INFINITY : (tierInfo.get(id)?.rank ?? Number.POSITIVE_INFINITY)),
    [tierInfo],
  );

  const apply = () => {
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
            {selected.length > 0
              ? t('strategyViews.screening.applyScopeSelected', { count: selected.length })
              : t('strategyViews.screening.applyScopeFiltered', { count: scope.length })}
          </Typography.Text>
        </div>
      ),
      okText: t('strategyViews.screening.applyOk'),
      cancelText: t('strategyViews.cancel'),
      onOk: async () => {
        setApplying(true);
        try {
          const result = await applyTiers({ year, customerIds: targets.map((r) => r.customerId) });
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
  return { apply, applying, modalHolder };
}

export function ScreeningView({ year }: { year: number }): ReactNode {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const apiRef = useRef<GridApi<ScreeningRow> | null>(null);
  const [search, setSearch] = useState('');
  const [rowFilter, setRowFilter] = useState<RowFilter>('all');
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [selectedCount, setSelectedCount] = useState(0);
  const { data, classNames, tierInfo, error: loadError } = useScreeningYear(year);
  const tiers = useTierApply(year, data, tierInfo, apiRef);
  const history = useEditLog('screening');

  if (loadError && !data) return <Empty description={t('strategyViews.loadFailed', { message: errorText(loadError) })} data-testid="screening-error" />;
  if (!data)
    return (
      <Spin size="large" description={t('strategyViews.loading')}>
        <div style={{ height: 200 }} />
      </Spin>
    );

  const pendingCount = data.rows.filter(isPending).length;

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 8, flex: '1 0 auto', minHeight: 560 }} data-testid="screening-view">
      {tiers.modalHolder}
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
              options={(['all', 'pending', 'up', 'down', 'new', 'dropped', 'unscored'] as const).map((value) => ({
                value,
                label: t(`strategyViews.screening.filter.${value}`),
              }))}
            />
            <Tooltip title={t('strategyViews.screening.applyTip')}>
              <Button type="primary" loading={tiers.applying} onClick={tiers.apply} data-testid="apply-tiers">
                {selectedCount > 0 ? t('strategyViews.screening.applySelected', { count: selectedCount }) : t('strategyViews.screening.apply')}
              </Button>
            </Tooltip>
            <Button onClick={() => setDrawerOpen(true)} data-testid="open-indicators">
              {t('strategyViews.screening.indicators')}
            </Button>
            <UndoButtons history={history} />
          </Space>
          <Space wrap size={[12, 4]}>
            <Typography.Text type="secondary">{t('strategyViews.screening.thresholds')}</Typography.Text>
            {data.tiers.map((tier, rank) => (
              <Tag key={tier.tierId} color={TIER_COLORS[Math.min(rank, 4)]}>
                {t('strategyViews.screening.thresholdLine', { name: tier.name, score: tier.minScore })}
              </Tag>
            ))}
            <Typography.Text type={pendingCount > 0 ? 'warning' : 'secondary'} data-testid="screening-pending">
              {t('strategyViews.screening.pendingCount', { count: pendingCount })}
            </Typography.Text>
          </Space>
          <Typography.Text type="secondary" className="pd-hint">
            {t('strategyViews.screening.hint')}
          </Typography.Text>
        </div>
      </div>
      <ScreeningGrid
        year={year}
        data={data}
        classNames={classNames}
        tierInfo={tierInfo}
        search={search}
        rowFilter={rowFilter}
        apiRef={apiRef}
        onSelectedCount={setSelectedCount}
        onUndo={() => void history.replay('undo')}
        onRedo={() => void history.replay('redo')}
      />
      <IndicatorDrawer open={drawerOpen} onClose={() => setDrawerOpen(false)} year={year} data={data} />
    </div>
  );
}
