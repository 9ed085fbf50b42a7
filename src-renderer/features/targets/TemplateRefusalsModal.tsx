/** The bad cells of a refused 年度目标 template import: cell, column, value, reason; nothing was written. */
import { Button, Modal, Table, Typography } from 'antd';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TemplateRefusal } from '../../../src-shared/contract/channels';
import { useMetrics } from '../../api/hooks';

export interface Refused {
  fileName: string;
  items: TemplateRefusal[];
  total: number;
}

export function TemplateRefusalsModal({ refused, onClose }: { refused: Refused; onClose: () => void }): ReactNode {
  const { t } = useTranslation();
  const metrics = useMetrics().data;
  const metricName = useMemo(() => new Map((metrics ?? []).map((m) => [m.id, m.name])), [metrics]);
  // The column as the grid names it in the user's language; the file's own title where it names no known column.
  const columnName = (r: TemplateRefusal) => {
    if (r.measure === 'name') return t('targets.organisation');
    const metric = r.metricId ? metricName.get(r.metricId) : undefined;
    return metric && r.measure ? `${metric} · ${t(`measures.${r.measure}`, { defaultValue: r.measure })}` : r.header;
  };
  return (
    <Modal
      open
      title={t('targets.template.refusedTitle', { name: refused.fileName })}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t('targets.columnsClose')}</Button>}
      width={760}
    >
      <Typography.Paragraph>{t('targets.template.refusedBody', { count: refused.total })}</Typography.Paragraph>
      <Table<TemplateRefusal>
        size="small"
        rowKey={(r) => `${r.sheet}!${r.cell}:${r.reason}`}
        dataSource={refused.items}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        data-testid="template-refusals"
        columns={[
          { title: t('targets.template.col.cell'), dataIndex: 'cell', width: 70 },
          { title: t('targets.template.col.header'), key: 'header', width: 170, render: (_, r) => columnName(r) },
          { title: t('targets.template.col.value'), dataIndex: 'value', ellipsis: true, width: 140 },
          { title: t('targets.template.col.reason'), dataIndex: 'reason', render: (reason: string) => t(`targets.template.reason.${reason}`) },
        ]}
      />
    </Modal>
  );
}
