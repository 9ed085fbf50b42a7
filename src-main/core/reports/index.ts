/**
 * The report engine: preview, PDF and XLSX export of any registered report (paginated HTML,
 * chart SVG, PDF printers, the XLSX writer). Features contribute builders; this renders them.
 */
import { reportsChannels } from '../../../src-shared/contract/reports';
import type { BackendFeature } from '../feature';
import { cancelExport, exportReport, listReports, previewReport, type ReportRegistry } from './report-service';

export { isReportId, renderReportFile, type ReportRegistry } from './report-service';
export { renderReportHtml } from './html-renderer';
export { renderReportXlsx, writeReportXlsx } from './xlsx-renderer';
export { xlsxSheetNames } from './xlsx/workbook';
export { sumFormula } from './xlsx/table-plan';
export { renderChartSvg } from './chart-svg';

export function createReportsFeature(reports: ReportRegistry): BackendFeature<typeof reportsChannels> {
  return {
    name: 'reports',
    handlers: {
      'reports/list': async () => listReports(reports),
      'reports/preview': (ws, input) =>
        previewReport(ws, reports[input.report], { year: input.year, yearMonth: input.yearMonth, scopeId: input.scopeId, period: input.period }),
      'reports/export': (ws, input, host) => exportReport(ws, host, reports[input.report], input),
      'reports/cancel-export': async (ws, input) => cancelExport(ws, input.jobId),
    },
  };
}
