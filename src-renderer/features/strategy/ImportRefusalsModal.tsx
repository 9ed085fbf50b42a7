/** An import refused: every bad cell of the file (cell, column, value, problem); nothing was written. */
import { Button, Modal, Table, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportRefusal } from '../../../src-shared/contract/channels';

export interface ImportRefusals {
  fileName: string;
  items: ImportRefusal[];
  total: number;
}

export function ImportRefusalsModal({ refusals, onClose }: { refusals: ImportRefusals | null; onClose: () => void }): ReactNode {
  const { t } = useTranslation();
  return (
    <Modal
      open={refusals !== null}
      title={t('strategy.importRefusedTitle', { name: refusals?.fileName ?? '' })}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t('strategy.close')}</Button>}
      width={760}
    >
      <Typography.Paragraph>{t('strategy.importRefusedBody', { count: refusals?.total ?? 0 })}</Typography.Paragraph>
      <Table<ImportRefusal>
        size="small"
        rowKey={(r) => `${r.sheet}!${r.cell}:${r.reason}`}
        dataSource={refusals?.items ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        data-testid="import-refusals"
        columns={[
          { title: t('strategy.refusalCol.cell'), dataIndex: 'cell', width: 70 },
          { title: t('strategy.refusalCol.header'), dataIndex: 'header', width: 130 },
          { title: t('strategy.refusalCol.value'), dataIndex: 'value', ellipsis: true },
          { title: t('strategy.refusalCol.reason'), dataIndex: 'reason', render: (reason: string) => t(`strategy.importRefusal.${reason}`) },
        ]}
      />
    </Modal>
  );
}
