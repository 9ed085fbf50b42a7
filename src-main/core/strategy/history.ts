/** 变更记录: the changes made to a customer's rows of a month after they were first filled. */
import type { ChannelOutput } from '../../../src-shared/contract/channels';
import type { Workspace } from '../workspace';
import { requireCustomer } from './customers';
import { readHistory } from './history-store';

/** The recorded changes to one customer's rows of a month, newest first. */
export async function getStrategyHistory(ws: Workspace, yearMonth: string, customerId: string): Promise<ChannelOutput<'strategy/get-history'>> {
  requireCustomer(ws.db, customerId);
  return readHistory(ws.db, yearMonth, customerId).map((r) => ({
    id: r.id,
    table: r.table,
    changedAt: r.changedAt,
    before: JSON.parse(r.beforeJson),
    after: JSON.parse(r.afterJson),
  }));
}
