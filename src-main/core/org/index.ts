/** The organisation feature: units and people. Other features import from here only. */
import { orgChannels } from '../../../src-shared/contract/org';
import { OrgUnitEntity, PersonEntity } from '../db/entities';
import type { BackendFeature } from '../feature';
import { listOrgTree } from './org-service';

export { listOrgTree, subjectIds } from './org-service';

export const orgFeature: BackendFeature<typeof orgChannels> = {
  name: 'org',
  handlers: {
    'org/list-tree': (ws) => listOrgTree(ws),
  },
  entities: [OrgUnitEntity, PersonEntity],
};
