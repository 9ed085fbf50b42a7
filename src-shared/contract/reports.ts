/** Printed reports: preview, PDF and XLSX export with progress and cancel. */
import { z } from 'zod';
import { channel, id, planYear, yearMonth } from './common';
import { evaluationPeriod } from './evaluation';

export const REPORT_IDS = [
  'targets',
  'strategy-demand',
  'strategy-habit',
  'strategy-screening',
  'strategy-summary',
  'holiday-targets',
  'holiday-tracking',
  'holiday-stock',
  'holiday-roster',
  'holiday-inspection',
  'holiday-operations',
  'work-plan',
  'evaluation',
] as const;
/** docx: only a report that is a document (work-plan); reports/list says which formats each has. */
export const REPORT_FORMATS = ['pdf', 'xlsx', 'docx'] as const;
export const EXPORT_STAGES = ['building', 'rendering', 'writing', 'done'] as const;
const reportId = z.enum(REPORT_IDS);

export const ReportExportResultSchema = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  byteLength: z.number().int(),
  /** The file's bytes when the host has no save dialog (the web host downloads them). */
  base64: z.string().nullable(),
  /** Where the host saved it after its save dialog (Electron). */
  savedTo: z.string().nullable(),
  /** The user closed the save dialog without choosing a file. */
  cancelled: z.boolean(),
  pageCount: z.number().int().nullable(),
});

export const reportsChannels = {
  'reports/list': channel(z.object({}), z.array(z.object({ id: reportId, name: z.string(), formats: z.array(z.enum(REPORT_FORMATS)) }))),
  'reports/preview': channel(
    z.object({ report: reportId, year: planYear.optional(), yearMonth: yearMonth.optional(), scopeId: id.optional(), period: evaluationPeriod.optional() }),
    z.object({ title: z.string(), fileName: z.string(), html: z.string(), pageCount: z.number().int() }),
  ),
  'reports/export': channel(
    z.object({
      report: reportId,
      format: z.enum(REPORT_FORMATS),
      jobId: id,
      year: planYear.optional(),
      /** Strategy reports: the month (default: the clock's). */
      yearMonth: yearMonth.optional(),
      /** Strategy reports: an account manager (tables) or area manager (summary) to narrow to. */
      scopeId: id.optional(),
      /** 绩效考核表: a month, a quarter (2026-Q4) or the year (default: the month given, else the clock's). */
      period: evaluationPeriod.optional(),
    }),
    ReportExportResultSchema,
  ),
  'reports/cancel-export': channel(z.object({ jobId: id }), z.object({ cancelled: z.boolean() })),
} as const;

export const reportsEvents = {
  'reports/export-progressed': z.object({
    jobId: id,
    stage: z.enum(EXPORT_STAGES),
    done: z.number().int(),
    total: z.number().int(),
  }),
} as const;

export type ReportId = (typeof REPORT_IDS)[number];
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export type ReportExportResult = z.infer<typeof ReportExportResultSchema>;
