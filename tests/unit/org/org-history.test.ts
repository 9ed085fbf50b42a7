/** The effective-date rule of src-shared/domain/org-history.ts, case by case. */
import { describe, expect, it } from 'vitest';
import { existsInYear, firstYearOf, orgOfYear, parentOn } from '../../../src-shared/domain/org-history';

const units = [
  { id: 'c', parentId: null },
  { id: 'a', parentId: 'c' },
  { id: 'b', parentId: 'c' },
  { id: 'late', parentId: 'c', activeFrom: '2027-06-01' },
];

describe('the organisation of a plan year', () => {
  it('is the one in force on 1 January; a move during the year shows from the next', () => {
    const people = [{ id: 'p', unitId: 'b' }];
    const placements = [
      { subjectId: 'p', validFrom: null, parentId: 'a' },
      { subjectId: 'p', validFrom: '2026-07-01', parentId: 'b' },
    ];
    expect(orgOfYear(units, people, placements, 2026).people[0].unitId).toBe('a');
    expect(orgOfYear(units, people, placements, 2027).people[0].unitId).toBe('b');
    expect(orgOfYear(units, people, [...placements, { subjectId: 'p', validFrom: '2028-01-01', parentId: 'a' }], 2028).people[0].unitId).toBe('a');
  });

  it('places whoever starts during a year where they start, and leaves them out of earlier years', () => {
    const people = [{ id: 'n', unitId: 'b', activeFrom: '2026-12-01' }];
    const placements = [
      { subjectId: 'n', validFrom: '2026-12-01', parentId: 'a' },
      { subjectId: 'n', validFrom: '2027-01-01', parentId: 'b' },
    ];
    expect(orgOfYear(units, people, placements, 2025).people).toEqual([]);
    expect(orgOfYear(units, people, placements, 2026).people[0].unitId).toBe('a');
    expect(orgOfYear(units, people, placements, 2027).people[0].unitId).toBe('b');
    expect(orgOfYear(units, [], [], 2026).units.map((u) => u.id)).toEqual(['c', 'a', 'b']);
    expect(orgOfYear(units, [], [], 2027).units.map((u) => u.id)).toEqual(['c', 'a', 'b', 'late']);
  });

  it('keeps someone who retires during a year in it; not in the years that start on or after the date', () => {
    expect(existsInYear({ id: 'r', retiredFrom: '2026-12-16' }, 2026)).toBe(true);
    expect(existsInYear({ id: 'r', retiredFrom: '2026-12-16' }, 2027)).toBe(false);
    expect(existsInYear({ id: 'r', retiredFrom: '2027-01-01' }, 2026)).toBe(true);
    expect(existsInYear({ id: 'r', retiredFrom: '2027-01-01' }, 2027)).toBe(false);
    expect(existsInYear({ id: 'r', retiredFrom: '2027-01-02' }, 2027)).toBe(true);
    expect(firstYearOf('2027-01-01')).toBe(2027);
    expect(firstYearOf('2026-12-16')).toBe(2027);
  });

  it('uses the current parent when a subject never moved, the first placement before its first date', () => {
    expect(parentOn(undefined, '2026-01-01', 'a')).toBe('a');
    expect(parentOn([{ subjectId: 'x', validFrom: '2027-03-01', parentId: 'b' }], '2026-01-01', 'a')).toBe('b');
  });
});
