/**
 * ReportDescription → one paginated HTML document, used three ways: the on-screen preview (a
 * sandboxed iframe), the browser's print dialog, and PDF (Chromium / Electron printToPDF).
 *
 * We paginate ourselves, deterministically, instead of leaving it to the browser: every block has
 * a fixed height in millimetres (rows never wrap: nowrap + ellipsis), so the preview shows exactly
 * the printed pages and "第 x 页 共 y 页" is exact. Each page is a `<section class="page">` of the
 * paper's size; tables repeat their full multi-level header on every page they span.
 *
 * The output holds no script (a meta CSP forbids them as well) and every text from the
 * description is escaped: names come from user data.
 */
import type { ReportDescription } from '../../../src-shared/reports/report-model';
import { blockCss, pageCss, sizeCss, tableCss } from './html/css';
import { buildFlow } from './html/flow';
import { pageGeometry } from './html/metrics';
import { pageHtml } from './html/page-html';
import { paginate } from './html/paginate';
import { escapeHtml } from './html/text';

export { breakLines, escapeHtml, wrapCellLines } from './html/text';

/** No script may run in the document, whatever ends up in it. */
const DOCUMENT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";

export function renderReportHtml(report: ReportDescription): { html: string; pageCount: number } {
  const geometry = pageGeometry(report.page);
  const collected = buildFlow(report, geometry);
  const pages = paginate(collected.flow, geometry.bodyHeightMm);
  const css = [pageCss(report.page, geometry), blockCss(), tableCss(), sizeCss(collected, geometry)].join('\n');
  const body = pages.map((items, i) => pageHtml(items, i + 1, pages.length, report)).join('\n');
  const html =
    `<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${DOCUMENT_CSP}">` +
    `<title>${escapeHtml(report.title)}</title><style>\n${css}\n</style></head>\n<body>\n${body}\n</body></html>\n`;
  return { html, pageCount: pages.length };
}
