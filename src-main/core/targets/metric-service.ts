import type { Metric } from '../../../src-shared/contract/channels';
import type { Workspace } from '../workspace';
import { readMetrics } from './targets-store';

export async function listMetrics(ws: Workspace): Promise<Metric[]> {
  return readMetrics(ws.db);
}
