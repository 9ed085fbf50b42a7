import { describe, expect, it } from 'vitest';
import { formatClipboardCell, parseClipboardTable } from '../../../src-renderer/grid/clipboard';
import { UndoStack } from '../../../src-renderer/grid/undo-stack';

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

describe('UndoStack', () => {
  it('undoes and redoes batches in order, and a new edit clears redo', () => {
    const stack = new UndoStack<string>();
    stack.record([{ key: 'a', before: null, after: '1' }]);
    stack.record([
      { key: 'a', before: '1', after: '2' },
      { key: 'b', before: '5', after: '5' },
    ]);
    expect(stack.peekUndo()).toEqual([{ key: 'a', before: '1', after: '2' }]);
    stack.commitUndo();
    expect(stack.peekUndo()).toEqual([{ key: 'a', before: null, after: '1' }]);
    expect(stack.canRedo).toBe(true);
    stack.commitRedo();
    expect(stack.peekUndo()?.[0].after).toBe('2');
    stack.commitUndo();
    stack.record([{ key: 'c', before: null, after: '9' }]);
    expect(stack.canRedo).toBe(false);
  });

  it('ignores batches that change nothing and keeps at most its limit', () => {
    const stack = new UndoStack<number>(3);
    stack.record([{ key: 1, before: '1', after: '1' }]);
    expect(stack.canUndo).toBe(false);
    for (let i = 0; i < 5; i++) stack.record([{ key: i, before: null, after: String(i) }]);
    let count = 0;
    while (stack.canUndo) {
      stack.commitUndo();
      count++;
    }
    expect(count).toBe(3);
  });
});
