/** The organisation: units (company → branch → team) and the people in them. */
import { z } from 'zod';
import { channel, id } from './common';

export const OrgUnitSchema = z.object({
  id,
  parentId: id.nullable(),
  level: z.enum(['company', 'branch', 'team']),
  name: z.string(),
  sortOrder: z.number().int(),
});

export const PERSON_ROLES = ['客户经理', '片区经理', '销售员', '门店经理', '领导'] as const;

export const PersonSchema = z.object({
  id,
  unitId: id,
  name: z.string(),
  role: z.enum(PERSON_ROLES),
  sortOrder: z.number().int(),
});

export const orgChannels = {
  'org/list-tree': channel(z.object({}), z.object({ units: z.array(OrgUnitSchema), people: z.array(PersonSchema) })),
} as const;

export const orgEvents = {
  /** Units or people were added or moved: every figure rolled up the tree may have changed. */
  'org/changed': z.object({ ids: z.array(id) }),
} as const;

export type OrgUnit = z.infer<typeof OrgUnitSchema>;
export type Person = z.infer<typeof PersonSchema>;
