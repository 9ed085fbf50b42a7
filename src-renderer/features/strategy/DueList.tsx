/** 待填客户: who is still due this month and why, with a button that opens the customer's row. */
import { Button, Table, Tag } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useDueCustomers, type StrategyLookups } from './strategy-data';

export function DueList({
  yearMonth,
  managerId,
  lookups,
  onOpen,
}: {
  yearMonth: string;
  managerId: string | undefined;
  lookups: StrategyLookups;
  onOpen: (customerId: string) => void;
}): ReactNode {
  const { t } = useTranslation();
  const due = useDueCustomers(yearMonth, managerId);
  return (
    <Table
      size="small"
      rowKey="customerId"
      loading={due.isLoading}
      dataSource={due.data ?? []}
      pagination={false}
      data-testid="due-list"
      locale={{ emptyText: t('strategy.nothingDue') }}
      columns={[
        { title: t('strategy.col.customer'), dataIndex: 'name' },
        { title: t('strategy.col.minor'), render: (_, row) => lookups.entryById.get(lookups.customerById.get(row.customerId)?.classId ?? '')?.name ?? '' },
        { title: t('strategy.col.manager'), render: (_, row) => lookups.personById.get(row.managerId)?.name ?? '' },
        { title: t('strategy.col.status'), dataIndex: 'status', render: (status: string) => t(`strategy.status.${status}`) },
        {
          title: t('strategy.col.reasons'),
          dataIndex: 'reasons',
          render: (reasons: string[]) =>
            reasons.map((r) => (
              <Tag key={r} color={r === 'new' ? 'blue' : r === 'missing' ? 'red' : 'gold'}>
                {t(`strategy.due.${r}`)}
              </Tag>
            )),
        },
        {
          title: '',
          render: (_, row) => (
            <Button size="small" type="link" onClick={() => onOpen(row.customerId)} data-testid={`fill-${row.customerId}`}>
              {t('strategy.fill')}
            </Button>
          ),
        },
      ]}
    />
  );
}
