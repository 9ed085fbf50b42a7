/**
 * The calendar feature through dispatch on a real sample workspace: the provisional 2027 calendar,
 * a 2027 split by working days on it, an entered arrangement (with a 调休 Saturday) that changes the
 * split, survives a reopen, and refusals that write nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openWorkspace, type Workspace } from '../../../src-main/core/app';
import { createCaller } from '../../../src-main/core/dispatch';
import { calendarSourceOf, isWorkingDay, setEnteredArrangement } from '../../../src-shared/domain/calendar';
import { refusalOf } from '../helpers/refusal';
import { sampleWorkspacePerTest, testContext } from '../helpers/workspace';

const YEAR = 2027;
const REVENUE = 'm-revenue';
const NOTICE = '国务院办公厅关于2027年部分节假日安排的通知';
const openSample = sampleWorkspacePerTest();
const reopened: Workspace[] = [];

afterEach(async () => {
  for (const ws of reopened.splice(0)) await ws.close();
  setEnteredArrangement(YEAR, null);
});

async function setup() {
  const ws = await openSample();
  const call = createCaller(ws);
  const tree = await call('org/list-tree', {});
  const person = tree.people[0];
  return { ws, call, person };
}

/** A person's stored 2027 day values (scaled), by day. */
function daysOf(ws: Workspace, subjectId: string): Map<string, number> {
  const rows = ws.db.all<{ day: string; value: number }>(
    `SELECT day, value FROM plan_day_cell WHERE plan_year = ? AND metric_id = ? AND level = 'basic' AND subject_id = ? ORDER BY day`,
    YEAR,
    REVENUE,
    subjectId,
  );
  return new Map(rows.map((r) => [r.day, r.value]));
}

const countRows = (ws: Workspace) => ws.db.scalar<number>(`SELECT COUNT(*) FROM calendar_arrangement`);

/** 春节 2027 as a notice might publish it: 2月5日至12日放假, 2月20日（星期六）上班. */
const ARRANGEMENT = {
  year: YEAR,
  notice: NOTICE,
  restDays: [
    { day: '2027-01-01', holiday: '元旦' },
    ...['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12'],
  ],
  workDays: ['2027-02-20'],
};

describe('calendar/get-year', () => {
  it('answers the provisional 2027 calendar and the published 2026 one', async () => {
    const { call } = await setup();
    const y2027 = await call('calendar/get-year', { year: YEAR });
    expect(y2027).toMatchObject({ year: YEAR, source: 'provisional', notice: null });
    const rest = (holiday: string) => y2027.days.filter((d) => d.holiday === holiday && d.kind === 'rest').map((d) => d.day);
    expect(rest('元旦')).toEqual(['2027-01-01']);
    expect(rest('春节')).toEqual(['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10']);
    expect(rest('清明')).toEqual(['2027-04-05']);
    expect(rest('端午')).toEqual(['2027-06-09']);
    expect(rest('中秋')).toEqual(['2027-09-15']);
    expect(y2027.days.filter((d) => d.kind === 'work')).toEqual([]);
    expect(y2027.days.find((d) => d.day === '2027-02-09')).toMatchObject({ inLieu: true });
    expect(y2027.workingDays).toBe(248);
    const y2026 = await call('calendar/get-year', { year: 2026 });
    expect(y2026.source).toBe('published');
    expect(y2026.days.filter((d) => d.kind === 'work').map((d) => d.day)).toContain('2026-02-14');
  });
});

