/** The organisation feature: units and people. Other features import from here only. */
import { orgChannels } from '../../../src-shared/contract/org';
import type { BackendFeature } from '../feature';
import { listOrgTree } from './org-service';
import { OrgUnitEntity, PersonEntity } from './org-store';

export { listOrgTree, subjectIds } from './org-service';
export { changeOrg, readOrg, type OrgEdits, type OrgRows, type OrgUnitRow, type PersonRow } from './org-store';

export const orgFeature: BackendFeature<typeof orgChannels> = {
  name: 'org',
  handlers: {
    'org/list-tree': (ws) => listOrgTree(ws),
  },
  entities: [OrgUnitEntity, PersonEntity],
};
