/**
 * The org store: the org_unit, person, org_subject and org_placement tables, read and written
 * here only. org_unit and person hold where each unit and person is now (their latest placement);
 * org_subject a unit's kind beyond company/branch/team and the dates a unit or person starts and
 * retires; org_placement the dated placements (migration 0008 says why these are tables of their
 * own). The row shapes are the contract's OrgUnit, Person and Placement (src-shared/contract/org.ts).
 *
 * Every change goes through `changeOrg`, which emits `org/changed` once it is written, so what is
 * built on the tree (the plan cache's org index per year, the renderer's org queries) follows
 * without callers having to remember to invalidate anything. `readOrg(db, year)` is the
 * organisation of a plan year (the rule: src-shared/domain/org-history.ts).
 */
import { EntitySchema } from 'typeorm';
import type { OrgUnit, Person, Placement, UnitKind } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import { orgOfYear } from '../../../src-shared/domain/org-history';
import type { Database } from '../db/port';
import type { Workspace } from '../workspace';

export type OrgUnitRow = OrgUnit;
export type PersonRow = Person;

export const OrgUnitEntity = new EntitySchema<OrgUnitRow>({
  name: 'OrgUnit',
  tableName: 'org_unit',
  columns: {
    id: { type: 'text', primary: true },
    parentId: { type: 'text', name: 'parent_id', nullable: true },
    level: { type: 'text' },
    name: { type: 'text' },
    sortOrder: { type: 'integer', name: 'sort_order' },
  },
});

export const PersonEntity = new EntitySchema<PersonRow>({
  name: 'Person',
  tableName: 'person',
  columns: {
    id: { type: 'text', primary: true },
    unitId: { type: 'text', name: 'unit_id' },
    name: { type: 'text' },
    role: { type: 'text' },
    sortOrder: { type: 'integer', name: 'sort_order' },
  },
});

interface OrgSubjectRow {
  subjectId: string;
  unitKind: string | null;
  activeFrom: string | null;
  retiredFrom: string | null;
}

export const OrgSubjectEntity = new EntitySchema<OrgSubjectRow>({
  name: 'OrgSubject',
  tableName: 'org_subject',
  columns: {
    subjectId: { type: 'varchar', name: 'subject_id', primary: true },
    unitKind: { type: 'varchar', name: 'unit_kind', nullable: true },
    activeFrom: { type: 'varchar', name: 'active_from', nullable: true },
    retiredFrom: { type: 'varchar', name: 'retired_from', nullable: true },
  },
});

interface PlacementRow {
  subjectId: string;
  validFrom: string;
  parentId: string | null;
}

export const OrgPlacementEntity = new EntitySchema<PlacementRow>({
  name: 'OrgPlacement',
  tableName: 'org_placement',
  columns: {
    subjectId: { type: 'varchar', name: 'subject_id', primary: true },
    validFrom: { type: 'varchar', name: 'valid_from', primary: true },
    parentId: { type: 'varchar', name: 'parent_id', nullable: true },
  },
});

/** org_placement's valid_from for "since the start" (the contract's null). */
const SINCE_START = '0000-01-01';

/** What org_unit.level holds for a kind (its CHECK allows these three). */
const LEGACY_LEVELS: ReadonlySet<string> = new Set(['company', 'branch', 'team']);
const storedLevel = (kind: UnitKind) => (LEGACY_LEVELS.has(kind) ? kind : 'team');

/**
 * Siblings by their sort order, then by name: the order of every org list and walk. Aliases are
 * quoted so that they keep their case on PostgreSQL.
 */
const UNITS_SQL = `SELECT u.id, u.parent_id AS "parentId", COALESCE(s.unit_kind, u.level) AS level, u.name, u.sort_order AS "sortOrder",
  s.active_from AS "activeFrom", s.retired_from AS "retiredFrom"
  FROM org_unit u LEFT JOIN org_subject s ON s.subject_id = u.id ORDER BY u.sort_order ASC, u.name ASC`;
const PEOPLE_SQL = `SELECT p.id, p.unit_id AS "unitId", p.name, p.role, p.sort_order AS "sortOrder",
  s.active_from AS "activeFrom", s.retired_from AS "retiredFrom"
  FROM person p LEFT JOIN org_subject s ON s.subject_id = p.id ORDER BY p.sort_order ASC, p.name ASC`;
const PLACEMENTS_SQL = `SELECT subject_id AS "subjectId", valid_from AS "validFrom", parent_id AS "parentId" FROM org_placement ORDER BY subject_id, valid_from`;

export interface OrgRows {
  units: OrgUnitRow[];
  people: PersonRow[];
}

export interface OrgRecords extends OrgRows {
  placements: Placement[];
}

