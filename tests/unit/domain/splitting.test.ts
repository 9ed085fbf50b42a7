import { describe, expect, it } from 'vitest';
import { dayInfo, workingDaysIn } from '../../../src-shared/domain/calendar';
import { daysIn, daysOfYear, periodOf, periodsOf, type Grain } from '../../../src-shared/domain/periods';
import {
  evenWeights,
  rollup,
  rollupRatio,
  spreadOverDays,
  spreadTotal,
  weightsFrom,
  workingDayWeights,
  type SpreadChild,
  type SpreadResult,
} from '../../../src-shared/domain/splitting';
import { seededRandom as mulberry32 } from '../../../src-shared/domain/random';

const values = (result: SpreadResult): Map<string, number> => {
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return result.values;
};
const sum = (map: Map<string, number>) => [...map.values()].reduce((a, b) => a + b, 0);
const entries = (map: Map<string, number>) => Object.fromEntries(map);

describe('spreadTotal', () => {
  it('splits evenly with the remainder going to the smallest keys', () => {
    const children = ['a', 'b', 'c'].map((key) => ({ key, weight: 1 }));
    expect(entries(values(spreadTotal(100, children)))).toEqual({ a: 34, b: 33, c: 33 });
    expect(entries(values(spreadTotal(100, [...children].reverse())))).toEqual({ a: 34, b: 33, c: 33 });
    expect(entries(values(spreadTotal(2, children)))).toEqual({ a: 1, b: 1, c: 0 });
  });

  it('splits by weights with the largest remainders', () => {
    // 7 × (1, 2, 3)/6 = 1.17, 2.33, 3.5 → 1, 2, 4
    const result = spreadTotal(7, [
      { key: 'x', weight: 1 },
      { key: 'y', weight: 2 },
      { key: 'z', weight: 3 },
    ]);
    expect(entries(values(result))).toEqual({ x: 1, y: 2, z: 4 });
    // Fractional weights split exactly as their integer multiples.
    const fractional = spreadTotal(7, [
      { key: 'x', weight: 0.1 },
      { key: 'y', weight: 0.2 },
      { key: 'z', weight: 0.3 },
    ]);
    expect(entries(values(fractional))).toEqual({ x: 1, y: 2, z: 4 });
  });

  it('keeps locked children and lets the open ones absorb the difference', () => {
    const result = spreadTotal(1000, [
      { key: 'jan', weight: 1, locked: true, value: 400 },
      { key: 'feb', weight: 1 },
      { key: 'mar', weight: 3 },
    ]);
    expect(entries(values(result))).toEqual({ jan: 400, feb: 150, mar: 450 });
  });

  it('splits evenly when every open weight is zero', () => {
    const result = spreadTotal(10, [
      { key: 'a', weight: 0 },
      { key: 'b', weight: 0 },
      { key: 'c', weight: 5, locked: true, value: 4 },
    ]);
    expect(entries(values(result))).toEqual({ a: 3, b: 3, c: 4 });
    expect(
      entries(
        values(
          spreadTotal(3, [
            { key: 'a', weight: Number.NaN },
            { key: 'b', weight: 0 },
          ]),
        ),
      ),
    ).toEqual({ a: 2, b: 1 });
  });

  it('splits negative totals by magnitude and restores the sign (净增用户)', () => {
    const result = spreadTotal(-100, [
      { key: 'a', weight: 1 },
      { key: 'b', weight: 1 },
      { key: 'c', weight: 1 },
    ]);
    expect(entries(values(result))).toEqual({ a: -34, b: -33, c: -33 });
    const locked = spreadTotal(-90, [
      { key: 'a', weight: 1, locked: true, value: -30 },
      { key: 'b', weight: 2 },
      { key: 'c', weight: 1 },
    ]);
    expect(entries(values(locked))).toEqual({ a: -30, b: -40, c: -20 });
    expect(
      Object.is(
        values(
          spreadTotal(-1, [
            { key: 'a', weight: 1 },
            { key: 'b', weight: 1 },
          ]),
        ).get('b'),
        0,
      ),
    ).toBe(true);
  });

  it('refuses a total smaller than the locked cells, and the mirror for negatives', () => {
    const children: SpreadChild[] = [
      { key: 'a', weight: 1, locked: true, value: 500 },
      { key: 'b', weight: 1 },
    ];
    expect(spreadTotal(499, children)).toEqual({ ok: false, reason: 'total-below-locked', lockedSum: 500 });
    expect(entries(values(spreadTotal(500, children)))).toEqual({ a: 500, b: 0 });
    const negative: SpreadChild[] = [
      { key: 'a', weight: 1, locked: true, value: -500 },
      { key: 'b', weight: 1 },
    ];
    expect(spreadTotal(-499, negative)).toEqual({ ok: false, reason: 'total-below-locked', lockedSum: -500 });
    expect(entries(values(spreadTotal(-501, negative)))).toEqual({ a: -500, b: -1 });
  });

  it('refuses when there are no children or all are locked to another total', () => {
    expect(spreadTotal(10, [])).toEqual({ ok: false, reason: 'no-children', lockedSum: 0 });
    const locked: SpreadChild[] = [
      { key: 'a', weight: 1, locked: true, value: 3 },
      { key: 'b', weight: 1, locked: true, value: 4 },
    ];
    expect(spreadTotal(10, locked)).toEqual({ ok: false, reason: 'all-locked', lockedSum: 7 });
    expect(entries(values(spreadTotal(7, locked)))).toEqual({ a: 3, b: 4 });
  });

  it('refuses what is not a scaled integer, and duplicate keys', () => {
    expect(() => spreadTotal(1.5, [{ key: 'a', weight: 1 }])).toThrow(RangeError);
    expect(() => spreadTotal(1, [{ key: 'a', weight: 1, locked: true, value: 0.5 }])).toThrow(RangeError);
    expect(() =>
      spreadTotal(1, [
        { key: 'a', weight: 1 },
        { key: 'a', weight: 2 },
      ]),
    ).toThrow(RangeError);
  });

  it('splits in whole steps when asked (whole 万元 at precision 2)', () => {
    const result = values(
      spreadTotal(
        100_050,
        [
          { key: 'a', weight: 1 },
          { key: 'b', weight: 1 },
          { key: 'c', weight: 2 },
        ],
        { step: 100 },
      ),
    );
    expect(sum(result)).toBe(100_050);
    expect(entries(result)).toEqual({ a: 25_000, b: 25_000, c: 50_050 });
  });

  it('stays exact for totals and weights beyond 2^53 products', () => {
    const total = 987_654_321_098_765;
    const children = Array.from({ length: 37 }, (_, i) => ({ key: `k${i}`, weight: 1_000_003 * (i + 1) }));
    const result = values(spreadTotal(total, children));
    expect(sum(result)).toBe(total);
    const weightSum = BigInt(children.reduce((a, c) => a + c.weight, 0));
    for (const child of children) {
      const diff = BigInt(result.get(child.key)!) * weightSum - BigInt(total) * BigInt(child.weight);
      expect(diff < weightSum && -diff < weightSum).toBe(true);
    }
  });

  it('holds its properties on 500 seeded random cases', () => {
    const random = mulberry32(20260101);
    const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
    let refusedBelow = 0;
    let checked = 0;
    const failures: string[] = [];
    for (let c = 0; c < 500; c++) {
      const n = int(1, 60);
      const keys = Array.from({ length: n }, (_, i) => `p${(i * 7919 + c) % 1000}-${i}`);
      const sign = random() < 0.35 ? -1 : 1;
      const zeroHeavy = random() < 0.15;
      const children: SpreadChild[] = keys.map((key) => {
        const weight = zeroHeavy || random() < 0.2 ? 0 : int(1, random() < 0.5 ? 10 : 100_000);
        if (random() < 0.25) return { key, weight, locked: true, value: sign * int(0, 50_000) };
        return { key, weight };
      });
      const lockedSum = children.reduce((a, ch) => a + (ch.locked ? ch.value! : 0), 0);
      const open = children.filter((ch) => !ch.locked);
      // Below the locked cells: between zero and lockedSum, on the total's side of zero.
      const below = random() < 0.1 && Math.abs(lockedSum) > 1;
      const magnitude = int(0, random() < 0.5 ? 1000 : 1_000_000_000);
      const total = below ? lockedSum - sign * int(1, Math.abs(lockedSum) - 1) : open.length === 0 ? lockedSum : lockedSum + sign * magnitude;

      const result = spreadTotal(total, children);
      if (below) {
        expect(result).toEqual({ ok: false, reason: open.length === 0 ? 'all-locked' : 'total-below-locked', lockedSum });
        refusedBelow++;
        continue;
      }
      const got = values(result);
      checked++;
      // Plain checks collected per case: thousands of expect() calls would dominate the run time.
      const fail = (what: string) => failures.push(`case ${c} (total ${total}, ${n} children): ${what}`);
      // Exact sum, every child present, locked children unchanged.
      if (sum(got) !== total) fail(`sum ${sum(got)}`);
      if (got.size !== n || keys.some((k, i) => [...got.keys()][i] !== k)) fail('keys or their order changed');
      for (const ch of children) if (ch.locked && got.get(ch.key) !== ch.value) fail(`locked ${ch.key} changed`);
      // Every open child within one unit of its exact proportional share, on the remainder's side of zero.
      const remainder = BigInt(total - lockedSum);
      const allZero = open.every((ch) => ch.weight === 0);
      const weightOf = (ch: SpreadChild) => BigInt(allZero ? 1 : ch.weight);
      const weightSum = open.reduce((a, ch) => a + weightOf(ch), 0n);
      for (const ch of open) {
        const v = got.get(ch.key)!;
        if (Math.sign(v) !== 0 && Math.sign(v) !== Math.sign(total - lockedSum)) fail(`${ch.key} has the wrong sign`);
        const diff = BigInt(v) * weightSum - remainder * weightOf(ch);
        if (!(diff < weightSum && -diff < weightSum)) fail(`${ch.key} = ${v} is a unit or more off its share`);
      }
      // Idempotent: the result as weights gives the result back.
      const again = values(
        spreadTotal(
          total,
          children.map((ch) => (ch.locked ? ch : { key: ch.key, weight: got.get(ch.key)! })),
        ),
      );
      if (keys.some((k) => again.get(k) !== got.get(k))) fail('not idempotent');
      // Order-independent: shuffled children, same value per key.
      const shuffled = [...children];
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
      }
      const reordered = values(spreadTotal(total, shuffled));
      if (keys.some((k) => reordered.get(k) !== got.get(k))) fail('depends on the order of the children');
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(400);
    expect(refusedBelow).toBeGreaterThan(10);
  });
});

