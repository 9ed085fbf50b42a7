/**
 * The strategy toolbar's month actions: 开始本月填报 (a write), 导出 Excel (a download, not a
 * save) and 导入 Excel (a write that is all or nothing: a refused file lists every bad cell).
 */
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportTable, ReportId } from '../../../src-shared/contract/channels';
import { useErrorText } from '../../shell/error-text';
import { exportReportFile, fileToBase64 } from '../../shell/files';
import { importRefusalsOf, type ImportRefusals } from '../../shell/ImportRefusalsModal';
import { useImportStrategyXlsx, useStartMonth } from './strategy-mutations';
import { useMessage } from '../../toasts';

interface MonthScope {
  yearMonth: string;
  year: number;
  /** The table of the open tab, if it has one to export and import. */
  table: { report: ReportId; table: ImportTable } | undefined;
  /** The account manager the export narrows to (monthly tables only). */
  scopeId: string | undefined;
}

export function useStrategyActions({ yearMonth, year, table, scopeId }: MonthScope) {
  const { t } = useTranslation();
  const message = useMessage();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const { mutateAsync: startMonthRows } = useStartMonth();
  const { mutateAsync: importTable } = useImportStrategyXlsx();
  const [refusals, setRefusals] = useState<ImportRefusals | null>(null);
  const [busy, setBusy] = useState<'start' | 'export' | 'import' | null>(null);

  const startMonth = async () => {
    setBusy('start');
    try {
      const result = await startMonthRows({ yearMonth });
      message.success(t('strategy.started', { copied: result.copied, added: result.added }));
      await queryClient.invalidateQueries({ queryKey: ['strategy/get-month'] });
      void queryClient.invalidateQueries({ queryKey: ['strategy/list-due'] });
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setBusy(null);
    }
  };

  const exportXlsx = async () => {
    if (!table) return;
    setBusy('export');
    try {
      const result = await exportReportFile({ report: table.report, format: 'xlsx', jobId: `strategy-${Date.now()}`, yearMonth, year, scopeId });
      if (!result.cancelled) message.success(t('strategy.exported', { name: result.fileName }));
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setBusy(null);
    }
  };

  const importXlsx = async (file: File) => {
    if (!table) return;
    setBusy('import');
    try {
      const base64 = await fileToBase64(file);
      const result = await importTable({ table: table.table, yearMonth, year, base64 });
      message.success(t('strategy.imported', { rows: result.rows, changed: result.changed }));
      setRefusals(null);
    } catch (error) {
      const refused = importRefusalsOf(error, file.name);
      if (refused) setRefusals(refused);
      else message.error(errorText(error));
    } finally {
      setBusy(null);
    }
  };

  return { startMonth, exportXlsx, importXlsx, busy, refusals, closeRefusals: () => setRefusals(null) };
}
