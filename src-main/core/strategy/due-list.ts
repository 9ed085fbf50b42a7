/** 待填客户: who still has to fill the month's tables, and why. */
import type { DueCustomer } from '../../../src-shared/contract/channels';
import type { Workspace } from '../workspace';
import { isActiveInMonth } from './customer-store';
import { readMonthStates, type CustomerMonthState } from './month-store';

/**
 * Customers whose month still needs filling: one of the month's customers (activeInMonthSql)
 * without both rows, a row not yet reviewed, or a customer newly signed or made a target this
 * month (filled at once).
 */
export async function listDueCustomers(ws: Workspace, yearMonth: string, managerId?: string): Promise<DueCustomer[]> {
  return readMonthStates(ws.db, yearMonth, managerId).flatMap((row) => {
    const reasons = dueReasons(row, yearMonth);
    if (reasons.length === 0) return [];
    const openTables = (['demand', 'habit'] as const).filter((table) => (table === 'demand' ? row.demandReviewed : row.habitReviewed) !== 1);
    return [{ customerId: row.customerId, name: row.name, managerId: row.managerId, status: row.status, reasons, openTables }];
  });
}

function dueReasons(row: CustomerMonthState, yearMonth: string): DueCustomer['reasons'] {
  const reasons: DueCustomer['reasons'] = [];
  const active = isActiveInMonth(row, yearMonth);
  if (active && (row.demandReviewed === null || row.habitReviewed === null)) reasons.push('missing');
  if (row.demandReviewed === 0 || row.habitReviewed === 0) reasons.push('not-reviewed');
  // Newly signed or targeted this month: due until both rows are reviewed.
  const isNew = active && row.statusChangedOn.slice(0, 7) === yearMonth;
  if (isNew && !(row.demandReviewed === 1 && row.habitReviewed === 1)) reasons.push('new');
  return reasons;
}
