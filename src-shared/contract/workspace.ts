/** Workspace: what the open file holds. */
import { z } from 'zod';
import { channel, planYear } from './common';

export const WorkspaceInfoSchema = z.object({
  fileName: z.string(),
  planYear,
  /** Every plan year of the workspace, ascending (the current one included). */
  planYears: z.array(planYear),
  organisationName: z.string(),
  schemaVersion: z.number().int(),
  counts: z.object({ units: z.number().int(), people: z.number().int(), metrics: z.number().int(), cells: z.number().int() }),
});

export const workspaceChannels = {
  'workspace/get-info': channel(z.object({}), WorkspaceInfoSchema),
} as const;

export type WorkspaceInfo = z.infer<typeof WorkspaceInfoSchema>;
