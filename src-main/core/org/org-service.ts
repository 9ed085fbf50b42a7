/**
 * The org channels: the organisation of a plan year, its whole history, and every change to it,
 * each checked before anything is written (a refusal is an AppError whose details carry the
 * reason of ORG_REFUSALS, a count where there is one, and the message in Chinese beside the
 * English one). Dated changes follow the rule of src-shared/domain/org-history.ts.
 */
import type { ChannelInput, ChannelOutput, OrgRefusal, OrgUnit, Person, Placement } from '../../../src-shared/contract/channels';
import { AppError, type ErrorCode } from '../../../src-shared/contract/errors';
import { firstYearOf, type Dated } from '../../../src-shared/domain/org-history';
import { leafIds, orgTreeOf } from '../../../src-shared/domain/org-tree';
import { META_PLAN_YEAR, readMeta, type Workspace } from '../workspace';
import { changeOrg, readOrg, readOrgRecords, type OrgRecords } from './org-store';

/**
 * What the org feature asks of the features that store figures by unit and person (plugged in by
 * core/app.ts, as the plan feature builds on this one): how many figures a subject has in the plan
 * years from `fromYear` on, so a retirement never hides figures from a year's roll-ups.
 */
export interface OrgFigures {
  figuresFrom(ws: Workspace, subjectId: string, fromYear: number): number;
}

let figures: OrgFigures = { figuresFrom: () => 0 };

export function extendOrg(extension: OrgFigures): void {
  figures = extension;
}

export async function listOrgTree(ws: Workspace, year?: number): Promise<ChannelOutput<'org/list-tree'>> {
  const planYear = year ?? (Number(await readMeta(ws, META_PLAN_YEAR)) || ws.ctx.clock().getFullYear());
  return { year: planYear, ...readOrg(ws.db, planYear) };
}

export async function listOrgHistory(ws: Workspace): Promise<ChannelOutput<'org/list-history'>> {
  return readOrgRecords(ws.db);
}

/** Every subject id of the plan year's organisation, and those that hold typed values: people, and units without children. */
export async function subjectIds(ws: Workspace, year?: number): Promise<{ all: Set<string>; leaves: Set<string> }> {
  const { units, people } = readOrg(ws.db, year);
  const tree = orgTreeOf(units, people);
  return { all: new Set(tree.nodes.keys()), leaves: leafIds(tree) };
}

// ---- refusals ----------------------------------------------------------------------------------

const ZH: Record<OrgRefusal | 'has-figures-after', string> = {
  'unknown-unit': '找不到该单位',
  'unknown-person': '找不到该人员',
  'unit-retired': '该单位在生效日已撤销',
  'person-retired': '该人员在生效日已离任',
  'not-active-yet': '生效日早于其设立（入职）日期',
  'before-last-change': '生效日早于其最近一次变动',
  cycle: '不能调到自己或自己的下级单位之下',
  'unit-not-empty': '单位中还有 {count} 个下级单位或人员，请先调出或离任',
  'reorder-mismatch': '排序列表与该单位的下级不一致',
  'root-fixed': '最上级单位不能调动或撤销',
  'other-organisation': '不能调到另一个组织（另一个最上级单位）之下',
  'has-figures-after': '其在 {year} 年及以后还有 {count} 个数据，撤销后这些数据将不再汇总',
};

function refuse(code: ErrorCode, reason: OrgRefusal | 'has-figures-after', message: string, extra: Record<string, unknown> = {}): never {
  const zh = ZH[reason].replace(/\{(\w+)\}/g, (_, key: string) => String(extra[key] ?? ''));
  throw new AppError(code, message, { reason, ...extra, zh });
}

interface Found {
  records: OrgRecords;
  units: Map<string, OrgUnit>;
  people: Map<string, Person>;
}

function found(ws: Workspace): Found {
  const records = readOrgRecords(ws.db);
  return { records, units: new Map(records.units.map((u) => [u.id, u])), people: new Map(records.people.map((p) => [p.id, p])) };
}

function unitOf(org: Found, id: string, role = 'unit'): OrgUnit {
  const unit = org.units.get(id);
  if (!unit) refuse('NOT_FOUND', 'unknown-unit', `Unknown ${role} ${id}`, { id });
  return unit;
}

function personOf(org: Found, id: string): Person {
  const person = org.people.get(id);
  if (!person) refuse('NOT_FOUND', 'unknown-person', `Unknown person ${id}`, { id });
  return person;
}

/** A unit something is added to or moved under must exist on the day. */
function openUnitOn(org: Found, id: string, day: string): OrgUnit {
  const unit = unitOf(org, id);
  if (unit.activeFrom && unit.activeFrom > day)
    refuse('INVALID_INPUT', 'not-active-yet', `Unit ${unit.name} starts on ${unit.activeFrom}, after ${day}`, { id, activeFrom: unit.activeFrom });
  if (unit.retiredFrom && unit.retiredFrom <= day)
    refuse('INVALID_INPUT', 'unit-retired', `Unit ${unit.name} is retired from ${unit.retiredFrom}`, { id, retiredFrom: unit.retiredFrom });
  return unit;
}

