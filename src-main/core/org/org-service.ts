import type { ChannelOutput, OrgUnit, Person } from '../../../src-shared/contract/channels';
import { OrgUnitEntity, PersonEntity } from '../db/entities';
import type { Workspace } from '../workspace';

export async function listOrgTree(ws: Workspace): Promise<ChannelOutput<'org/list-tree'>> {
  const units = await ws.dataSource.getRepository(OrgUnitEntity).find({ order: { sortOrder: 'ASC', name: 'ASC' } });
  const people = await ws.dataSource.getRepository(PersonEntity).find({ order: { sortOrder: 'ASC', name: 'ASC' } });
  return { units: units as OrgUnit[], people: people as Person[] };
}

/** Every subject id, and those that hold typed values: people, and units without children. */
export async function subjectIds(ws: Workspace): Promise<{ all: Set<string>; leaves: Set<string> }> {
  const { units, people } = await listOrgTree(ws);
  const parents = new Set<string>();
  for (const unit of units) if (unit.parentId) parents.add(unit.parentId);
  for (const person of people) parents.add(person.unitId);
  const leaves = new Set<string>(people.map((p) => p.id));
  for (const unit of units) if (!parents.has(unit.id)) leaves.add(unit.id);
  return { all: new Set([...units.map((u) => u.id), ...people.map((p) => p.id)]), leaves };
}