/** Every unit and person, where each is now, with its dates; and every dated placement. */
export function readOrgRecords(db: Database): OrgRecords {
  const placements = db.all<PlacementRow>(PLACEMENTS_SQL).map((p): Placement => ({ ...p, validFrom: p.validFrom === SINCE_START ? null : p.validFrom }));
  return { units: db.all<OrgUnitRow>(UNITS_SQL), people: db.all<PersonRow>(PEOPLE_SQL), placements };
}

/**
 * The organisation of plan year `year` (who is in it, under whom: org-history.ts's rule); without
 * a year, every unit and person where they are now, retired ones included.
 *
 * A workspace may hold more than one organisation (a top unit each): the first by sort order is
 * the workspace's own, the one the annual plan, its reports and the strategy tables are for, and
 * what `scope: 'plan'` (the default) answers; the others (the sample's retail arm, whose stores the
 * holiday plans are made for) come with `scope: 'all'`.
 */
export function readOrg(db: Database, year?: number, scope: 'plan' | 'all' = 'plan'): OrgRows {
  const { units, people, placements } = readOrgRecords(db);
  const rows = year === undefined ? { units, people } : orgOfYear(units, people, placements, year);
  return scope === 'all' ? rows : primaryOrganisation(rows);
}

/** The units and people under the first top unit; the same rows when there is only one. */
function primaryOrganisation(rows: OrgRows): OrgRows {
  const roots = rows.units.filter((u) => u.parentId === null);
  if (roots.length <= 1) return rows;
  const primary = roots.reduce((a, b) => (b.sortOrder < a.sortOrder || (b.sortOrder === a.sortOrder && b.id < a.id) ? b : a));
  const parentOf = new Map(rows.units.map((u) => [u.id, u.parentId]));
  const inside = new Map<string, boolean>();
  const isInside = (id: string): boolean => {
    const known = inside.get(id);
    if (known !== undefined) return known;
    const parent = parentOf.get(id);
    // A unit whose parent is not in the year (a gap in the history) is outside, as its parent is.
    const answer = id === primary.id ? true : parent === null || parent === undefined ? false : isInside(parent);
    inside.set(id, answer);
    return answer;
  };
  return { units: rows.units.filter((u) => isInside(u.id)), people: rows.people.filter((p) => isInside(p.unitId)) };
}

/** A new unit or person; `activeFrom` is its first day (omitted: it has always existed). */
type New<R> = R & { activeFrom?: string | null };

/** The edits `changeOrg` offers; each one is written at once, inside the change's transaction. */
export interface OrgEdits {
  addUnit(unit: New<Omit<OrgUnitRow, 'retiredFrom'>>): void;
  addPerson(person: New<Omit<PersonRow, 'retiredFrom'>>): void;
  /**
   * Places a unit under another from `from` on (a dated placement, the history before kept), or,
   * without a date, as if it had always been there.
   */
  moveUnit(unitId: string, parentId: string | null, from?: string): void;
  movePerson(personId: string, unitId: string, from?: string): void;
  renameUnit(unitId: string, name: string, kind: UnitKind): void;
  renamePerson(personId: string, name: string, role: PersonRow['role']): void;
  /** Sets (a date) or clears (null) the day a unit or person retires from. */
  setRetired(subjectId: string, from: string | null): void;
  setSortOrder(subjectId: string, sortOrder: number): void;
}

/** Sets a subject's org_subject fields (a row only where one of them is set). */
function writeSubject(db: Database, subjectId: string, set: Partial<Omit<OrgSubjectRow, 'subjectId'>>): void {
  const current = db.get<OrgSubjectRow>(
    `SELECT subject_id AS "subjectId", unit_kind AS "unitKind", active_from AS "activeFrom", retired_from AS "retiredFrom" FROM org_subject WHERE subject_id = ?`,
    subjectId,
  );
  const row = { unitKind: null, activeFrom: null, retiredFrom: null, ...current, ...set };
  if (current)
    db.run(
      `UPDATE org_subject SET unit_kind = ?, active_from = ?, retired_from = ? WHERE subject_id = ?`,
      row.unitKind,
      row.activeFrom,
      row.retiredFrom,
      subjectId,
    );
  else if (row.unitKind !== null || row.activeFrom !== null || row.retiredFrom !== null)
    db.run(
      `INSERT INTO org_subject (subject_id, unit_kind, active_from, retired_from) VALUES (?, ?, ?, ?)`,
      subjectId,
      row.unitKind,
      row.activeFrom,
      row.retiredFrom,
    );
}

