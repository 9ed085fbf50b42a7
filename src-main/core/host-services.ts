/**
 * What only a host can do, injected into core's dispatch: print HTML to PDF (Electron's
 * printToPDF, or headless Chromium in the web host and CLI) and ask the user where to save a file
 * (Electron's save dialog; the web host has none and downloads instead).
 */
import type { ReportFormat } from '../../src-shared/contract/channels';
import type { PdfPrinter } from './reports/pdf';

export interface HostServices {
  printPdf?: PdfPrinter;
  /** Returns the chosen path, or null when the user cancelled the dialog. */
  chooseSavePath?: (suggestedName: string, format: ReportFormat) => Promise<string | null>;
}