describe('weights', () => {
  it('builds even, pattern and working-day weights', () => {
    expect(entries(evenWeights(['a', 'b']))).toEqual({ a: 1, b: 1 });
    expect(
      entries(
        weightsFrom(
          new Map([
            ['jan', 120],
            ['feb', null],
            ['mar', 80],
          ]),
        ),
      ),
    ).toEqual({ jan: 120, feb: 0, mar: 80 });
    expect(
      entries(
        weightsFrom(
          new Map<string, number | null>([
            ['jan', 0],
            ['feb', null],
          ]),
        ),
      ),
    ).toEqual({ jan: 1, feb: 1 });
    // A month that lost users gets no share of a gain; a pattern of losses spreads a loss.
    expect(
      entries(
        weightsFrom(
          new Map([
            ['jan', 50],
            ['feb', -20],
          ]),
        ),
      ),
    ).toEqual({ jan: 50, feb: 0 });
    expect(
      entries(
        weightsFrom(
          new Map([
            ['jan', -50],
            ['feb', -20],
          ]),
        ),
      ),
    ).toEqual({ jan: 50, feb: 20 });
    expect(entries(workingDayWeights(['2026-02-13', '2026-02-14', '2026-02-15', '2026-02-28', '2026-03-01']))).toEqual({
      '2026-02-13': 1,
      '2026-02-14': 1,
      '2026-02-15': 0,
      '2026-02-28': 1,
      '2026-03-01': 0,
    });
  });

  it("spreads by last year's pattern", () => {
    const lastYear = new Map<string, number | null>(periodsOf(2026, 'month').map((m, i) => [m.key, i === 1 ? null : 100 + i * 10]));
    const result = values(
      spreadTotal(
        1_000_000,
        [...weightsFrom(lastYear)].map(([key, weight]) => ({ key, weight })),
      ),
    );
    expect(sum(result)).toBe(1_000_000);
    expect(result.get('2026-02')).toBe(0);
    expect(result.get('2026-12')!).toBeGreaterThan(result.get('2026-01')!);
  });
});

