import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../src-shared/contract/channels';

/** 上年等级 × 今年建议等级: how many customers move from each tier to each. */
export function MovementMatrix({ data, tierName }: { data: ChannelOutput<'screening/get-year'>; tierName: (id: string) => string }): ReactNode {
  const { t } = useTranslation();
  const keys: Array<string | null> = [...data.tiers.map((tier) => tier.tierId), null];
  const rank = new Map(keys.map((k, i) => [k, i]));
  const count = (from: string | null, to: string | null) => data.movements.find((m) => m.fromTierId === from && m.toTierId === to)?.count ?? 0;
  const label = (id: string | null) => (id === null ? t('strategyViews.screening.matrixNone') : tierName(id));
  const colour = (from: string | null, to: string | null, n: number) => {
    if (n === 0) return { color: '#bfbfbf' };
    if (from === to) return { background: '#fafafa' };
    if (from === null) return { background: '#e6f4ff', color: '#0958d9' };
    return rank.get(to)! < rank.get(from)! ? { background: '#f6ffed', color: '#237804' } : { background: '#fff1f0', color: '#cf1322' };
  };
  const cell = { padding: '2px 8px', border: '1px solid #eef0f3', textAlign: 'center' as const, minWidth: 44 };
  return (
    <div data-testid="tier-matrix">
      <Typography.Text strong style={{ fontSize: 13 }}>
        {t('strategyViews.screening.matrix')}
      </Typography.Text>
      <table style={{ borderCollapse: 'collapse', fontSize: 12, marginTop: 4, background: '#fff' }}>
        <thead>
          <tr>
            <th style={{ ...cell, background: '#f5f7fa', fontWeight: 500, color: '#8c8c8c' }}>{t('strategyViews.screening.matrixCorner')}</th>
            {keys.map((to) => (
              <th key={to ?? 'none'} style={{ ...cell, background: '#f5f7fa', fontWeight: 600 }}>
                {label(to)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {keys.map((from) => (
            <tr key={from ?? 'none'}>
              <th style={{ ...cell, background: '#f5f7fa', fontWeight: 600, textAlign: 'left' }}>
                {from === null ? t('strategyViews.screening.matrixNew') : label(from)}
              </th>
              {keys.map((to) => {
                const n = count(from, to);
                return (
                  <td key={to ?? 'none'} style={{ ...cell, ...colour(from, to, n) }} data-testid={`tier-matrix-${from ?? 'none'}-${to ?? 'none'}`}>
                    {n}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
