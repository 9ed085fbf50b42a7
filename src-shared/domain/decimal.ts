/**
 * Decimal amounts stored as scaled integers: 123.45 万元 at precision 2 is stored as 12345.
 * Parsing accepts what planners actually type or paste from Excel/WPS: thousands separators,
 * full-width digits from a Chinese IME, surrounding spaces.
 */

export type DecimalRefusal = 'not-a-number' | 'too-many-decimals' | 'negative-not-allowed' | 'too-large';

export type DecimalParseResult = { ok: true; scaled: number | null } | { ok: false; reason: DecimalRefusal };

export interface DecimalRule {
  precision: number;
  allowNegative: boolean;
}

/** Largest magnitude kept exactly: 2^53 leaves room for sums of many cells. */
const MAX_SCALED = 1e15;

const FULL_WIDTH_DIGIT_OFFSET = '０'.charCodeAt(0) - '0'.charCodeAt(0);

function toHalfWidth(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code >= 0xff10 && code <= 0xff19) out += String.fromCharCode(code - FULL_WIDTH_DIGIT_OFFSET);
    else if (ch === '．' || ch === '。') out += '.';
    else if (ch === '－' || ch === '—' || ch === '−') out += '-';
    else if (ch === '＋') out += '+';
    else if (ch === '，') out += ',';
    else out += ch;
  }
  return out;
}

const NUMBER_PATTERN = /^([+-])?(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d*))?$/;

/** Parses user text into a scaled integer; empty text means "clear the cell" (null). */
export function parseDecimalInput(raw: string, rule: DecimalRule): DecimalParseResult {
  const text = toHalfWidth(raw).trim().replace(/\s+/g, '');
  if (text === '') return { ok: true, scaled: null };
  const match = NUMBER_PATTERN.exec(text);
  if (!match || (match[2] === undefined && (match[3] === undefined || match[3] === ''))) {
    return { ok: false, reason: 'not-a-number' };
  }
  const [, sign, intPartRaw = '0', fracRaw = ''] = match;
  const fraction = fracRaw.replace(/0+$/, '');
  if (fraction.length > rule.precision) return { ok: false, reason: 'too-many-decimals' };
  const negative = sign === '-';
  const digits = intPartRaw.replace(/,/g, '') + fraction.padEnd(rule.precision, '0');
  const magnitude = Number(digits);
  if (!Number.isSafeInteger(magnitude) || magnitude > MAX_SCALED) return { ok: false, reason: 'too-large' };
  if (negative && magnitude !== 0 && !rule.allowNegative) return { ok: false, reason: 'negative-not-allowed' };
  return { ok: true, scaled: negative && magnitude !== 0 ? -magnitude : magnitude };
}

export function scaledToNumber(scaled: number, precision: number): number {
  return scaled / 10 ** precision;
}

export function numberToScaled(value: number, precision: number): number {
  return Math.round(value * 10 ** precision);
}

/** Plain text for an editor or the clipboard: no thousands separators, fixed decimals. */
export function scaledToPlainText(scaled: number | null, precision: number): string {
  if (scaled === null) return '';
  const negative = scaled < 0;
  const digits = String(Math.abs(scaled)).padStart(precision + 1, '0');
  const intPart = digits.slice(0, digits.length - precision);
  const fracPart = precision > 0 ? '.' + digits.slice(digits.length - precision) : '';
  return (negative ? '-' : '') + intPart + fracPart;
}

/** Display text with thousands separators, as a planner reads it in a report. */
export function formatDecimal(value: number | null, precision: number): string {
  if (value === null || !Number.isFinite(value)) return '';
  // signDisplay 'negative': a value that rounds to zero (or is -0) shows as "0.00", not "-0.00".
  return value.toLocaleString('en-US', {
    minimumFractionDigits: precision,
    maximumFractionDigits: precision,
    signDisplay: 'negative',
  });
}
