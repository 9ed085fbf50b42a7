/**
 * The org store: the org_unit and person tables, read and written here only. Their row shapes are
 * the contract's OrgUnit and Person (declared once, in src-shared/contract/org.ts); the TypeORM
 * schemas below map them. Every change goes through `changeOrg`, which emits `org/changed` once it
 * is written, so what is built on the tree (the plan cache's org index, the renderer's org
 * queries) follows without callers having to remember to invalidate anything.
 */
import { EntitySchema } from 'typeorm';
import type { OrgUnit, Person } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
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

/**
 * Siblings by their sort order, then by name: the order of every org list and walk. Aliases are
 * quoted so that they keep their case on PostgreSQL.
 */
const UNITS_SQL = `SELECT id, parent_id AS "parentId", level, name, sort_order AS "sortOrder" FROM org_unit ORDER BY sort_order ASC, name ASC`;
const PEOPLE_SQL = `SELECT id, unit_id AS "unitId", name, role, sort_order AS "sortOrder" FROM person ORDER BY sort_order ASC, name ASC`;

export interface OrgRows {
  units: OrgUnitRow[];
  people: PersonRow[];
}

export function readOrg(db: Database, _year?: number): OrgRows {
  return { units: db.all<OrgUnitRow>(UNITS_SQL), people: db.all<PersonRow>(PEOPLE_SQL) };
}

/** The edits `changeOrg` offers; each one is written at once, inside the change's transaction. */
export interface OrgEdits {
  addUnit(unit: OrgUnitRow): void;
  addPerson(person: PersonRow): void;
  moveUnit(unitId: string, parentId: string | null): void;
  movePerson(personId: string, unitId: string): void;
}

/**
 * Changes the organisation: `edit` runs in one transaction (a savepoint inside an open one), and
 * when it returns, `org/changed` names every unit and person it touched. A throw rolls the
 * edits back and emits nothing.
 */
export function changeOrg<T>(ws: Workspace, edit: (org: OrgEdits) => T): T {
  const db = ws.db;
  const touched: string[] = [];
  const edits: OrgEdits = {
    addUnit: (unit) => {
      db.run(
        `INSERT INTO org_unit (id, parent_id, level, name, sort_order) VALUES (?, ?, ?, ?, ?)`,
        unit.id,
        unit.parentId,
        unit.level,
        unit.name,
        unit.sortOrder,
      );
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
      touched.push(person.id);
    },
    moveUnit: (unitId, parentId) => {
      if (db.run(`UPDATE org_unit SET parent_id = ? WHERE id = ?`, parentId, unitId).changes === 0)
        throw new AppError('NOT_FOUND', `Unit ${unitId} not found`, { unitId });
      touched.push(unitId);
    },
    movePerson: (personId, unitId) => {
      if (db.run(`UPDATE person SET unit_id = ? WHERE id = ?`, unitId, personId).changes === 0)
        throw new AppError('NOT_FOUND', `Person ${personId} not found`, { personId });
      touched.push(personId);
    },
  };
  const result = db.transaction(() => edit(edits));
  if (touched.length > 0) ws.events.emit('org/changed', { ids: touched });
  return result;
}
