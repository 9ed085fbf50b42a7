/**
 * The organisation: a tree of units of any depth (公司 → 分公司 → 部门/团队 → 门店 → 班组 …) and the
 * people in them, kept with the dates its changes take effect.
 *
 * Effective dates (the rule, in full in src-shared/domain/org-history.ts and docs/ARCHITECTURE.md):
 * a plan year's organisation is the one in force on its first day (1 January). A unit or person
 * that starts during the year is placed where they start; a move dated during a year shows from the
 * next plan year (that year's figures stay with the unit they started it in); someone who retires
 * during a year stays in that year's roll-ups, marked retired from the date, and is left out of
 * the plan years that start on or after it. Names, kinds, roles and sibling order are labels, not
 * dated: a rename shows in every year.
 */
import { z } from 'zod';
import { channel, id, isoDate, planYear } from './common';

/**
 * What a unit is called. `company` and `branch` (分公司) have their meaning in reports (the branch a
 * unit sits in); every other kind is a unit below them, at any depth.
 */
export const UNIT_KINDS = ['company', 'branch', 'department', 'team', 'store', 'crew'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

const name = z.string().trim().min(1).max(60);

export const OrgUnitSchema = z.object({
  id,
  parentId: id.nullable(),
  /** The unit's kind (UNIT_KINDS); called level where only company/branch/team existed. */
  level: z.enum(UNIT_KINDS),
  name: z.string(),
  sortOrder: z.number().int(),
  /** The first day the unit exists (null: always has). */
  activeFrom: isoDate.nullable().optional(),
  /** The first day it no longer exists (retired; null: still exists). */
  retiredFrom: isoDate.nullable().optional(),
});

export const PERSON_ROLES = ['客户经理', '片区经理', '销售员', '门店经理', '领导', '班组长', '营业员'] as const;

export const PersonSchema = z.object({
  id,
  unitId: id,
  name: z.string(),
  role: z.enum(PERSON_ROLES),
  sortOrder: z.number().int(),
  activeFrom: isoDate.nullable().optional(),
  /** The first day the person no longer works here: their figures stay, they leave new plans. */
  retiredFrom: isoDate.nullable().optional(),
});

/** From `validFrom` on (null: since its start), the unit's parent unit (null: a root) or the person's unit is `parentId`. */
export const PlacementSchema = z.object({ subjectId: id, validFrom: isoDate.nullable(), parentId: id.nullable() });

const idOut = z.object({ id });

export const orgChannels = {
  /**
   * The organisation of one plan year (default: the workspace's plan year), as its figures roll up:
   * the units and people in it, each under its parent as of the rule above.
   */
  'org/list-tree': channel(
    z.object({ year: planYear.optional() }),
    z.object({ year: planYear.optional(), units: z.array(OrgUnitSchema), people: z.array(PersonSchema) }),
  ),
  /** Every unit and person ever (retired ones too), where they are now, and every dated placement. */
  'org/list-history': channel(z.object({}), z.object({ units: z.array(OrgUnitSchema), people: z.array(PersonSchema), placements: z.array(PlacementSchema) })),
  'org/add-unit': channel(z.object({ parentId: id, level: z.enum(UNIT_KINDS), name, effectiveFrom: isoDate }), idOut),
  /** Rename, or change the kind of, a unit (not dated: a label). */
  'org/save-unit': channel(z.object({ id, level: z.enum(UNIT_KINDS), name }), idOut),
  'org/move-unit': channel(z.object({ id, parentId: id, effectiveFrom: isoDate }), idOut),
  'org/add-person': channel(z.object({ unitId: id, name, role: z.enum(PERSON_ROLES), effectiveFrom: isoDate }), idOut),
  'org/save-person': channel(z.object({ id, name, role: z.enum(PERSON_ROLES) }), idOut),
  'org/move-person': channel(z.object({ id, unitId: id, effectiveFrom: isoDate }), idOut),
  /** Retire a person, or a unit with nobody and nothing left in it from the date. */
  'org/retire': channel(z.object({ id, effectiveFrom: isoDate }), idOut),
  /** Undo a retirement: the unit or person is in every year again. */
  'org/reinstate': channel(z.object({ id }), idOut),
  /** The order of a unit's children (sub-units, or people): `ids` lists them all, in the new order. */
  'org/reorder': channel(z.object({ parentId: id, ids: z.array(id).min(1).max(10_000) }), z.object({ count: z.number().int() })),
} as const;

export const orgEvents = {
  /** Units or people were added, moved, renamed, reordered or retired: every roll-up may have changed. */
  'org/changed': z.object({ ids: z.array(id) }),
} as const;

/**
 * Why an org change was refused (AppError details.reason, with `count` where there is one). The
 * UI's messages have the same keys.
 */
export const ORG_REFUSALS = [
  'unknown-unit',
  'unknown-person',
  'unit-retired',
  'person-retired',
  'not-active-yet',
  /** A move dated before the subject's latest placement (history is changed from its end only). */
  'before-last-change',
  /** A unit moved under itself or one of its own units. */
  'cycle',
  /** A unit retired while people or units are still in it from the date. */
  'unit-not-empty',
  'reorder-mismatch',
  'root-fixed',
  'other-organisation',
] as const;
export type OrgRefusal = (typeof ORG_REFUSALS)[number];

export type OrgUnit = z.infer<typeof OrgUnitSchema>;
export type Person = z.infer<typeof PersonSchema>;
export type Placement = z.infer<typeof PlacementSchema>;
