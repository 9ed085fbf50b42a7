/**
 * What only a host can do, injected into core's dispatch: print HTML to PDF (Electron's
 * printToPDF, or headless Chromium in the web host and CLI) and ask the user where to save a file
 * (Electron's save dialog; the web host has none and downloads instead).
 */
import type { ReportFormat } from '../../src-shared/contract/channels';
import type { PageSetup } from '../../src-shared/reports/report-model';

/** Prints paginated report HTML (its page size in `@page`) to PDF bytes. */
export type PdfPrinter = (html: string, page: PageSetup) => Promise<Buffer>;

export interface HostServices {
  printPdf?: PdfPrinter;
  /** Returns the chosen path, or null when the user cancelled the dialog. */
  chooseSavePath?: (suggestedName: string, format: ReportFormat) => Promise<string | null>;
}
