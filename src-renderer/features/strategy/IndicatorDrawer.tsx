/**
 * 大客户筛选's settings: indicator names and weights by group (and new indicators), and the lowest
 * total of each tier. Each field saves when it loses focus or on Enter; a refused save puts the
 * field back.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Drawer, Input, InputNumber, Space, Tag, Typography } from 'antd';
import { useCallback, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { INDICATOR_GROUPS, type IndicatorGroup, type ScreeningIndicator, type ScreeningYear } from '../../../src-shared/contract/channels';
import { useErrorText } from '../../shell/error-text';
import { TIER_COLORS } from './screening-model';
import { useSaveIndicator, useSaveThreshold } from './strategy-mutations';
import { useMessage } from '../../toasts';

/** Indicator names and weights, and the lowest total of each tier. */
export function IndicatorDrawer({ open, onClose, year, data }: { open: boolean; onClose: () => void; year: number; data: ScreeningYear }): ReactNode {
  const { t } = useTranslation();
  const weightSum = data.indicators.reduce((sum, i) => sum + i.weight, 0);
  return (
    <Drawer open={open} onClose={onClose} size={520} title={t('strategyViews.indicators.title', { year })} destroyOnHidden>
      <div data-testid="indicators-drawer" style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
        <Alert
          type={weightSum === 100 ? 'success' : 'warning'}
          showIcon
          data-testid="weight-sum"
          title={
            weightSum === 100 ? t('strategyViews.indicators.weightSumOk', { sum: weightSum }) : t('strategyViews.indicators.weightSumBad', { sum: weightSum })
          }
        />
        {INDICATOR_GROUPS.map((group) => {
          const indicators = data.indicators.filter((i) => i.group === group).sort((a, b) => a.sortOrder - b.sortOrder);
          const groupWeight = indicators.reduce((sum, i) => sum + i.weight, 0);
          const nextSort = Math.max(0, ...data.indicators.map((i) => i.sortOrder)) + 1;
          return (
            <section key={group}>
              <Typography.Title level={5} style={{ margin: '0 0 6px' }}>
                {t('strategyViews.screening.groupHeader', { name: t(`strategyViews.screening.groups.${group}`), weight: groupWeight })}
              </Typography.Title>
              <Space orientation="vertical" style={{ width: '100%' }} size={6}>
                {indicators.map((indicator) => (
                  <IndicatorRow key={`${indicator.id}:${indicator.name}:${indicator.weight}`} indicator={indicator} />
                ))}
                <NewIndicatorRow group={group} sortOrder={nextSort} />
              </Space>
            </section>
          );
        })}
        <section>
          <Typography.Title level={5} style={{ margin: '0 0 6px' }}>
            {t('strategyViews.indicators.thresholds')}
          </Typography.Title>
          <Space orientation="vertical" size={6}>
            {data.tiers.map((tier, rank) => (
              <ThresholdRow key={`${tier.tierId}:${tier.minScore}`} tierId={tier.tierId} name={tier.name} minScore={tier.minScore} rank={rank} />
            ))}
          </Space>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 6 }}>
            {t('strategyViews.indicators.thresholdHint')}
          </Typography.Paragraph>
        </section>
      </div>
    </Drawer>
  );
}

/** Saves one setting, says so (or why not) and refetches the year; resolves whether it saved. */
function useScreeningSave() {
  const { t } = useTranslation();
  const message = useMessage();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  return useCallback(
    async (save: () => Promise<unknown>): Promise<boolean> => {
      try {
        await save();
        message.success(t('strategyViews.indicators.saved'));
        await queryClient.invalidateQueries({ queryKey: ['screening/get-year'] });
        return true;
      } catch (error) {
        message.error(errorText(error));
        return false;
      }
    },
    [message, errorText, queryClient, t],
  );
}

function IndicatorRow({ indicator }: { indicator: ScreeningIndicator }): ReactNode {
  const { t } = useTranslation();
  const save = useScreeningSave();
  const { mutateAsync: saveIndicator } = useSaveIndicator();
  const [name, setName] = useState(indicator.name);
  const [weight, setWeight] = useState<number | null>(indicator.weight);
  const commit = async () => {
    const trimmed = name.trim();
    if (trimmed === indicator.name && weight === indicator.weight) return;
    if (trimmed === '' || weight === null) {
      setName(indicator.name);
      setWeight(indicator.weight);
      return;
    }
    const ok = await save(() => saveIndicator({ id: indicator.id, group: indicator.group, name: trimmed, weight, sortOrder: indicator.sortOrder }));
    if (!ok) {
      setName(indicator.name);
      setWeight(indicator.weight);
    }
  };
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input
        value={name}
        maxLength={50}
        onChange={(e) => setName(e.target.value)}
        onBlur={() => void commit()}
        onPressEnter={() => void commit()}
        aria-label={t('strategyViews.indicators.name')}
        data-testid={`indicator-name-${indicator.id}`}
      />
      <InputNumber
        style={{ width: 120 }}
        min={0}
        max={100}
        precision={0}
        value={weight}
        onChange={setWeight}
        onBlur={() => void commit()}
        onPressEnter={() => void commit()}
        suffix="%"
        aria-label={t('strategyViews.indicators.weight')}
        data-testid={`indicator-weight-${indicator.id}`}
      />
    </Space.Compact>
  );
}

function NewIndicatorRow({ group, sortOrder }: { group: IndicatorGroup; sortOrder: number }): ReactNode {
  const { t } = useTranslation();
  const save = useScreeningSave();
  const { mutateAsync: saveIndicator } = useSaveIndicator();
  const [name, setName] = useState('');
  const [weight, setWeight] = useState<number | null>(0);
  const add = async () => {
    if (name.trim() === '' || weight === null) return;
    if (await save(() => saveIndicator({ group, name: name.trim(), weight, sortOrder }))) {
      setName('');
      setWeight(0);
    }
  };
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input
        value={name}
        maxLength={50}
        placeholder={t('strategyViews.indicators.newName')}
        onChange={(e) => setName(e.target.value)}
        onPressEnter={() => void add()}
        data-testid={`indicator-new-${group}`}
      />
      <InputNumber
        style={{ width: 120 }}
        min={0}
        max={100}
        precision={0}
        value={weight}
        onChange={setWeight}
        suffix="%"
        aria-label={t('strategyViews.indicators.weight')}
      />
      <Button onClick={() => void add()} disabled={name.trim() === ''}>
        {t('strategyViews.indicators.add')}
      </Button>
    </Space.Compact>
  );
}

function ThresholdRow({ tierId, name, minScore, rank }: { tierId: string; name: string; minScore: number; rank: number }): ReactNode {
  const { t } = useTranslation();
  const save = useScreeningSave();
  const { mutateAsync: saveThreshold } = useSaveThreshold();
  const [value, setValue] = useState<number | null>(minScore);
  const commit = async () => {
    if (value === null || value === minScore) {
      setValue(minScore);
      return;
    }
    if (!(await save(() => saveThreshold({ tierId, minScore: value })))) setValue(minScore);
  };
  return (
    <Space>
      <Tag color={TIER_COLORS[Math.min(rank, 4)]} style={{ minWidth: 48, textAlign: 'center' }}>
        {name}
      </Tag>
      <Typography.Text type="secondary">{t('strategyViews.indicators.atLeast')}</Typography.Text>
      <InputNumber
        style={{ width: 110 }}
        min={0}
        max={100}
        precision={1}
        value={value}
        onChange={setValue}
        onBlur={() => void commit()}
        onPressEnter={() => void commit()}
        aria-label={name}
        data-testid={`threshold-${tierId}`}
      />
    </Space>
  );
}
