/** The organisation feature: units and people, with the dates their changes take effect. Other features import from here only. */
import { orgChannels } from '../../../src-shared/contract/org';
import type { BackendFeature } from '../feature';
import { OrgHistory1764115200008 } from './migrations/0008-org-history';
import { addPerson, addUnit, listOrgHistory, listOrgTree, moveUnit, movePerson, reinstate, reorder, retire, savePerson, saveUnit } from './org-service';
import { OrgPlacementEntity, OrgSubjectEntity, OrgUnitEntity, PersonEntity } from './org-store';

export { extendOrg, listOrgTree, subjectIds, type OrgFigures } from './org-service';
export { changeOrg, readOrg, readOrgRecords, type OrgEdits, type OrgRecords, type OrgRows, type OrgUnitRow, type PersonRow } from './org-store';

export const orgFeature: BackendFeature<typeof orgChannels> = {
  name: 'org',
  handlers: {
    'org/list-tree': (ws, input) => listOrgTree(ws, input.year),
    'org/list-history': (ws) => listOrgHistory(ws),
    'org/add-unit': (ws, input) => addUnit(ws, input),
    'org/save-unit': (ws, input) => saveUnit(ws, input),
    'org/move-unit': (ws, input) => moveUnit(ws, input),
    'org/add-person': (ws, input) => addPerson(ws, input),
    'org/save-person': (ws, input) => savePerson(ws, input),
    'org/move-person': (ws, input) => movePerson(ws, input),
    'org/retire': (ws, input) => retire(ws, input),
    'org/reinstate': (ws, input) => reinstate(ws, input),
    'org/reorder': (ws, input) => reorder(ws, input),
  },
  entities: [OrgUnitEntity, PersonEntity, OrgSubjectEntity, OrgPlacementEntity],
  migrations: [OrgHistory1764115200008],
};
