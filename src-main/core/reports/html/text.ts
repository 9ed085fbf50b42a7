/**
 * Text measuring and line breaking: our own lines for paragraphs, notes and wrapped cells, so
 * their count and height are exact and the paginator can add them up.
 */
import { displayWidth } from '../../../../src-shared/reports/report-model';
import { LAYOUT, PT_MM } from './metrics';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/**
 * Characters drawn about 1 em wide although displayWidth counts them 1: punctuation that CJK fonts
 * draw full width, and wide Latin glyphs (% is 0.92 em in Noto Sans CJK).
 */
const WIDE_NARROW_CHARACTERS = new Set([...'‘’“”—…·%‰@MWmw']);
/** Narrow punctuation in numbers (0.25–0.3 em in both stacks); bold digits are 0.59 em. */
const THIN_CHARACTERS = new Set([...".,:;!|' "]);

/**
 * Width of a text in em, slightly generous: full-width (displayWidth 2) characters 1 em, thin
 * punctuation 0.3 em, the others halfWidthEm.
 */
export function textEm(text: string): number {
  let em = 0;
  for (const ch of text) {
    em += displayWidth(ch) === 2 || WIDE_NARROW_CHARACTERS.has(ch) ? 1 : THIN_CHARACTERS.has(ch) ? 0.3 : LAYOUT.halfWidthEm;
  }
  return em;
}

/** The unit line: builders may or may not write the 单位： prefix. */
export function unitLabel(unit: string | undefined): string {
  const bare = (unit ?? '').replace(/^\s*单位\s*[:：]\s*/, '').trim();
  return bare ? `单位：${bare}` : '';
}

// ---------------------------------------------------------------------------------------------
// Line breaking (paragraphs and notes)

export interface TextLine {
  text: string;
  first: boolean;
  last: boolean;
}

/** Must not start a line (避头): hung at the end of the previous line instead. */
const NO_LINE_START = new Set([...'，。、；：！？）》」』】〕〉”’…%‰,.;:!?)]}']);
/** Must not end a line (避尾): moved to the next line. */
const NO_LINE_END = new Set([...'（《「『【〔〈“‘([{']);

/**
 * Wide characters one by one; runs of other characters (Latin words, numbers) whole. A no-break
 * space (U+00A0, U+2007, U+202F) is part of the run it joins, never a place to break: a builder
 * writes one to keep a run together (a delivery lot's day and quantity, 12-23 3762).
 */
function tokenize(text: string): string[] {
  return (
    text.match(
      /[^\S\u00a0\u2007\u202f]+|(?:[^\s\u1100-\u115f\u2018\u2019\u201c\u201d\u2014\u2026\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{10ffff}]|[\u00a0\u2007\u202f])+|./gsu,
    ) ?? []
  );
}

const isSpace = (token: string) => /^[^\S\u00a0\u2007\u202f]+$/.test(token);

/**
 * Greedy line breaking at the given width and font size (the first line indented by indentEm),
 * filling lines to LAYOUT.lineFill of the width; the HTML justifies every line but the last.
 */
export function breakLines(text: string, widthMm: number, fontPt: number, indentEm: number): TextLine[] {
  const capacity = (widthMm * LAYOUT.lineFill) / (fontPt * PT_MM);
  const lines: string[] = [];
  let current: string[] = [];
  let used = 0;
  const room = () => capacity - (lines.length === 0 ? indentEm : 0);
  const push = (token: string) => {
    current.push(token);
    used += textEm(token);
  };
  const endLine = () => {
    const carried = current.length > 1 && NO_LINE_END.has(current[current.length - 1]) ? [current.pop()!] : [];
    lines.push(current.join('').trimEnd());
    current = [];
    used = 0;
    carried.forEach(push);
  };
  for (const token of tokenize(text)) {
    if (isSpace(token)) {
      if (current.length > 0) push(' ');
    } else if (used + textEm(token) <= room() || (current.length > 0 && NO_LINE_START.has(token))) {
      push(token);
    } else if (textEm(token) > room()) {
      // A word longer than a line: break it between characters.
      for (const ch of token) {
        if (used + textEm(ch) > room() && current.length > 0) endLine();
        push(ch);
      }
    } else {
      endLine();
      push(token);
    }
  }
  if (current.length > 0 || lines.length === 0) lines.push(current.join('').trimEnd());
  return lines.map((line, i) => ({ text: line, first: i === 0, last: i === lines.length - 1 }));
}

// ---------------------------------------------------------------------------------------------
// Wrapped table cells

/** Separators of a list in one cell (集团专线（迫切）、视频监控（潜在）): lines break after them first. */
const LIST_SEPARATOR = /(?<=[、，；,;])/;

/**
 * The lines of a wrapped cell, paragraph by paragraph. A list whose items each fit on a line
 * breaks between items (a trailing separator may hang past the width), unless that takes more
 * lines than breaking it as a sentence.
 */
export function wrapCellLines(text: string, widthMm: number, fontPt: number): string[] {
  // Room is kept for punctuation hung at a line's end (避头: a closing bracket, then 、): it must
  // still fit in the cell, or the cell's overflow cuts it off with an ellipsis.
  const emMm = fontPt * PT_MM;
  const fullCapacity = (widthMm * LAYOUT.lineFill) / emMm;
  const usableMm = Math.max(emMm, widthMm - emMm);
  const capacity = (usableMm * LAYOUT.lineFill) / emMm;
  const fits = (line: string) => textEm(line.replace(/[、，；,;]$/, '')) <= capacity;
  const breakPlain = (paragraph: string) => {
    const lines = breakLines(paragraph, usableMm, fontPt, 0).map((line) => line.text);
    return lines.every((line) => textEm(line) <= fullCapacity)
      ? lines
      : breakLines(paragraph, Math.max(emMm, widthMm - 2 * emMm), fontPt, 0).map((line) => line.text);
  };
  return text.split(/\r?\n/).flatMap((paragraph) => {
    const plain = breakPlain(paragraph);
    const items = paragraph.split(LIST_SEPARATOR);
    if (items.length < 2 || !items.every(fits)) return plain;
    const lines: string[] = [];
    let current = '';
    for (const item of items) {
      if (current !== '' && !fits(current + item)) {
        lines.push(current);
        current = '';
      }
      current += item;
    }
    lines.push(current);
    return lines.length <= plain.length ? lines : plain;
  });
}
