import type { ChannelOutput } from '../../../src-shared/contract/channels';
import { leafIds, orgTreeOf } from '../../../src-shared/domain/org-tree';
import type { Workspace } from '../workspace';
import { readOrg } from './org-store';

export async function listOrgTree(ws: Workspace): Promise<ChannelOutput<'org/list-tree'>> {
  return readOrg(ws.db);
}

/** Every subject id, and those that hold typed values: people, and units without children. */
export async function subjectIds(ws: Workspace): Promise<{ all: Set<string>; leaves: Set<string> }> {
  const { units, people } = readOrg(ws.db);
  const tree = orgTreeOf(units, people);
  return { all: new Set(tree.nodes.keys()), leaves: leafIds(tree) };
}
