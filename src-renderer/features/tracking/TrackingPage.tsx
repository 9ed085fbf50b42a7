/**
 * 进度跟踪: for any unit or person and date, the year so far against plan, with daily actual
 * entry (`ActualEntry`, with undo), the cumulative curve, the completion ranking and the daily
 * attainment calendar.
 */
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Select, Space, Spin, Statistic, TreeSelect, Typography } from 'antd';
import { Suspense, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { attainmentHeatOption, cumulativeCurveOption, rankingOption, type TrackingLabels } from '../../../src-shared/charts/tracking-charts';
import { formatDecimal } from '../../../src-shared/domain/decimal';
import { nestTree, orgTreeOf } from '../../../src-shared/domain/org-tree';
import { invoke } from '../../api/client';
import { orgTreeQuery, useMetrics } from '../../api/hooks';
import { usePlanYear } from '../../api/plan-year';
import { EChart } from '../../charts/EChart';
import { CalendarNotice } from '../breakdown';
import { ActualEntry } from './ActualEntry';
import { withParens } from '../../i18n/punctuation';
import { DayPicker } from '../../shell/DayPicker';

interface OrgOption {
  value: string;
  title: string;
  children?: OrgOption[];
}

export function TrackingPage(): ReactNode {
  const { t, i18n } = useTranslation();
  const year = usePlanYear();
  const metrics = useMetrics().data?.filter((m) => m.kind === 'additive');
  // The organisation of the year tracked (in force on its 1 January).
  const org = useQuery({ ...orgTreeQuery(year), enabled: year !== undefined }).data;
  const [metricId, setMetricId] = useState('m-revenue');
  const [subjectId, setSubjectId] = useState<string | undefined>();
  const [asOf, setAsOf] = useState<string | undefined>();

  const tree = useMemo(() => (org ? orgTreeOf(org.units, org.people) : null), [org]);
  const treeData = useMemo(
    (): OrgOption[] =>
      tree
        ? nestTree(tree, (node, children: OrgOption[]): OrgOption =>
            node.kind === 'unit'
              ? { value: node.id, title: node.name, children }
              : { value: node.id, title: withParens(node.name, t(`roles.${node.label}`, { defaultValue: node.label })) },
          )
        : [],
    [tree, t],
  );
  const subject = subjectId ?? tree?.roots[0];

  const summary = useQuery({
    queryKey: ['tracking/get-summary', year, metricId, subject, asOf],
    queryFn: () => invoke('tracking/get-summary', { year: year!, metricId, subjectId: subject!, asOf }),
    enabled: year !== undefined && subject !== undefined,
    placeholderData: (previous) => previous,
  });
  const data = summary.data;
  const metric = metrics?.find((m) => m.id === metricId);
  const amount = (scaled: number | null | undefined) =>
    scaled === null || scaled === undefined || !data ? '—' : formatDecimal(scaled / 10 ** data.precision, data.precision);
  const percent = (value: number | null | undefined) => (value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)}%`);

  const charts = useMemo(() => {
    if (!data) return null;
    const labels: TrackingLabels = {
      basic: t('measures.basic'),
      challenge: t('measures.challenge'),
      actual: t('measures.actual'),
      timeProgress: t('tracking.timeProgress'),
      curveTitle: t('tracking.curve'),
      rankingTitle: t('tracking.ranking'),
      heatTitle: t('tracking.heat'),
      language: i18n.language === 'en' ? 'en' : 'zh',
    };
    return { curve: cumulativeCurveOption(data, labels), ranking: rankingOption(data, labels), heat: attainmentHeatOption(data, labels) };
  }, [data, t, i18n.language]);

  if (!data || !metrics || !org || !charts)
    return (
      <Spin size="large" tip={t('targets.loading')}>
        <div style={{ height: 200 }} />
      </Spin>
    );
  const behind = data.basicRate !== null && data.basicRate < data.timeProgress;

  return (
    <div className="pd-page pd-scroll">
      <div className="pd-toolbar">
        <Space wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('tracking.title')}
          </Typography.Title>
          <Select
            style={{ width: 170 }}
            value={metricId}
            onChange={setMetricId}
            options={metrics.map((m) => ({ value: m.id, label: withParens(m.name, m.unit) }))}
          />
          <TreeSelect
            style={{ width: 220 }}
            value={subject}
            onChange={setSubjectId}
            treeData={treeData}
            treeDefaultExpandAll
            showSearch
            treeNodeFilterProp="title"
            data-testid="tracking-subject"
          />
          <DayPicker
            value={asOf ?? data.asOf}
            onChange={setAsOf}
            min={`${year}-01-01`}
            max={`${year}-12-31`}
            aria-label={t('tracking.asOf')}
            data-testid="tracking-as-of"
          />
        </Space>
        <ActualEntry year={year!} metric={metric} people={org.people} defaultDay={data.asOf} />
      </div>
      {/* 序时进度 and 日均需完成 count this year's working days: say when its holidays are provisional. */}
      <Suspense fallback={null}>
        <CalendarNotice year={year} />
      </Suspense>
      <Row gutter={[12, 12]} data-testid="tracking-stats">
        <Col span={4}>
          <Card size="small">
            <Statistic title={t('tracking.actualToDate', { unit: data.unit })} value={amount(data.actualToDate)} />
          </Card>
        </Col>
        <Col span={4}>
          <Card size="small">
            <Statistic title={t('tracking.basicRate')} value={percent(data.basicRate)} valueStyle={{ color: behind ? '#cf1322' : '#237804' }} />
          </Card>
        </Col>
        <Col span={4}>
          <Card size="small">
            <Statistic title={t('tracking.challengeRate')} value={percent(data.challengeRate)} />
          </Card>
        </Col>
        <Col span={4}>
          <Card size="small">
            <Statistic title={t('tracking.timeProgress')} value={percent(data.timeProgress)} />
          </Card>
        </Col>
        <Col span={4}>
          <Card size="small">
            <Statistic title={t('tracking.basicRunRate', { unit: data.unit })} value={amount(data.basicRunRate)} />
          </Card>
        </Col>
        <Col span={4}>
          <Card size="small">
            <Statistic title={t('tracking.challengeRunRate', { unit: data.unit })} value={amount(data.challengeRunRate)} />
          </Card>
        </Col>
      </Row>
      <Typography.Text type={behind ? 'danger' : 'success'} data-testid="tracking-verdict">
        {t(behind ? 'tracking.behind' : 'tracking.ahead', {
          name: data.subjectName,
          rate: percent(data.basicRate),
          progress: percent(data.timeProgress),
          days: data.remainingWorkdays,
        })}
      </Typography.Text>
      <Row gutter={[12, 12]}>
        <Col span={14}>
          <Card size="small">
            <EChart option={charts.curve} height={300} testId="tracking-curve" />
          </Card>
        </Col>
        <Col span={10}>
          <Card size="small">
            <EChart option={charts.ranking} height={300} testId="tracking-ranking" />
          </Card>
        </Col>
        <Col span={24}>
          <Card size="small">
            <EChart option={charts.heat} height={200} testId="tracking-heat" />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
