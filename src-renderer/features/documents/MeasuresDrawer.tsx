/** 措施清单: every measure of every unit's work plan of the year, by owner, the overdue ones marked. */
import { useQuery } from '@tanstack/react-query';
import { Checkbox, Drawer, Select, Space, Table, Tag } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../src-shared/contract/channels';
import { invoke } from '../../api/client';

type Row = ChannelOutput<'documents/list-measures'>['measures'][number] & { key: string };

export function MeasuresDrawer({ open, year, onClose }: { open: boolean; year: number; onClose: () => void }): ReactNode {
  const { t } = useTranslation();
  const [owner, setOwner] = useState<string | undefined>();
  const [overdue, setOverdue] = useState(false);
  const all = useQuery({ queryKey: ['documents/list-measures', year], queryFn: () => invoke('documents/list-measures', { year }), enabled: open });
  const owners = [...new Set((all.data?.measures ?? []).map((m) => m.owner).filter((o): o is string => !!o))].sort((a, b) => a.localeCompare(b, 'zh-CN'));
  // Keyed by place in the list: two measures of one section may both be "1." under different （一）（二）.
  const rows = (all.data?.measures ?? [])
    .map((m, i) => ({ ...m, key: `${m.documentId}|${i}` }))
    .filter((m) => (!owner || m.owner === owner) && (!overdue || m.overdue));
  return (
    <Drawer open={open} onClose={onClose} width={980} title={t('documents.measureList.title')} data-testid="measures-drawer">
      <Space style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('documents.measureList.allOwners')}
          value={owner}
          onChange={setOwner}
          options={owners.map((o) => ({ value: o, label: o }))}
          style={{ width: 160 }}
          data-testid="measures-owner"
        />
        <Checkbox checked={overdue} onChange={(e) => setOverdue(e.target.checked)} data-testid="measures-overdue">
          {t('documents.measureList.overdue')}
        </Checkbox>
      </Space>
      <Table<Row>
        size="small"
        loading={all.isLoading}
        rowKey="key"
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('documents.measureList.empty') }}
        data-testid="measures-table"
        columns={[
          { title: t('documents.measureList.col.unit'), dataIndex: 'unitName', width: 120 },
          { title: t('documents.measureList.col.section'), dataIndex: 'section', width: 160, ellipsis: true },
          { title: t('documents.measureList.col.label'), dataIndex: 'label', width: 56 },
          { title: t('documents.measureList.col.text'), dataIndex: 'text' },
          { title: t('documents.measureList.col.owner'), dataIndex: 'owner', width: 90 },
          {
            title: t('documents.measureList.col.deadline'),
            dataIndex: 'deadline',
            width: 130,
            render: (deadline: string | null, m) => (
              <Space size={4}>
                {deadline}
                {m.overdue && <Tag color="red">{t('documents.measureList.overdueTag')}</Tag>}
              </Space>
            ),
          },
          { title: t('documents.measureList.col.status'), dataIndex: 'status', width: 80, render: (s: Row['status']) => t(`documents.measure.status.${s}`) },
        ]}
      />
    </Drawer>
  );
}
