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
  onOpen: (customerId: string, table: 'demand' | 'habit') => void;
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
          // Each table still open, as a button that opens the customer's row in it.
          title: t('strategy.col.openTables'),
          render: (_, row) =>
            row.openTables.map((table) => (
              <Button
                key={table}
                size="small"
                type="link"
                onClick={() => onOpen(row.customerId, table)}
                data-testid={table === row.openTables[0] ? `fill-${row.customerId}` : `fill-${table}-${row.customerId}`}
              >
                {t('strategy.fillTable', { table: t(`strategy.tab.${table}`) })}
              </Button>
            )),
        },
      ]}
    />
  );
}
