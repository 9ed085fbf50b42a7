/**
 * 插入实时数字: a metric, a unit or person of the year, a measure and a period (年初至今, 两节期间 or a
 * month), with the value it shows now. Typing names finds it faster: "营业收入 基本目标 东湖" picks the
 * metric, measure and subject whose names the words are in (the editor opens the picker this way
 * on #).
 */
import { useQuery } from '@tanstack/react-query';
import { AutoComplete, Form, Modal, Select, Typography } from 'antd';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
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

type Period = LiveNumberAttrs['period'];

interface Named {
  value: string;
  label: string;
}

/**
 * The option the typed words name: one named exactly, else the longest name inside a word (基本目标完成率
 * before 基本目标), else the shortest name holding a word of two characters or more (营业 → 营业收入).
 */
function found<T extends Named>(words: readonly string[], options: readonly T[]): T | undefined {
  const exact = options.find((o) => words.includes(o.label));
  if (exact) return exact;
  const longestFirst = [...options].sort((a, b) => b.label.length - a.label.length);
  // The whole text too, for names with a space in them (Month 11).
  const inWord = longestFirst.find((o) => [...words, words.join(' ')].some((w) => w.includes(o.label)));
  if (inWord) return inWord;
  return longestFirst.reverse().find((o) => words.some((w) => w.length >= 2 && o.label.includes(w)));
}

export function LiveNumberPicker({ open, year, unitId, onPick, onCancel }: Props): ReactNode {
  const { t } = useTranslation();
  const metrics = useMetrics().data ?? [];
  const org = useOrgTree(year).data;
  const [metricId, setMetricId] = useState<string | undefined>();
  const [subjectId, setSubjectId] = useState(unitId);
  const [measure, setMeasure] = useState<LiveMeasure>('actual');
  const [period, setPeriod] = useState<Period>('ytd');
  const [search, setSearch] = useState('');
  useEffect(() => {
    if (open) {
      setSubjectId(unitId);
      setPeriod('ytd');
      setSearch('');
    }
  }, [open, unitId]);
  const metric = metricId ?? metrics[0]?.id;
  const attrs: LiveNumberAttrs | null = metric ? { metricId: metric, subjectId, measure, period } : null;
  const preview = useQuery({
    queryKey: ['documents/resolve', year, 'picker', attrs && `${attrs.metricId}|${attrs.subjectId}|${attrs.measure}|${attrs.period}`],
    queryFn: () => invoke('documents/resolve', { year, tokens: [attrs!] }),
    enabled: open && attrs !== null,
  });
  const subjects = useMemo(
    () => [
      ...(org?.units ?? []).map((u) => ({ value: u.id, label: u.name, name: u.name })),
      ...(org?.people ?? []).map((p) => ({ value: p.id, label: `${p.name}（${org?.units.find((u) => u.id === p.unitId)?.name ?? ''}）`, name: p.name })),
    ],
    [org],
  );
  const measures = LIVE_MEASURES.map((m) => ({ value: m, label: t(`documents.measures.${m}`) }));
  const periods: Array<{ value: Period; label: string }> = [
    { value: 'ytd', label: t('documents.periods.ytd') },
    { value: 'holiday', label: t('documents.periods.holiday') },
    ...Array.from({ length: 12 }, (_, i) => ({
      value: `${year}-${String(i + 1).padStart(2, '0')}` as Period,
      label: t('documents.periods.month', { month: i + 1 }),
    })),
  ];

  /** Each word typed picks what it names: a metric, a measure, a period, a unit or person. */
  const typeNames = (text: string) => {
    setSearch(text);
    const words = text.split(/[\s,，、·]+/).filter(Boolean);
    const m = found(
      words,
      metrics.map((x) => ({ value: x.id, label: x.name })),
    );
    if (m) setMetricId(m.value);
    // The longest measure named: 基本目标完成率 before 基本目标.
    const named = found(words, measures);
    if (named) setMeasure(named.value);
    const p = found(words, periods);
    if (p) setPeriod(p.value);
    const s = found(
      words,
      subjects.map((x) => ({ value: x.value, label: x.name })),
    );
    if (s) setSubjectId(s.value);
  };

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
        <Form.Item label={t('documents.picker.byName')} extra={t('documents.picker.byNameHint')}>
          <AutoComplete
            autoFocus
            value={search}
            onChange={typeNames}
            placeholder={t('documents.picker.byNamePlaceholder')}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && attrs) onPick(attrs);
            }}
            data-testid="picker-search"
          />
        </Form.Item>
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
          <Select value={measure} onChange={setMeasure} options={measures} data-testid="picker-measure" />
        </Form.Item>
        <Form.Item label={t('documents.picker.period')}>
          <Select value={period} onChange={setPeriod} options={periods} data-testid="picker-period" />
        </Form.Item>
        <Typography.Text>
          {t('documents.picker.preview')}：<strong data-testid="picker-preview">{preview.data?.values[0]?.text ?? '…'}</strong>
        </Typography.Text>
      </Form>
    </Modal>
  );
}
