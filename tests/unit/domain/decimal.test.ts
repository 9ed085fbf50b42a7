import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src-shared/domain/random';
import { formatDecimal, numberToScaled, parseDecimalInput, scaledToNumber, scaledToPlainText, type DecimalRule } from '../../../src-shared/domain/decimal';

const P2: DecimalRule = { precision: 2, allowNegative: false };
const P2_NEG: DecimalRule = { precision: 2, allowNegative: true };
const P0: DecimalRule = { precision: 0, allowNegative: false };

const ok = (scaled: number | null) => ({ ok: true, scaled });
const refused = (reason: string) => ({ ok: false, reason });

describe('parseDecimalInput', () => {
  it.each([
    ['123.45', 12345],
    ['123.4', 12340],
    ['123', 12300],
    ['0', 0],
    ['0.01', 1],
    ['.5', 50],
    ['5.', 500],
    ['+7.25', 725],
    ['007.50', 750],
  ])('reads plain %j', (text, scaled) => {
    expect(parseDecimalInput(text, P2)).toEqual(ok(scaled));
  });

  it.each([
    ['1,234.5', 123450],
    ['1,234,567.89', 123456789],
    ['12,345', 1234500],
    ['-1,234.5', -123450],
  ])('reads thousands separators %j', (text, scaled) => {
    expect(parseDecimalInput(text, P2_NEG)).toEqual(ok(scaled));
  });

  it.each([
    ['1,23', 'separator not in groups of three'],
    ['1234,567', 'first group longer than three'],
    ['1,234,56', 'last group short'],
    [',123', 'leading separator'],
    ['1,234.5,6', 'separator in the fraction'],
  ])('refuses misplaced separators %j (%s)', (text) => {
    expect(parseDecimalInput(text, P2)).toEqual(refused('not-a-number'));
  });

  it.each([
    ['１２３．４５', 12345],
    ['１，２３４．５', 123450],
    ['1，234', 123400],
    ['１２３。４', 12340],
    ['－１２．５', -1250],
    ['＋８', 800],
  ])('reads full-width IME input %j', (text, scaled) => {
    expect(parseDecimalInput(text, P2_NEG)).toEqual(ok(scaled));
  });

  it.each([
    [' 12.5 ', 1250],
    ['\t12.5\n', 1250],
    ['1 234.5', 123450],
    ['　１２　', 1200], // ideographic spaces around full-width digits
    ['\u00a012\u00a0', 1200], // non-breaking spaces from a web page or WPS
    ['- 3', -300],
  ])('ignores spaces %j', (text, scaled) => {
    expect(parseDecimalInput(text, P2_NEG)).toEqual(ok(scaled));
  });

  it.each(['', '   ', '\t', '　'])('treats empty text %j as clearing the cell', (text) => {
    expect(parseDecimalInput(text, P2)).toEqual(ok(null));
  });

  it.each(['abc', '1.2.3', '12a', 'a12', '1e5', '12%', '¥12', '-', '+', '.', '--1', '+-1', '1-', '(12)', 'NaN', 'Infinity', '0x10', '1..2'])(
    'refuses %j as not a number',
    (text) => {
      expect(parseDecimalInput(text, P2_NEG)).toEqual(refused('not-a-number'));
    },
  );

  it('refuses more decimals than the metric precision', () => {
    expect(parseDecimalInput('1.234', P2)).toEqual(refused('too-many-decimals'));
    expect(parseDecimalInput('0.001', P2)).toEqual(refused('too-many-decimals'));
    expect(parseDecimalInput('1.5', P0)).toEqual(refused('too-many-decimals'));
    expect(parseDecimalInput('1.23456', { precision: 4, allowNegative: false })).toEqual(refused('too-many-decimals'));
    expect(parseDecimalInput('1.2345', { precision: 4, allowNegative: false })).toEqual(ok(12345));
  });

  it('accepts trailing zeros beyond the precision (Excel pastes 1.500)', () => {
    expect(parseDecimalInput('1.500', P2)).toEqual(ok(150));
    expect(parseDecimalInput('1.000000', P0)).toEqual(ok(1));
    expect(parseDecimalInput('2.', P0)).toEqual(ok(2));
    expect(parseDecimalInput('0.10', { precision: 1, allowNegative: false })).toEqual(ok(1));
    expect(parseDecimalInput('1.5010', P2)).toEqual(refused('too-many-decimals'));
  });

  it('refuses negatives unless the metric allows them', () => {
    expect(parseDecimalInput('-5', P2)).toEqual(refused('negative-not-allowed'));
    expect(parseDecimalInput('-0.01', P2)).toEqual(refused('negative-not-allowed'));
    expect(parseDecimalInput('－５', P2)).toEqual(refused('negative-not-allowed'));
    expect(parseDecimalInput('-5', P2_NEG)).toEqual(ok(-500));
    expect(parseDecimalInput('-35', { precision: 0, allowNegative: true })).toEqual(ok(-35));
  });

  it('reads minus zero as plain zero, even where negatives are refused', () => {
    for (const text of ['-0', '-0.00', '-.0', '-0,000']) {
      for (const rule of [P2, P2_NEG]) {
        const result = parseDecimalInput(text, rule);
        expect(result).toEqual(ok(0));
        // Not -0: a stored -0 would print as "-0.00".
        if (result.ok) expect(Object.is(result.scaled, 0)).toBe(true);
      }
    }
  });

  it('refuses amounts too large to keep exactly', () => {
    // The largest scaled magnitude kept is 1e15.
    expect(parseDecimalInput('1000000000000000', P0)).toEqual(ok(1e15));
    expect(parseDecimalInput('1000000000000001', P0)).toEqual(refused('too-large'));
    expect(parseDecimalInput('10,000,000,000,000', P2)).toEqual(ok(1e15));
    expect(parseDecimalInput('10000000000000.01', P2)).toEqual(refused('too-large'));
    expect(parseDecimalInput('99999999999999999999', P0)).toEqual(refused('too-large'));
    expect(parseDecimalInput('-99999999999999999999', P2_NEG)).toEqual(refused('too-large'));
    // Leading zeros do not count towards the size.
    expect(parseDecimalInput('0000000000000000000012', P0)).toEqual(ok(12));
  });

  it('reports the first failing rule in a fixed order: form, decimals, size, sign', () => {
    expect(parseDecimalInput('-1.234', P2)).toEqual(refused('too-many-decimals'));
    expect(parseDecimalInput('-99999999999999999999', P2)).toEqual(refused('too-large'));
  });
});

