/** The organisation as the summary and the KPIs see it: units in tree order, the branch above a unit, a unit's full name. */
import type { OrgUnit } from '../../../src-shared/contract/channels';
import type { Database } from '../db/port';
import { readUnits } from './org-reads';

export interface Org {
  root: OrgUnit | undefined;
  byId: Map<string, OrgUnit>;
  /** Units depth first, each parent before its children, siblings by sort order. */
  ordered: OrgUnit[];
  position: Map<string, number>;
}

export function readOrg(db: Database): Org {
  const units = readUnits(db);
  const byId = new Map(units.map((u) => [u.id, u]));
  const children = new Map<string | null, OrgUnit[]>();
  for (const unit of units) {
    const parentKey = unit.parentId !== null && byId.has(unit.parentId) ? unit.parentId : null;
    children.set(parentKey, [...(children.get(parentKey) ?? []), unit]);
  }
  const ordered: OrgUnit[] = [];
  const visit = (unit: OrgUnit) => {
    ordered.push(unit);
    for (const child of children.get(unit.id) ?? []) visit(child);
  };
  for (const top of children.get(null) ?? []) visit(top);
  return { root: children.get(null)?.[0], byId, ordered, position: new Map(ordered.map((u, i) => [u.id, i])) };
}

/** The branch a unit sits in (itself when it is one); null above or outside the branch level. */
export function branchOf(org: Org, unitId: string): string | null {
  const seen = new Set<string>();
  for (let unit = org.byId.get(unitId); unit && !seen.has(unit.id); unit = unit.parentId ? org.byId.get(unit.parentId) : undefined) {
    if (unit.level === 'branch') return unit.id;
    seen.add(unit.id);
  }
  return null;
}

/** The names from below the organisation down to the unit: 东湖县分公司集团客户部. */
export function unitPathName(org: Org, unitId: string): string {
  const names: string[] = [];
  for (let unit = org.byId.get(unitId); unit && unit.parentId !== null; unit = org.byId.get(unit.parentId)) {
    names.unshift(unit.name);
    if (names.length > org.byId.size) break;
  }
  return names.length > 0 ? names.join('') : (org.byId.get(unitId)?.name ?? '');
}
