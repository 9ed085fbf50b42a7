/**
 * Sales targets per store and category for a season: last year's sales over the lunar-aligned
 * window (holiday-season.ts), and this year's 基本目标 / 挑战目标, typed as amounts or as growth
 * over last year. The amount is the stored figure; the growth shown is derived from it.
 */
import type { ChannelInput, ChannelOutput, HolidayTargetRow, HolidayTargets } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import { lastYearWindow } from '../../../src-shared/domain/holiday-season';
import { readOrg } from '../org';
import type { Workspace } from '../workspace';
import { readCategories, readSalesTotals, readTargets, writeTargets, type TargetRecord } from './holiday-store';
import { followStoreTargets } from './holiday-split';
import { windowOf } from './season-service';

/** last × (1 + bp / 10 000), to the nearest 元 (halves up), exact for every amount the contract allows. */
export function grown(last: number, bp: number): number {
  return Number((BigInt(last) * BigInt(10_000 + bp) + 5_000n) / 10_000n);
}

/** Growth over last year in basis points, to the nearest; null without a last year or a target. */
function growthOf(target: number | null, last: number): number | null {
  return target === null || last === 0 ? null : Math.round(((target - last) / last) * 10_000);
}

/** The stores of the season's organisation (in force on 1 January of its Spring Festival's year), in tree order. */
function storesOf(ws: Workspace, season: number): HolidayTargets['stores'] {
  const { units } = readOrg(ws.db, season, 'all');
  const byId = new Map(units.map((u) => [u.id, u]));
  const order = (u: (typeof units)[number]): number[] => {
    const path: number[] = [];
    for (let at: typeof u | undefined = u; at; at = at.parentId ? byId.get(at.parentId) : undefined) path.unshift(at.sortOrder);
    return path;
  };
  const compare = (a: number[], b: number[]) => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
    return a.length - b.length;
  };
  return units
    .filter((u) => u.level === 'store')
    .map((u) => ({ unit: u, path: order(u) }))
    .sort((a, b) => compare(a.path, b.path))
    .map(({ unit }) => ({ id: unit.id, name: unit.name, parentName: (unit.parentId && byId.get(unit.parentId)?.name) || '' }));
}

/** Last season's sales per store and category over the lunar-aligned window. */
function lastYearSales(ws: Workspace, season: number): Map<string, number> {
  const last = lastYearWindow(windowOf(ws, season));
  return new Map(readSalesTotals(ws.db, last.firstDay, last.lastDay).map((r) => [`${r.storeId}|${r.categoryId}`, r.amount]));
}

export function getTargets(ws: Workspace, season: number): HolidayTargets {
  const stores = storesOf(ws, season);
  const categories = readCategories(ws.db);
  const last = lastYearSales(ws, season);
  const stored = new Map(readTargets(ws.db, season).map((t) => [`${t.storeId}|${t.categoryId}`, t]));
  // Archived categories still show where they hold a target or last year's sales.
  const shown = categories.filter((c) => !c.archived || stores.some((s) => stored.has(`${s.id}|${c.id}`) || last.has(`${s.id}|${c.id}`)));
  const rows: HolidayTargetRow[] = stores.flatMap((store) =>
    shown.map((category) => {
      const key = `${store.id}|${category.id}`;
      const lastYear = last.get(key) ?? 0;
      const target = stored.get(key);
      const basic = target?.basic ?? null;
      const challenge = target?.challenge ?? null;
      return {
        storeId: store.id,
        categoryId: category.id,
        lastYear,
        basic,
        challenge,
        basicGrowthBp: growthOf(basic, lastYear),
        challengeGrowthBp: growthOf(challenge, lastYear),
      };
    }),
  );
  return { season, stores, categories: shown, rows };
}

interface CellRefusal {
  index: number;
  reason: 'unknown-store' | 'unknown-category' | 'no-last-year';
  field?: string;
}

function refuseCells(refusals: CellRefusal[]): never {
  throw new AppError('INVALID_CELLS', `Holiday targets refused: ${refusals.map((r) => `#${r.index} ${r.reason}`).join('; ')}; nothing saved`, {
    refusals,
    zh: `有 ${refusals.length} 处无法保存，未写入任何数据`,
  });
}

