/** 变更记录: a customer's changes to rows already filled this month, field by field. */
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { Drawer, Empty, Spin, Timeline, Typography } from 'antd';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api/client';
import type { StrategyLookups } from './strategy-data';
import { withColon } from '../../i18n/punctuation';
import type { NeedKind } from '../../../src-shared/contract/channels';
import { formatMatchedProducts } from '../../../src-shared/domain/strategy';

export function HistoryDrawer({
  yearMonth,
  target,
  lookups,
  onClose,
}: {
  yearMonth: string;
  target: { customerId: string; name: string } | null;
  lookups: StrategyLookups | undefined;
  onClose: () => void;
}): ReactNode {
  const { t, i18n } = useTranslation();
  const history = useQuery({
    queryKey: ['strategy/get-history', yearMonth, target?.customerId ?? null],
    queryFn: () => invoke('strategy/get-history', { yearMonth, customerId: target!.customerId }),
    enabled: target !== null,
  });
  const describe = useMemo(
    () => (before: Record<string, unknown>, after: Record<string, unknown>) =>
      Object.keys(after)
        .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
        .map((key) => {
          const show = (value: unknown) =>
            key === 'products'
              ? // Each product with the need it was matched under: 集团专线（迫切）.
                formatMatchedProducts(
                  ((value as Array<{ productId: string; needKind: NeedKind }> | undefined) ?? []).map((p) => ({
                    name: lookups?.entryById.get(p.productId)?.name ?? p.productId,
                    needKind: p.needKind,
                  })),
                  i18n.language === 'en' ? 'en' : 'zh',
                )
              : String(value ?? '');
          return { key, label: t(`strategy.field.${key}`), before: show(before[key]), after: show(after[key]) };
        }),
    [lookups, t, i18n.language],
  );
  return (
    <Drawer open={target !== null} onClose={onClose} width={520} title={t('strategy.historyTitle', { name: target?.name ?? '', month: yearMonth })}>
      {history.isLoading ? (
        <Spin />
      ) : (history.data ?? []).length === 0 ? (
        <Empty description={t('strategy.noHistory')} />
      ) : (
        <Timeline
          items={(history.data ?? []).map((entry) => ({
            children: (
              <div data-testid="history-entry">
                <Typography.Text strong>
                  {dayjs(entry.changedAt).format('YYYY-MM-DD HH:mm')} · {t(`strategy.tab.${entry.table}`)}
                </Typography.Text>
                {describe(entry.before, entry.after).map((change) => (
                  <div key={change.key} className="pd-history-change">
                    <Typography.Text type="secondary">{withColon(change.label)}</Typography.Text>
                    <del>{change.before || '—'}</del> → <span>{change.after || '—'}</span>
                  </div>
                ))}
              </div>
            ),
          }))}
        />
      )}
    </Drawer>
  );
}
