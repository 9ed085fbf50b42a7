/**
 * 决策视图 (决策层): the month's three KPIs of the strategy tables across branch units — fill rate,
 * key-customer coverage, revisit rate — with where the matched products fall (customer class ×
 * product class), which products are matched, and the last six months of the three rates.
 */
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Row, Spin, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { classProductHeatOption, kpiTrendOption, productsByClassOption } from '../../../src-shared/charts/strategy-charts';
import type { StrategyKpis } from '../../../src-shared/contract/channels';
import { invoke } from '../../api/client';
import { EChart } from '../../charts/EChart';
import { useErrorText } from '../../shell/error-text';

type UnitRow = StrategyKpis['units'][number];
type KpiKey = 'fill' | 'coverage' | 'revisit';

const formatRate = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

/** The rate, its counts and the reason it has no value, for one unit or the totals. */
function kpiParts(row: StrategyKpis['totals'], kpi: KpiKey): { rate: number | null; part: number; whole: number } {
  if (kpi === 'fill') return { rate: row.fillRate, part: row.filled, whole: row.customers };
  if (kpi === 'coverage') return { rate: row.coverage, part: row.keyCovered, whole: row.keyCustomers };
  return { rate: row.revisitRate, part: row.revisited, whole: row.revisitBase };
}

const RATE_GOOD = 0.9;
const RATE_FAIR = 0.6;
const rateColour = (rate: number | null) => (rate === null ? '#bfbfbf' : rate >= RATE_GOOD ? '#237804' : rate >= RATE_FAIR ? '#d46b08' : '#cf1322');

