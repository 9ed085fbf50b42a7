/**
 * 领导值班表: over the window, for every store and day (and shift, where a store keeps a day and
 * a night shift) a leader on duty, a deputy and a contact number. A day without a leader is a gap;
 * nobody is on duty at two stores in overlapping shifts (one shift a day overlaps both of another's),
 * and a leader is not their own deputy.
 */
import type { ChannelInput, DutyEntry, HolidayRoster } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import { windowDays } from '../../../src-shared/domain/holiday-season';
import { readOrg } from '../org';
import type { Workspace } from '../workspace';
import { describeDays } from './holiday-days';
import { storeForest } from './holiday-split';
import { readDuty, readStoreShifts, writeDuty, writeStoreShifts } from './holiday-store';
import { windowOf } from './season-service';

type Shift = DutyEntry['shift'];
const SHIFTS_OF = { single: ['all'], two: ['day', 'night'] } as const satisfies Record<string, readonly Shift[]>;

export const shiftsOverlap = (a: Shift, b: Shift) => a === 'all' || b === 'all' || a === b;

/** The people who may be on duty: everyone in the season's stores and in the units above them. */
function dutyPeople(ws: Workspace, season: number): HolidayRoster['people'] {
  const { units, people } = readOrg(ws.db, season, 'all');
  const byId = new Map(units.map((u) => [u.id, u]));
  const allowed = new Set<string>();
  for (const store of units.filter((u) => u.level === 'store'))
    for (let at: typeof store | undefined = store; at; at = at.parentId ? byId.get(at.parentId) : undefined) allowed.add(at.id);
  const forest = storeForest(ws, season);
  const inStore = (unitId: string) => forest.nodes.has(unitId);
  return people
    .filter((p) => !p.retiredFrom && (allowed.has(p.unitId) || inStore(p.unitId)))
    .map((p) => ({ id: p.id, name: p.name, role: p.role, unitName: byId.get(p.unitId)?.name ?? '' }));
}

export async function getRoster(ws: Workspace, season: number): Promise<HolidayRoster> {
  const days = windowDays(windowOf(ws, season));
  const forest = storeForest(ws, season);
  const shifts = readStoreShifts(ws.db, season);
  const stores = forest.stores.map((id) => ({ id, name: forest.nodes.get(id)!.name, shifts: [...SHIFTS_OF[shifts.get(id) ?? 'single']] }));
  const inWindow = new Set(days);
  const entries = readDuty(ws.db, season).filter((e) => inWindow.has(e.day) && stores.some((s) => s.id === e.storeId && s.shifts.includes(e.shift)));
  const led = new Set(entries.filter((e) => e.leaderId).map((e) => `${e.storeId}|${e.day}|${e.shift}`));
  const gaps = stores.flatMap((s) =>
    days.flatMap((day) => s.shifts.filter((shift) => !led.has(`${s.id}|${day}|${shift}`)).map((shift) => ({ storeId: s.id, day, shift }))),
  );
  return { season, days: describeDays(season, days), stores, entries, people: dutyPeople(ws, season), gaps };
}

type DutyRefusal = 'unknown-store' | 'outside-window' | 'unknown-shift' | 'unknown-person' | 'leader-is-deputy' | 'double-booked';

/** One entry refused by the roster's rules: its index in the batch and the field at fault, if one is. */
export interface DutyEntryRefusal {
  index: number;
  reason: DutyRefusal;
  field: 'leaderId' | 'deputyId' | null;
  zh: string;
  en: string;
}

/**
 * The roster's rules over a batch of entries, laid over the stored ones: a day of the window, a
 * shift the store keeps, known people, a leader who is not the deputy, nobody at two stores in
 * overlapping shifts. Shared by 值班表's saves and the XLSX import.
 */
