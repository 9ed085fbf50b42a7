/**
 * An XLSX import refused: every bad cell of the file (sheet, cell, column, value, problem); nothing
 * was written. Shared by every page that imports (营销策略表, 两节供应计划); the reasons are the
 * contract's IMPORT_REFUSALS, translated once in the shared messages (`imports.refusal`).
 */
import { Button, Modal, Table, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportRefusal } from '../../src-shared/contract/channels';
import { AppError } from '../../src-shared/contract/errors';

export interface ImportRefusals {
  fileName: string;
  items: ImportRefusal[];
  total: number;
}

/** The refusals of a failed import, or null when the error is not a refused file. */
export function importRefusalsOf(error: unknown, fileName: string): ImportRefusals | null {
  if (!(error instanceof AppError) || error.code !== 'INVALID_CELLS') return null;
  const details = error.details as { refusals?: ImportRefusal[]; total?: number };
  return details.refusals ? { fileName, items: details.refusals, total: details.total ?? details.refusals.length } : null;
}

export function ImportRefusalsModal({ refusals, onClose }: { refusals: ImportRefusals | null; onClose: () => void }): ReactNode {
  const { t } = useTranslation();
  // A file of several sheets (a store each) names the sheet too.
  const sheets = new Set(refusals?.items.map((r) => r.sheet) ?? []);
  return (
    <Modal
      open={refusals !== null}
      title={t('imports.refusedTitle', { name: refusals?.fileName ?? '' })}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t('imports.close')}</Button>}
      width={820}
    >
      <Typography.Paragraph>{t('imports.refusedBody', { count: refusals?.total ?? 0 })}</Typography.Paragraph>
      <Table<ImportRefusal>
        size="small"
        rowKey={(r) => `${r.sheet}!${r.cell}:${r.reason}`}
        dataSource={refusals?.items ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        data-testid="import-refusals"
        columns={[
          ...(sheets.size > 1 ? [{ title: t('imports.col.sheet'), dataIndex: 'sheet', width: 110 }] : []),
          { title: t('imports.col.cell'), dataIndex: 'cell', width: 70 },
          { title: t('imports.col.header'), dataIndex: 'header', width: 130 },
          { title: t('imports.col.value'), dataIndex: 'value', ellipsis: true },
          { title: t('imports.col.reason'), dataIndex: 'reason', render: (reason: string) => t(`imports.refusal.${reason}`) },
        ]}
      />
    </Modal>
  );
}