export function DecisionView({ yearMonth }: { yearMonth: string }): ReactNode {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const kpis = useQuery({
    queryKey: ['strategy/get-kpis', yearMonth],
    queryFn: () => invoke('strategy/get-kpis', { yearMonth }),
    placeholderData: (previous) => previous,
  });
  const data = kpis.data;

  const charts = useMemo(() => {
    if (!data) return null;
    return {
      heat: classProductHeatOption(data.heat, {
        title: t('strategyViews.decision.heatTitle'),
        count: t('strategyViews.decision.matchedCount'),
      }),
      products: productsByClassOption(data.productsByClass, {
        title: t('strategyViews.decision.productsTitle'),
        count: t('strategyViews.decision.matchedCount'),
      }),
      trend: kpiTrendOption(data.trend, {
        title: t('strategyViews.decision.trendTitle'),
        fillRate: t('strategyViews.kpi.fillRate'),
        coverage: t('strategyViews.kpi.coverage'),
        revisitRate: t('strategyViews.kpi.revisitRate'),
      }),
    };
  }, [data, t]);

  const noBaseText = (kpi: KpiKey) => t(`strategyViews.decision.noBase.${kpi}`);
  const rateCell = (row: StrategyKpis['totals'], kpi: KpiKey) => {
    const { rate, part, whole } = kpiParts(row, kpi);
    return rate === null ? (
      <Tooltip title={noBaseText(kpi)}>
        <Typography.Text type="secondary">—</Typography.Text>
      </Tooltip>
    ) : (
      <span>
        <span style={{ color: rateColour(rate), fontWeight: 600 }}>{formatRate(rate)}</span>
        <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
          {t('strategyViews.ratio', { part, whole })}
        </Typography.Text>
      </span>
    );
  };

  const unitColumns: TableColumnsType<UnitRow> = [
    { key: 'name', title: t('strategyViews.decision.unit'), dataIndex: 'name', fixed: 'left', width: 130 },
    { key: 'customers', title: t('strategyViews.kpi.customers'), dataIndex: 'customers', align: 'right', width: 80 },
    { key: 'due', title: t('strategyViews.kpi.due'), dataIndex: 'due', align: 'right', width: 70 },
    {
      key: 'fill',
      title: t('strategyViews.kpi.fillRate'),
      width: 150,
      render: (_, row) => rateCell(row, 'fill'),
      sorter: (a, b) => (a.fillRate ?? -1) - (b.fillRate ?? -1),
    },
    {
      key: 'coverage',
      title: t('strategyViews.kpi.coverage'),
      width: 160,
      render: (_, row) => rateCell(row, 'coverage'),
      sorter: (a, b) => (a.coverage ?? -1) - (b.coverage ?? -1),
    },
    {
      key: 'revisit',
      title: t('strategyViews.kpi.revisitRate'),
      width: 150,
      render: (_, row) => rateCell(row, 'revisit'),
      sorter: (a, b) => (a.revisitRate ?? -1) - (b.revisitRate ?? -1),
    },
  ];

  if (kpis.error && !data) return <Empty description={t('strategyViews.loadFailed', { message: errorText(kpis.error) })} data-testid="decision-error" />;
  if (!data || !charts)
    return (
      <Spin size="large" description={t('strategyViews.loading')}>
        <div style={{ height: 200 }} />
      </Spin>
    );

  const heatEmpty = data.heat.customerClasses.length === 0 || data.heat.productClasses.length === 0;
  const productsEmpty = data.productsByClass.every((c) => c.count === 0);
  const trendEmpty = data.trend.every((m) => m.fillRate === null && m.coverage === null && m.revisitRate === null);
  const heatHeight = Math.max(260, 96 + 34 * data.heat.customerClasses.length);

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }} data-testid="decision-view">
      <Row gutter={[12, 12]}>
        {(
          [
            { kpi: 'fill', title: t('strategyViews.kpi.fillRate'), testId: 'kpi-fill-rate', hint: t('strategyViews.decision.fillHint') },
            { kpi: 'coverage', title: t('strategyViews.kpi.coverage'), testId: 'kpi-coverage', hint: t('strategyViews.decision.coverageHint') },
            { kpi: 'revisit', title: t('strategyViews.kpi.revisitRate'), testId: 'kpi-revisit', hint: t('strategyViews.decision.revisitHint') },
          ] as const
        ).map(({ kpi, title, testId, hint }) => {
          const { rate, part, whole } = kpiParts(data.totals, kpi);
          return (
            <Col key={kpi} xs={24} md={8}>
              <Card size="small" data-testid={testId}>
                <Tooltip title={hint}>
                  <Typography.Text type="secondary">{title}</Typography.Text>
                </Tooltip>
                <div style={{ fontSize: 28, fontWeight: 600, lineHeight: '40px', color: rateColour(rate) }} data-testid={`${testId}-value`}>
                  {formatRate(rate)}
                </div>
                <Typography.Text type="secondary" data-testid={`${testId}-counts`}>
                  {rate === null ? noBaseText(kpi) : t(`strategyViews.decision.counts.${kpi}`, { part, whole })}
                </Typography.Text>
              </Card>
            </Col>
          );
        })}
      </Row>
      <Card size="small" title={t('strategyViews.decision.unitsTitle', { month: data.yearMonth })}>
        <Table<UnitRow>
          size="small"
          rowKey="unitId"
          columns={unitColumns}
          dataSource={data.units}
          pagination={false}
          scroll={{ x: 740 }}
          data-testid="decision-units"
          locale={{ emptyText: t('strategyViews.noData') }}
          summary={() =>
            data.units.length > 1 ? (
              <Table.Summary.Row style={{ fontWeight: 600, background: '#fafbfc' }}>
                <Table.Summary.Cell index={0}>{t('strategyViews.total')}</Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  {data.totals.customers}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  {data.totals.due}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3}>{rateCell(data.totals, 'fill')}</Table.Summary.Cell>
                <Table.Summary.Cell index={4}>{rateCell(data.totals, 'coverage')}</Table.Summary.Cell>
                <Table.Summary.Cell index={5}>{rateCell(data.totals, 'revisit')}</Table.Summary.Cell>
              </Table.Summary.Row>
            ) : null
          }
        />
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={12}>
          <Card size="small">
            {heatEmpty ? <Empty description={t('strategyViews.noData')} /> : <EChart option={charts.heat} height={heatHeight} testId="class-product-heat" />}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small">
            {productsEmpty ? (
              <Empty description={t('strategyViews.decision.noProducts')} data-testid="products-by-class-empty" />
            ) : (
              <EChart option={charts.products} height={heatHeight} testId="products-by-class" />
            )}
          </Card>
        </Col>
        <Col span={24}>
          <Card size="small">
            {trendEmpty ? <Empty description={t('strategyViews.noData')} /> : <EChart option={charts.trend} height={280} testId="kpi-trend" />}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('strategyViews.decision.trendNote')}
            </Typography.Text>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
