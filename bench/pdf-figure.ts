/**
 * Figure export-pdf-20-pages: an absolute time for the record (no raw baseline: the work is
 * Chromium's). A report of about 20 A4 landscape pages (the test fixture: text, chart, an org-tree
 * table with a two-level header, subtotals, total and sign-off) rendered with renderReportHtml and
 * printed with the Chromium printer. Timed: renderReportHtml + print, median of 3 runs after one
 * warm-up. The browser launch is excluded from the runs and reported separately (`launchMs`: the
 * first, trivial print, which starts Chromium).
 *
 *   npx tsx bench/pdf-figure.ts        prints the figure on its own
 */
import { performance } from 'node:perf_hooks';
import { renderReportHtml } from '../src-main/core/reports/html-renderer';
import { createChromiumPdfPrinter } from '../src-main/core/reports/pdf';
import { buildReportFixture, detailRowsForPages } from '../tests/unit/helpers/report-fixtures';

const TARGET_PAGES = 20;
const RUNS = 3;

export interface PdfFigure {
  name: 'export-pdf-20-pages';
  /** Median ms of renderReportHtml + print, browser already running. */
  ms: number;
  /** Pages of the report (renderReportHtml's count, checked against the PDF). */
  pages: number;
  /** Starting Chromium (the first print of an empty page), not included in `ms`. */
  launchMs: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Pages in a PDF from Chromium: one `/Type /Page` object per page. */
function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}

export async function measurePdf20Pages(): Promise<PdfFigure> {
  const detailRows = detailRowsForPages(TARGET_PAGES, {}, (report) => renderReportHtml(report).pageCount);
  const report = buildReportFixture({ detailRows });
  const printer = createChromiumPdfPrinter();
  try {
    const launchStart = performance.now();
    await printer('<!DOCTYPE html><title>warm-up</title>', report.page);
    const launchMs = performance.now() - launchStart;

    const once = async () => {
      const start = performance.now();
      const { html, pageCount } = renderReportHtml(report);
      const pdf = await printer(html, report.page);
      const ms = performance.now() - start;
      const printed = pdfPageCount(pdf);
      if (printed !== pageCount) throw new Error(`export-pdf-20-pages: PDF has ${printed} pages, HTML counted ${pageCount}`);
      return { ms, pages: pageCount };
    };

    const warm = await once();
    process.stderr.write(
      `export-pdf-20-pages: launch ${launchMs.toFixed(0)} ms, warm-up ${warm.ms.toFixed(0)} ms (${warm.pages} pages, ${detailRows} detail rows)\n`,
    );
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      times.push((await once()).ms);
      process.stderr.write(`  run ${i + 1}/${RUNS}: ${times[i].toFixed(0)} ms\n`);
    }
    return { name: 'export-pdf-20-pages', ms: Math.round(median(times) * 10) / 10, pages: warm.pages, launchMs: Math.round(launchMs * 10) / 10 };
  } finally {
    await printer.close();
  }
}

if (require.main === module) {
  measurePdf20Pages().then(
    (figure) =>
      console.log(`${figure.name}: ${Math.round(figure.ms)} ms for ${figure.pages} pages (browser launch ${Math.round(figure.launchMs)} ms, not included)`),
    (error: unknown) => {
      console.error(error);
      process.exit(2);
    },
  );
}