export async function saveTargets(ws: Workspace, input: ChannelInput<'holiday/save-targets'>): Promise<ChannelOutput<'holiday/save-targets'>> {
  const { season, changes } = input;
  const stores = new Set(storesOf(ws, season).map((s) => s.id));
  const categories = new Set(readCategories(ws.db).map((c) => c.id));
  const last = lastYearSales(ws, season);
  const stored = new Map(readTargets(ws.db, season).map((t) => [`${t.storeId}|${t.categoryId}`, t]));
  const refusals: CellRefusal[] = [];
  const next = new Map<string, TargetRecord>();
  changes.forEach((change, index) => {
    if (!stores.has(change.storeId)) return void refusals.push({ index, reason: 'unknown-store' });
    if (!categories.has(change.categoryId)) return void refusals.push({ index, reason: 'unknown-category' });
    const key = `${change.storeId}|${change.categoryId}`;
    const lastYear = last.get(key) ?? 0;
    const current = next.get(key) ?? stored.get(key) ?? { storeId: change.storeId, categoryId: change.categoryId, basic: null, challenge: null };
    const figure = (amount: number | null | undefined, bp: number | null | undefined, field: string, was: number | null): number | null => {
      if (amount !== undefined) return amount;
      if (bp === undefined) return was;
      if (bp === null) return null;
      // Growth over nothing is no target: refused rather than stored as 0.
      if (lastYear === 0) refusals.push({ index, reason: 'no-last-year', field });
      return grown(lastYear, bp);
    };
    next.set(key, {
      ...current,
      basic: figure(change.basic, change.basicGrowthBp, 'basic', current.basic),
      challenge: figure(change.challenge, change.challengeGrowthBp, 'challenge', current.challenge),
    });
  });
  if (refusals.length > 0) refuseCells(refusals);
  ws.db.transaction(() => {
    writeTargets(ws.db, season, [...next.values()]);
    followStoreTargets(ws, season, new Set([...next.values()].map((t) => t.storeId)));
  });
  ws.events.emit('holiday/changed', { season, what: 'targets' });
  return { saved: next.size };
}

export async function targetsFromLastYear(
  ws: Workspace,
  input: ChannelInput<'holiday/targets-from-last-year'>,
): Promise<ChannelOutput<'holiday/targets-from-last-year'>> {
  const saved = writeTargetsFromLastYear(ws, input);
  ws.events.emit('holiday/changed', { season: input.season, what: 'targets' });
  return { saved };
}

/** The work of holiday/targets-from-last-year, synchronous (the sample uses it too); the count written. */
export function writeTargetsFromLastYear(ws: Workspace, input: ChannelInput<'holiday/targets-from-last-year'>): number {
  const { season, basicGrowthBp, challengeGrowthBp } = input;
  if (challengeGrowthBp < basicGrowthBp)
    throw new AppError('INVALID_INPUT', '挑战目标的增长率不能低于基本目标的增长率 / the challenge growth is below the basic growth', {
      reason: 'challenge-below-basic',
      zh: '挑战目标的增长率不能低于基本目标的增长率',
    });
  const all = storesOf(ws, season);
  const unknown = (input.storeIds ?? []).filter((id) => !all.some((s) => s.id === id));
  if (unknown.length > 0)
    throw new AppError('INVALID_INPUT', `Not stores of the season: ${unknown.join(', ')}`, { reason: 'unknown-store', ids: unknown, zh: '所选单位不是门店' });
  const stores = input.storeIds ? all.filter((s) => input.storeIds!.includes(s.id)) : all;
  const last = lastYearSales(ws, season);
  const targets = stores.flatMap((store) =>
    readCategories(ws.db)
      .filter((c) => !c.archived)
      .map((category) => {
        const lastYear = last.get(`${store.id}|${category.id}`) ?? 0;
        // No sales last year: no target to grow, left as it is for the planner to type.
        return lastYear === 0
          ? []
          : [{ storeId: store.id, categoryId: category.id, basic: grown(lastYear, basicGrowthBp), challenge: grown(lastYear, challengeGrowthBp) }];
      })
      .flat(),
  );
  ws.db.transaction(() => {
    writeTargets(ws.db, season, targets);
    followStoreTargets(ws, season, new Set(targets.map((t) => t.storeId)));
  });
  return targets.length;
}