/** Records a placement from `from` on; the first one also records where the subject was before. */
function writePlacement(db: Database, subjectId: string, before: string | null, parentId: string | null, from: string | undefined): void {
  const count = db.scalar<number>(`SELECT COUNT(*) FROM org_placement WHERE subject_id = ?`, subjectId) ?? 0;
  if (from === undefined) {
    // Undated: as if it had always been there.
    db.run(`DELETE FROM org_placement WHERE subject_id = ?`, subjectId);
    return;
  }
  if (count === 0) {
    const start = db.scalar<string | null>(`SELECT active_from FROM org_subject WHERE subject_id = ?`, subjectId) ?? null;
    if ((start ?? SINCE_START) < from)
      db.run(`INSERT INTO org_placement (subject_id, valid_from, parent_id) VALUES (?, ?, ?)`, subjectId, start ?? SINCE_START, before);
  }
  db.run(`DELETE FROM org_placement WHERE subject_id = ? AND valid_from = ?`, subjectId, from);
  db.run(`INSERT INTO org_placement (subject_id, valid_from, parent_id) VALUES (?, ?, ?)`, subjectId, from, parentId);
}

/**
 * Changes the organisation: `edit` runs in one transaction (a savepoint inside an open one), and
 * when it returns, `org/changed` names every unit and person it touched. A throw rolls the
 * edits back and emits nothing.
 */
export function changeOrg<T>(ws: Workspace, edit: (org: OrgEdits) => T): T {
  const db = ws.db;
  const touched: string[] = [];
  const subject = (subjectId: string, set: Partial<Omit<OrgSubjectRow, 'subjectId'>>) => writeSubject(db, subjectId, set);
  const place = (subjectId: string, before: string | null, parentId: string | null, from: string | undefined) =>
    writePlacement(db, subjectId, before, parentId, from);
  const edits: OrgEdits = {
    addUnit: (unit) => {
      db.run(
        `INSERT INTO org_unit (id, parent_id, level, name, sort_order) VALUES (?, ?, ?, ?, ?)`,
        unit.id,
        unit.parentId,
        storedLevel(unit.level),
        unit.name,
        unit.sortOrder,
      );
      subject(unit.id, { unitKind: LEGACY_LEVELS.has(unit.level) ? null : unit.level, activeFrom: unit.activeFrom ?? null });
      touched.push(unit.id);
    },
    addPerson: (person) => {
      db.run(
        `INSERT INTO person (id, unit_id, name, role, sort_order) VALUES (?, ?, ?, ?, ?)`,
        person.id,
        person.unitId,
        person.name,
        person.role,
        person.sortOrder,
      );
      subject(person.id, { activeFrom: person.activeFrom ?? null });
      touched.push(person.id);
    },
    moveUnit: (unitId, parentId, from) => {
      const before = db.get<{ parentId: string | null }>(`SELECT parent_id AS "parentId" FROM org_unit WHERE id = ?`, unitId);
      if (!before) throw new AppError('NOT_FOUND', `Unit ${unitId} not found`, { unitId });
      place(unitId, before.parentId, parentId, from);
      db.run(`UPDATE org_unit SET parent_id = ? WHERE id = ?`, parentId, unitId);
      touched.push(unitId);
    },
    movePerson: (personId, unitId, from) => {
      const before = db.get<{ unitId: string }>(`SELECT unit_id AS "unitId" FROM person WHERE id = ?`, personId);
      if (!before) throw new AppError('NOT_FOUND', `Person ${personId} not found`, { personId });
      place(personId, before.unitId, unitId, from);
      db.run(`UPDATE person SET unit_id = ? WHERE id = ?`, unitId, personId);
      touched.push(personId);
    },
    renameUnit: (unitId, name, kind) => {
      if (db.run(`UPDATE org_unit SET name = ?, level = ? WHERE id = ?`, name, storedLevel(kind), unitId).changes === 0)
        throw new AppError('NOT_FOUND', `Unit ${unitId} not found`, { unitId });
      subject(unitId, { unitKind: LEGACY_LEVELS.has(kind) ? null : kind });
      touched.push(unitId);
    },
    renamePerson: (personId, name, role) => {
      if (db.run(`UPDATE person SET name = ?, role = ? WHERE id = ?`, name, role, personId).changes === 0)
        throw new AppError('NOT_FOUND', `Person ${personId} not found`, { personId });
      touched.push(personId);
    },
    setRetired: (subjectId, from) => {
      subject(subjectId, { retiredFrom: from });
      touched.push(subjectId);
    },
    setSortOrder: (subjectId, sortOrder) => {
      if (db.run(`UPDATE org_unit SET sort_order = ? WHERE id = ?`, sortOrder, subjectId).changes === 0)
        db.run(`UPDATE person SET sort_order = ? WHERE id = ?`, sortOrder, subjectId);
      touched.push(subjectId);
    },
  };
  const result = db.transaction(() => edit(edits));
  if (touched.length > 0) ws.events.emit('org/changed', { ids: touched });
  return result;
}