describe('spreadOverDays', () => {
  it('gives weekends and holidays nothing in a working-day spread and makes each month exact', () => {
    const random = mulberry32(7);
    for (const month of periodsOf(2026, 'month')) {
      const total = Math.floor(random() * 10_000_000) + 1;
      const result = values(spreadOverDays(total, 2026, month.key, 'working-days'));
      expect(sum(result)).toBe(total);
      expect([...result.keys()]).toEqual(month.days);
      for (const [day, v] of result) {
        if (!dayInfo(day).workday) expect(v, day).toBe(0);
        else expect(v, day).toBeGreaterThan(0);
      }
    }
    const february = values(spreadOverDays(160_000, 2026, '2026-02', 'working-days'));
    expect(february.get('2026-02-14')).toBe(10_000); // 调休上班 Saturday
    expect(february.get('2026-02-17')).toBe(0); // 春节
    expect(february.get('2026-02-07')).toBe(0); // ordinary Saturday
  });

  it('spreads evenly, by weights, with locks, and over a holiday week', () => {
    expect(sum(values(spreadOverDays(3650, 2026, '2026', 'even')))).toBe(3650);
    expect(new Set(values(spreadOverDays(3650, 2026, '2026', 'even')).values())).toEqual(new Set([10]));
    const weights = new Map(daysOfYear(2026).map((d) => [d, dayInfo(d).weekend ? 2 : 1]));
    const weekend = values(spreadOverDays(900, 2026, '2026-W02', { weights }));
    expect(entries(weekend)).toMatchObject({ '2026-01-05': 100, '2026-01-10': 200, '2026-01-11': 200 });
    const locks = new Map([['2026-03-02', 500]]);
    const locked = values(spreadOverDays(2700, 2026, '2026-W10', 'working-days', locks));
    expect(locked.get('2026-03-02')).toBe(500);
    expect(sum(locked)).toBe(2700);
    expect(locked.get('2026-03-03')).toBe(550);
    expect(() => spreadOverDays(1, 2026, '2026-W10', 'even', new Map([['2026-04-01', 1]]))).toThrow(RangeError);
    // 2月16日–22日 is all 春节: nothing to weigh, so it falls back to even.
    expect(new Set(values(spreadOverDays(700, 2026, '2026-W08', 'working-days')).values())).toEqual(new Set([100]));
    expect(spreadOverDays(5, 2026, '2025-03', 'even')).toEqual({ ok: false, reason: 'no-children', lockedSum: 0 });
  });

  it('splits 500 people × 365 days quickly', () => {
    const started = performance.now();
    let cells = 0;
    const people = values(
      spreadTotal(
        1_000_000_000,
        Array.from({ length: 500 }, (_, i) => ({ key: `p${i}`, weight: 1 + (i % 7) })),
      ),
    );
    for (const personTotal of people.values()) cells += values(spreadOverDays(personTotal, 2026, '2026', 'working-days')).size;
    expect(cells).toBe(182_500);
    expect(performance.now() - started).toBeLessThan(1500);
  });
});

