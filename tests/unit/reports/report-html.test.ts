import { describe, expect, it } from 'vitest';
import { breakLines, renderReportHtml, wrapCellLines } from '../../../src-main/core/reports/html-renderer';
import { formatChineseDate } from '../../../src-shared/reports/report-model';
import type { ReportColumn, ReportDescription } from '../../../src-shared/reports/report-model';
import { buildReportFixture, fixtureRows, personName } from '../helpers/report-fixtures';

/** The HTML of each `<section class="page">`, in order. */
function pagesOf(html: string): string[] {
  return html.split('<section class="page">').slice(1);
}

const count = (text: string, pattern: RegExp) => (text.match(pattern) ?? []).length;

describe('renderReportHtml: pagination', () => {
  it('grows the page count with the rows, and reports exactly the pages it wrote', () => {
    const counts = [5, 60, 200, 600].map((detailRows) => {
      const { html, pageCount } = renderReportHtml(buildReportFixture({ detailRows }));
      expect(pagesOf(html)).toHaveLength(pageCount);
      return pageCount;
    });
    expect(counts[0]).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeGreaterThan(counts[i - 1]);
  });

  it('is deterministic', () => {
    const report = buildReportFixture({ detailRows: 80 });
    expect(renderReportHtml(report).html).toBe(renderReportHtml(report).html);
  });

  it('puts the footer 第 i 页 共 n 页 on every page and the page header on every page', () => {
    const { html, pageCount } = renderReportHtml(buildReportFixture({ detailRows: 150 }));
    const pages = pagesOf(html);
    expect(pageCount).toBeGreaterThan(3);
    pages.forEach((page, i) => {
      expect(page).toContain(`<footer class="page-footer">第 ${i + 1} 页 共 ${pageCount} 页</footer>`);
      expect(page).toContain('<span class="page-header-title">2026 年度目标完成情况表</span>');
      expect(page).toContain('<span class="page-header-unit">单位：万元、户</span>');
    });
  });

  it('repeats the full two-level header on every page the table spans', () => {
    const { html, pageCount } = renderReportHtml(buildReportFixture({ detailRows: 300, withChart: false, withText: false }));
    const pages = pagesOf(html);
    expect(pageCount).toBeGreaterThan(5);
    pages.forEach((page, i) => {
      const thead = /<thead>(.*?)<\/thead>/.exec(page)?.[1] ?? '';
      expect(count(thead, /<tr /g)).toBe(2);
      expect(thead).toContain('<th class="leaf" rowspan="2">单位 / 人员</th>');
      expect(thead).toContain('<th class="group" colspan="6">业务收入（万元）</th>');
      expect(thead).toContain('<th class="group" colspan="6">新增用户（户）</th>');
      for (const header of ['上年实际', '基本目标', '挑战目标', '实际', '基本完成率', '同比增长']) {
        expect(count(thead, new RegExp(`<th class="leaf">${header}</th>`, 'g'))).toBe(2);
      }
      if (i < pages.length - 1) expect(count(page, /<tr class="(detail|subtotal|total)">/g)).toBeGreaterThan(15);
    });
  });

  it('prints every row exactly once, in order, never split', () => {
    const rows = fixtureRows(250);
    const { html } = renderReportHtml(buildReportFixture({ detailRows: 250 }));
    const printedNames = [...html.matchAll(/<tr class="(?:detail|subtotal|total)"><td class="[^"]*">([^<]*)<\/td>/g)].map((m) => m[1]);
    expect(printedNames).toEqual(rows.map((r) => r.cells.name));
  });

  it('puts the total row and the sign-off on the last page only, the total with rows above it', () => {
    const { html, pageCount } = renderReportHtml(buildReportFixture({ detailRows: 200 }));
    const pages = pagesOf(html);
    const last = pages[pageCount - 1];
    expect(last).toContain('<tr class="total">');
    expect(last).toMatch(/<tr class="detail">.*<tr class="total">/);
    expect(last).toContain('<div class="sign-off">');
    for (const label of ['编制人', '审核人', '批准人', '日期']) expect(last).toContain(`<span class="sign-label">${label}：</span>`);
    for (const page of pages.slice(0, -1)) {
      expect(page).not.toContain('<tr class="total">');
      expect(page).not.toContain('sign-off');
    }
  });

  it('keeps the sign-off with the last rows whatever the row count', () => {
    for (let detailRows = 10; detailRows <= 40; detailRows++) {
      const { html } = renderReportHtml(buildReportFixture({ detailRows, withChart: false, withText: false }));
      const last = pagesOf(html).at(-1)!;
      expect(count(last, /<tr class="(detail|subtotal|total)">/g), `${detailRows} rows`).toBeGreaterThanOrEqual(2);
      expect(last).toContain('<div class="sign-off">');
    }
  });
});

describe('renderReportHtml: content', () => {
  it('carries the title block on the first page only, with 编制单位, 期间, 单位 and the date in Chinese', () => {
    const { html } = renderReportHtml(buildReportFixture({ detailRows: 100 }));
    const [first, ...rest] = pagesOf(html);
    expect(first).toContain('<h1 class="report-title">2026 年度目标完成情况表</h1>');
    expect(first).toContain('<span>编制单位：示例市分公司</span>');
    expect(first).toContain('<span>期间：2026 年 1–11 月</span>');
    expect(first).toContain('<span>单位：万元、户</span>');
    expect(first).toContain('<span>日期：2026 年 11 月 26 日</span>');
    for (const page of rest) expect(page).not.toContain('report-title');
    expect(formatChineseDate('2026-01-05')).toBe('2026 年 1 月 5 日');
  });

  it('escapes names and titles and writes no script', () => {
    const report = buildReportFixture({ detailRows: 20, firstName: '<script>alert("x")</script>张三' });
    report.title = '<img src=x onerror=alert(1)>报表';
    report.organisation = 'A & B "公司"';
    const { html } = renderReportHtml(report);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;张三');
    expect(html).toContain('编制单位：A &#38; B &#34;公司&#34;');
    expect(html).toContain('Content-Security-Policy" content="default-src \'none\'');
  });

  it('colours completion cells by row.bands[bandKey], and only those', () => {
    const rows = fixtureRows(120);
    const { html } = renderReportHtml(buildReportFixture({ detailRows: 120 }));
    const printed = [...html.matchAll(/class="num al-right band band-([a-z-]+)"/g)].map((m) => m[1]);
    expect(printed).toEqual(rows.flatMap((r) => [r.bands!.rev, r.bands!.users]));
    expect(new Set(printed)).toEqual(new Set(['below-basic', 'basic', 'challenge']));
    expect(html).toContain('print-color-adjust: exact');
  });

  it('marks subtotal and total rows, right-aligns numbers and indents by level', () => {
    const { html } = renderReportHtml(buildReportFixture({ detailRows: 16 }));
    expect(count(html, /<tr class="subtotal">/g)).toBe(2);
    expect(count(html, /<tr class="total">/g)).toBe(1);
    expect(html).toMatch(/<tr class="subtotal"><td class="text al-left lv-0">城东分公司<\/td>/);
    expect(html).toContain(`<td class="text al-left lv-1">${personName(1)}</td>`);
    expect(html).toMatch(/<td class="num al-right">[\d,]+\.\d\d<\/td>/);
    expect(html).toMatch(/border-top: [\d.]+mm double/);
  });

  it('inlines the chart as SVG with a CJK font, and justified paragraph lines with a first-line indent', () => {
    const { html } = renderReportHtml(buildReportFixture({ detailRows: 10 }));
    expect(html).toMatch(/<div class="chart chart-0"><svg [^>]*width="907" height="359"/);
    expect(html).toContain('Noto Sans CJK SC');
    expect(html).toContain('业务收入（万元）');
    expect(html).toMatch(/<div class="line para first( last)?">2026 年，全公司/);
    expect(html).toMatch(/<div class="line para first">从分单位情况看/);
    expect(html).toMatch(/<div class="line para last">[^<]+确保全年目标完成。<\/div>/);
    expect(html).not.toMatch(/zr\d+-/);
    expect(html).toContain('.line.para.first { text-indent: 2em }');
  });

  it('sizes pages from the page setup: A4 landscape, A3 portrait', () => {
    const a4 = renderReportHtml(buildReportFixture({ detailRows: 10 })).html;
    expect(a4).toContain('@page { size: A4 landscape; margin: 0 }');
    expect(a4).toMatch(/\.page \{[^}]*width: 297mm; height: 210mm/);
    expect(a4).toContain('break-after: page');
    const a3 = renderReportHtml(
      buildReportFixture({ detailRows: 10, page: { size: 'A3', orientation: 'portrait', margins: { top: 20, right: 15, bottom: 20, left: 15 } } }),
    ).html;
    expect(a3).toContain('@page { size: A3 portrait; margin: 0 }');
    expect(a3).toMatch(/\.page \{[^}]*width: 297mm; height: 420mm/);
  });

  it('shrinks the table font for a wide table, down to 7.5 pt, and fills the printable width', () => {
    const columns: ReportColumn[] = Array.from({ length: 28 }, (_, i) => ({
      key: `c${i}`,
      header: `指标${i + 1}完成数`,
      format: { kind: 'number', decimals: 2 },
      formula: { kind: 'input' },
    }));
    const report: ReportDescription = {
      ...buildReportFixture({ detailRows: 1, withChart: false, withText: false }),
      sections: [
        {
          kind: 'table',
          columns,
          rows: [{ id: 'r', parentId: null, kind: 'detail', level: 0, cells: Object.fromEntries(columns.map((c) => [c.key, 1234567.89])) }],
        },
      ],
    };
    const { html } = renderReportHtml(report);
    expect(html).toContain('font-size: 7.5pt');
    const widths = [...html.matchAll(/col\.t0-c\d+ \{ width: ([\d.]+)mm \}/g)].map((m) => Number(m[1]));
    expect(widths).toHaveLength(28);
    expect(widths.reduce((a, b) => a + b, 0)).toBeCloseTo(297 - 20 - 0.6, 1);
  });

  it('renders an empty table as its header and one 无数据 row', () => {
    const report = buildReportFixture({ detailRows: 1, withChart: false, withText: false });
    const table = report.sections[0];
    if (table.kind === 'table') table.rows = [];
    const { html } = renderReportHtml(report);
    expect(html).toContain('（无数据）');
    expect(html).toContain('<thead>');
  });
});

describe('breakLines', () => {
  it('fills lines to the width, never starts a line with 。or ，and keeps every character', () => {
    const text = '从分单位情况看，城东、高新区等分公司完成挑战目标，城西、城北分公司未完成基本目标。'.repeat(6);
    const lines = breakLines(text, 100, 10.5, 2);
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.map((l) => l.text).join('')).toBe(text);
    for (const line of lines.slice(1)) expect(line.text).not.toMatch(/^[，。、]/);
    expect(lines[0].first && lines.at(-1)!.last).toBe(true);
  });

  it('keeps Latin words whole', () => {
    const lines = breakLines('PlanDesk exports XLSX and PDF reports for the planning department every month', 40, 10.5, 0);
    for (const line of lines) expect(line.text).toMatch(/^\S.*\S$|^\S$/);
    expect(lines.map((l) => l.text).join(' ')).toBe('PlanDesk exports XLSX and PDF reports for the planning department every month');
  });
});

describe('wrapCellLines', () => {
  it('keeps a closing bracket hung at a line end inside the cell, so nothing is cut off', () => {
    const fontPt = 9;
    const emMm = (fontPt * 25.4) / 72;
    for (const widthEm of [6, 7, 8, 8.5, 9, 10, 12]) {
      const lines = wrapCellLines('集团专线（计划）、集团短号网（引导）', widthEm * emMm, fontPt);
      expect(lines.join('')).toBe('集团专线（计划）、集团短号网（引导）');
      for (const line of lines) expect([...line].length, `width ${widthEm} em: ${line}`).toBeLessThanOrEqual(Math.floor(widthEm));
    }
  });
});
