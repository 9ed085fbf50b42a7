/**
 * 片区汇总 (管理层): an area manager's month over their team — how many tables are filled, by whom,
 * and which needs the customers of each class record.
 */
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Progress, Row, Select, Space, Spin, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { needsByClassOption } from '../../../src-shared/charts/strategy-charts';
import { NEED_KINDS, type NeedKind, type StrategySummary } from '../../../src-shared/contract/channels';
import { orgTreeOf, unitPathName } from '../../../src-shared/domain/org-tree';
import { invoke } from '../../api/client';
import { useOrgTree } from '../../api/hooks';
import { EChart } from '../../charts/EChart';
import { useErrorText } from '../../shell/error-text';
import { withParens } from '../../i18n/punctuation';

type ManagerRow = StrategySummary['managers'][number];
type ClassRow = StrategySummary['needsByClass'][number];

const ALL = '__all';

const formatRate = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

export function SummaryView({ yearMonth }: { yearMonth: string }): ReactNode {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const org = useOrgTree().data;
  const [areaManagerId, setAreaManagerId] = useState<string>(ALL);
  const scope = areaManagerId === ALL ? undefined : areaManagerId;

  const summary = useQuery({
    queryKey: ['strategy/get-summary', yearMonth, scope ?? null],
    queryFn: () => invoke('strategy/get-summary', { yearMonth, areaManagerId: scope }),
    placeholderData: (previous) => previous,
  });
  const data = summary.data;

  // 所属单位 names the branch too (东湖县分公司集团客户部), as the printed summary does: teams repeat their names across branches.
  const unitNames = useMemo(() => {
    if (!org) return new Map<string, string>();
    const tree = orgTreeOf(org.units, org.people);
    return new Map(org.units.map((u) => [u.id, unitPathName(tree, u.id)]));
  }, [org]);
  const areaManagers = useMemo(() => (org?.people ?? []).filter((p) => p.role === '片区经理').sort((a, b) => a.sortOrder - b.sortOrder), [org]);

  const needLabels = useMemo(() => Object.fromEntries(NEED_KINDS.map((kind) => [kind, t(`strategyViews.needs.${kind}`)])) as Record<NeedKind, string>, [t]);
  const chart = useMemo(
    () =>
      data
        ? needsByClassOption(data.needsByClass, {
            title: t('strategyViews.summary.needsChart'),
            needs: needLabels,
            customers: t('strategyViews.summary.customerUnit'),
          })
        : null,
    [data, needLabels, t],
  );

  const managerColumns: TableColumnsType<ManagerRow> = [
    { key: 'name', title: t('strategyViews.summary.manager'), dataIndex: 'name', fixed: 'left', width: 110 },
    { key: 'unit', title: t('strategyViews.summary.unit'), render: (_, row) => unitNames.get(row.unitId) ?? '', width: 120 },
    {
      key: 'customers',
      title: t('strategyViews.kpi.customers'),
      dataIndex: 'customers',
      align: 'right',
      width: 80,
      sorter: (a, b) => a.customers - b.customers,
    },
    { key: 'filled', title: t('strategyViews.kpi.filled'), dataIndex: 'filled', align: 'right', width: 80 },
    {
      key: 'due',
      title: t('strategyViews.kpi.due'),
      dataIndex: 'due',
      align: 'right',
      width: 80,
      sorter: (a, b) => a.due - b.due,
      render: (due: number) => <Typography.Text type={due > 0 ? 'warning' : undefined}>{due}</Typography.Text>,
    },
    {
      key: 'fillRate',
      title: t('strategyViews.kpi.fillRate'),
      width: 180,
      sorter: (a, b) => (a.fillRate ?? -1) - (b.fillRate ?? -1),
      render: (_, row) =>
        row.fillRate === null ? (
          <Typography.Text type="secondary">{t('strategyViews.noBase')}</Typography.Text>
        ) : (
          <Progress percent={Number((row.fillRate * 100).toFixed(1))} size="small" status={row.fillRate >= 1 ? 'success' : 'normal'} format={(p) => `${p}%`} />
        ),
    },
    { key: 'newCustomers', title: t('strategyViews.kpi.newCustomers'), dataIndex: 'newCustomers', align: 'right', width: 90 },
  ];

  const classColumns: TableColumnsType<ClassRow> = [
    { key: 'parent', title: t('strategyViews.summary.parentClass'), dataIndex: 'parentName', width: 80 },
    { key: 'class', title: t('strategyViews.summary.class'), dataIndex: 'className', width: 90 },
    { key: 'customers', title: t('strategyViews.kpi.customers'), dataIndex: 'customers', align: 'right', width: 80 },
    {
      key: 'explicit',
      title: t('strategyViews.summary.explicit'),
      children: (['urgent-point', 'demand-plan'] as const).map((kind) => ({
        key: kind,
        title: needLabels[kind],
        align: 'right' as const,
        width: 100,
        render: (_: unknown, row: ClassRow) => row.needs[kind] ?? 0,
      })),
    },
    {
      key: 'implicit',
      title: t('strategyViews.summary.implicit'),
      children: (['potential-plan', 'guided-need'] as const).map((kind) => ({
        key: kind,
        title: needLabels[kind],
        align: 'right' as const,
        width: 110,
        render: (_: unknown, row: ClassRow) => row.needs[kind] ?? 0,
      })),
    },
    { key: 'matched', title: t('strategyViews.summary.matchedProducts'), dataIndex: 'matchedProducts', align: 'right', width: 100 },
  ];

  if (summary.error && !data) return <Empty description={t('strategyViews.loadFailed', { message: errorText(summary.error) })} data-testid="summary-error" />;
  if (!data || !chart)
    return (
      <Spin size="large" description={t('strategyViews.loading')}>
        <div style={{ height: 200 }} />
      </Spin>
    );

  const totals = data.totals;
  const sum = (pick: (row: ClassRow) => number) => data.needsByClass.reduce((s, row) => s + pick(row), 0);

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }} data-testid="summary-view">
      <Space wrap>
        <Typography.Text>{t('strategyViews.summary.areaManager')}</Typography.Text>
        <Select
          style={{ width: 200 }}
          value={areaManagerId}
          onChange={setAreaManagerId}
          data-testid="summary-area-manager"
          options={[
            { value: ALL, label: t('strategyViews.summary.all') },
            ...areaManagers.map((p) => ({ value: p.id, label: withParens(p.name, unitNames.get(p.unitId) ?? '') })),
          ]}
        />
        <Typography.Text type="secondary">{t('strategyViews.summary.scope', { name: data.scopeName, month: data.yearMonth })}</Typography.Text>
      </Space>
      <Row gutter={[12, 12]} data-testid="summary-kpis">
        <Col flex="1 1 160px">
          <Card size="small">
            <Statistic title={t('strategyViews.kpi.customers')} value={totals.customers} data-testid="summary-customers" />
          </Card>
        </Col>
        <Col flex="1 1 160px">
          <Card size="small">
            <Statistic title={t('strategyViews.kpi.filled')} value={totals.filled} data-testid="summary-filled" />
          </Card>
        </Col>
        <Col flex="1 1 160px">
          <Card size="small">
            <Statistic
              title={t('strategyViews.kpi.due')}
              value={totals.due}
              styles={{ content: { color: totals.due > 0 ? '#d46b08' : undefined } }}
              data-testid="summary-due"
            />
          </Card>
        </Col>
        <Col flex="1 1 160px">
          <Card size="small">
            <Statistic
              title={t('strategyViews.kpi.fillRate')}
              value={formatRate(totals.fillRate)}
              suffix={
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {totals.fillRate === null ? t('strategyViews.noBase') : t('strategyViews.ratio', { part: totals.filled, whole: totals.customers })}
                </Typography.Text>
              }
              data-testid="summary-fill-rate"
            />
          </Card>
        </Col>
        <Col flex="1 1 160px">
          <Card size="small">
            <Statistic title={t('strategyViews.kpi.newCustomers')} value={totals.newCustomers} data-testid="summary-new" />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('strategyViews.summary.managersTitle')}>
        <Table<ManagerRow>
          size="small"
          rowKey="managerId"
          columns={managerColumns}
          dataSource={data.managers}
          pagination={false}
          scroll={{ x: 740 }}
          data-testid="summary-managers"
          locale={{ emptyText: t('strategyViews.noData') }}
          summary={() =>
            data.managers.length > 1 ? (
              <Table.Summary.Row style={{ fontWeight: 600, background: '#fafbfc' }}>
                <Table.Summary.Cell index={0} colSpan={2}>
                  {t('strategyViews.total')}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  {totals.customers}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">
                  {totals.filled}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">
                  {totals.due}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={5}>{formatRate(totals.fillRate)}</Table.Summary.Cell>
                <Table.Summary.Cell index={6} align="right">
                  {totals.newCustomers}
                </Table.Summary.Cell>
              </Table.Summary.Row>
            ) : null
          }
        />
      </Card>
      <Card size="small" title={t('strategyViews.summary.needsTitle')}>
        <Table<ClassRow>
          size="small"
          rowKey="classId"
          bordered
          columns={classColumns}
          dataSource={data.needsByClass}
          pagination={false}
          scroll={{ x: 660 }}
          data-testid="summary-needs"
          locale={{ emptyText: t('strategyViews.noData') }}
          summary={() =>
            data.needsByClass.length > 0 ? (
              <Table.Summary.Row style={{ fontWeight: 600, background: '#fafbfc' }}>
                <Table.Summary.Cell index={0} colSpan={2}>
                  {t('strategyViews.total')}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  {sum((r) => r.customers)}
                </Table.Summary.Cell>
                {NEED_KINDS.map((kind, i) => (
                  <Table.Summary.Cell key={kind} index={3 + i} align="right">
                    {sum((r) => r.needs[kind] ?? 0)}
                  </Table.Summary.Cell>
                ))}
                <Table.Summary.Cell index={7} align="right">
                  {sum((r) => r.matchedProducts)}
                </Table.Summary.Cell>
              </Table.Summary.Row>
            ) : null
          }
        />
      </Card>
      {data.needsByClass.length > 0 && (
        <Card size="small">
          <EChart option={chart} height={300} testId="summary-needs-chart" />
        </Card>
      )}
    </div>
  );
}
