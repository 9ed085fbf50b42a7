/**
 * 领导值班表 through dispatch: the sample's gaps (东湖店 on 初四 and 初五), a gap filled, a person
 * booked at two stores at once refused (and allowed in a day and a night shift), a leader who is
 * their own deputy refused, a store moved to two shifts, and nothing written on any refusal.
 */
import { describe, expect, it } from 'vitest';
import { createCaller } from '../../../src-main/core/dispatch';
import { sampleWorkspacePerTest } from '../helpers/workspace';
import { refusalOf } from '../helpers/refusal';

const openSample = sampleWorkspacePerTest();
const SEASON = 2027;

async function setUp() {
  const ws = await openSample();
  const call = createCaller(ws);
  const roster = await call('holiday/get-roster', { season: SEASON });
  const [central, east, west] = roster.stores;
  const person = (name: string) => roster.people.find((p) => p.name === name)!;
  return { ws, call, roster, central, east, west, person };
}

describe('two organisations in one workspace', () => {
  it('a unit or a person is not moved into the other organisation', async () => {
    const { call, central } = await setUp();
    const tree = await call('org/list-tree', {});
    const team = tree.units.find((u) => u.level === 'team')!;
    expect((await refusalOf(call('org/move-unit', { id: team.id, parentId: central.id, effectiveFrom: '2027-01-01' }))).details).toMatchObject({
      reason: 'other-organisation',
    });
    expect((await refusalOf(call('org/move-person', { id: tree.people[0].id, unitId: central.id, effectiveFrom: '2027-01-01' }))).details).toMatchObject({
      reason: 'other-organisation',
    });
  });
});

describe('the duty roster', () => {
  it('lists the sample’s gaps, and a filled gap is gone', async () => {
    const { call, roster, east, person } = await setUp();
    expect(roster.days).toHaveLength(65);
    expect(roster.stores.map((s) => [s.name, s.shifts])).toEqual([
      ['中心店', ['all']],
      ['东湖店', ['all']],
      ['西岭店', ['all']],
    ]);
    // 初四 and 初五 of 2027: 2027-02-09 and 2027-02-10.
    expect(roster.gaps).toEqual([
      { storeId: east.id, day: '2027-02-09', shift: 'all' },
      { storeId: east.id, day: '2027-02-10', shift: 'all' },
    ]);
    await call('holiday/save-duty', {
      season: SEASON,
      entries: [{ storeId: east.id, day: '2027-02-09', shift: 'all', leaderId: person('东湖店长').id, deputyId: person('傅磊').id, phone: '0716-8302000' }],
    });
    expect((await call('holiday/get-roster', { season: SEASON })).gaps).toEqual([{ storeId: east.id, day: '2027-02-10', shift: 'all' }]);
  });

  it('refuses a person on duty at two stores at once and a leader who is their own deputy, writing nothing', async () => {
    const { ws, call, central, east, person } = await setUp();
    const before = ws.db.all(`SELECT * FROM holiday_duty ORDER BY 1, 2, 3, 4`);
    // 中心店长 leads 中心店 on 2027-01-10 already.
    const error = await refusalOf(
      call('holiday/save-duty', {
        season: SEASON,
        entries: [
          { storeId: east.id, day: '2027-02-10', shift: 'all', leaderId: person('东湖店长').id, deputyId: null, phone: null },
          { storeId: east.id, day: '2027-01-10', shift: 'all', leaderId: person('中心店长').id, deputyId: null, phone: null },
          { storeId: central.id, day: '2027-01-11', shift: 'all', leaderId: person('中心店长').id, deputyId: person('中心店长').id, phone: null },
        ],
      }),
    );
    expect(error.code).toBe('INVALID_CELLS');
    const refusals = (error.details as { refusals: Array<{ index: number; reason: string; zh: string }> }).refusals;
    expect(refusals.map((r) => [r.index, r.reason])).toEqual([
      [1, 'double-booked'],
      [2, 'leader-is-deputy'],
    ]);
    expect(refusals[0].zh).toBe('中心店长 2027-01-10 已在「中心店」值班');
    expect(ws.db.all(`SELECT * FROM holiday_duty ORDER BY 1, 2, 3, 4`)).toEqual(before);
  });

  it('a store with a day and a night shift: each shift its own gap; one person may take the day here and the night elsewhere only if neither is a whole-day shift', async () => {
    const { call, central, east, west, person } = await setUp();
    // Dropping a shift that has entries is refused with the count.
    expect((await refusalOf(call('holiday/save-store-shifts', { season: SEASON, storeId: west.id, shifts: 'two' }))).details).toMatchObject({
      reason: 'shifts-in-use',
      count: 65,
    });
    // Clear 西岭店's roster, then give it two shifts.
    const roster = await call('holiday/get-roster', { season: SEASON });
    await call('holiday/save-duty', {
      season: SEASON,
      entries: roster.entries.filter((e) => e.storeId === west.id).map((e) => ({ ...e, leaderId: null, deputyId: null, phone: null })),
    });
    expect(await call('holiday/save-store-shifts', { season: SEASON, storeId: west.id, shifts: 'two' })).toEqual({ shifts: ['day', 'night'] });
    const two = await call('holiday/get-roster', { season: SEASON });
    expect(two.gaps.filter((g) => g.storeId === west.id)).toHaveLength(130);
    // 西岭店长 on 西岭店's day shift and night shift of one day: one store, fine.
    const wm = person('西岭店长').id;
    await call('holiday/save-duty', {
      season: SEASON,
      entries: [
        { storeId: west.id, day: '2027-01-05', shift: 'day', leaderId: wm, deputyId: null, phone: null },
        { storeId: west.id, day: '2027-01-05', shift: 'night', leaderId: wm, deputyId: null, phone: null },
      ],
    });
    // 中心店长 leads 中心店 all day on 2027-01-05: not also 西岭店's night.
    const error = await refusalOf(
      call('holiday/save-duty', {
        season: SEASON,
        entries: [{ storeId: west.id, day: '2027-01-05', shift: 'night', leaderId: person('中心店长').id, deputyId: null, phone: null }],
      }),
    );
    expect((error.details as { refusals: Array<{ reason: string }> }).refusals[0].reason).toBe('double-booked');
    expect(central.id).not.toBe(east.id);
  });
});
