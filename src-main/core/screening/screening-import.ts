/**
 * Reads the 大客户筛选评分表 back from XLSX, for table 'screening' of strategy's channel
 * strategy/import-xlsx (the channel opens the workbook and hands it here through the hook in
 * strategy-extensions.ts). Same rules as the strategy tables' import (strategy/IMPORT.md): every
 * cell checked first, each refused cell named, nothing written when one is refused.
 */
import type ExcelJS from 'exceljs';
import type { ChannelInput, ChannelOutput, ImportRefusal } from '../../../src-shared/contract/channels';
import { localYearMonth } from '../../../src-shared/domain/strategy';
import { importLookup, readTable, readYear, refused, rowCustomer } from '../strategy';
import type { Workspace } from '../workspace';
import { SCREENING_KEYS, SCREENING_TABLE_NAME, screeningColumns } from './screening-layout';
import { getScreeningYear, parseScoreText, saveScreeningScores } from './screening-service';

type Input = ChannelInput<'strategy/import-xlsx'>;
type Output = ChannelOutput<'strategy/import-xlsx'>;

const clockYear = (ws: Workspace) => localYearMonth(ws.ctx.clock()).slice(0, 4);

/** Without a year in the input, the file's own is used (the clock's year is the last resort). */
export async function importScreeningTable(ws: Workspace, workbook: ExcelJS.Workbook, input: Input): Promise<Output> {
  const wanted = input.year === undefined ? undefined : String(input.year);
  const look = await importLookup(ws);
  // The indicators (the columns) are the same every year; the year's scores are read once it is known.
  const probe = await getScreeningYear(ws, Number(wanted ?? clockYear(ws)));
  const refusals: ImportRefusal[] = [];
  const table = readTable(workbook, () => screeningColumns(probe.indicators), { name: SCREENING_TABLE_NAME, read: readYear, wanted }, refusals);
  if (!table) throw refused(refusals);
  const year = Number(wanted ?? table.period ?? clockYear(ws));
  const screening = year === probe.year ? probe : await getScreeningYear(ws, year);
  const stored = new Map(screening.rows.map((r) => [r.customerId, r.scores]));
  const seen = new Set<string>();
  const changes: Array<{ customerId: string; indicatorId: string; text: string | null }> = [];
  const changedCustomers = new Set<string>();
  let rows = 0;
  for (const row of table.rows) {
    const customer = rowCustomer(table, row, look, seen);
    const scores = new Map<string, number | null>();
    for (const indicator of screening.indicators) {
      const key = SCREENING_KEYS.score(indicator.id);
      const text = row.cells.get(key) ?? '';
      if (text === '') {
        scores.set(indicator.id, null);
        continue;
      }
      const score = parseScoreText(text);
      if (!score.ok) table.refuse(row, key, score.reason);
      else scores.set(indicator.id, score.tenths / 10);
    }
    if (!customer) continue;
    rows++;
    const before = stored.get(customer.id) ?? {};
    for (const [indicatorId, score] of scores) {
      if ((before[indicatorId] ?? null) === score) continue;
      changes.push({ customerId: customer.id, indicatorId, text: score === null ? null : String(score) });
      changedCustomers.add(customer.id);
    }
  }
  if (refusals.length > 0) throw refused(refusals);
  // One call, so one transaction; the screening service emits the change.
  if (changes.length > 0) await saveScreeningScores(ws, { year, changes });
  return { table: 'screening', rows, changed: changedCustomers.size };
}
