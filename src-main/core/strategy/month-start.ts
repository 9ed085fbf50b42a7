/** Starting a month (开始本月填报): each of the month's customers gets its rows, copied forward where it has earlier ones. */
import type { ChannelOutput } from '../../../src-shared/contract/channels';
import type { Workspace } from '../workspace';
import { copyDemandRow, insertEmptyDemandRow, readCustomersToStart, startHabitRows } from './month-store';

/**
 * Gives each of the month's customers its rows: a copy, not yet reviewed, of its latest earlier
 * row (a month nobody started does not lose what came before it), or an empty row when it has
 * none. Prospects get nothing, even when they carry rows from when they were customers. Only
 * missing rows are written, so running it twice adds nothing. `copied` and `added` count demand
 * rows, one per customer.
 */
export async function startStrategyMonth(ws: Workspace, yearMonth: string): Promise<ChannelOutput<'strategy/start-month'>> {
  const db = ws.db;
  const now = ws.ctx.clock().toISOString();
  const { copied, added, habits } = db.transaction(() => {
    let copied = 0;
    let added = 0;
    for (const { customerId, source } of readCustomersToStart(db, yearMonth)) {
      if (source === null) {
        insertEmptyDemandRow(db, yearMonth, customerId, now);
        added += 1;
      } else {
        copyDemandRow(db, customerId, source, yearMonth, now);
        copied += 1;
      }
    }
    return { copied, added, habits: startHabitRows(db, yearMonth, now) };
  });
  if (copied + added + habits > 0) ws.events.emit('strategy/changed', { what: 'month', yearMonth });
  return { copied, added };
}
