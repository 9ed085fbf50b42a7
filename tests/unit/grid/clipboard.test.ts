import { describe, expect, it } from 'vitest';
import { formatClipboardCell, parseClipboardTable } from '../../../src-renderer/grid/clipboard';

describe('parseClipboardTable (Excel / WPS text)', () => {
  it('splits rows and cells, ignoring the trailing newline Excel adds', () => {
    expect(parseClipboardTable('1\t2\t3\r\n4\t5\t6\r\n')).toEqual([
      ['1', '2', '3'],
      ['4', '5', '6'],
    ]);
    expect(parseClipboardTable('a\tb\nc\td')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('keeps empty cells, which clear their targets', () => {
    expect(parseClipboardTable('1\t\t3\n\t\t\n')).toEqual([
      ['1', '', '3'],
      ['', '', ''],
    ]);
  });

  it('reads quoted cells holding tabs, newlines and doubled quotes', () => {
    expect(parseClipboardTable('"a\tb"\t"line1\nline2"\t"say ""hi"""\n2\t3\t4')).toEqual([
      ['a\tb', 'line1\nline2', 'say "hi"'],
      ['2', '3', '4'],
    ]);
  });

  it('reads a single value and an empty clipboard', () => {
    expect(parseClipboardTable('42')).toEqual([['42']]);
    expect(parseClipboardTable('')).toEqual([]);
  });

  it('round-trips a cell through formatClipboardCell', () => {
    for (const text of ['plain', 'tab\there', 'quote"d', 'multi\nline']) {
      expect(parseClipboardTable(formatClipboardCell(text))).toEqual([[text]]);
    }
  });
});
