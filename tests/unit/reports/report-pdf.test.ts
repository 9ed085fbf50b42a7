/**
 * PDF from the report HTML through a real Chromium (playwright-core), checked with poppler:
 * page count, embedded fonts, extractable Chinese text, the repeated header on every page, and
 * (in the browser itself) that no page's content overflows its box and that Chinese is drawn
 * with the shipped fonts (TrueType outlines: no Type 3 font in the PDF). Skipped, saying why, when Chromium or poppler-utils is missing.
 * Page 1 and the last page are rendered to PNG in <tmp>/plandesk-report-pdf for a look.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../../src-main/core/reports/html-renderer';
import { withShippedFonts } from '../../../src-main/core/reports/html/shipped-fonts';
import { createChromiumPdfPrinter, findChromium } from '../../../src-main/core/reports/pdf';
import { buildReportFixture, detailRowsForPages, personName } from '../helpers/report-fixtures';

function hasTool(tool: string): boolean {
  try {
    execFileSync(tool, ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const chromiumPath = findChromium();
const missing = [
  chromiumPath ? '' : 'Chromium (set PLANDESK_CHROMIUM or install chromium)',
  ...['pdfinfo', 'pdffonts', 'pdftotext', 'pdftoppm'].filter((tool) => !hasTool(tool)).map((tool) => `${tool} (poppler-utils)`),
].filter(Boolean);
if (missing.length > 0) console.warn(`report-pdf tests skipped: not found: ${missing.join(', ')}`);

/** Fixed, so the PDFs and PNGs of the last run are easy to find, and runs do not pile up. */
const outDir = path.join(os.tmpdir(), 'plandesk-report-pdf');
fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });
const run = (tool: string, args: string[]) => execFileSync(tool, args, { encoding: 'utf8' });
const squash = (text: string) => text.replace(/\s+/g, '');

interface PdfFont {
  name: string;
  type: string;
  embedded: boolean;
  unicode: boolean;
}

/** pdffonts' table: name, type (may hold spaces), encoding, emb, sub, uni, object, generation. */
function pdfFonts(file: string): PdfFont[] {
  return run('pdffonts', [file])
    .split('\n')
    .slice(2)
    .filter((line) => line.trim())
    .map((line) => {
      const cells = line.trim().split(/\s+/);
      const [uni, , emb] = cells.slice(-5, -2).reverse();
      return { name: cells[0], type: cells.slice(1, -6).join(' '), embedded: emb === 'yes', unicode: uni === 'yes' };
    });
}

function pdfPages(file: string): number {
  return Number(/^Pages:\s+(\d+)/m.exec(run('pdfinfo', [file]))?.[1]);
}

/** In the page: pages and page bodies whose content is larger than their box. */
function overflowingBoxes() {
  return [...document.querySelectorAll('.page, .page-body')]
    .map((el, i) => ({ i, dx: el.scrollWidth - el.clientWidth, dy: el.scrollHeight - el.clientHeight }))
    .filter((box) => box.dx > 0 || box.dy > 0);
}

/** In the page: number cells whose text is wider than the cell's content box (sub-pixel exact). */
function clippedNumbers() {
  return [...document.querySelectorAll('td.num')]
    .map((td) => {
      const range = document.createRange();
      range.selectNodeContents(td);
      const style = getComputedStyle(td);
      const box = td.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      return { text: td.textContent, text_px: range.getBoundingClientRect().width, box_px: box };
    })
    .filter((cell) => cell.text_px > cell.box_px);
}