const lastPlacement = (placements: readonly Placement[], id: string): string | null =>
  placements
    .filter((p) => p.subjectId === id && p.validFrom !== null)
    .reduce<string | null>((last, p) => (last === null || p.validFrom! > last ? p.validFrom : last), null);

/** A dated change to a subject must fall while it exists and after its latest placement. */
function checkDatedChange(org: Found, subject: Dated & { name: string }, day: string, kind: 'unit' | 'person', retiring = false): void {
  if (subject.activeFrom && (retiring ? subject.activeFrom >= day : subject.activeFrom > day))
    refuse('INVALID_INPUT', 'not-active-yet', `${subject.name} starts on ${subject.activeFrom}, not before ${day}`, {
      id: subject.id,
      activeFrom: subject.activeFrom,
    });
  if (!retiring && subject.retiredFrom && subject.retiredFrom <= day)
    refuse('INVALID_INPUT', kind === 'unit' ? 'unit-retired' : 'person-retired', `${subject.name} is retired from ${subject.retiredFrom}`, {
      id: subject.id,
      retiredFrom: subject.retiredFrom,
    });
  const last = lastPlacement(org.records.placements, subject.id);
  if (last !== null && (retiring ? last >= day : last > day))
    refuse('INVALID_INPUT', 'before-last-change', `${subject.name} was last moved on ${last}, after ${day}`, { id: subject.id, lastChange: last });
}

const nextSortOrder = (org: Found, parentId: string) =>
  Math.max(
    0,
    ...org.records.units.filter((u) => u.parentId === parentId).map((u) => u.sortOrder),
    ...org.records.people.filter((p) => p.unitId === parentId).map((p) => p.sortOrder),
  ) + 1;

// ---- changes -----------------------------------------------------------------------------------

export async function addUnit(ws: Workspace, input: ChannelInput<'org/add-unit'>): Promise<{ id: string }> {
  const org = found(ws);
  openUnitOn(org, input.parentId, input.effectiveFrom);
  const id = ws.ctx.newId('u');
  changeOrg(ws, (edits) =>
    edits.addUnit({
      id,
      parentId: input.parentId,
      level: input.level,
      name: input.name.trim(),
      sortOrder: nextSortOrder(org, input.parentId),
      activeFrom: input.effectiveFrom,
    }),
  );
  return { id };
}

export async function addPerson(ws: Workspace, input: ChannelInput<'org/add-person'>): Promise<{ id: string }> {
  const org = found(ws);
  openUnitOn(org, input.unitId, input.effectiveFrom);
  const id = ws.ctx.newId('p');
  changeOrg(ws, (edits) =>
    edits.addPerson({
      id,
      unitId: input.unitId,
      name: input.name.trim(),
      role: input.role,
      sortOrder: nextSortOrder(org, input.unitId),
      activeFrom: input.effectiveFrom,
    }),
  );
  return { id };
}

export async function saveUnit(ws: Workspace, input: ChannelInput<'org/save-unit'>): Promise<{ id: string }> {
  unitOf(found(ws), input.id);
  changeOrg(ws, (edits) => edits.renameUnit(input.id, input.name.trim(), input.level));
  return { id: input.id };
}

export async function savePerson(ws: Workspace, input: ChannelInput<'org/save-person'>): Promise<{ id: string }> {
  personOf(found(ws), input.id);
  changeOrg(ws, (edits) => edits.renamePerson(input.id, input.name.trim(), input.role));
  return { id: input.id };
}

/** The top unit above a unit (itself for a top unit), in the tree as it stands now. */
function topOf(org: Found, unitId: string): string {
  let at = unitId;
  for (let guard = 0; guard <= org.units.size; guard++) {
    const parent = org.units.get(at)?.parentId;
    if (!parent) return at;
    at = parent;
  }
  return at;
}

/**
 * A move stays inside its organisation: a workspace's organisations (its top units) plan apart
 * (core/org's readOrg), so a unit or person moved to another would drop out of its plan unseen.
 */
function sameOrganisation(org: Found, fromUnitId: string, toUnitId: string): void {
  if (topOf(org, fromUnitId) !== topOf(org, toUnitId))
    refuse('INVALID_INPUT', 'other-organisation', 'A move stays inside its organisation (under the same top unit)', { from: fromUnitId, to: toUnitId });
}

