/**
 * Reports: every printed report is a builder that returns a ReportDescription; preview and
 * export run it through the shared renderers. Adding a report: a builder in core/reports and an
 * entry in REPORTS (and its id in REPORT_IDS in the contract).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ChannelOutput, ReportFormat, ReportId } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import type { ReportDescription } from '../../../src-shared/reports/report-model';
import type { HostServices } from '../host-services';
import { renderReportHtml } from './html-renderer';
import { buildDemandReport, buildHabitReport, buildScreeningReport, buildSummaryReport } from '../strategy/strategy-reports';
import { buildTargetsReport } from '../targets/targets-report';
import { renderReportXlsx } from './xlsx-renderer';
import type { Workspace } from '../workspace/open-workspace';

/** What a report may be narrowed to; each builder reads the options it understands. */
export interface ReportOptions {
  year?: number;
  /** Strategy reports: the month, yyyy-mm (default: the clock's month). */
  yearMonth?: string;
  /** Strategy reports: an account manager (monthly tables) or an area manager (summary). */
  scopeId?: string;
}

interface ReportEntry {
  name: string;
  build: (ws: Workspace, options: ReportOptions) => Promise<ReportDescription>;
}

const REPORTS: Record<ReportId, ReportEntry> = {
  targets: { name: '年度目标完成情况表', build: buildTargetsReport },
  'strategy-demand': { name: '需求分析及产品匹配策略表', build: buildDemandReport },
  'strategy-habit': { name: '消费习惯分析及促销策略表', build: buildHabitReport },
  'strategy-screening': { name: '大客户筛选评分表', build: buildScreeningReport },
  'strategy-summary': { name: '营销策略月度汇总表', build: buildSummaryReport },
};

const MIME_TYPES: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Running exports per workspace, so `reports/cancel-export` can stop them. */
const runningExports = new WeakMap<Workspace, Map<string, AbortController>>();

export function listReports(): ChannelOutput<'reports/list'> {
  return (Object.keys(REPORTS) as ReportId[]).map((id) => ({ id, name: REPORTS[id].name, formats: ['pdf', 'xlsx'] }));
}

export async function previewReport(ws: Workspace, report: ReportId, options: ReportOptions = {}): Promise<ChannelOutput<'reports/preview'>> {
  const description = await REPORTS[report].build(ws, options);
  const { html, pageCount } = renderReportHtml(description);
  return { title: description.title, fileName: description.fileName, html, pageCount };
}

/** Safe as a file name on Windows, macOS and Linux. */
function safeFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(0, 120) || 'report';
}

export async function exportReport(
  ws: Workspace,
  host: HostServices,
  input: { report: ReportId; format: ReportFormat; jobId: string } & ReportOptions,
): Promise<ChannelOutput<'reports/export'>> {
  const jobs = runningExports.get(ws) ?? new Map<string, AbortController>();
  runningExports.set(ws, jobs);
  if (jobs.has(input.jobId)) throw new AppError('INVALID_INPUT', `Export ${input.jobId} is already running`);
  const controller = new AbortController();
  jobs.set(input.jobId, controller);
  const progress = (stage: 'building' | 'rendering' | 'writing' | 'done', done: number, total: number) =>
    ws.events.emit('reports/export-progressed', { jobId: input.jobId, stage, done, total });
  const checkCancelled = () => {
    if (controller.signal.aborted) throw new AppError('CANCELLED', 'Export cancelled');
  };
  try {
    progress('building', 0, 1);
    const description = await REPORTS[input.report].build(ws, { year: input.year, yearMonth: input.yearMonth, scopeId: input.scopeId });
    checkCancelled();
    const fileName = `${safeFileName(description.fileName)}.${input.format}`;
    let bytes: Buffer;
    let pageCount: number | null = null;
    if (input.format === 'pdf') {
      if (!host.printPdf) throw new AppError('UNAVAILABLE', 'This host cannot print PDF');
      const { html, pageCount: pages } = renderReportHtml(description);
      pageCount = pages;
      progress('rendering', 0, pages);
      bytes = await host.printPdf(html, description.page);
    } else {
      bytes = await renderReportXlsx(description, {
        signal: controller.signal,
        onProgress: (done, total) => progress('rendering', done, total),
      }).catch((error: unknown) => {
        if (error instanceof Error && error.name === 'AbortError') throw new AppError('CANCELLED', 'Export cancelled');
        throw error;
      });
    }
    checkCancelled();
    progress('writing', 0, 1);
    const result = { fileName, mimeType: MIME_TYPES[input.format], byteLength: bytes.length, pageCount, cancelled: false };
    if (host.chooseSavePath) {
      const target = await host.chooseSavePath(fileName, input.format);
      if (target === null) return { ...result, base64: null, savedTo: null, cancelled: true };
      await fs.writeFile(target, bytes);
      progress('done', 1, 1);
      return { ...result, fileName: path.basename(target), base64: null, savedTo: target };
    }
    progress('done', 1, 1);
    return { ...result, base64: bytes.toString('base64'), savedTo: null };
  } finally {
    jobs.delete(input.jobId);
  }
}

export function cancelExport(ws: Workspace, jobId: string): { cancelled: boolean } {
  const controller = runningExports.get(ws)?.get(jobId);
  controller?.abort();
  return { cancelled: controller !== undefined };
}

/** For the CLI: the report's bytes, without the contract's base64 round trip. */
export async function renderReportFile(
  ws: Workspace,
  host: HostServices,
  report: ReportId,
  format: ReportFormat,
  options: ReportOptions = {},
): Promise<{ bytes: Buffer; pageCount: number | null }> {
  const description = await REPORTS[report].build(ws, options);
  if (format === 'xlsx') return { bytes: await renderReportXlsx(description), pageCount: null };
  if (!host.printPdf) throw new AppError('UNAVAILABLE', 'This host cannot print PDF');
  const { html, pageCount } = renderReportHtml(description);
  return { bytes: await host.printPdf(html, description.page), pageCount };
}

export function isReportId(id: string): id is ReportId {
  return Object.prototype.hasOwnProperty.call(REPORTS, id);
}
