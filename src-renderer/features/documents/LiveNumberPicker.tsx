/** 插入实时数字: a metric, a unit or person of the year and a measure, with the value it shows now. */
import { useQuery } from '@tanstack/react-query';
import { Form, Modal, Select, Typography } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LIVE_MEASURES, type LiveMeasure, type LiveNumberAttrs } from '../../../src-shared/contract/channels';
import { invoke } from '../../api/client';
import { useMetrics, useOrgTree } from '../../api/hooks';

interface Props {
  open: boolean;
  year: number;
  unitId: string;
  onPick: (attrs: LiveNumberAttrs) => void;
  onCancel: () => void;
}

export function LiveNumberPicker({ open, year, unitId, onPick, onCancel }: Props): ReactNode {
  const { t } = useTranslation();
  const metrics = useMetrics().data ?? [];
  const org = useOrgTree(year).data;
  const [metricId, setMetricId] = useState<string | undefined>();
  const [subjectId, setSubjectId] = useState(unitId);
  const [measure, setMeasure] = useState<LiveMeasure>('actual');
  useEffect(() => {
    if (open) setSubjectId(unitId);
  }, [open, unitId]);
  const metric = metricId ?? metrics[0]?.id;
  const attrs: LiveNumberAttrs | null = metric ? { metricId: metric, subjectId, measure, period: 'ytd' } : null;
  const preview = useQuery({
    queryKey: ['documents/resolve', year, 'picker', attrs && `${attrs.metricId}|${attrs.subjectId}|${attrs.measure}`],
    queryFn: () => invoke('documents/resolve', { year, tokens: [attrs!] }),
    enabled: open && attrs !== null,
  });
  const subjects = [
    ...(org?.units ?? []).map((u) => ({ value: u.id, label: u.name })),
    ...(org?.people ?? []).map((p) => ({ value: p.id, label: `${p.name}（${org?.units.find((u) => u.id === p.unitId)?.name ?? ''}）` })),
  ];
  return (
    <Modal
      open={open}
      title={t('documents.picker.title')}
      okText={t('documents.picker.ok')}
      cancelText={t('documents.picker.cancel')}
      onCancel={onCancel}
      onOk={() => attrs && onPick(attrs)}
      okButtonProps={{ disabled: !attrs, 'data-testid': 'picker-ok' } as never}
      destroyOnHidden
    >
      <Form layout="vertical" data-testid="live-number-picker">
        <Form.Item label={t('documents.picker.metric')}>
          <Select
            value={metric}
            onChange={setMetricId}
            options={metrics.map((m) => ({ value: m.id, label: `${m.name}（${m.unit}）` }))}
            data-testid="picker-metric"
          />
        </Form.Item>
        <Form.Item label={t('documents.picker.subject')}>
          <Select showSearch optionFilterProp="label" value={subjectId} onChange={setSubjectId} options={subjects} data-testid="picker-subject" />
        </Form.Item>
        <Form.Item label={t('documents.picker.measure')}>
          <Select
            value={measure}
            onChange={setMeasure}
            options={LIVE_MEASURES.map((m) => ({ value: m, label: t(`documents.measures.${m}`) }))}
            data-testid="picker-measure"
          />
        </Form.Item>
        <Typography.Text>
          {t('documents.picker.preview')}：<strong data-testid="picker-preview">{preview.data?.values[0]?.text ?? '…'}</strong>
        </Typography.Text>
      </Form>
    </Modal>
  );
}