export async function moveUnit(ws: Workspace, input: ChannelInput<'org/move-unit'>): Promise<{ id: string }> {
  const org = found(ws);
  const unit = unitOf(org, input.id);
  if (unit.parentId === null) refuse('INVALID_INPUT', 'root-fixed', 'The top unit cannot move', { id: unit.id });
  checkDatedChange(org, unit, input.effectiveFrom, 'unit');
  openUnitOn(org, input.parentId, input.effectiveFrom);
  // Appended at the end of the history, so the latest tree is every later year's: no cycle there.
  for (let at: string | null = input.parentId, guard = 0; at !== null && guard <= org.units.size; at = org.units.get(at)?.parentId ?? null, guard++) {
    if (at === unit.id) refuse('INVALID_INPUT', 'cycle', `${unit.name} cannot move under itself or its own units`, { id: unit.id, parentId: input.parentId });
  }
  sameOrganisation(org, unit.id, input.parentId);
  if (unit.parentId === input.parentId) return { id: unit.id };
  changeOrg(ws, (edits) => edits.moveUnit(unit.id, input.parentId, input.effectiveFrom));
  return { id: unit.id };
}

export async function movePerson(ws: Workspace, input: ChannelInput<'org/move-person'>): Promise<{ id: string }> {
  const org = found(ws);
  const person = personOf(org, input.id);
  checkDatedChange(org, person, input.effectiveFrom, 'person');
  openUnitOn(org, input.unitId, input.effectiveFrom);
  sameOrganisation(org, person.unitId, input.unitId);
  if (person.unitId === input.unitId) return { id: person.id };
  changeOrg(ws, (edits) => edits.movePerson(person.id, input.unitId, input.effectiveFrom));
  return { id: person.id };
}

/**
 * Retires a person, or a unit nobody is left in from the date. Refused when the subject has
 * figures in a plan year it would be left out of (from `firstYearOf(date)` on), with their count.
 */
export async function retire(ws: Workspace, input: ChannelInput<'org/retire'>): Promise<{ id: string }> {
  const org = found(ws);
  const day = input.effectiveFrom;
  const unit = org.units.get(input.id);
  const subject = unit ?? personOf(org, input.id);
  checkDatedChange(org, subject, day, unit ? 'unit' : 'person', true);
  if (unit) {
    if (unit.parentId === null) refuse('INVALID_INPUT', 'root-fixed', 'The top unit cannot be retired', { id: unit.id });
    // Still in it on the day or after: its units and people not retired by then, and any placed in it later.
    const inside = new Set<string>();
    for (const child of [...org.records.units.filter((u) => u.parentId === unit.id), ...org.records.people.filter((p) => p.unitId === unit.id)])
      if (!child.retiredFrom || child.retiredFrom > day) inside.add(child.id);
    for (const p of org.records.placements) if (p.parentId === unit.id && p.validFrom !== null && p.validFrom >= day) inside.add(p.subjectId);
    if (inside.size > 0)
      refuse('IN_USE', 'unit-not-empty', `${unit.name} still holds ${inside.size} units or people from ${day}`, { id: unit.id, count: inside.size });
  }
  const fromYear = firstYearOf(day);
  const count = figures.figuresFrom(ws, subject.id, fromYear);
  if (count > 0)
    refuse(
      'IN_USE',
      'has-figures-after',
      `${subject.name} has ${count} figures in ${fromYear} or later, which a retirement from ${day} would leave out of the roll-ups`,
      {
        id: subject.id,
        count,
        year: fromYear,
      },
    );
  changeOrg(ws, (edits) => edits.setRetired(subject.id, day));
  return { id: subject.id };
}

export async function reinstate(ws: Workspace, input: ChannelInput<'org/reinstate'>): Promise<{ id: string }> {
  const org = found(ws);
  const unit = org.units.get(input.id);
  const subject = unit ?? personOf(org, input.id);
  const parentId = unit ? unit.parentId : (subject as Person).unitId;
  const parent = parentId === null ? undefined : org.units.get(parentId);
  if (parent?.retiredFrom)
    refuse('INVALID_INPUT', 'unit-retired', `${parent.name} is retired from ${parent.retiredFrom}`, { id: parent.id, retiredFrom: parent.retiredFrom });
  if (!subject.retiredFrom) return { id: subject.id };
  changeOrg(ws, (edits) => edits.setRetired(subject.id, null));
  return { id: subject.id };
}

/** Sets the order of a unit's sub-units or people (or all its children): `ids` must list exactly them. */
export async function reorder(ws: Workspace, input: ChannelInput<'org/reorder'>): Promise<{ count: number }> {
  const org = found(ws);
  unitOf(org, input.parentId);
  const units = org.records.units.filter((u) => u.parentId === input.parentId).map((u) => u.id);
  const people = org.records.people.filter((p) => p.unitId === input.parentId).map((p) => p.id);
  const given = new Set(input.ids);
  const same = (list: string[]) => list.length === input.ids.length && given.size === list.length && list.every((id) => given.has(id));
  if (!same(units) && !same(people) && !same([...units, ...people]))
    refuse('INVALID_INPUT', 'reorder-mismatch', `The ids are not exactly the children of ${input.parentId}`, { id: input.parentId });
  changeOrg(ws, (edits) => input.ids.forEach((id, i) => edits.setSortOrder(id, i + 1)));
  return { count: input.ids.length };
}
