/**
 * XLSX renderer, layout: title block, header merges, body styles, number formats, frozen panes
 * and print setup, column widths, sign-off, text and sheet names. Real files in temp dirs, read
 * back with exceljs (fixture: helpers/report-xlsx-fixture.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { excelNumberFormat } from '../../../src-main/core/reports/xlsx-renderer';
import { formatChineseDate, type TableSection } from '../../../src-shared/reports/report-model';
import { buildReport, cleanUpXlsxTests, merges, writeAndRead } from '../helpers/report-xlsx-fixture';

afterEach(cleanUpXlsxTests);

describe('xlsx renderer: layout', () => {
  it('writes the title block, the two-level header with merges, and a sanitised sheet name', async () => {
    const { workbook } = await writeAndRead(buildReport());
    expect(workbook.worksheets).toHaveLength(1);
    const ws = workbook.worksheets[0];
    expect(ws.name).toBe('分单位完成情况_2026__ 收入_用户__');
    expect(ws.name.length).toBeLessThanOrEqual(31);

    expect(merges(ws)).toEqual(
      [
        'A1:P1', // title
        'A2:K2', // 编制单位 / 期间 / 单位
        'L2:P2', // 日期
        'A3:A4', // a leaf under no group spans both header rows
        'B3:F3',
        'G3:K3',
        'L3:P3',
        'A14:D14', // sign-off: four items over 16 columns
        'E14:H14',
        'I14:L14',
        'M14:P14',
      ].sort(),
    );
    expect(ws.getCell('A1').value).toBe('2026 年度目标完成情况表');
    expect(ws.getCell('A1').font).toMatchObject({ bold: true, size: 16 });
    expect(ws.getCell('A1').alignment).toMatchObject({ horizontal: 'center' });
    expect(ws.getCell('A2').value).toBe('编制单位：示例市分公司    期间：2026 年 1–11 月    单位：万元、户');
    expect(ws.getCell('L2').value).toBe('日期：2026 年 11 月 26 日');
    expect(ws.getCell('L2').alignment).toMatchObject({ horizontal: 'right' });

    const header = (address: string) => ws.getCell(address).value;
    expect([header('A3'), header('B3'), header('G3'), header('L3')]).toEqual(['单位/人员', '业务收入（万元）', '新增用户（户）', '欠费回收率']);
    expect(['B4', 'C4', 'D4', 'E4', 'F4'].map(header)).toEqual(['上年实际', '基本目标', '实际', '完成率', '同比增长']);
    expect(['L4', 'M4', 'N4', 'O4', 'P4'].map(header)).toEqual(['应收欠费', '已回收', '回收率', '上年回收率', '同比']);
    for (const address of ['A3', 'A4', 'B3', 'C3', 'E4']) {
      const cell = ws.getCell(address);
      expect(cell.font, address).toMatchObject({ bold: true });
      expect(cell.fill, address).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } });
      expect(cell.border?.top?.style, address).toBe('thin');
      expect(cell.alignment, address).toMatchObject({ horizontal: 'center', vertical: 'middle', wrapText: true });
    }
  });

  it('styles the body: indent by level, bold subtotals, a double rule over the total, band colours', async () => {
    const { workbook } = await writeAndRead(buildReport());
    const ws = workbook.worksheets[0];
    expect(ws.getCell('A5').value).toBe('全公司合计');
    expect(ws.getCell('A6').alignment?.indent).toBe(1);
    expect(ws.getCell('A7').alignment?.indent).toBe(2);
    expect(ws.getCell('A5').alignment?.indent ?? 0).toBe(0);
    expect(ws.getCell('B7').alignment?.indent ?? 0).toBe(0);
    expect(ws.getCell('A6').font?.bold).toBe(true);
    expect(ws.getCell('C9').font?.bold).toBe(true);
    expect(ws.getCell('A7').font?.bold).toBeFalsy();
    expect(ws.getCell('A5').font?.bold).toBe(true);
    expect(ws.getCell('C5').border?.top?.style).toBe('double');
    expect(ws.getCell('C6').border?.top?.style).toBe('thin');
    expect(ws.getCell('B7').alignment?.horizontal).toBe('right');
    expect(ws.getCell('A7').alignment?.horizontal).toBe('left');
    // 完成率 cells carry the band colour of their row (bands keyed by the column's bandKey).
    expect(ws.getCell('E7').font?.color?.argb).toBe('FFB8860B'); // 张三 126/120 = 105% → basic
    expect(ws.getCell('E8').font?.color?.argb).toBe('FF2E7D32'); // 李四 99/90 = 110% → challenge
    expect(ws.getCell('E10').font?.color?.argb).toBe('FFC00000'); // 王五 40/50 = 80% → below basic
    expect(ws.getCell('J7').font?.color?.argb).toBeUndefined(); // no bandKey on 新增用户's rate
  });

  it('maps number formats', async () => {
    const { workbook } = await writeAndRead(buildReport());
    const ws = workbook.worksheets[0];
    expect(ws.getCell('A7').numFmt).toBe('@');
    expect(ws.getCell('B7').numFmt).toBe('#,##0.00');
    expect(ws.getCell('G7').numFmt).toBe('#,##0');
    expect(ws.getCell('E7').numFmt).toBe('0.0%');
    expect(ws.getCell('F5').numFmt).toBe('0.0%');
    expect(ws.getCell('N7').numFmt).toBe('0.0"%"');
    expect(ws.getCell('P7').numFmt).toBe('+0.0"个百分点";-0.0"个百分点";0.0"个百分点"');
    expect(excelNumberFormat({ kind: 'number', decimals: 0 })).toBe('#,##0');
    expect(excelNumberFormat({ kind: 'percent', decimals: 2 })).toBe('0.00%');
    expect(excelNumberFormat({ kind: 'percent-value', decimals: 0 })).toBe('0"%"');
  });

  it('freezes the header and the name column, and sets up printing', async () => {
    const { workbook } = await writeAndRead(buildReport());
    const ws = workbook.worksheets[0];
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 4 });
    expect(ws.pageSetup).toMatchObject({
      orientation: 'landscape',
      paperSize: 9,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '3:4',
      horizontalCentered: true,
    });
    expect(ws.pageSetup.margins?.left).toBeCloseTo(15 / 25.4, 2);
    expect(ws.pageSetup.margins?.top).toBeCloseTo(20 / 25.4, 2);
    expect(ws.headerFooter.oddFooter).toBe('&C第 &P 页 共 &N 页');
    expect(ws.headerFooter.oddHeader).toBe('&L2026 年度目标完成情况表&R单位：万元、户');

    const a3 = await writeAndRead(
      buildReport({ title: 'R&D 年度表', unit: '万元', page: { size: 'A3', orientation: 'portrait', margins: { top: 25, right: 20, bottom: 25, left: 20 } } }),
    );
    const ws3 = a3.workbook.worksheets[0];
    expect(ws3.pageSetup).toMatchObject({ orientation: 'portrait', paperSize: 8 });
    expect(ws3.headerFooter.oddHeader).toBe('&LR&&D 年度表&R单位：万元'); // & escaped; a unit without its label gets one
    expect(ws3.getCell('A2').value).toBe('编制单位：示例市分公司    期间：2026 年 1–11 月    单位：万元');
  });

  it('fits column widths to content, CJK counting double', async () => {
    const { workbook } = await writeAndRead(buildReport());
    const ws = workbook.worksheets[0];
    // The long name (21 characters, all CJK/full-width → 42 cells + indent) hits the 40 cap.
    expect(ws.getColumn(1).width).toBe(40);
    expect(ws.getColumn(2).width).toBeGreaterThanOrEqual(10); // 上年实际 = 8 cells + padding

    const cn = '一二三四五六七八九十';
    const en = 'abcdefghij';
    const report = buildReport({
      sections: [
        {
          kind: 'table',
          columns: [
            { key: 'cn', header: 'cn', format: { kind: 'text' }, formula: { kind: 'none' } },
            { key: 'en', header: 'en', format: { kind: 'text' }, formula: { kind: 'none' } },
            { key: 'wide', header: 'w', format: { kind: 'text' }, formula: { kind: 'none' }, width: 30 },
          ],
          rows: [{ id: 'r', parentId: null, kind: 'detail', level: 0, cells: { cn, en, wide: 'x' } }],
        },
      ],
    });
    const ws2 = (await writeAndRead(report)).workbook.worksheets[0];
    expect(ws2.getColumn(1).width).toBe(22);
    expect(ws2.getColumn(2).width).toBe(12);
    expect(ws2.getColumn(1).width!).toBeGreaterThan(ws2.getColumn(2).width!);
    expect(ws2.getColumn(3).width).toBe(30); // the suggested width is a floor
    expect(ws2.name).toBe('2026 年度目标完成情况表'); // no section title: the report title
  });

  it('writes the sign-off line two rows under the table', async () => {
    const { workbook } = await writeAndRead(buildReport());
    const ws = workbook.worksheets[0];
    expect(ws.getRow(13).values).toEqual([]);
    expect(['A14', 'E14', 'I14', 'M14'].map((a) => ws.getCell(a).value)).toEqual(['编制人：李明', '审核人：________', '批准人：________', '日期：________']);
  });

  it('puts text under the table, skips charts, and uses a 说明 sheet when there is no table', async () => {
    const base = buildReport();
    const table = base.sections[0] as TableSection;
    const withText = buildReport({
      signOff: undefined,
      sections: [
        { kind: 'chart', title: '图', option: {}, width: 100, height: 50 },
        { ...table, note: '完成率 = 实际 ÷ 基本目标。' },
        { kind: 'text', title: '三、说明', paragraphs: ['第一段。', '第二段。'] },
      ],
    });
    const ws = (await writeAndRead(withText)).workbook.worksheets[0];
    expect(ws.getCell('A13').value).toBe('注：完成率 = 实际 ÷ 基本目标。');
    expect(['A15', 'A16', 'A17'].map((a) => ws.getCell(a).value)).toEqual(['三、说明', '第一段。', '第二段。']);
    expect(merges(ws)).toContain('A16:P16');

    const textOnly = buildReport({ sections: [{ kind: 'text', title: '一、总体情况', paragraphs: ['全年完成目标。'] }] });
    const book = (await writeAndRead(textOnly)).workbook;
    expect(book.worksheets.map((w) => w.name)).toEqual(['说明']);
    const sheet = book.worksheets[0];
    expect(sheet.getCell('A1').value).toBe('2026 年度目标完成情况表');
    expect(sheet.getCell('A4').value).toBe('一、总体情况');
    expect(sheet.getCell('A5').value).toBe('全年完成目标。');
  });

  it('gives every table its own uniquely named sheet', async () => {
    const table = buildReport().sections[0] as TableSection;
    const report = buildReport({
      sections: [
        { ...table, title: '完成情况' },
        { ...table, title: '完成情况' },
        { ...table, title: "'History'" },
      ],
    });
    const { workbook } = await writeAndRead(report);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['完成情况', '完成情况 (2)', '’History’']);
    expect(workbook.worksheets[1].pageSetup.printTitlesRow).toBe('3:4');
  });

  it('formats the date the Chinese way', () => {
    expect(formatChineseDate('2026-11-26')).toBe('2026 年 11 月 26 日');
    expect(formatChineseDate('2026-01-05')).toBe('2026 年 1 月 5 日');
  });
});
