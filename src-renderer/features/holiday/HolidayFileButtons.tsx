/**
 * 导出 Excel / 导入 Excel of 备货计划 and 值班表: the tab's report as XLSX (a sheet per store for the
 * stocking plan), filled in Excel and imported back (holiday/import-stock, holiday/import-roster).
 * An import is all or nothing: a refused file lists every bad cell, and nothing was written.
 */
import { useMutation } from '@tanstack/react-query';
import { Button, Upload } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api/client';
import { exportReportFile, fileToBase64 } from '../../shell/files';
import { ImportRefusalsModal, importRefusalsOf, type ImportRefusals } from '../../shell/ImportRefusalsModal';
import { useMessage } from '../../toasts';
import { useHolidayErrorText, useInvalidateHoliday } from './holiday-data';

export type ImportablePlan = 'stock' | 'roster';
const REPORT = { stock: 'holiday-stock', roster: 'holiday-roster' } as const;

function useImportPlan(plan: ImportablePlan) {
  const invalidate = useInvalidateHoliday();
  return useMutation({
    mutationKey: [plan === 'stock' ? 'holiday/import-stock' : 'holiday/import-roster'],
    mutationFn: async (input: { season: number; base64: string }) =>
      plan === 'stock' ? invoke('holiday/import-stock', input) : { stores: null, ...(await invoke('holiday/import-roster', input)) },
    onSuccess: invalidate,
  });
}

export function HolidayFileButtons({ season, plan }: { season: number; plan: ImportablePlan }): ReactNode {
  const { t } = useTranslation();
  const message = useMessage();
  const errorText = useHolidayErrorText();
  const importPlan = useImportPlan(plan);
  const [busy, setBusy] = useState<'export' | 'import' | null>(null);
  const [refusals, setRefusals] = useState<ImportRefusals | null>(null);

  const exportXlsx = async () => {
    setBusy('export');
    try {
      const result = await exportReportFile({ report: REPORT[plan], format: 'xlsx', jobId: `holiday-${plan}-${Date.now()}`, year: season });
      if (!result.cancelled) message.success(t('holiday.files.exported', { name: result.fileName }));
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setBusy(null);
    }
  };

  const importXlsx = async (file: File) => {
    setBusy('import');
    try {
      const result = await importPlan.mutateAsync({ season, base64: await fileToBase64(file) });
      if (result.changed === 0) message.info(t('holiday.files.unchanged', { rows: result.rows }));
      else message.success(t(`holiday.files.imported.${plan}`, { rows: result.rows, changed: result.changed, stores: result.stores ?? 0 }));
      setRefusals(null);
    } catch (error) {
      const refused = importRefusalsOf(error, file.name);
      if (refused) setRefusals(refused);
      else message.error(errorText(error));
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <Button size="small" onClick={() => void exportXlsx()} loading={busy === 'export'} data-testid="holiday-export-xlsx">
        {t('holiday.files.export')}
      </Button>
      <Upload
        accept=".xlsx"
        showUploadList={false}
        beforeUpload={(file) => {
          void importXlsx(file);
          return false;
        }}
      >
        <Button size="small" loading={busy === 'import'} data-testid="holiday-import-xlsx" title={t(`holiday.files.importHint.${plan}`)}>
          {t('holiday.files.import')}
        </Button>
      </Upload>
      <ImportRefusalsModal refusals={refusals} onClose={() => setRefusals(null)} />
    </>
  );
}
