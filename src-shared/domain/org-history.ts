/**
 * The organisation of a plan year, from the units and people as they stand now and their dated
 * placements. Pure; the org store (core/org) answers `org/list-tree` and the plan's roll-ups with it.
 *
 * The rule (year granularity; the dates themselves are stored and shown as entered):
 * - A plan year's organisation is the one in force on its first day, 1 January: each unit sits
 *   under the parent, and each person in the unit, of their placement in force that day.
 * - A unit or person that starts during the year (activeFrom after 1 January) is placed where it
 *   is on its first day.
 * - So a move dated during a year shows from the next plan year on: the year's figures stay with
 *   the unit the person (or unit) started the year in, and last year's with last year's unit. A
 *   move dated 1 January shows from that year.
 * - A unit or person is in a year's organisation when it exists on at least one day of it: it has
 *   started by 31 December and has not retired on or before 1 January. One that retires during the
 *   year stays in that year's roll-ups (with its figures), marked by its retiredFrom date.
 */

export interface Dated {
  id: string;
  activeFrom?: string | null;
  retiredFrom?: string | null;
}

export interface PlacementLike {
  subjectId: string;
  /** 'YYYY-MM-DD', or null: since the subject's start. */
  validFrom: string | null;
  parentId: string | null;
}

export const yearStart = (year: number) => `${String(year).padStart(4, '0')}-01-01`;
export const yearEnd = (year: number) => `${String(year).padStart(4, '0')}-12-31`;

/** Whether the unit or person exists on at least one day of the year. */
export function existsInYear(node: Dated, year: number): boolean {
  return (!node.activeFrom || node.activeFrom <= yearEnd(year)) && (!node.retiredFrom || node.retiredFrom > yearStart(year));
}

/** Whether the unit or person is in office on at least one day from `firstDay` to `lastDay` (inclusive). */
export function inOfficeDuring(node: Dated, firstDay: string, lastDay: string): boolean {
  return (!node.activeFrom || node.activeFrom <= lastDay) && (!node.retiredFrom || node.retiredFrom > firstDay);
}

/** The day whose placement a subject has in a plan year: 1 January, or its first day if later. */
export function placementDay(node: Dated, year: number): string {
  const start = yearStart(year);
  return node.activeFrom && node.activeFrom > start ? node.activeFrom : start;
}

/** Placements by subject, oldest first. */
export function placementsBySubject<P extends PlacementLike>(placements: readonly P[]): Map<string, P[]> {
  const by = new Map<string, P[]>();
  for (const p of placements) {
    const list = by.get(p.subjectId);
    if (list) list.push(p);
    else by.set(p.subjectId, [p]);
  }
  for (const list of by.values()) list.sort((a, b) => compareFrom(a.validFrom, b.validFrom));
  return by;
}

const compareFrom = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1);

/**
 * The parent in force on `day`: the latest placement dated on or before it; before the first
 * placement, the first; with no placements, `current` (the subject never moved).
 */
export function parentOn(placements: readonly PlacementLike[] | undefined, day: string, current: string | null): string | null {
  if (!placements || placements.length === 0) return current;
  let found = placements[0];
  for (const p of placements) if (p.validFrom === null || p.validFrom <= day) found = p;
  return found.parentId;
}

/** The units and people of a plan year, each under its parent of that year (see the rule above). */
export function orgOfYear<U extends Dated & { parentId: string | null }, P extends Dated & { unitId: string }>(
  units: readonly U[],
  people: readonly P[],
  placements: readonly PlacementLike[],
  year: number,
): { units: U[]; people: P[] } {
  const by = placementsBySubject(placements);
  const yearUnits = units
    .filter((u) => existsInYear(u, year))
    .map((u) => {
      const parentId = parentOn(by.get(u.id), placementDay(u, year), u.parentId);
      return parentId === u.parentId ? u : { ...u, parentId };
    });
  const yearPeople = people
    .filter((p) => existsInYear(p, year))
    .map((p) => {
      const unitId = parentOn(by.get(p.id), placementDay(p, year), p.unitId) ?? p.unitId;
      return unitId === p.unitId ? p : { ...p, unitId };
    });
  return { units: yearUnits, people: yearPeople };
}

/** The first plan year a change dated `day` shows in: its own year on 1 January, else the next. */
export function firstYearOf(day: string): number {
  const year = Number(day.slice(0, 4));
  return day.slice(5) === '01-01' ? year : year + 1;
}
