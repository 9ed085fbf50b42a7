/** The workspace feature: what the open file holds. Other features import from here only. */
import { workspaceChannels } from '../../../src-shared/contract/workspace';
import type { BackendFeature } from '../feature';
import { InitialSchema1764115200001 } from './migrations/0001-initial-schema';
import { getWorkspaceInfo } from './workspace-service';
import { WorkspaceMetaEntity } from './workspace-store';

export { getWorkspaceInfo, META_ORGANISATION, META_PLAN_YEAR, META_PLAN_YEARS, readMeta, readPlanYears } from './workspace-service';
export { writeMetaValue } from './workspace-store';
export type { OpenOptions, Workspace } from './open-workspace';

export const workspaceFeature: BackendFeature<typeof workspaceChannels> = {
  name: 'workspace',
  handlers: {
    'workspace/get-info': (ws) => getWorkspaceInfo(ws),
  },
  entities: [WorkspaceMetaEntity],
  // The foundation every feature builds on: workspace meta, organisation, metrics, targets.
  migrations: [InitialSchema1764115200001],
};
