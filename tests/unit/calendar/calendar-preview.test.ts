/**
 * plan/preview-split through dispatch on a real sample workspace: the preview of a spread names
 * exactly the day cells the applied spread then changes (and writes nothing itself), and after the
 * 2027 arrangement is entered, a re-split of the company's year by working days previews which
 * days move — 2月11日/12日 become rest days, the 调休 Saturday 2月20日 a working day — while 元旦
 * and the 春节 days stay at nothing, before and after.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createCaller } from '../../../src-main/core/dispatch';
import type { Workspace } from '../../../src-main/core/app';
import type { ChannelInput } from '../../../src-shared/contract/channels';
import { formatDecimal } from '../../../src-shared/domain/decimal';
import { periodOf } from '../../../src-shared/domain/periods';
import { setEnteredArrangement } from '../../../src-shared/domain/calendar';
import { refusalOf } from '../helpers/refusal';
import { sampleWorkspacePerTest } from '../helpers/workspace';

const YEAR = 2027;
const REVENUE = 'm-revenue';
const openSample = sampleWorkspacePerTest();

afterEach(() => setEnteredArrangement(YEAR, null));

/** 春节 2027 as a notice might publish it: 2月5日至12日放假, 2月20日（星期六）上班; 元旦 1 day. */
const ARRANGEMENT = {
  year: YEAR,
  notice: '国务院办公厅关于2027年部分节假日安排的通知',
  restDays: ['2027-01-01', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12'],
  workDays: ['2027-02-20'],
};
const REST = ARRANGEMENT.restDays;

/** Every stored day cell of the scope, keyed subject|day. */
function cells(ws: Workspace, year: number, level = 'basic'): Map<string, number> {
  const rows = ws.db.all<{ subject_id: string; day: string; value: number }>(
    `SELECT subject_id, day, value FROM plan_day_cell WHERE plan_year = ? AND metric_id = ? AND level = ?`,
    year,
    REVENUE,
    level,
  );
  return new Map(rows.map((r) => [`${r.subject_id}|${r.day}`, r.value]));
}

function changedBetween(before: Map<string, number>, after: Map<string, number>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((k) => before.get(k) !== after.get(k)).sort();
}

/** The preview, then the same input applied: what the preview said against what the store shows. */
async function previewThenApply(ws: Workspace, input: ChannelInput<'plan/preview-split'>, year: number) {
  const call = createCaller(ws);
  const before = cells(ws, year);
  const stamp = ws.db.changeStamp();
  const events: string[] = [];
  const off = (['plan/changed', 'targets/changed'] as const).map((name) => ws.events.on(name, () => events.push(name)));
  const preview = await call('plan/preview-split', input);
  // The preview wrote nothing and said nothing.
  expect(ws.db.changeStamp()).toBe(stamp);
  expect(cells(ws, year)).toEqual(before);
  expect(events).toEqual([]);
  off.forEach((f) => f());
  const { grain: _grain, ...setInput } = input;
  await call('plan/set-total', setInput);
  const after = cells(ws, year);
  return { preview, before, after, changed: changedBetween(before, after) };
}

describe('plan/preview-split', () => {
  it("names exactly the cells a team's year spread then changes, with the largest change, and writes nothing", async () => {
    const ws = await openSample();
    const call = createCaller(ws);
    const tree = await call('org/list-tree', {});
    const team = tree.units.find((u) => u.name === '政企客户部')!;
    const person = tree.people.find((p) => p.unitId === team.id)!;
    // A locked month of one person holds in both.
    await call('plan/set-lock', { year: 2026, metricId: REVENUE, level: 'basic', subjectId: person.id, periodKey: '2026-03', locked: true });
    const input = {
      year: 2026,
      metricId: REVENUE,
      level: 'basic' as const,
      subjectId: team.id,
      periodKey: 'total',
      text: '800',
      orgMethod: 'last-year' as const,
      timeMethod: 'working-days' as const,
      grain: 'month' as const,
    };
    const { preview, before, after, changed } = await previewThenApply(ws, input, 2026);

    expect(changed.length).toBeGreaterThan(50);
    expect(preview.changedCells).toBe(changed.length);
    expect(preview.changedSubjects).toBe(new Set(changed.map((k) => k.split('|')[0])).size);
    expect(changed.some((k) => k.startsWith(`${person.id}|2026-03-`))).toBe(false);

    // The largest change of one person in one month, against the store.
    const monthSums = (m: Map<string, number>) => {
      const sums = new Map<string, number>();
      for (const [k, v] of m) {
        const [subject, day] = k.split('|');
        const key = `${subject}|${periodOf(day, 'month')}`;
        sums.set(key, (sums.get(key) ?? 0) + v);
      }
      return sums;
    };
    const [b, a] = [monthSums(before), monthSums(after)];
    const largestDelta = Math.max(...[...new Set([...b.keys(), ...a.keys()])].map((k) => Math.abs((a.get(k) ?? 0) - (b.get(k) ?? 0))));
    const { largest } = preview;
    expect(largest).not.toBeNull();
    expect(Math.abs(largest!.after - largest!.before)).toBe(largestDelta);
    expect(largest!.before).toBe(b.get(`${largest!.subjectId}|${largest!.periodKey}`) ?? 0);
    expect(largest!.after).toBe(a.get(`${largest!.subjectId}|${largest!.periodKey}`) ?? 0);
    expect(largest!.subjectName).toBe(tree.people.find((p) => p.id === largest!.subjectId)?.name);
    expect(largest!.periodLabel.zh).toMatch(/^\d+月$/);
  });

  it('refuses what the split refuses, writing nothing', async () => {
    const ws = await openSample();
    const call = createCaller(ws);
    const tree = await call('org/list-tree', {});
    const person = tree.people[0];
    await call('plan/set-lock', { year: 2026, metricId: REVENUE, level: 'basic', subjectId: person.id, periodKey: '2026-03', locked: true });
    const stamp = ws.db.changeStamp();
    const input = { year: 2026, metricId: REVENUE, level: 'basic' as const, subjectId: person.id, periodKey: 'total', text: '0.01' };
    const previewed = await refusalOf(call('plan/preview-split', input));
    const applied = await refusalOf(call('plan/set-total', input));
    expect(previewed.code).toBe('SPLIT_REFUSED');
    expect(previewed.details).toEqual(applied.details);
    expect(ws.db.changeStamp()).toBe(stamp);
  });
});

describe('re-splitting 2027 by working days after the arrangement is entered', () => {
  it('previews the days that move (2月11日/12日 rest, 2月20日 working) and applies exactly them; 元旦 and 春节 stay rest', async () => {
    const ws = await openSample();
    const call = createCaller(ws);
    const tree = await call('org/list-tree', {});
    const root = tree.units.find((u) => u.parentId === null)!;
    // The company's 2027 year, spread evenly over the people and by working days (provisional calendar).
    await call('plan/set-total', {
      year: YEAR,
      metricId: REVENUE,
      level: 'basic',
      subjectId: root.id,
      periodKey: 'total',
      text: '24800',
      orgMethod: 'even',
      timeMethod: 'working-days',
    });
    const provisional = cells(ws, YEAR);
    const dayTotal = (m: Map<string, number>, day: string) => [...m].filter(([k]) => k.endsWith(`|${day}`)).reduce((s, [, v]) => s + v, 0);
    for (const day of ['2027-01-01', '2027-02-05', '2027-02-10']) expect(dayTotal(provisional, day), day).toBe(0);
    expect(dayTotal(provisional, '2027-02-11')).toBeGreaterThan(0);
    expect(dayTotal(provisional, '2027-02-20')).toBe(0);

    await call('calendar/save-arrangement', ARRANGEMENT);
    const grid = await call('plan/get-grid', { year: YEAR, metricId: REVENUE, level: 'basic', grain: 'month' });
    const rootRow = grid.rows.find((r) => r.id === root.id)!;
    const metric = (await call('metrics/list', {})).find((m) => m.id === REVENUE)!;
    const text = formatDecimal(rootRow.total! / 10 ** metric.precision, metric.precision).replace(/,/g, '');
    expect(text).toBe('24800.00');
    const resplit = {
      year: YEAR,
      metricId: REVENUE,
      level: 'basic' as const,
      subjectId: root.id,
      periodKey: 'total',
      text,
      orgMethod: 'current' as const,
      timeMethod: 'working-days' as const,
      grain: 'month' as const,
    };
    const { preview, after, changed } = await previewThenApply(ws, resplit, YEAR);

    expect(preview.changedCells).toBe(changed.length);
    expect(preview.changedSubjects).toBe(tree.people.length);
    const listed = new Map(preview.days.map((d) => [d.day, d]));
    // The two days that stopped being working days lose the most; the 调休 Saturday gains.
    for (const day of ['2027-02-11', '2027-02-12']) {
      expect(listed.get(day), day).toMatchObject({ before: dayTotal(provisional, day), after: 0 });
    }
    expect(listed.get('2027-02-20')!.before).toBe(0);
    expect(listed.get('2027-02-20')!.after).toBe(dayTotal(after, '2027-02-20'));
    expect(dayTotal(after, '2027-02-20')).toBeGreaterThan(0);
    for (const d of preview.days) expect(d.after, d.day).toBe(dayTotal(after, d.day));
    // 元旦 and every 春节 day are rest days, before and after the re-split.
    for (const day of REST) expect(dayTotal(after, day), day).toBe(0);
    // The year's figure is kept (a re-split moves it between days, it does not change it).
    const sum = (m: Map<string, number>) => [...m.values()].reduce((s, v) => s + v, 0);
    expect(sum(after)).toBe(sum(provisional));
    // The org shares are kept too: each person's year is as before.
    const perPerson = (m: Map<string, number>) => {
      const sums = new Map<string, number>();
      for (const [k, v] of m) sums.set(k.split('|')[0], (sums.get(k.split('|')[0]) ?? 0) + v);
      return sums;
    };
    expect(perPerson(after)).toEqual(perPerson(provisional));
  });
});
