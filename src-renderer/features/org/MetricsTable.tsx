/**
 * The metrics: name, code, unit, decimals, additive or ratio (with its numerator and denominator),
 * which direction is better, whether negatives are allowed. A metric with stored figures keeps
 * its decimals and kind and is not deleted: the backend refuses with the count, shown here.
 */
import { Button, Checkbox, Input, InputNumber, Modal, Popconfirm, Segmented, Select, Space, Table, Typography } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Metric, MetricInput } from '../../../src-shared/contract/channels';
import { useMetrics } from '../../api/hooks';
import { useMessage } from '../../toasts';
import { useMetricWrites } from './org-data';
import { useOrgErrorText } from './org-errors';
import { withParens } from '../../i18n/punctuation';

const EMPTY: MetricInput = {
  code: '',
  name: '',
  unit: '',
  precision: 0,
  kind: 'additive',
  direction: 'higher',
  allowNegative: false,
  numeratorId: null,
  denominatorId: null,
};

export function MetricsTable(): ReactNode {
  const { t } = useTranslation();
  const message = useMessage();
  const errorText = useOrgErrorText();
  const metrics = useMetrics();
  const writes = useMetricWrites();
  const [editing, setEditing] = useState<MetricInput | null>(null);
  const list = useMemo(() => (metrics.data ?? []) as Metric[], [metrics.data]);
  const nameOf = (id: string | null) => list.find((m) => m.id === id)?.name ?? '—';
  const additive = list.filter((m) => m.kind === 'additive' && m.id !== editing?.id).map((m) => ({ value: m.id, label: m.name }));

  const save = async () => {
    if (!editing) return;
    if (!editing.name.trim() || !editing.code.trim())
      return void message.warning(t('orgPage.required', { field: t(editing.name.trim() ? 'orgPage.metrics.code' : 'orgPage.metrics.name') }));
    const input = editing.kind === 'additive' ? { ...editing, numeratorId: null, denominatorId: null } : editing;
    try {
      await writes.save.mutateAsync(input);
      message.success(t('orgPage.saved', { name: editing.name }));
      setEditing(null);
    } catch (error) {
      message.error(errorText(error));
    }
  };

  const remove = async (metric: Metric) => {
    try {
      await writes.remove.mutateAsync({ id: metric.id });
      message.success(t('orgPage.metrics.deleted', { name: metric.name }));
    } catch (error) {
      message.error(errorText(error));
    }
  };

  const field = (label: string, control: ReactNode) => (
    <label className="pd-org-field">
      <span>{label}</span>
      {control}
    </label>
  );

  return (
    <div data-testid="metrics-table">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space>
          <Button type="primary" data-testid="metric-add" onClick={() => setEditing({ ...EMPTY })}>
            {t('orgPage.metrics.add')}
          </Button>
          <Typography.Text type="secondary" className="pd-hint">
            {t('orgPage.metrics.dataHint')}
          </Typography.Text>
        </Space>
        <Table<Metric>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={list}
          columns={[
            { title: t('orgPage.metrics.name'), dataIndex: 'name' },
            { title: t('orgPage.metrics.code'), dataIndex: 'code' },
            { title: t('orgPage.metrics.unit'), dataIndex: 'unit', width: 70 },
            { title: t('orgPage.metrics.precision'), dataIndex: 'precision', width: 70, align: 'right' },
            {
              title: t('orgPage.metrics.kind'),
              render: (_, m) =>
                m.kind === 'ratio'
                  ? withParens(t('orgPage.metrics.ratio'), `${nameOf(m.numeratorId)} ÷ ${nameOf(m.denominatorId)}`)
                  : t('orgPage.metrics.additive'),
            },
            { title: t('orgPage.metrics.direction'), render: (_, m) => t(`orgPage.metrics.${m.direction}`), width: 100 },
            { title: t('orgPage.metrics.allowNegative'), render: (_, m) => t(m.allowNegative ? 'orgPage.metrics.yes' : 'orgPage.metrics.no'), width: 80 },
            {
              title: '',
              width: 130,
              render: (_, m) => (
                <Space size={0}>
                  <Button size="small" type="link" data-testid={`metric-edit-${m.code}`} onClick={() => setEditing({ ...m })}>
                    {t('orgPage.metrics.edit')}
                  </Button>
                  <Popconfirm
                    title={t('orgPage.metrics.deleteConfirm', { name: m.name })}
                    onConfirm={() => void remove(m)}
                    okText={t('orgPage.ok')}
                    cancelText={t('orgPage.cancel')}
                  >
                    <Button size="small" type="link" danger data-testid={`metric-delete-${m.code}`}>
                      {t('orgPage.metrics.delete')}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </Space>
      <Modal
        open={editing !== null}
        title={editing?.id ? t('orgPage.metrics.editTitle', { name: editing.name }) : t('orgPage.metrics.addTitle')}
        onCancel={() => setEditing(null)}
        onOk={() => void save()}
        okText={t('orgPage.ok')}
        cancelText={t('orgPage.cancel')}
        okButtonProps={{ 'data-testid': 'metric-ok' } as Record<`data-${string}`, string>}
        destroyOnHidden
      >
        {editing && (
          <div className="pd-org-form">
            {field(
              t('orgPage.metrics.name'),
              <Input
                data-testid="metric-name"
                autoFocus
                value={editing.name}
                maxLength={40}
                onChange={(e) => setEditing({ ...editing, name: e.target.value })}
              />,
            )}
            {field(
              t('orgPage.metrics.code'),
              <Input data-testid="metric-code" value={editing.code} maxLength={32} onChange={(e) => setEditing({ ...editing, code: e.target.value })} />,
            )}
            {field(
              t('orgPage.metrics.unit'),
              <Input data-testid="metric-unit" value={editing.unit} maxLength={12} onChange={(e) => setEditing({ ...editing, unit: e.target.value })} />,
            )}
            {field(
              t('orgPage.metrics.precision'),
              <InputNumber
                data-testid="metric-precision"
                min={0}
                max={6}
                precision={0}
                value={editing.precision}
                onChange={(v) => setEditing({ ...editing, precision: v ?? 0 })}
              />,
            )}
            {field(
              t('orgPage.metrics.kind'),
              <Segmented
                value={editing.kind}
                onChange={(kind) => setEditing({ ...editing, kind: kind as MetricInput['kind'] })}
                options={[
                  { value: 'additive', label: t('orgPage.metrics.additive') },
                  { value: 'ratio', label: t('orgPage.metrics.ratio') },
                ]}
              />,
            )}
            {editing.kind === 'ratio' && (
              <>
                {field(
                  t('orgPage.metrics.numerator'),
                  <Select value={editing.numeratorId ?? undefined} options={additive} onChange={(id: string) => setEditing({ ...editing, numeratorId: id })} />,
                )}
                {field(
                  t('orgPage.metrics.denominator'),
                  <Select
                    value={editing.denominatorId ?? undefined}
                    options={additive}
                    onChange={(id: string) => setEditing({ ...editing, denominatorId: id })}
                  />,
                )}
              </>
            )}
            {field(
              t('orgPage.metrics.direction'),
              <Segmented
                value={editing.direction}
                onChange={(direction) => setEditing({ ...editing, direction: direction as MetricInput['direction'] })}
                options={[
                  { value: 'higher', label: t('orgPage.metrics.higher') },
                  { value: 'lower', label: t('orgPage.metrics.lower') },
                ]}
              />,
            )}
            <Checkbox checked={editing.allowNegative} onChange={(e) => setEditing({ ...editing, allowNegative: e.target.checked })}>
              {t('orgPage.metrics.allowNegative')}
            </Checkbox>
          </div>
        )}
      </Modal>
    </div>
  );
}
