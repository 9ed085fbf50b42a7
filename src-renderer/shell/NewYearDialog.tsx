/**
 * 新建年度计划: starts fromYear + 1 from fromYear (plan/start-year). Targets empty or from growth
 * rates; the call is one transaction, which for 500 people takes a few seconds: the dialog shows it
 * working, with the seconds elapsed, until the answer comes.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, InputNumber, Modal, Progress, Radio, Space, Typography } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AppError } from '../../src-shared/contract/errors';
import { invoke } from '../api/client';
import { choosePlanYear } from '../api/plan-year';
import { useMessage } from '../toasts';
import { useErrorText } from './error-text';

const REFUSALS = ['year-exists', 'year-out-of-range', 'year-unknown'];

export function NewYearDialog({ fromYear, fileName, onClose }: { fromYear: number; fileName: string; onClose: () => void }): ReactNode {
  const { t } = useTranslation();
  const message = useMessage();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const toYear = fromYear + 1;
  const [mode, setMode] = useState<'empty' | 'growth'>('growth');
  const [basic, setBasic] = useState<number | null>(8);
  const [challenge, setChallenge] = useState<number | null>(15);
  const [elapsed, setElapsed] = useState(0);
  const start = useMutation({
    mutationKey: ['plan/start-year'],
    mutationFn: () =>
      invoke('plan/start-year', {
        fromYear,
        growth: mode === 'growth' ? { basic: (basic ?? 0) / 100, challenge: challenge === null ? null : challenge / 100 } : null,
      }),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries();
      choosePlanYear(fileName, result.year);
      message.success(t('newYear.done', { year: result.year, lastYear: result.lastYearCells, targets: result.targets }));
      onClose();
    },
  });
  useEffect(() => {
    if (!start.isPending) return;
    setElapsed(0);
    const timer = window.setInterval(() => setElapsed((s) => s + 1), 1000);
    return () => window.clearInterval(timer);
  }, [start.isPending]);

  const error = start.error;
  const reason = error instanceof AppError ? (error.details as { reason?: string } | undefined)?.reason : undefined;
  const errorMessage = error
    ? reason && REFUSALS.includes(reason)
      ? t(`newYear.${reason}`, { year: reason === 'year-unknown' ? fromYear : toYear })
      : errorText(error)
    : null;

  return (
    <Modal
      open
      title={t('newYear.title', { year: toYear })}
      okText={t('newYear.ok', { year: toYear })}
      cancelText={t('newYear.cancel')}
      onOk={() => start.mutate()}
      onCancel={() => !start.isPending && onClose()}
      confirmLoading={start.isPending}
      maskClosable={false}
      destroyOnHidden
    >
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <Typography.Paragraph style={{ margin: 0 }}>{t('newYear.intro', { from: fromYear, to: toYear })}</Typography.Paragraph>
        <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as 'empty' | 'growth')} data-testid="new-year-mode">
          <Radio value="growth">{t('newYear.fromGrowth')}</Radio>
          <Radio value="empty">{t('newYear.empty')}</Radio>
        </Radio.Group>
        {mode === 'growth' && (
          <div className="pd-new-year-rates">
            <span>{t('newYear.basicRate')}</span>
            <InputNumber data-testid="growth-basic" value={basic} onChange={setBasic} min={-99} max={1000} step={1} addonAfter="%" style={{ width: 130 }} />
            <span>{t('newYear.challengeRate')}</span>
            <InputNumber
              data-testid="growth-challenge"
              value={challenge}
              onChange={setChallenge}
              min={-99}
              max={1000}
              step={1}
              addonAfter="%"
              placeholder={t('newYear.sameAsBasic')}
              style={{ width: 130 }}
            />
          </div>
        )}
        {mode === 'growth' && <Typography.Text type="secondary">{t('newYear.growthNote')}</Typography.Text>}
        {start.isPending && (
          <div role="status">
            <Progress percent={100} status="active" showInfo={false} />
            <Typography.Text type="secondary">{t('newYear.working', { seconds: elapsed })}</Typography.Text>
          </div>
        )}
        {errorMessage && <Alert type="error" showIcon message={errorMessage} data-testid="new-year-error" />}
      </Space>
    </Modal>
  );
}
