/**
 * The rows of 销售目标 (a store, then its categories; a 合计 row) from `holiday/get-targets`, and
 * what a typed cell means: an amount in 元 or a growth rate in per cent. Pure.
 */
import type { HolidayTargets } from '../../../src-shared/contract/channels';

export type TargetColumn = 'basic' | 'challenge' | 'basicGrowth' | 'challengeGrowth';
export const TARGET_COLUMNS: readonly TargetColumn[] = ['basicGrowth', 'basic', 'challengeGrowth', 'challenge'];

export interface TargetGridRow {
  id: string;
  kind: 'store' | 'category' | 'total';
  name: string;
  /** The category's unit, or the store's parent unit. */
  note: string;
  storeId: string | null;
  categoryId: string | null;
  lastYear: number;
  basic: number | null;
  challenge: number | null;
}

const sumOrNull = (values: Array<number | null>) => (values.every((v) => v === null) ? null : values.reduce<number>((a, v) => a + (v ?? 0), 0));

export function targetRows(data: HolidayTargets): { rows: TargetGridRow[]; total: TargetGridRow } {
  const names = new Map(data.categories.map((c) => [c.id, c]));
  const rows: TargetGridRow[] = [];
  for (const store of data.stores) {
    const own = data.rows.filter((r) => r.storeId === store.id);
    rows.push({
      id: store.id,
      kind: 'store',
      name: store.name,
      note: store.parentName,
      storeId: store.id,
      categoryId: null,
      lastYear: own.reduce((a, r) => a + r.lastYear, 0),
      basic: sumOrNull(own.map((r) => r.basic)),
      challenge: sumOrNull(own.map((r) => r.challenge)),
    });
    for (const r of own)
      rows.push({
        id: `${r.storeId}|${r.categoryId}`,
        kind: 'category',
        name: names.get(r.categoryId)?.name ?? r.categoryId,
        note: names.get(r.categoryId)?.unit ?? '',
        storeId: r.storeId,
        categoryId: r.categoryId,
        lastYear: r.lastYear,
        basic: r.basic,
        challenge: r.challenge,
      });
  }
  const stores = rows.filter((r) => r.kind === 'store');
  const total: TargetGridRow = {
    id: 'total',
    kind: 'total',
    name: '',
    note: '',
    storeId: null,
    categoryId: null,
    lastYear: stores.reduce((a, r) => a + r.lastYear, 0),
    basic: sumOrNull(stores.map((r) => r.basic)),
    challenge: sumOrNull(stores.map((r) => r.challenge)),
  };
  return { rows, total };
}

/** Growth over last year in per cent, one decimal; null without a last year or a target. */
export function growthPercent(target: number | null, lastYear: number): number | null {
  return target === null || lastYear === 0 ? null : Math.round(((target - lastYear) / lastYear) * 1000) / 10;
}

/** A typed amount: whole 元, thousands separators allowed. null: cleared. */
export function parseAmount(text: string): number | null | 'invalid' {
  const bare = text.replace(/[,，\s]/g, '').replace(/元$/, '');
  if (bare === '') return null;
  if (!/^\d+(\.\d+)?$/.test(bare)) return 'invalid';
  const value = Math.round(Number(bare));
  return value <= 1e12 ? value : 'invalid';
}

/** A typed growth: per cent ("8.5" or "8.5%", to 0.01 %) as basis points. null: cleared. */
export function parseGrowth(text: string): number | null | 'invalid' {
  const bare = text.replace(/[\s%％]/g, '');
  if (bare === '') return null;
  if (!/^[-+]?\d+(\.\d{1,2})?$/.test(bare)) return 'invalid';
  const bp = Math.round(Number(bare) * 100);
  return bp >= -10_000 && bp <= 100_000 ? bp : 'invalid';
}

// The grid may hand a formatter the text being typed: anything but a number shows as it is.
export const formatAmount = (value: unknown) => (typeof value === 'number' ? value.toLocaleString('en-US') : String(value ?? ''));
export const formatGrowth = (value: unknown) => (typeof value === 'number' ? `${value > 0 ? '+' : ''}${value.toFixed(1)}%` : String(value ?? ''));
