/**
 * Print preview: the report as the same A4 pages the PDF will have (core paginates), with print,
 * save as PDF and save as XLSX. Exports report progress and can be cancelled.
 */
import { useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Empty, Modal, Progress, Select, Space, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventPayload, ReportExportResult, ReportFormat, ReportId } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import { periodLabel } from '../../../src-shared/domain/evaluation';
import { invoke, subscribe } from '../../api/client';
import { useOrgTree } from '../../api/hooks';
import { usePlanYear } from '../../api/plan-year';
import { useErrorText } from '../../shell/error-text';
import { useMessage } from '../../toasts';
import '../../i18n/dayjs-locale';

type Progressed = EventPayload<'reports/export-progressed'>;

function downloadFile(result: ReportExportResult): void {
  const bytes = Uint8Array.from(atob(result.base64 ?? ''), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: result.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = result.fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * What the hash asks for: `#/reports?report=strategy-demand&month=2026-11&scope=<person id>`,
 * `report=holiday-stock&season=2027&scope=<store>`, `report=evaluation&period=2026-Q4&scope=<unit>`.
 */
function requestFromHash(): { report?: ReportId; month?: string; scope?: string; season?: number; period?: string } {
  const query = new URLSearchParams(window.location.hash.split('?')[1] ?? '');
  const season = Number(query.get('season'));
  return {
    report: (query.get('report') as ReportId | null) ?? undefined,
    month: query.get('month') ?? undefined,
    scope: query.get('scope') ?? undefined,
    season: Number.isInteger(season) && season > 2000 ? season : undefined,
    period: query.get('period') ?? undefined,
  };
}

function thisMonth(): string {
  return dayjs().format('YYYY-MM');
}

const isStrategyReport = (id: ReportId) => id.startsWith('strategy-');
const isHolidayReport = (id: ReportId) => id.startsWith('holiday-');

function newJobId(): string {
  return `export-${crypto.randomUUID()}`;
}

export function ReportsPage(): ReactNode {
  const { t } = useTranslation();
  const message = useMessage();
  const errorText = useErrorText();
  const frameRef = useRef<HTMLIFrameElement>(null);
  const reports = useQuery({ queryKey: ['reports/list'], queryFn: () => invoke('reports/list', {}) });
  const [request] = useState(requestFromHash);
  const [reportId, setReportId] = useState<ReportId>(request.report ?? 'targets');
  const formats = reports.data?.find((r) => r.id === reportId)?.formats ?? ['pdf', 'xlsx'];
  // Strategy reports are of a month (screening: of that month's year), optionally one manager's.
  const [yearMonth, setYearMonth] = useState(request.month ?? thisMonth());
  const [scopeId, setScopeId] = useState<string | undefined>(request.scope);
  const people = useOrgTree().data?.people ?? [];
  const strategy = isStrategyReport(reportId);
  const scopeRole = reportId === 'strategy-summary' ? '片区经理' : '客户经理';
  const scopes = people.filter((p) => p.role === scopeRole);
  // The plan reports are of the year chosen in the header.
  const planYear = usePlanYear();
  // The holiday reports are of a season (`year`), the stocking plan optionally of one store.
  const holiday = isHolidayReport(reportId);
  const seasonInfo = useQuery({ queryKey: ['holiday/get-season', null], queryFn: () => invoke('holiday/get-season', {}), enabled: holiday });
  const [season, setSeason] = useState<number | undefined>(request.season);
  const chosenSeason = season ?? seasonInfo.data?.season;
  const holidayStores = useQuery({
    queryKey: ['holiday/get-targets', chosenSeason],
    queryFn: () => invoke('holiday/get-targets', { season: chosenSeason! }),
    enabled: holiday && chosenSeason !== undefined,
  }).data?.stores;
  // 绩效考核表: the period 绩效考核 sent (a quarter, the year) until a month is picked here; its unit as sent.
  const [period, setPeriod] = useState(request.period);
  const evaluationPeriod = period ?? (planYear === undefined ? undefined : `${planYear}-${thisMonth().slice(5)}`);
  const evaluationUnits = useOrgTree(evaluationPeriod ? Number(evaluationPeriod.slice(0, 4)) : undefined).data?.units;
  const options = strategy
    ? { yearMonth, year: Number(yearMonth.slice(0, 4)), scopeId: scopes.some((p) => p.id === scopeId) ? scopeId : undefined }
    : reportId === 'evaluation'
      ? {
          year: evaluationPeriod ? Number(evaluationPeriod.slice(0, 4)) : undefined,
          yearMonth: undefined,
          period: evaluationPeriod,
          // The unit 绩效考核 sent, if it is one (another report's manager or store is not).
          scopeId: evaluationUnits?.some((u) => u.id === scopeId) ? scopeId : undefined,
        }
      : holiday
        ? {
            year: chosenSeason,
            yearMonth: undefined,
            scopeId: reportId === 'holiday-stock' && holidayStores?.some((s) => s.id === scopeId) ? scopeId : undefined,
          }
        : { year: planYear, yearMonth: undefined, scopeId: undefined };
  const preview = useQuery({
    queryKey: [
      'reports/preview',
      reportId,
      options.year ?? null,
      options.yearMonth ?? null,
      options.scopeId ?? null,
      'period' in options ? options.period : null,
    ],
    queryFn: () => invoke('reports/preview', { report: reportId, ...options }),
    enabled: holiday ? chosenSeason !== undefined : reportId === 'evaluation' ? evaluationPeriod !== undefined && evaluationUnits !== undefined : true,
  });
  const [job, setJob] = useState<{ id: string; format: ReportFormat; progress: Progressed | null } | null>(null);

  useEffect(() => {
    if (!job) return;
    return subscribe('reports/export-progressed', (payload) => {
      if (payload.jobId === job.id) setJob((current) => (current && current.id === payload.jobId ? { ...current, progress: payload } : current));
    });
  }, [job?.id]);

  const exportAs = async (format: ReportFormat) => {
    const jobId = newJobId();
    setJob({ id: jobId, format, progress: null });
    try {
      const result = await invoke('reports/export', { report: reportId, format, jobId, ...options });
      if (result.cancelled) message.info(t('reports.saveCancelled'));
      else if (result.savedTo) message.success(t('reports.savedTo', { path: result.savedTo }));
      else {
        downloadFile(result);
        message.success(t('reports.downloaded', { name: result.fileName }));
      }
    } catch (error) {
      if (error instanceof AppError && error.code === 'CANCELLED') message.info(t('reports.exportCancelled'));
      else message.error(errorText(error));
    } finally {
      setJob(null);
    }
  };

  const cancel = () => {
    if (job) void invoke('reports/cancel-export', { jobId: job.id });
  };

  const print = () => frameRef.current?.contentWindow?.print();

  const percent = job?.progress && job.progress.total > 0 ? Math.round((job.progress.done / job.progress.total) * 100) : 0;

  return (
    <div className="pd-page">
      <div className="pd-toolbar">
        <Space wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('reports.title')}
          </Typography.Title>
          <Select
            style={{ width: 260 }}
            popupMatchSelectWidth={false}
            value={reportId}
            onChange={setReportId}
            options={(reports.data ?? []).map((r) => ({ value: r.id, label: t(`reports.names.${r.id}`, { defaultValue: r.name }) }))}
            data-testid="report-select"
          />
          {strategy && (
            <>
              <DatePicker
                picker="month"
                allowClear={false}
                value={dayjs(`${yearMonth}-01`)}
                onChange={(value) => value && setYearMonth(value.format('YYYY-MM'))}
                aria-label={t('strategy.month')}
                data-testid="report-month"
              />
              <Select
                style={{ width: 180 }}
                value={options.scopeId ?? 'all'}
                onChange={(value: string) => setScopeId(value === 'all' ? undefined : value)}
                options={[
                  { value: 'all', label: t(reportId === 'strategy-summary' ? 'reports.allAreas' : 'strategy.allManagers') },
                  ...scopes.map((p) => ({ value: p.id, label: p.name })),
                ]}
                data-testid="report-scope"
              />
            </>
          )}
          {reportId === 'evaluation' && evaluationPeriod && (
            <>
              <DatePicker
                picker="month"
                allowClear={false}
                // A quarter or a year sent from 绩效考核 shows as its name until a month is picked.
                value={/^\d{4}-\d{2}$/.test(evaluationPeriod) ? dayjs(`${evaluationPeriod}-01`) : null}
                placeholder={periodLabel(evaluationPeriod).zh}
                onChange={(value) => value && setPeriod(value.format('YYYY-MM'))}
                aria-label={t('strategy.month')}
                data-testid="report-period"
              />
            </>
          )}
          {holiday && seasonInfo.data && (
            <Select
              style={{ width: 150 }}
              aria-label={t('reports.season')}
              value={chosenSeason}
              onChange={setSeason}
              options={seasonInfo.data.seasons.map((s) => ({ value: s, label: t('reports.seasonOption', { season: s }) }))}
              data-testid="report-season"
            />
          )}
          {reportId === 'holiday-stock' && holidayStores && (
            <Select
              style={{ width: 150 }}
              aria-label={t('reports.store')}
              value={options.scopeId ?? 'all'}
              onChange={(value: string) => setScopeId(value === 'all' ? undefined : value)}
              options={[{ value: 'all', label: t('reports.allStores') }, ...holidayStores.map((s) => ({ value: s.id, label: s.name }))]}
              data-testid="report-store"
            />
          )}
          {preview.data && (
            <Typography.Text type="secondary" data-testid="page-count">
              {t('reports.pages', { count: preview.data.pageCount })}
            </Typography.Text>
          )}
        </Space>
        <Space wrap>
          <Button onClick={print} disabled={!preview.data}>
            {t('reports.print')}
          </Button>
          <Button type="primary" onClick={() => void exportAs('pdf')} disabled={!preview.data || !!job}>
            {t('reports.savePdf')}
          </Button>
          {/* The second format is the report's own: XLSX for a table, DOCX for a document (reports/list). */}
          {formats.includes('docx') ? (
            <Button onClick={() => void exportAs('docx')} disabled={!preview.data || !!job} data-testid="report-save-docx">
              {t('reports.saveDocx')}
            </Button>
          ) : (
            <Button onClick={() => void exportAs('xlsx')} disabled={!preview.data || !!job}>
              {t('reports.saveXlsx')}
            </Button>
          )}
        </Space>
      </div>
      <div className="pd-preview">
        {preview.isLoading && (
          <Spin size="large" tip={t('reports.loading')}>
            <div style={{ height: 200 }} />
          </Spin>
        )}
        {preview.error && <Empty description={errorText(preview.error)} />}
        {preview.data && (
          <iframe
            ref={frameRef}
            title={preview.data.title}
            className="pd-preview-frame"
            data-testid="report-preview"
            // No scripts in reports: same-origin only so the parent can call print().
            sandbox="allow-same-origin allow-modals"
            srcDoc={preview.data.html}
          />
        )}
      </div>
      <Modal
        open={!!job}
        title={t(job?.format === 'pdf' ? 'reports.exportingPdf' : 'reports.exportingXlsx')}
        closable={false}
        maskClosable={false}
        footer={
          <Button onClick={cancel} data-testid="cancel-export">
            {t('reports.cancel')}
          </Button>
        }
      >
        <Progress percent={percent} status="active" />
        <Typography.Text type="secondary">{job?.progress ? t(`reports.stage.${job.progress.stage}`) : t('reports.stage.building')}</Typography.Text>
      </Modal>
    </div>
  );
}
