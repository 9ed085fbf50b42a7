import type { Metric } from '../../../src-shared/contract/channels';
import { MetricEntity } from '../db/entities';
import type { Workspace } from '../workspace';

export async function listMetrics(ws: Workspace): Promise<Metric[]> {
  const rows = await ws.dataSource.getRepository(MetricEntity).find({ order: { sortOrder: 'ASC' } });
  // SQLite returns booleans as 0/1.
  return rows.map((row) => ({ ...row, allowNegative: Boolean(row.allowNegative) }));
}
