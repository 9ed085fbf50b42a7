/**
 * The numbering of a 公文's headings (GB/T 9704-2012 §7.3.3 and common practice): 一、 then （一）
 * then 1. then （1） then ①. Numbers are never stored: they are counted from the headings' order
 * each time a document is shown or exported, so moving or deleting a section renumbers the rest.
 */

export const HEADING_LEVELS = [1, 2, 3, 4, 5] as const;
export type HeadingLevel = (typeof HEADING_LEVELS)[number];
/** A measure of 具体做法 is numbered as a level-3 item (1. 2. …) among the headings. */
export const MEASURE_LEVEL: HeadingLevel = 3;

const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九; beyond 99 in Arabic figures. */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`not a heading number: ${n}`);
  if (n > 99) return String(n);
  const tens = Math.floor(n / 10);
  const units = n % 10;
  if (tens === 0) return DIGITS[units];
  return `${tens === 1 ? '' : DIGITS[tens]}十${DIGITS[units]}`;
}

/** ① … ⑳, ㉑ … ㉟, ㊱ … ㊿; beyond 50 in brackets. */
export function circledNumeral(n: number): string {
  if (n >= 1 && n <= 20) return String.fromCodePoint(0x2460 + n - 1);
  if (n >= 21 && n <= 35) return String.fromCodePoint(0x3251 + n - 21);
  if (n >= 36 && n <= 50) return String.fromCodePoint(0x32b1 + n - 36);
  return `（${n}）`;
}

/** The label of the n-th heading of a level: 一、 （一） 1. （1） ①. */
export function headingLabel(level: HeadingLevel, n: number): string {
  switch (level) {
    case 1:
      return `${chineseNumeral(n)}、`;
    case 2:
      return `（${chineseNumeral(n)}）`;
    case 3:
      return `${n}.`;
    case 4:
      return `（${n}）`;
    case 5:
      return circledNumeral(n);
  }
}

/**
 * The labels of headings in document order: each level counts from 1 under the nearest heading
 * above it, and a heading deeper than the one before (一、 straight to 1.) counts as if the levels
 * between were there.
 */
export function numberHeadings(levels: readonly HeadingLevel[]): string[] {
  const counters = [0, 0, 0, 0, 0];
  return levels.map((level) => {
    counters[level - 1]++;
    for (let deeper = level; deeper < counters.length; deeper++) counters[deeper] = 0;
    return headingLabel(level, counters[level - 1]);
  });
}
