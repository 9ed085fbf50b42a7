import { describe, expect, it } from 'vitest';
import { formatMatchedProducts, parseMatchedProducts } from '../../../src-shared/domain/strategy';

const items = [
  { name: '集团专线', needKind: 'urgent-point' as const },
  { name: '视频监控', needKind: 'potential-plan' as const },
];

describe('matched-product marks in both languages', () => {
  it('writes Chinese marks and full-width punctuation by default, as the printed tables do', () => {
    expect(formatMatchedProducts(items)).toBe('集团专线（迫切）、视频监控（潜在）');
  });

  it('writes English marks with half-width punctuation in English', () => {
    expect(formatMatchedProducts(items, 'en')).toBe('集团专线 (urgent), 视频监控 (potential)');
  });

  it('reads either form back to the same matches, so a copy from the English grid pastes back', () => {
    const expected = items.map((i) => ({ ok: true, ...i }));
    expect(parseMatchedProducts(formatMatchedProducts(items))).toEqual(expected);
    expect(parseMatchedProducts(formatMatchedProducts(items, 'en'))).toEqual(expected);
    expect(parseMatchedProducts('集团专线 (Urgent)')).toEqual([{ ok: true, name: '集团专线', needKind: 'urgent-point' }]);
  });

  it('still refuses a mark it does not know', () => {
    expect(parseMatchedProducts('集团专线 (soon)')).toEqual([{ ok: false, token: '集团专线 (soon)', reason: 'unknown-need-kind' }]);
  });
});
