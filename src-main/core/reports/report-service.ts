/**
 * Reports: every printed report is a builder that returns a ReportDescription; preview and
 * export run it through the shared renderers. Features register their builders in their
 * `reports` (core/feature.ts); the app assembles them into one registry (core/app.ts).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ChannelOutput, ReportFormat, ReportId } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import type { ReportDescription } from '../../../src-shared/reports/report-model';
import type { ReportEntry, ReportOptions } from '../feature';
import type { HostServices } from '../host-services';
import { renderReportHtml } from './html-renderer';
import { withShippedFonts } from './html/shipped-fonts';
import { renderReportXlsx } from './xlsx-renderer';
import type { Workspace } from '../workspace';

/** Every report the app prints, by id: assembled from the features' `reports`. */
export type ReportRegistry = Record<ReportId, ReportEntry>;

const MIME_TYPES: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** The formats a report is written in: PDF, and XLSX for a table report or DOCX for a document. */
const formatsOf = (entry: ReportEntry): ReportFormat[] => (entry.docx ? ['pdf', 'docx'] : ['pdf', 'xlsx']);

function refuseFormat(entry: ReportEntry, format: ReportFormat): void {
  const formats = formatsOf(entry);
  if (formats.includes(format)) return;
  const zh = `「${entry.name}」不能导出为 ${format.toUpperCase()}，可导出 ${formats.join('、').toUpperCase()}`;
  throw new AppError('INVALID_INPUT', `${zh} / ${entry.name} is written as ${formats.join(' or ')}, not ${format}`, { reason: 'format-unsupported', zh });
}

/** Running exports per workspace, so `reports/cancel-export` can stop them. */
const runningExports = new WeakMap<Workspace, Map<string, AbortController>>();

export function listReports(reports: ReportRegistry): ChannelOutput<'reports/list'> {
  return (Object.keys(reports) as ReportId[]).map((id) => ({ id, name: reports[id].name, formats: formatsOf(reports[id]) }));
}

/** The printed pages as HTML, with the shipped fonts their text needs (html/shipped-fonts.ts). */
async function printedHtml(description: ReportDescription): Promise<{ html: string; pageCount: number }> {
  const { html, pageCount } = renderReportHtml(description);
  return { html: await withShippedFonts(html), pageCount };
}

export async function previewReport(ws: Workspace, report: ReportEntry, options: ReportOptions = {}): Promise<ChannelOutput<'reports/preview'>> {
  const description = await report.build(ws, options);
  const { html, pageCount } = await printedHtml(description);
  return { title: description.title, fileName: description.fileName, html, pageCount };
}

/** Safe as a file name on Windows, macOS and Linux. */
function safeFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(0, 120) || 'report';
}

export async function exportReport(
  ws: Workspace,
  host: HostServices,
  report: ReportEntry,
  input: { report: ReportId; format: ReportFormat; jobId: string } & ReportOptions,
): Promise<ChannelOutput<'reports/export'>> {
  const jobs = runningExports.get(ws) ?? new Map<string, AbortController>();
  runningExports.set(ws, jobs);
  if (jobs.has(input.jobId)) throw new AppError('INVALID_INPUT', `Export ${input.jobId} is already running`);
  refuseFormat(report, input.format);
  const controller = new AbortController();
  jobs.set(input.jobId, controller);
  const progress = (stage: 'building' | 'rendering' | 'writing' | 'done', done: number, total: number) =>
    ws.events.emit('reports/export-progressed', { jobId: input.jobId, stage, done, total });
  const checkCancelled = () => {
    if (controller.signal.aborted) throw new AppError('CANCELLED', 'Export cancelled');
  };
  try {
    progress('building', 0, 1);
    const description = await report.build(ws, { year: input.year, yearMonth: input.yearMonth, scopeId: input.scopeId, period: input.period });
    checkCancelled();
    const fileName = `${safeFileName(description.fileName)}.${input.format}`;
    let bytes: Buffer;
    let pageCount: number | null = null;
    if (input.format === 'docx') {
      progress('rendering', 0, 1);
      bytes = await report.docx!(ws, { year: input.year, yearMonth: input.yearMonth, scopeId: input.scopeId, period: input.period });
    } else if (input.format === 'pdf') {
      if (!host.printPdf) throw new AppError('UNAVAILABLE', 'This host cannot print PDF');
      const { html, pageCount: pages } = await printedHtml(description);
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
  report: ReportEntry,
  format: ReportFormat,
  options: ReportOptions = {},
): Promise<{ bytes: Buffer; pageCount: number | null }> {
  refuseFormat(report, format);
  if (format === 'docx') return { bytes: await report.docx!(ws, options), pageCount: null };
  const description = await report.build(ws, options);
  if (format === 'xlsx') return { bytes: await renderReportXlsx(description), pageCount: null };
  if (!host.printPdf) throw new AppError('UNAVAILABLE', 'This host cannot print PDF');
  const { html, pageCount } = await printedHtml(description);
  return { bytes: await host.printPdf(html, description.page), pageCount };
}

export function isReportId(reports: ReportRegistry, id: string): id is ReportId {
  return Object.prototype.hasOwnProperty.call(reports, id);
}
