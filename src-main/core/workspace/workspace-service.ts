import path from 'node:path';
import type { WorkspaceInfo } from '../../../src-shared/contract/channels';
import type { Workspace } from './open-workspace';
import { countRows, readMetaValue } from './workspace-store';

export const META_PLAN_YEAR = 'plan_year';
export const META_ORGANISATION = 'organisation_name';
/** The workspace's plan years as a JSON array of numbers (新建年度计划 adds one); plan_year is always one of them. */
export const META_PLAN_YEARS = 'plan_years';

/** The plan years, ascending: the stored list and the current year. */
export function readPlanYears(ws: Workspace, current: number): number[] {
  const years = new Set<number>([current]);
  try {
    const stored: unknown = JSON.parse(readMetaValue(ws.db, META_PLAN_YEARS) ?? '[]');
    if (Array.isArray(stored)) for (const y of stored) if (Number.isInteger(y) && y >= 2000 && y <= 2100) years.add(y);
  } catch {
    // An unreadable list: the current year alone.
  }
  return [...years].sort((a, b) => a - b);
}

export async function readMeta(ws: Workspace, key: string): Promise<string | null> {
  return readMetaValue(ws.db, key);
}

export async function getWorkspaceInfo(ws: Workspace): Promise<WorkspaceInfo> {
  const count = (table: string) => countRows(ws.db, table);
  const year = Number(await readMeta(ws, META_PLAN_YEAR)) || ws.ctx.clock().getFullYear();
  return {
    // Only the name: the renderer never sees or chooses file paths.
    fileName: path.basename(ws.file),
    planYear: year,
    planYears: readPlanYears(ws, year),
    organisationName: (await readMeta(ws, META_ORGANISATION)) ?? '',
    // Migrations run on open, so what ran is the schema this file now has.
    schemaVersion: count('schema_migrations'),
    counts: { units: count('org_unit'), people: count('person'), metrics: count('metric'), cells: count('target_cell') + count('plan_day_cell') },
  };
}
