/**
 * 导出模板 / 导入模板 of 年度目标: the year's targets as an editable XLSX template and its import
 * back (targets/export-template, targets/import-template). A refused import lists every bad cell
 * (cell, column, value, reason) in a dialog; nothing was written.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TemplateRefusal } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import { invoke } from '../../api/client';
import { useErrorText } from '../../shell/error-text';
import { downloadBase64, fileToBase64 } from '../../shell/files';
import { ToolButton } from '../../shell/ToolButton';
import { useMessage } from '../../toasts';

import type { Refused } from './TemplateRefusalsModal';

// The refusal list is antd's Modal and Table: loaded when a file is refused, so the start page's
// first screen does not wait for them (docs/ARCHITECTURE.md, "The first screen").
const TemplateRefusalsModal = lazy(() => import('./TemplateRefusalsModal').then((m) => ({ default: m.TemplateRefusalsModal })));

export function TemplateButtons({ year }: { year: number }): ReactNode {
  const { t } = useTranslation();
  const message = useMessage();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState<'export' | 'import' | null>(null);
  const [refused, setRefused] = useState<Refused | null>(null);
  const importTemplate = useMutation({
    mutationKey: ['targets/import-template'],
    mutationFn: (base64: string) => invoke('targets/import-template', { year, base64 }),
    onSuccess: () => void queryClient.invalidateQueries(),
  });

  const exportTemplate = async () => {
    setBusy('export');
    try {
      const out = await invoke('targets/export-template', { year });
      if (out.cancelled) return;
      if (out.base64) downloadBase64(out.base64, out.fileName, out.mimeType);
      message.success(t('targets.template.exported', { name: out.fileName }));
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setBusy(null);
    }
  };

  const importFile = async (file: File) => {
    setBusy('import');
    try {
      const result = await importTemplate.mutateAsync(await fileToBase64(file));
      if (result.saved + result.cleared === 0) message.info(t('targets.template.nothingChanged'));
      else message.success(t('targets.template.imported', { count: result.saved + result.cleared }));
    } catch (error) {
      const details = error instanceof AppError && error.code === 'INVALID_CELLS' ? (error.details as { refusals?: TemplateRefusal[]; total?: number }) : null;
      if (details?.refusals?.length) setRefused({ fileName: file.name, items: details.refusals, total: details.total ?? details.refusals.length });
      else message.error(errorText(error));
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <ToolButton onClick={() => void exportTemplate()} disabled={busy !== null} data-testid="template-export" title={t('targets.template.exportHint')}>
        {t('targets.template.export')}
      </ToolButton>
      <ToolButton onClick={() => input.current?.click()} disabled={busy !== null} data-testid="template-import" title={t('targets.template.importHint')}>
        {t('targets.template.import')}
      </ToolButton>
      <input
        ref={input}
        type="file"
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        hidden
        data-testid="template-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void importFile(file);
        }}
      />
      {refused !== null && (
        <Suspense fallback={null}>
          <TemplateRefusalsModal refused={refused} onClose={() => setRefused(null)} />
        </Suspense>
      )}
    </>
  );
}