describe.skipIf(missing.length > 0)('report PDF through Chromium', () => {
  const printer = createChromiumPdfPrinter();
  afterAll(() => printer.close());

  describe('the fixture report (text, chart, table with subtotals and total, sign-off)', () => {
    const report = buildReportFixture({ detailRows: 60 });
    const { html: bareHtml, pageCount } = renderReportHtml(report);
    const file = path.join(outDir, 'fixture.pdf');
    // As the report service prints it: with the shipped fonts its text needs.
    let html = '';

    beforeAll(async () => {
      html = await withShippedFonts(bareHtml);
      fs.writeFileSync(file, await printer(html, report.page));
    }, 120_000);

    it('has exactly the pages renderReportHtml counted, A4 landscape', () => {
      expect(pageCount).toBeGreaterThan(2);
      expect(pdfPages(file)).toBe(pageCount);
      expect(run('pdfinfo', [file])).toMatch(/Page size:\s+841\.\d+ x 595|Page size:\s+841\.\d+ x 594\.\d+/);
    });

    it('embeds its fonts, CJK included, with a Unicode map', () => {
      const fonts = pdfFonts(file);
      expect(fonts.length).toBeGreaterThan(0);
      for (const font of fonts) expect(font, font.name).toMatchObject({ embedded: true, unicode: true });
      // The shipped Noto Serif SC / Sans SC (TrueType outlines) embed as named CID TrueType fonts;
      // no glyph falls back to a Type 3 program (what the system's CFF Noto CJK would give).
      expect(fonts.filter((font) => font.type === 'Type 3')).toEqual([]);
      expect(fonts.every((font) => font.type === 'CID TrueType')).toBe(true);
      expect(fonts.some((font) => /NotoSerifSC/.test(font.name))).toBe(true);
      expect(fonts.some((font) => /NotoSansSC/.test(font.name))).toBe(true);
    });

    it('has extractable Chinese text: headers, names, footer', () => {
      const text = squash(run('pdftotext', ['-layout', file, '-']));
      expect(text).toContain('基本目标');
      expect(text).toContain('业务收入（万元）');
      expect(text).toContain(personName(1));
      expect(text).toContain('编制人');
      expect(text).toContain(`第1页共${pageCount}页`);
    });

    it('renders page 1 and the last page to PNG', () => {
      run('pdftoppm', ['-r', '110', '-png', '-f', '1', '-l', '1', file, path.join(outDir, 'fixture-first')]);
      run('pdftoppm', ['-r', '110', '-png', '-f', String(pageCount), '-l', String(pageCount), file, path.join(outDir, 'fixture-last')]);
      const pngs = fs.readdirSync(outDir).filter((name) => name.endsWith('.png'));
      console.info(`PNG pages for a look: ${pngs.map((name) => path.join(outDir, name)).join(', ')}`);
      expect(pngs.length).toBe(2);
    });

    it('fits every block in its page, clips no number, and draws Chinese with the shipped fonts', async () => {
      const browser = await chromium.launch({ executablePath: chromiumPath!, args: ['--no-sandbox', '--disable-gpu'] });
      try {
        const page = await browser.newPage();
        const portrait = buildReportFixture({
          detailRows: 30,
          firstName: '一个名字特别特别长的客户经理（兼任片区负责人）',
          page: { size: 'A4', orientation: 'portrait', margins: { top: 15, right: 12, bottom: 15, left: 12 } },
        });
        for (const document of [html, await withShippedFonts(renderReportHtml(portrait).html)]) {
          await page.setContent(document, { waitUntil: 'load' });
          await page.emulateMedia({ media: 'print' });
          expect(await page.evaluate(overflowingBoxes)).toEqual([]);
          expect(await page.evaluate(clippedNumbers)).toEqual([]);
        }
        await page.setContent(html, { waitUntil: 'load' });
        await page.emulateMedia({ media: 'print' });
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('DOM.enable');
        await cdp.send('CSS.enable');
        const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
        const fontsOf = async (selector: string) => {
          const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
          const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
          return fonts;
        };
        for (const selector of ['h1.report-title', 'th.group', 'td.text', '.line.para', '.page-footer']) {
          const fonts = await fontsOf(selector);
          expect(fonts.length, selector).toBeGreaterThan(0);
          expect(
            fonts.every((font) => /Noto (Serif|Sans) SC/i.test(font.familyName)),
            `${selector}: ${JSON.stringify(fonts)}`,
          ).toBe(true);
        }
      } finally {
        await browser.close();
      }
    }, 120_000);
  });

  describe('a 40-page table', () => {
    const options = { withChart: false, withText: false };
    let file = '';

    beforeAll(async () => {
      const detailRows = detailRowsForPages(40, options, (report) => renderReportHtml(report).pageCount);
      const report = buildReportFixture({ ...options, detailRows });
      const { html, pageCount } = renderReportHtml(report);
      expect(pageCount).toBe(40);
      file = path.join(outDir, 'forty.pdf');
      fs.writeFileSync(file, await printer(html, report.page));
    }, 180_000);

    it('has 40 pages, each with the header rows and 第 i 页 共 40 页', () => {
      expect(pdfPages(file)).toBe(40);
      for (let i = 1; i <= 40; i++) {
        const text = squash(run('pdftotext', ['-f', String(i), '-l', String(i), '-layout', file, '-']));
        expect(text, `page ${i}`).toContain('业务收入（万元）');
        expect(text, `page ${i}`).toContain('新增用户（户）');
        expect(text, `page ${i}`).toContain('基本目标');
        expect(text, `page ${i}`).toContain('基本完成率');
        expect(text, `page ${i}`).toContain(`第${i}页共40页`);
      }
      const last = squash(run('pdftotext', ['-f', '40', '-l', '40', '-layout', file, '-']));
      expect(last).toContain('合计');
      expect(last).toContain('批准人');
    }, 60_000);
  });
});