describe('scaledToPlainText', () => {
  it.each([
    [12345, 2, '123.45'],
    [5, 2, '0.05'],
    [-5, 2, '-0.05'],
    [-12345, 2, '-123.45'],
    [0, 2, '0.00'],
    [0, 0, '0'],
    [42, 0, '42'],
    [-42, 0, '-42'],
    [1234567, 4, '123.4567'],
    [1e15, 2, '10000000000000.00'],
  ])('prints %d at precision %d as %j', (scaled, precision, text) => {
    expect(scaledToPlainText(scaled, precision)).toBe(text);
  });

  it('prints null as empty text', () => {
    expect(scaledToPlainText(null, 2)).toBe('');
  });

  it('round-trips with parseDecimalInput for seeded random values at precisions 0..4', () => {
    const random = seededRandom(20261126);
    let checked = 0;
    for (let precision = 0; precision <= 4; precision++) {
      const rule: DecimalRule = { precision, allowNegative: true };
      for (let i = 0; i < 120; i++) {
        // Magnitudes from 0 to 1e12 spread over orders of magnitude, with a third negative.
        const magnitude = Math.floor(10 ** (random() * 12) * random());
        const scaled = random() < 0.33 ? -magnitude : magnitude;
        const text = scaledToPlainText(scaled, precision);
        const parsed = parseDecimalInput(text, rule);
        expect(parsed, `${scaled} at ${precision} printed as ${text}`).toEqual({ ok: true, scaled: scaled === 0 ? 0 : scaled });
        // What a report shows (thousands separators) reads back the same.
        const shown = formatDecimal(scaledToNumber(scaled, precision), precision);
        expect(parseDecimalInput(shown, rule), `shown as ${shown}`).toEqual({ ok: true, scaled: scaled === 0 ? 0 : scaled });
        checked++;
      }
    }
    expect(checked).toBe(600);
  });
});

describe('formatDecimal', () => {
  it.each([
    [1234567.891, 2, '1,234,567.89'],
    [1234.5, 2, '1,234.50'],
    [0.3, 2, '0.30'],
    [0.1 + 0.2, 2, '0.30'],
    [-1234.5, 1, '-1,234.5'],
    [1234, 0, '1,234'],
    [0, 2, '0.00'],
    [85.12345, 1, '85.1'],
  ])('shows %d at precision %d as %j', (value, precision, text) => {
    expect(formatDecimal(value, precision)).toBe(text);
  });

  it('shows nothing for null and non-finite values', () => {
    expect(formatDecimal(null, 2)).toBe('');
    expect(formatDecimal(Number.NaN, 2)).toBe('');
    expect(formatDecimal(Number.POSITIVE_INFINITY, 2)).toBe('');
  });

  it('never shows a negative zero', () => {
    // A ratio that moved by -0.0001 percentage points, or a -0 from arithmetic, is "0.00".
    expect(formatDecimal(-0, 2)).toBe('0.00');
    expect(formatDecimal(-0.001, 2)).toBe('0.00');
    expect(formatDecimal(-0.04, 1)).toBe('0.0');
    expect(formatDecimal(-0.06, 1)).toBe('-0.1');
  });
});

describe('numberToScaled / scaledToNumber', () => {
  it('converts between display numbers and scaled integers', () => {
    expect(numberToScaled(123.45, 2)).toBe(12345);
    expect(numberToScaled(0.1 + 0.2, 2)).toBe(30);
    expect(scaledToNumber(12345, 2)).toBe(123.45);
    expect(scaledToNumber(30, 2)).toBe(0.3);
    expect(scaledToNumber(-7, 0)).toBe(-7);
  });
});