describe('a 2027 split by working days', () => {
  it('gives the provisional rest days nothing, and follows the entered arrangement once saved', async () => {
    const { ws, call, person } = await setup();
    const typeYear = () =>
      call('plan/set-total', {
        year: YEAR,
        metricId: REVENUE,
        level: 'basic',
        subjectId: person.id,
        periodKey: 'total',
        text: '248',
        timeMethod: 'working-days',
      });
    await typeYear();
    const provisional = daysOf(ws, person.id);
    for (const day of ['2027-01-01', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-20']) expect(provisional.get(day) ?? 0, day).toBe(0);
    expect(provisional.get('2027-01-04')).toBeGreaterThan(0);
    expect(provisional.get('2027-02-11')).toBeGreaterThan(0);

    const events: unknown[] = [];
    ws.events.on('calendar/changed', (payload) => events.push(payload));
    const saved = await call('calendar/save-arrangement', ARRANGEMENT);
    expect(saved).toMatchObject({ source: 'entered', notice: NOTICE });
    expect(saved.days.find((d) => d.day === '2027-02-20')).toEqual({ day: '2027-02-20', kind: 'work', holiday: '春节', inLieu: false });
    expect(saved.days.find((d) => d.day === '2027-02-12')).toMatchObject({ kind: 'rest', holiday: '春节' });
    expect(events).toEqual([{ year: YEAR }]);
    expect(isWorkingDay('2027-02-20')).toBe(true);
    // Saving changes the calendar, not the figures already split.
    expect(daysOf(ws, person.id)).toEqual(provisional);

    await typeYear();
    const entered = daysOf(ws, person.id);
    expect(entered).not.toEqual(provisional);
    expect(entered.get('2027-02-20')).toBeGreaterThan(0);
    expect(entered.get('2027-02-11') ?? 0).toBe(0);
    // The notice replaces the provisional days: 5月3日 is a working day under this (partial) arrangement.
    expect(entered.get('2027-05-03')).toBeGreaterThan(0);
    expect(provisional.get('2027-05-03') ?? 0).toBe(0);

    const cleared = await call('calendar/clear-arrangement', { year: YEAR });
    expect(cleared.source).toBe('provisional');
    expect(countRows(ws)).toBe(0);
  });
});

describe('an entered arrangement is stored in the workspace', () => {
  it('survives a reopen, and is installed when the workspace opens', async () => {
    const { ws, call } = await setup();
    await call('calendar/save-arrangement', ARRANGEMENT);
    const file = ws.file;
    await ws.close();
    setEnteredArrangement(YEAR, null);
    expect(calendarSourceOf(YEAR)).toBe('provisional');

    const again = await openWorkspace(file, { ctx: testContext(), quickCheck: false });
    reopened.push(again);
    expect(calendarSourceOf(YEAR)).toBe('entered');
    expect(isWorkingDay('2027-02-20')).toBe(true);
    const year = await createCaller(again)('calendar/get-year', { year: YEAR });
    expect(year).toMatchObject({ source: 'entered', notice: NOTICE });
    expect(year.days.filter((d) => d.kind === 'work').map((d) => d.day)).toEqual(['2027-02-20']);
  });

  it('is installed again on a read when another workspace replaced it in this process', async () => {
    const { call } = await setup();
    await call('calendar/save-arrangement', ARRANGEMENT);
    setEnteredArrangement(YEAR, null); // as if another workspace without one had been opened
    expect((await call('calendar/get-year', { year: YEAR })).source).toBe('entered');
  });
});

describe('refusals', () => {
  it('refuses days of another year, a day both rest and work, a weekday 调休 and a published year, writing nothing', async () => {
    const { ws, call } = await setup();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...ARRANGEMENT, restDays: ['2026-12-31', '2027-01-01'] }, 'not-in-year'],
      [{ ...ARRANGEMENT, workDays: ['2027-02-06'] }, 'both'],
      [{ ...ARRANGEMENT, workDays: ['2027-02-22'] }, 'work-day-not-weekend'],
      [{ ...ARRANGEMENT, year: 2026, restDays: ['2026-01-01'], workDays: [] }, 'published-year'],
    ];
    for (const [input, reason] of cases) {
      const error = await refusalOf(call('calendar/save-arrangement', input as never));
      expect(error.code, reason).toBe('INVALID_INPUT');
      expect(error.details, reason).toMatchObject({ reason });
    }
    for (const input of [
      { ...ARRANGEMENT, notice: '' },
      { ...ARRANGEMENT, restDays: [] },
      { ...ARRANGEMENT, restDays: ['2027-02-30'] },
      { ...ARRANGEMENT, year: 1999 },
    ]) {
      expect((await refusalOf(call('calendar/save-arrangement', input as never))).code).toBe('INVALID_INPUT');
    }
    expect(countRows(ws)).toBe(0);
    expect(calendarSourceOf(YEAR)).toBe('provisional');
  });
});