describe('rollup', () => {
  const random = mulberry32(42);
  const byDay = new Map(daysOfYear(2026).map((d) => [d, Math.floor(random() * 2_000_000) - 500_000]));
  const grandTotal = sum(byDay);

  it.each<Grain>(['month', 'week', 'quarter', 'year', 'day'])('sums days into %s periods exactly', (grain) => {
    const rolled = rollup(byDay, grain, 2026);
    expect([...rolled.keys()]).toEqual(periodsOf(2026, grain).map((p) => p.key));
    for (const [key, value] of rolled) expect(value).toBe(daysIn(key, 2026).reduce((a, d) => a + byDay.get(d)!, 0));
    expect(sum(rolled)).toBe(grandTotal);
  });

  it('leaves out other years and periods without values', () => {
    const values = new Map([
      ['2026-12-31', 5],
      ['2027-01-02', 7],
      ['2027-01-04', 1],
    ]);
    expect(entries(rollup(values, 'week', 2027))).toEqual({ '2026-W53': 7, '2027-W01': 1 });
    expect(entries(rollup(values, 'month', 2026))).toEqual({ '2026-12': 5 });
  });

  it('is the inverse of a split: a year spread over working days rolls back to its months', () => {
    const months = values(
      spreadTotal(
        12_345_678,
        periodsOf(2026, 'month').map((m) => ({ key: m.key, weight: workingDaysIn(m.days).length })),
      ),
    );
    const days = new Map<string, number>();
    for (const [month, total] of months) for (const [d, v] of values(spreadOverDays(total, 2026, month, 'working-days'))) days.set(d, v);
    expect(rollup(days, 'month', 2026)).toEqual(months);
    expect(rollup(days, 'year', 2026).get('2026')).toBe(12_345_678);
    expect(periodOf('2026-02-14', 'month')).toBe('2026-02');
  });

  it('recomputes ratios from their parts instead of averaging', () => {
    // 达成率: January 1 of 1 (100%), February 0 of 99 (0%). The quarter is 1 of 100 = 1%, not 50%.
    const numerator = new Map([
      ['2026-01-15', 1],
      ['2026-02-10', 0],
    ]);
    const denominator = new Map([
      ['2026-01-15', 1],
      ['2026-02-10', 99],
    ]);
    const byMonth = rollupRatio(rollup(numerator, 'month', 2026), rollup(denominator, 'month', 2026));
    expect(entries(byMonth as Map<string, number>)).toEqual({ '2026-01': 100, '2026-02': 0 });
    const byQuarter = rollupRatio(rollup(numerator, 'quarter', 2026), rollup(denominator, 'quarter', 2026));
    expect(byQuarter.get('2026-Q1')).toBe(1);
    const averaged = [...byMonth.values()].reduce((a, b) => a! + b!, 0)! / byMonth.size;
    expect(averaged).toBe(50);
    expect(byQuarter.get('2026-Q1')).not.toBe(averaged);
  });

  it('gives null where a part is missing or the denominator is zero, and scales mixed precisions', () => {
    const ratio = rollupRatio(
      new Map([
        ['a', 5],
        ['b', 1],
      ]),
      new Map([
        ['a', 0],
        ['c', 4],
      ]),
    );
    expect(entries(ratio as Map<string, number>)).toEqual({ a: null, b: null, c: null });
    // 12.34 万元 (precision 2) over 200 户 (precision 0): 0.0617 万元 per 户 → 6.17.
    const mixed = rollupRatio(new Map([['q', 1234]]), new Map([['q', 200]]), { numeratorPrecision: 2, denominatorPrecision: 0 });
    expect(mixed.get('q')).toBeCloseTo(6.17, 10);
  });
});
