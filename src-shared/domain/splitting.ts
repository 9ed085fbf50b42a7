/**
 * Breakback ("splashing"): a total typed on a parent spreads to its children — evenly, by
 * weights, by last year's pattern, by working days. Locked children keep their value and the
 * open ones absorb the difference. Values are scaled integers (value × 10^precision) and the
 * split uses the largest-remainder method, so the children always sum exactly to the total.
 * Actuals roll up the other way: sums of exact integers, ratios recomputed from their parts.
 */
import { calendarRevision, isWorkingDay } from './calendar';
import { daysIn, periodOf, periodsOf, type Grain } from './periods';
import { ratioValue } from './targets';

export interface SpreadChild {
  key: string;
  /** Share of the open remainder; see `normaliseWeights` for zeros and negatives. */
  weight: number;
  locked?: boolean;
  /** Current scaled value, kept when locked (missing counts as 0). */
  value?: number;
}

export type SpreadRefusal = 'total-below-locked' | 'no-children' | 'all-locked';

export type SpreadResult = { ok: true; values: Map<string, number> } | { ok: false; reason: SpreadRefusal; lockedSum: number };

export interface SpreadOptions {
  /**
   * Open children receive multiples of `step` (e.g. 100 at precision 2: whole 万元); the part of
   * the remainder below one step goes to the open child with the largest weight (ties: smallest
   * key). Default 1.
   */
  step?: number;
}

