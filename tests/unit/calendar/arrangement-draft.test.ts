/**
 * 录入放假安排's draft (src-renderer/features/breakdown/arrangement-draft.ts) against the backend:
 * the dialog's prefill of the provisional 2027 calendar, saved as is, gives the same calendar; an
 * entered arrangement reopens as entered; the dialog's checks refuse what calendar/save-arrangement
 * refuses, with the days at fault.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createCaller } from '../../../src-main/core/dispatch';
import { setEnteredArrangement } from '../../../src-shared/domain/calendar';
import { checkDraft, draftOf, inputOf, type ArrangementDraft } from '../../../src-renderer/features/breakdown/arrangement-draft';
import { refusalOf } from '../helpers/refusal';
import { sampleWorkspacePerTest } from '../helpers/workspace';

const YEAR = 2027;
const NOTICE = '国务院办公厅关于2027年部分节假日安排的通知';
const openSample = sampleWorkspacePerTest();
afterEach(() => setEnteredArrangement(YEAR, null));

const withRow = (draft: ArrangementDraft, holiday: string, change: Partial<ArrangementDraft['rows'][number]>): ArrangementDraft => ({
  ...draft,
  rows: draft.rows.map((row) => (row.holiday === holiday ? { ...row, ...change } : row)),
});

describe('the arrangement draft', () => {
  it('prefills the provisional days by holiday; saved as is, the calendar is the same', async () => {
    const call = createCaller(await openSample());
    const provisional = await call('calendar/get-year', { year: YEAR });
    const draft = draftOf(provisional, NOTICE);
    expect(draft.rows.map((r) => r.holiday)).toEqual(['元旦', '春节', '清明', '劳动节', '端午', '中秋', '国庆节']);
    expect(draft.rows.find((r) => r.holiday === '春节')).toEqual({ holiday: '春节', rest: ['2027-02-05', '2027-02-10'], work: [] });
    expect(checkDraft(YEAR, draft)).toBeNull();
    const saved = await call('calendar/save-arrangement', inputOf(YEAR, draft));
    expect(saved.source).toBe('entered');
    expect(saved.workingDays).toBe(provisional.workingDays);
    const restOf = (y: typeof saved) => y.days.filter((d) => d.kind === 'rest').map((d) => [d.day, d.holiday]);
    expect(restOf(saved)).toEqual(restOf(provisional));
  });

  it('reopens an entered arrangement as entered: 春节 2月5日–12日 with 2月20日 working', async () => {
    const call = createCaller(await openSample());
    const start = draftOf(await call('calendar/get-year', { year: YEAR }), NOTICE);
    const entered = withRow(start, '春节', { rest: ['2027-02-05', '2027-02-12'], work: ['2027-02-20'] });
    const saved = await call('calendar/save-arrangement', inputOf(YEAR, entered));
    expect(saved.workingDays).toBe(247);
    const again = draftOf(saved, 'unused');
    expect(again.notice).toBe(NOTICE);
    expect(again.rows).toEqual(entered.rows);
  });

  it('refuses what calendar/save-arrangement refuses, naming the days', async () => {
    const call = createCaller(await openSample());
    const start = draftOf(await call('calendar/get-year', { year: YEAR }), NOTICE);
    const cases: Array<[ArrangementDraft, { reason: string; days?: string[] }, string | null]> = [
      [withRow(start, '春节', { work: ['2027-02-06'] }), { reason: 'both', days: ['2027-02-06'] }, 'both'],
      [withRow(start, '春节', { work: ['2027-02-22'] }), { reason: 'work-day-not-weekend', days: ['2027-02-22'] }, 'work-day-not-weekend'],
      [withRow(start, '元旦', { rest: ['2026-12-31', '2027-01-01'] }), { reason: 'not-in-year', days: ['2026-12-31'] }, 'not-in-year'],
      [withRow(start, '清明', { rest: ['2027-02-10', '2027-02-11'] }), { reason: 'two-holidays', days: ['2027-02-10'] }, null],
      [{ ...start, notice: '  ' }, { reason: 'notice' }, null],
      [{ ...start, rows: start.rows.map((r) => ({ ...r, rest: null })) }, { reason: 'no-rest' }, null],
    ];
    for (const [draft, problem, backendReason] of cases) {
      expect(checkDraft(YEAR, draft), problem.reason).toEqual(problem);
      if (backendReason) {
        const error = await refusalOf(call('calendar/save-arrangement', inputOf(YEAR, draft)));
        expect(error.details, problem.reason).toMatchObject({ reason: backendReason, days: problem.days });
      }
    }
  });
});
