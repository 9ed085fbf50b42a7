/**
 * 人员安排: per store and day of the window the headcount the store plans, against who is there —
 * its own employees (the season's organisation under the store), 后勤支援一线 (back-office staff sent
 * to the floor) and the 促销员 each supplier sends. A day whose on-hand count is below the plan is
 * short, listed with its shortfall. Only the plan, the support and the promoters are stored; the
 * own staff, the on-hand count and the shortfall are read from them each time.
 */
import type { ChannelInput, HolidayStaffing, StaffingShortage } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import { windowDays } from '../../../src-shared/domain/holiday-season';
import type { Workspace } from '../workspace';
import { describeDays } from './holiday-days';
import { readStaffing, writePromoters, writeStaffingDay, type PromoterRecord, type StaffingRecord } from './holiday-operations-store';
import { requireSeasonStore } from './holiday-refusals';
import { storeForest } from './holiday-split';
import { readDeliveries } from './holiday-store';
import { windowOf } from './season-service';

function ownStaffOf(ws: Workspace, season: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const node of storeForest(ws, season).nodes.values()) if (node.kind === 'person') counts.set(node.storeId, (counts.get(node.storeId) ?? 0) + 1);
  return counts;
}

function staffingRows(days: readonly string[], ownStaff: number, stored: StaffingRecord[], promoters: PromoterRecord[]): HolidayStaffing['rows'] {
  const byDay = new Map(stored.map((r) => [r.day, r]));
  const promotersByDay = new Map<string, PromoterRecord[]>();
  for (const p of promoters) promotersByDay.set(p.day, [...(promotersByDay.get(p.day) ?? []), p]);
  return days.map((day) => {
    const planned = byDay.get(day)?.planned ?? null;
    const support = byDay.get(day)?.support ?? 0;
    const sent = (promotersByDay.get(day) ?? []).map((p) => ({ supplier: p.supplier, count: p.count }));
    const onHand = ownStaff + support + sent.reduce((sum, p) => sum + p.count, 0);
    return { day, planned, support, promoters: sent, onHand, short: planned === null ? 0 : Math.max(0, planned - onHand) };
  });
}

export async function getStaffing(ws: Workspace, season: number, storeId: string): Promise<HolidayStaffing> {
  requireSeasonStore(ws, season, storeId);
  const days = windowDays(windowOf(ws, season));
  const ownStaff = ownStaffOf(ws, season).get(storeId) ?? 0;
  const stored = readStaffing(ws.db, season, storeId);
  const byName = (a: string, b: string) => a.localeCompare(b, 'zh-CN');
  const withPromoters = [...new Set(stored.promoters.map((p) => p.supplier))].sort(byName);
  const delivering = [...new Set(readDeliveries(ws.db, season, storeId).map((d) => d.supplier))].filter((s) => !withPromoters.includes(s)).sort(byName);
  return {
    season,
    storeId,
    days: describeDays(season, days),
    ownStaff,
    suppliers: withPromoters,
    offeredSuppliers: delivering,
    rows: staffingRows(days, ownStaff, stored.days, stored.promoters),
  };
}

export async function listStaffingShortages(ws: Workspace, season: number): Promise<{ shortages: StaffingShortage[] }> {
  const days = windowDays(windowOf(ws, season));
  const forest = storeForest(ws, season);
  const ownStaff = ownStaffOf(ws, season);
  const stored = readStaffing(ws.db, season);
  const shortages: StaffingShortage[] = [];
  for (const storeId of forest.stores) {
    const rows = staffingRows(
      days,
      ownStaff.get(storeId) ?? 0,
      stored.days.filter((r) => r.storeId === storeId),
      stored.promoters.filter((p) => p.storeId === storeId),
    );
    for (const r of rows)
      if (r.short > 0)
        shortages.push({ storeId, storeName: forest.nodes.get(storeId)!.name, day: r.day, planned: r.planned!, onHand: r.onHand, short: r.short });
  }
  return { shortages };
}

export async function saveStaffing(ws: Workspace, input: ChannelInput<'holiday/save-staffing'>): Promise<{ saved: number }> {
  const { season, storeId } = input;
  requireSeasonStore(ws, season, storeId);
  const window = windowOf(ws, season);
  const refusals = input.changes.flatMap((c, index) =>
    c.day < window.firstDay || c.day > window.lastDay ? [{ index, reason: 'outside-window' as const, zh: `${c.day} 不在计划时段内` }] : [],
  );
  if (refusals.length > 0)
    throw new AppError('INVALID_CELLS', `Staffing refused: ${refusals.map((r) => `#${r.index} ${r.reason}`).join('; ')}; nothing saved`, {
      refusals,
      zh: `人员安排未保存：${refusals[0].zh}${refusals.length > 1 ? `（共 ${refusals.length} 处）` : ''}`,
    });
  const stored = new Map(readStaffing(ws.db, season, storeId).days.map((r) => [r.day, r]));
  ws.db.transaction(() => {
    for (const c of input.changes) {
      if (c.planned !== undefined || c.support !== undefined) {
        const was = stored.get(c.day) ?? { storeId, day: c.day, planned: null, support: 0 };
        const next = { ...was, planned: c.planned === undefined ? was.planned : c.planned, support: c.support ?? was.support };
        stored.set(c.day, next);
        writeStaffingDay(ws.db, season, next);
      }
      if (c.promoters) writePromoters(ws.db, season, { storeId, day: c.day, supplier: c.promoters.supplier, count: c.promoters.count });
    }
  });
  ws.events.emit('holiday/changed', { season, what: 'staffing' });
  return { saved: input.changes.length };
}