const compareKeys = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function assertScaled(value: number, what: string): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be a scaled integer, got ${value}`);
}

/**
 * Weights as the split uses them: non-finite weights count as 0; when some weight is positive,
 * negative ones count as 0 (a month that lost users last year gets no share of a gain); when
 * none is positive, their magnitudes are used (a pattern of losses spreads a planned loss);
 * when all are 0, every child weighs 1 (an even split).
 */
export function normaliseWeights(weights: ArrayLike<number>): number[] {
  const n = weights.length;
  const out = new Array<number>(n);
  let anyPositive = false;
  for (let i = 0; i < n; i++) {
    const w = Number.isFinite(weights[i]) ? weights[i] : 0;
    out[i] = w;
    if (w > 0) anyPositive = true;
  }
  let anyWeight = false;
  for (let i = 0; i < n; i++) {
    const w = out[i];
    const v = anyPositive ? (w > 0 ? w : 0) : w < 0 ? -w : 0;
    out[i] = v;
    if (v > 0) anyWeight = true;
  }
  return anyWeight ? out : out.fill(1);
}

/** Exact integer form of non-negative weights: scaled by a common power of two when fractional. */
function weightsAsBigInt(weights: readonly number[]): bigint[] {
  if (weights.every(Number.isInteger)) return weights.map((w) => BigInt(w));
  let shift = 0;
  for (const w of weights) {
    let e = 0;
    let x = w;
    while (!Number.isInteger(x)) {
      x *= 2;
      e++;
    }
    shift = Math.max(shift, e);
  }
  return weights.map((w) => {
    let x = w;
    for (let left = shift; left > 0; left -= Math.min(left, 512)) x *= 2 ** Math.min(left, 512);
    if (!Number.isFinite(x)) throw new RangeError('weights span too wide a range to split exactly');
    return BigInt(x);
  });
}

/**
 * Largest-remainder apportionment of `units` (≥ 0) by non-negative weights with a positive sum.
 * Every share is the floor of its exact proportional share or one more; the ones that get one
 * more are those with the largest remainders, ties broken by key.
 */
function apportion(units: number, weights: readonly number[], keys: readonly string[]): number[] {
  const n = weights.length;
  const shares = new Array<number>(n);
  let given = 0;
  let sum = 0;
  let integral = true;
  for (let i = 0; i < n; i++) {
    sum += weights[i];
    if (integral && !Number.isInteger(weights[i])) integral = false;
  }
  let remainders: Float64Array | bigint[];
  if (integral && units * sum <= 2 ** 52) {
    const rem = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const product = units * weights[i];
      let q = Math.floor(product / sum);
      let r = product - q * sum;
      if (r < 0) {
        q--;
        r += sum;
      } else if (r >= sum) {
        q++;
        r -= sum;
      }
      shares[i] = q;
      rem[i] = r;
      given += q;
    }
    remainders = rem;
  } else {
    const exact = weightsAsBigInt(weights);
    const total = exact.reduce((a, b) => a + b, 0n);
    const bigUnits = BigInt(units);
    const rem = new Array<bigint>(n);
    for (let i = 0; i < n; i++) {
      const product = bigUnits * exact[i];
      const q = product / total;
      shares[i] = Number(q);
      rem[i] = product - q * total;
      given += shares[i];
    }
    remainders = rem;
  }
  const deficit = units - given;
  if (deficit === 0) return shares;

  // Only children with a remainder can be owed a unit (the remainders add up to deficit × sum,
  // each below sum). Largest remainder first; ties by key — by position when the keys are
  // already ascending, as days and period keys are.
  const candidates: number[] = [];
  let sameRemainder = true;
  for (let i = 0; i < n; i++) {
    if (remainders[i] > 0) {
      if (candidates.length > 0 && remainders[i] !== remainders[candidates[0]]) sameRemainder = false;
      candidates.push(i);
    }
  }
  let ascending = true;
  for (let i = 1; i < n && ascending; i++) if (!(keys[i - 1] < keys[i])) ascending = false;
  if (!(sameRemainder && ascending)) {
    candidates.sort((a, b) => {
      const ra = remainders[a];
      const rb = remainders[b];
      if (ra !== rb) return ra > rb ? -1 : 1;
      return ascending ? a - b : compareKeys(keys[a], keys[b]);
    });
  }
  for (let j = 0; j < deficit; j++) shares[candidates[j]]++;
  return shares;
}

/**
 * The split itself over parallel arrays: `locks[i]` is the value of a locked child, undefined for
 * an open one.
 */
function spreadArrays(
  total: number,
  keys: readonly string[],
  rawWeights: ArrayLike<number>,
  locks: ReadonlyArray<number | undefined> | null,
  step: number,
): SpreadResult {
  const n = keys.length;
  if (n === 0) return { ok: false, reason: 'no-children', lockedSum: 0 };
  let lockedSum = 0;
  const openIndex: number[] = [];
  for (let i = 0; i < n; i++) {
    const lock = locks === null ? undefined : locks[i];
    if (lock === undefined) openIndex.push(i);
    else lockedSum += lock;
  }
  assertScaled(lockedSum, 'sum of locked children');

  if (openIndex.length === 0) {
    if (total !== lockedSum) return { ok: false, reason: 'all-locked', lockedSum };
  } else if (total >= 0 ? total < lockedSum : total > lockedSum) {
    return { ok: false, reason: 'total-below-locked', lockedSum };
  }

  const out = new Array<number>(n);
  if (locks !== null) for (let i = 0; i < n; i++) if (locks[i] !== undefined) out[i] = locks[i]!;
  if (openIndex.length > 0) {
    const remainder = total - lockedSum;
    assertScaled(remainder, 'total less locked children');
    const sign = remainder < 0 ? -1 : 1;
    const magnitude = Math.abs(remainder);
    const units = Math.floor(magnitude / step);
    const leftover = magnitude - units * step;
    const openKeys = openIndex.length === n ? keys : openIndex.map((i) => keys[i]);
    const weights = normaliseWeights(openIndex.length === n ? rawWeights : openIndex.map((i) => rawWeights[i]));
    const shares = apportion(units, weights, openKeys);
    let leftoverAt = -1;
    if (leftover > 0) {
      leftoverAt = 0;
      for (let j = 1; j < openIndex.length; j++) {
        const w = weights[j];
        const best = weights[leftoverAt];
        if (w > best || (w === best && compareKeys(openKeys[j], openKeys[leftoverAt]) < 0)) leftoverAt = j;
      }
    }
    for (let j = 0; j < openIndex.length; j++) {
      const share = shares[j] * step + (j === leftoverAt ? leftover : 0);
      out[openIndex[j]] = share === 0 ? 0 : sign * share;
    }
  }
  const values = new Map<string, number>();
  for (let i = 0; i < n; i++) values.set(keys[i], out[i]);
  return { ok: true, values };
}

function checkStep(options: SpreadOptions | undefined): number {
  const step = options?.step ?? 1;
  if (!Number.isSafeInteger(step) || step < 1) throw new RangeError(`step must be a positive integer, got ${step}`);
  return step;
}

/**
 * Spreads a scaled total over children. Locked children keep `value`; the rest share
 * `total − lockedSum` in proportion to their weights (largest remainder, ties by key, so the
 * result does not depend on the children's order) and sum exactly to the total. A negative total
 * is split by magnitude and the sign restored. Refused: no children; a total smaller than the
 * locked cells (larger, for a negative total); every child locked and the total different.
 * The result lists the children in their given order.
 */
export function spreadTotal(total: number, children: readonly SpreadChild[], options?: SpreadOptions): SpreadResult {
  assertScaled(total, 'total');
  const step = checkStep(options);
  const n = children.length;
  const keys = new Array<string>(n);
  const weights = new Array<number>(n);
  let locks: Array<number | undefined> | null = null;
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const child = children[i];
    if (seen.has(child.key)) throw new RangeError(`duplicate child key: ${child.key}`);
    seen.add(child.key);
    keys[i] = child.key;
    weights[i] = child.weight;
    if (child.locked) {
      const value = child.value ?? 0;
      assertScaled(value, `value of locked child ${child.key}`);
      (locks ??= new Array<number | undefined>(n))[i] = value;
    }
  }
  return spreadArrays(total, keys, weights, locks, step);
}

/** Children for `spreadTotal` from weights by key; keys in `locks` are locked at that value. */
export function childrenFromWeights(weights: ReadonlyMap<string, number>, locks?: ReadonlyMap<string, number>): SpreadChild[] {
  if (locks) {
    for (const key of locks.keys()) if (!weights.has(key)) throw new RangeError(`locked key is not a child: ${key}`);
  }
  return [...weights].map(([key, weight]) => {
    const lock = locks?.get(key);
    return lock === undefined ? { key, weight } : { key, weight, locked: true, value: lock };
  });
}

/** Weight 1 for every key: an even split. */
export function evenWeights(keys: Iterable<string>): Map<string, number> {
  const out = new Map<string, number>();
  for (const key of keys) out.set(key, 1);
  return out;
}

/**
 * Weights from a pattern of values (last year's actuals by month, last year's share by person):
 * null counts as 0, negatives as in `normaliseWeights`; all 0 or null → even.
 */
export function weightsFrom(values: ReadonlyMap<string, number | null>): Map<string, number> {
  const keys = [...values.keys()];
  const weights = normaliseWeights(keys.map((k) => values.get(k) ?? 0));
  return new Map(keys.map((k, i) => [k, weights[i]]));
}

/** Weight 1 for working days (China's official calendar, make-up working days included), 0 otherwise. */
export function workingDayWeights(days: readonly string[]): Map<string, number> {
  return new Map(days.map((day) => [day, isWorkingDay(day) ? 1 : 0]));
}

export type DaySpreadMethod = 'even' | 'working-days' | { weights: ReadonlyMap<string, number> };

/**
 * Spreads a period's total over its days in the plan year. 'working-days' gives weekends and
 * public holidays nothing (a period with no working day at all, such as the 春节 week, falls back
 * to even); `{ weights }` takes weights by day (days missing from the map weigh 0, extra keys are
 * ignored, so a whole year's pattern can be passed for one month). `locks` pins days at a value.
 */
export function spreadOverDays(
  total: number,
  planYear: number,
  periodKey: string,
  method: DaySpreadMethod,
  locks?: ReadonlyMap<string, number>,
  options?: SpreadOptions,
): SpreadResult {
  assertScaled(total, 'total');
  const step = checkStep(options);
  const days = daysIn(periodKey, planYear);
  let weights: ArrayLike<number>;
  if (method === 'even') weights = new Float64Array(days.length).fill(1);
  else if (method === 'working-days') weights = workingDayWeightArray(planYear, periodKey, days);
  else weights = days.map((day) => method.weights.get(day) ?? 0);
  let lockArray: Array<number | undefined> | null = null;
  if (locks && locks.size > 0) {
    const position = new Map(days.map((day, i) => [day, i]));
    lockArray = new Array<number | undefined>(days.length);
    for (const [day, value] of locks) {
      const i = position.get(day);
      if (i === undefined) throw new RangeError(`locked day is not in ${periodKey}: ${day}`);
      assertScaled(value, `value of locked day ${day}`);
      lockArray[i] = value;
    }
  }
  return spreadArrays(total, days, weights, lockArray, step);
}

/** Working-day weights of a period's days, cached: one period is spread for many people. */
const workingWeightCache = new Map<string, Uint8Array>();
/** The calendar's revision the cache was filled under: an entered arrangement empties it. */
let workingWeightRevision = -1;
function workingDayWeightArray(planYear: number, periodKey: string, days: readonly string[]): Uint8Array {
  if (workingWeightRevision !== calendarRevision()) {
    workingWeightCache.clear();
    workingWeightRevision = calendarRevision();
  }
  const cacheKey = `${planYear}|${periodKey}`;
  let weights = workingWeightCache.get(cacheKey);
  if (!weights) {
    weights = new Uint8Array(days.length);
    for (let i = 0; i < days.length; i++) weights[i] = isWorkingDay(days[i]) ? 1 : 0;
    if (workingWeightCache.size > 2000) workingWeightCache.clear();
    workingWeightCache.set(cacheKey, weights);
  }
  return weights;
}

/**
 * Sums values by day into periods of `grain` of the plan year (exact integer sums). Days of
 * other years are left out; only periods with at least one value appear, in calendar order.
 */
export function rollup(valuesByDay: ReadonlyMap<string, number>, grain: Grain, planYear: number): Map<string, number> {
  const prefix = `${planYear}-`;
  const sums = new Map<string, number>();
  for (const [day, value] of valuesByDay) {
    if (!day.startsWith(prefix)) continue;
    const key = periodOf(day, grain);
    sums.set(key, (sums.get(key) ?? 0) + value);
  }
  const ordered = new Map<string, number>();
  for (const period of periodsOf(planYear, grain)) {
    const sum = sums.get(period.key);
    if (sum !== undefined) ordered.set(period.key, sum);
  }
  return ordered;
}

export interface RatioPrecision {
  /** Precisions of the scaled numerator and denominator (default: equal). */
  numeratorPrecision?: number;
  denominatorPrecision?: number;
}

/**
 * A ratio metric by period (value = numerator / denominator × 100), recomputed from the rolled-up
 * parts of each period, never averaged from the children's ratios. null where either part is
 * missing or the denominator is 0. Keys: the numerator's, then any only in the denominator.
 */
export function rollupRatio(
  numeratorByPeriod: ReadonlyMap<string, number>,
  denominatorByPeriod: ReadonlyMap<string, number>,
  precision: RatioPrecision = {},
): Map<string, number | null> {
  const factor = 10 ** ((precision.denominatorPrecision ?? 0) - (precision.numeratorPrecision ?? 0));
  const out = new Map<string, number | null>();
  const keys = new Set([...numeratorByPeriod.keys(), ...denominatorByPeriod.keys()]);
  for (const key of keys) {
    const ratio = ratioValue(numeratorByPeriod.get(key) ?? null, denominatorByPeriod.get(key) ?? null);
    out.set(key, ratio === null ? null : ratio * factor);
  }
  return out;
}
