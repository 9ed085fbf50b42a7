/** A monthly table row's state (已复核 / 待复核 / 未填), its 确认无变化 and 变更记录 buttons. */
import { Button, Space, Tag, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { BaseRow } from './month-rows';

export function StateCell<R extends BaseRow>({
  row,
  saving,
  empty,
  onReview,
  onHistory,
}: {
  row: R;
  saving: boolean;
  /** Nothing filled in: 确认无变化 would confirm nothing, so it is not offered. */
  empty: boolean;
  onReview: () => void;
  onHistory: () => void;
}): ReactNode {
  const { t } = useTranslation();
  const color = row.state === 'reviewed' ? 'green' : row.state === 'not-reviewed' ? 'gold' : 'red';
  return (
    <Space size={4}>
      <Tag color={color} data-testid={`state-${row.customerId}`}>
        {t(`strategy.state.${row.state}`)}
      </Tag>
      {row.state === 'not-reviewed' && !empty && (
        <Tooltip title={t('strategy.reviewHint')}>
          <Button size="small" type="link" loading={saving} onClick={onReview} data-testid={`review-${row.customerId}`}>
            {t('strategy.review')}
          </Button>
        </Tooltip>
      )}
      {row.state !== 'missing' && (
        <Button size="small" type="link" onClick={onHistory}>
          {t('strategy.history')}
        </Button>
      )}
    </Space>
  );
}