export function checkDutyEntries(roster: HolidayRoster, window: { firstDay: string; lastDay: string }, entries: readonly DutyEntry[]): DutyEntryRefusal[] {
  const shiftsOf = new Map(roster.stores.map((s) => [s.id, s.shifts as Shift[]]));
  const people = new Map(roster.people.map((p) => [p.id, p]));
  const storeName = new Map(roster.stores.map((s) => [s.id, s.name]));
  const key = (e: Pick<DutyEntry, 'storeId' | 'day' | 'shift'>) => `${e.storeId}|${e.day}|${e.shift}`;
  // The roster as it would be: stored entries with the batch's laid over them.
  const next = new Map(roster.entries.map((e) => [key(e), e]));
  for (const e of entries) next.set(key(e), e);
  const refusals: DutyEntryRefusal[] = [];
  entries.forEach((e, index) => {
    const refuse = (reason: DutyRefusal, field: DutyEntryRefusal['field'], zh: string, en: string) => refusals.push({ index, reason, field, zh, en });
    if (!shiftsOf.has(e.storeId)) return refuse('unknown-store', null, '该门店不在本季的组织中', 'not a store of the season');
    if (e.day < window.firstDay || e.day > window.lastDay) return refuse('outside-window', null, `${e.day} 不在计划时段内`, `${e.day} is outside the window`);
    if (!shiftsOf.get(e.storeId)!.includes(e.shift)) return refuse('unknown-shift', null, '该门店没有这个班次', 'the store keeps no such shift');
    for (const field of ['leaderId', 'deputyId'] as const) {
      const who = e[field];
      if (who && !people.has(who)) return refuse('unknown-person', field, '找不到该人员', 'no such person');
    }
    if (e.leaderId && e.leaderId === e.deputyId) return refuse('leader-is-deputy', 'deputyId', '值班领导和副职不能是同一人', 'the leader cannot be the deputy');
    for (const field of ['leaderId', 'deputyId'] as const) {
      const who = e[field];
      if (!who) continue;
      const clash = [...next.values()].find(
        (o) => o.storeId !== e.storeId && o.day === e.day && shiftsOverlap(o.shift, e.shift) && (o.leaderId === who || o.deputyId === who),
      );
      if (clash) {
        const name = people.get(who)!.name;
        return refuse(
          'double-booked',
          field,
          `${name} ${e.day} 已在「${storeName.get(clash.storeId)}」值班`,
          `${name} is on duty at ${storeName.get(clash.storeId)} on ${e.day}`,
        );
      }
    }
  });
  return refusals;
}

export async function saveDuty(ws: Workspace, input: ChannelInput<'holiday/save-duty'>): Promise<{ saved: number }> {
  const { season } = input;
  const refusals = checkDutyEntries(await getRoster(ws, season), windowOf(ws, season), input.entries).map(({ index, reason, zh, en }) => ({
    index,
    reason,
    zh,
    en,
  }));
  if (refusals.length > 0)
    throw new AppError('INVALID_CELLS', `Duty roster refused: ${refusals.map((r) => `#${r.index} ${r.en}`).join('; ')}; nothing saved`, {
      refusals,
      zh: `值班表未保存：${refusals[0].zh}${refusals.length > 1 ? `（共 ${refusals.length} 处）` : ''}`,
    });
  ws.db.transaction(() => writeDuty(ws.db, season, input.entries));
  ws.events.emit('holiday/changed', { season, what: 'roster' });
  return { saved: input.entries.length };
}

export async function saveStoreShifts(ws: Workspace, input: ChannelInput<'holiday/save-store-shifts'>): Promise<{ shifts: Shift[] }> {
  const forest = storeForest(ws, input.season);
  if (forest.nodes.get(input.storeId)?.kind !== 'store')
    throw new AppError('NOT_FOUND', `Not a store of season ${input.season}: ${input.storeId}`, { reason: 'unknown-store', zh: '该门店不在本季的组织中' });
  const keep = SHIFTS_OF[input.shifts] as readonly Shift[];
  const dropped = readDuty(ws.db, input.season).filter((e) => e.storeId === input.storeId && !keep.includes(e.shift) && (e.leaderId || e.deputyId || e.phone));
  if (dropped.length > 0)
    throw new AppError('IN_USE', `The store has ${dropped.length} duty entries in the shifts it would drop`, {
      reason: 'shifts-in-use',
      count: dropped.length,
      zh: `该门店在要取消的班次中还有 ${dropped.length} 条值班安排，请先清除`,
    });
  ws.db.transaction(() => writeStoreShifts(ws.db, input.season, input.storeId, input.shifts));
  ws.events.emit('holiday/changed', { season: input.season, what: 'roster' });
  return { shifts: [...keep] };
}
