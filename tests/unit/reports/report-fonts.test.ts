/**
 * Every registered report printed to PDF through the report service (reports/export, as the CLI,
 * the web host and the app print it) on the sample workspace embeds only real fonts: `pdffonts`
 * lists the shipped Noto Serif SC / Sans SC as CID TrueType and no Type 3 font (the system's CFF
 * Noto CJK, or an outlined chart label, would give one). The preview carries the same fonts.
 * Skipped, saying why, without Chromium or poppler-utils.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPORTS } from '../../../src-main/core/app';
import { createCaller } from '../../../src-main/core/dispatch';
import { createChromiumPdfPrinter, findChromium } from '../../../src-main/core/reports/pdf';
import type { ReportId } from '../../../src-shared/contract/channels';
import { sampleWorkspacePerTest } from '../helpers/workspace';

const openSample = sampleWorkspacePerTest();
const hasPdffonts = (() => {
  try {
    execFileSync('pdffonts', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const chromium = findChromium();
if (!chromium || !hasPdffonts)
  console.warn(`report-fonts tests skipped: ${chromium ? '' : 'no Chromium; '}${hasPdffonts ? '' : 'no pdffonts (poppler-utils)'}`);

/** pdffonts' rows as [name, type]. */
function fontsOf(file: string): Array<{ name: string; type: string }> {
  return execFileSync('pdffonts', [file], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter((line) => line.trim())
    .map((line) => {
      const cells = line.trim().split(/\s+/);
      return { name: cells[0], type: cells.slice(1, -6).join(' ') };
    });
}

describe.skipIf(!chromium || !hasPdffonts)('every report PDF embeds real fonts', () => {
  const printer = createChromiumPdfPrinter();
  afterAll(() => printer.close());
  const outDir = path.join(os.tmpdir(), 'plandesk-report-fonts');
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });

  it('lists no Type 3 font in any registered report, and the shipped fonts by name', async () => {
    const ws = await openSample();
    const call = createCaller(ws, { printPdf: printer });
    const ids = Object.keys(REPORTS) as ReportId[];
    expect(ids.length).toBeGreaterThanOrEqual(11);
    const summary: string[] = [];
    for (const report of ids) {
      const period = report.startsWith('holiday') ? { year: 2027 } : { year: 2026, yearMonth: '2026-11' };
      const result = await call('reports/export', { report, format: 'pdf', jobId: `fonts-${report}`, ...period });
      const file = path.join(outDir, `${report}.pdf`);
      fs.writeFileSync(file, Buffer.from(result.base64!, 'base64'));
      const fonts = fontsOf(file);
      expect(
        fonts.filter((f) => f.type === 'Type 3'),
        report,
      ).toEqual([]);
      expect(
        fonts.every((f) => f.type === 'CID TrueType'),
        `${report}: ${JSON.stringify(fonts)}`,
      ).toBe(true);
      expect(
        fonts.some((f) => /NotoS(erif|ans)SC/.test(f.name)),
        report,
      ).toBe(true);
      summary.push(`${report}: ${fonts.length} fonts, all CID TrueType`);
    }
    console.info(summary.join('\n'));
    // The preview shows the page with the same fonts, as data: URLs (the page is printed offline).
    const preview = await call('reports/preview', { report: 'holiday-stock', year: 2027 });
    expect(preview.html).toMatch(/@font-face \{ font-family: 'PlanDesk Serif'.*src: url\(data:font\/woff2;base64,/);
  }, 300_000);
});
