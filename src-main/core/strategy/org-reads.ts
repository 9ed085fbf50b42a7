/**
 * The organisation's tables (the org feature's) as the strategy tools read them: whether a unit or
 * person exists, the units in order, the people of a role. Shapes are the contract's OrgUnit and
 * Person; the org feature's own store can take these over without the callers changing.
 */
import type { OrgUnit, Person } from '../../../src-shared/contract/channels';
import type { Database } from '../db/port';

export function unitExists(db: Database, unitId: string): boolean {
  return db.get(`SELECT 1 FROM org_unit WHERE id = ?`, unitId) !== undefined;
}

export function personExists(db: Database, personId: string): boolean {
  return db.get(`SELECT 1 FROM person WHERE id = ?`, personId) !== undefined;
}

/** Every unit, by sort order then name. */
export function readUnits(db: Database): OrgUnit[] {
  return db.all<OrgUnit>(`SELECT id, parent_id AS "parentId", level, name, sort_order AS "sortOrder" FROM org_unit ORDER BY sort_order, name`);
}

/** The people of a role, in stored order. */
export function readPeopleWithRole(db: Database, role: Person['role']): Array<Omit<Person, 'role'>> {
  return db.all<Omit<Person, 'role'>>(`SELECT id, unit_id AS "unitId", name, sort_order AS "sortOrder" FROM person WHERE role = ?`, role);
}

/** The people of a role by id: the order the sample gives its account managers their customers in. */
export function readPeopleWithRoleById(db: Database, role: Person['role']): Array<Pick<Person, 'id' | 'unitId'>> {
  return db.all<Pick<Person, 'id' | 'unitId'>>(`SELECT id, unit_id AS "unitId" FROM person WHERE role = ? ORDER BY id`, role);
}

export function readPerson(db: Database, personId: string): Pick<Person, 'unitId' | 'role'> | undefined {
  return db.get<Pick<Person, 'unitId' | 'role'>>(`SELECT unit_id AS "unitId", role FROM person WHERE id = ?`, personId);
}
