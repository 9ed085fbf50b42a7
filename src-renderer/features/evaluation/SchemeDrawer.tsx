/**
 * 计分规则: the year's weights and each item's rule parameters (monthly target and score cap of an
 * attainment item, points off per unit of a deduction) and the metric 原计划销售指标 and 实际完成销量
 * read. Typed in points, units and percent; kept in tenths. Saved only when the weights add up to
 * 100; the backend checks the rest and says which item is wrong.
 */
import { Alert, Button, Drawer, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ItemRuleInput } from '../../../src-shared/contract/channels';
import { ITEM_BY_KEY } from '../../../src-shared/domain/evaluation';
import { useMetrics } from '../../api/hooks';
import { useMessage } from '../../toasts';
import { useEvaluationErrorText, useEvaluationScheme, useSaveEvaluationScheme } from './evaluation-data';

type Field = 'weight' | 'target' | 'cap' | 'perUnit';

export function SchemeDrawer({ open, year, onClose }: { open: boolean; year: number; onClose: () => void }): ReactNode {
  const { t, i18n } = useTranslation();
  const message = useMessage();
  const errorText = useEvaluationErrorText();
  const scheme = useEvaluationScheme(open ? year : undefined);
  const metrics = (useMetrics().data ?? []).filter((m) => m.kind === 'additive');
  const save = useSaveEvaluationScheme();
  const [items, setItems] = useState<ItemRuleInput[] | null>(null);
  const [metricId, setMetricId] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);

  // Each opening starts from the stored scheme.
  useEffect(() => {
    if (open && scheme.data) {
      setItems(scheme.data.items.map((i) => ({ ...i })));
      setMetricId(scheme.data.metricId);
      setError(null);
    }
  }, [open, scheme.data]);

  const sum = (items ?? []).reduce((a, i) => a + i.weight, 0) / 10;
  const set = (key: string, field: Field, value: number | null) =>
    setItems((current) => current?.map((i) => (i.key === key ? { ...i, [field]: value === null ? null : Math.round(value * 10) } : i)) ?? null);

  const submit = async () => {
    if (!items || !metricId) return;
    setError(null);
    try {
      await save.mutateAsync({ year, metricId, items });
      message.success(t('evaluation.scheme.saved'));
      onClose();
    } catch (e) {
      setError(errorText(e));
    }
  };

  const input = (row: ItemRuleInput, field: Field, shown: boolean, props: { min?: number; max?: number; step?: number } = {}) =>
    shown ? (
      <InputNumber
        size="small"
        style={{ width: 84 }}
        value={row[field] === null ? null : row[field] / 10}
        onChange={(value) => set(row.key, field, typeof value === 'number' ? value : null)}
        data-testid={`scheme-${field}-${row.key}`}
        {...props}
      />
    ) : (
      <Typography.Text type="secondary">—</Typography.Text>
    );

  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={860}
      title={t('evaluation.scheme.title', { year })}
      extra={
        <Space>
          <Tag color={sum === 100 ? 'green' : 'red'} data-testid="scheme-sum">
            {t('evaluation.scheme.sum', { sum })}
          </Tag>
          <Button onClick={onClose}>{t('evaluation.scheme.cancel')}</Button>
          <Button type="primary" disabled={sum !== 100 || !items} loading={save.isPending} onClick={() => void submit()} data-testid="scheme-save">
            {t('evaluation.scheme.save')}
          </Button>
        </Space>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space>
          <Typography.Text>{t('evaluation.scheme.metric')}</Typography.Text>
          <Select
            size="small"
            style={{ width: 200 }}
            value={metricId}
            onChange={setMetricId}
            options={metrics.map((m) => ({ value: m.id, label: `${m.name}（${m.unit}）` }))}
            data-testid="scheme-metric"
          />
          {scheme.data && !scheme.data.saved && <Tag>{t('evaluation.scheme.unsaved')}</Tag>}
        </Space>
        {sum !== 100 && <Alert type="warning" showIcon message={t('evaluation.scheme.sumMustBe100', { sum })} />}
        {error && <Alert type="error" showIcon message={error} data-testid="scheme-error" />}
        <Table<ItemRuleInput>
          size="small"
          pagination={false}
          rowKey="key"
          dataSource={items ?? []}
          loading={!items}
          columns={[
            {
              key: 'item',
              title: t('evaluation.scheme.item'),
              render: (_, row, index) => `${index + 1}. ${i18n.language === 'en' ? ITEM_BY_KEY.get(row.key)!.en : ITEM_BY_KEY.get(row.key)!.zh}`,
            },
            { key: 'rule', title: t('evaluation.scheme.rule'), render: (_, row) => t(`evaluation.scheme.ruleName.${ITEM_BY_KEY.get(row.key)!.rule}`) },
            {
              key: 'weight',
              title: t('evaluation.scheme.weight'),
              render: (_, row) => input(row, 'weight', ITEM_BY_KEY.get(row.key)!.rule !== 'reference', { min: 0, max: 100, step: 1 }),
            },
            {
              key: 'target',
              title: t('evaluation.scheme.target'),
              render: (_, row) => {
                const item = ITEM_BY_KEY.get(row.key)!;
                if (row.key === 'salesActual') return <Typography.Text type="secondary">{t('evaluation.scheme.targetFromPlan')}</Typography.Text>;
                return (
                  <Space size={4}>
                    {input(row, 'target', item.rule === 'attainment', { min: 0, step: item.valueKind === 'count' ? 1 : 0.1 })}
                    {item.rule === 'attainment' && <Typography.Text type="secondary">{item.unit}</Typography.Text>}
                  </Space>
                );
              },
            },
            {
              key: 'cap',
              title: t('evaluation.scheme.cap'),
              render: (_, row) => input(row, 'cap', ITEM_BY_KEY.get(row.key)!.rule === 'attainment', { min: 100, max: 200, step: 5 }),
            },
            {
              key: 'perUnit',
              title: t('evaluation.scheme.perUnit'),
              render: (_, row) => input(row, 'perUnit', ITEM_BY_KEY.get(row.key)!.rule === 'deduction', { min: 0, step: 0.5 }),
            },
          ]}
        />
      </Space>
    </Drawer>
  );
}
