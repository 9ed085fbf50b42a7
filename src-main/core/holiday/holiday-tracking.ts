/**
 * 天天盯着计划走: the season day by day. Actuals are entered per employee and day (holiday_day_cell,
 * level 'actual'); every store's and 班组's figure is their sum. Tracking compares them with the
 * split targets: completion of the basic and challenge targets, 序时进度 (days elapsed over the
 * window's days), the gap to what the split expected by today, the daily run-rate still needed,
 * and the 优胜杯 ranking of stores, 班组 and employees by basic completion.
 */
import type { ChannelInput, HolidayTracking } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import { windowDays } from '../../../src-shared/domain/holiday-season';
import { localDay } from '../../../src-shared/domain/periods';
import type { Workspace } from '../workspace';
import { describeDays } from './holiday-days';
import { storeForest } from './holiday-split';
import { readDayCells, writeDayCells, type DayLevel } from './holiday-store';
import { windowOf } from './season-service';

export async function getHolidayTracking(ws: Workspace, season: number): Promise<HolidayTracking> {
  const window = windowOf(ws, season);
  const days = windowDays(window);
  const today = localDay(ws.ctx.clock());
  const asOf = today < window.firstDay ? null : today > window.lastDay ? window.lastDay : today;
  const elapsed = asOf === null ? 0 : days.indexOf(asOf) + 1;
  const index = new Map(days.map((d, i) => [d, i]));
  const forest = storeForest(ws, season);
  const byLevel = (level: DayLevel) => {
    const out = new Map<string, number[]>();
    for (const cell of readDayCells(ws.db, season, level)) {
      const i = index.get(cell.day);
      if (i === undefined) continue;
      let row = out.get(cell.personId);
      if (!row) out.set(cell.personId, (row = new Array<number>(days.length).fill(0)));
      row[i] += cell.value;
    }
    return out;
  };
  const levels = { basic: byLevel('basic'), challenge: byLevel('challenge'), actual: byLevel('actual') };
  const sums = new Map<string, { basic: number[]; challenge: number[]; actual: number[] }>();
  const sumOf = (id: string) => {
    const known = sums.get(id);
    if (known) return known;
    const node = forest.nodes.get(id)!;
    const zero = () => new Array<number>(days.length).fill(0);
    let out: { basic: number[]; challenge: number[]; actual: number[] };
    if (node.kind === 'person') {
      out = { basic: levels.basic.get(id) ?? zero(), challenge: levels.challenge.get(id) ?? zero(), actual: levels.actual.get(id) ?? zero() };
    } else {
      out = { basic: zero(), challenge: zero(), actual: zero() };
      for (const kid of forest.children.get(id) ?? []) {
        const k = sumOf(kid);
        for (let i = 0; i < days.length; i++) {
          out.basic[i] += k.basic[i];
          out.challenge[i] += k.challenge[i];
          out.actual[i] += k.actual[i];
        }
      }
    }
    sums.set(id, out);
    return out;
  };
  const total = (values: number[], upTo = values.length) => values.slice(0, upTo).reduce((a, b) => a + b, 0);
  const rows: HolidayTracking['rows'] = [];
  const visit = (id: string, depth: number) => {
    const node = forest.nodes.get(id)!;
    const s = sumOf(id);
    const basic = total(s.basic);
    const challenge = total(s.challenge);
    const actual = total(s.actual, elapsed);
    const plannedToDate = total(s.basic, elapsed);
    const left = days.length - elapsed;
    rows.push({
      id,
      kind: node.kind,
      parentId: node.parentId,
      depth,
      name: node.name,
      label: node.label,
      basic,
      challenge,
      plannedToDate,
      actual,
      basicRate: basic > 0 ? actual / basic : null,
      challengeRate: challenge > 0 ? actual / challenge : null,
      gap: actual - plannedToDate,
      dailyNeeded: basic > actual && left > 0 ? Math.ceil((basic - actual) / left) : null,
      rank: null,
      actuals: s.actual,
    });
    for (const kid of forest.children.get(id) ?? []) visit(kid, depth + 1);
  };
  for (const store of forest.stores) visit(store, 0);
  // 优胜杯: stores among stores, 班组 among 班组, employees among employees; ties share a place.
  for (const kind of ['store', 'unit', 'person'] as const) {
    const ranked = rows.filter((r) => r.kind === kind && r.basicRate !== null).sort((a, b) => b.basicRate! - a.basicRate! || b.actual - a.actual);
    ranked.forEach((r, i) => (r.rank = i > 0 && ranked[i - 1].basicRate === r.basicRate && ranked[i - 1].actual === r.actual ? ranked[i - 1].rank : i + 1));
  }
  return {
    season,
    asOf,
    windowDays: days.length,
    elapsedDays: elapsed,
    timeProgress: days.length === 0 ? 0 : elapsed / days.length,
    days: describeDays(season, days),
    rows,
  };
}

type ActualRefusal = 'unknown-person' | 'outside-window' | 'future-day';

export async function saveHolidayActuals(ws: Workspace, input: ChannelInput<'holiday/save-actuals'>): Promise<{ saved: number }> {
  const window = windowOf(ws, input.season);
  const today = localDay(ws.ctx.clock());
  const forest = storeForest(ws, input.season);
  const refusals: Array<{ index: number; reason: ActualRefusal }> = [];
  input.changes.forEach((change, index) => {
    if (forest.nodes.get(change.personId)?.kind !== 'person') refusals.push({ index, reason: 'unknown-person' });
    else if (change.day < window.firstDay || change.day > window.lastDay) refusals.push({ index, reason: 'outside-window' });
    else if (change.day > today) refusals.push({ index, reason: 'future-day' });
  });
  if (refusals.length > 0)
    throw new AppError('INVALID_CELLS', `Holiday actuals refused: ${refusals.map((r) => `#${r.index} ${r.reason}`).join('; ')}; nothing saved`, {
      refusals,
      zh: `有 ${refusals.length} 处无法保存，未写入任何数据`,
    });
  ws.db.transaction(() => writeDayCells(ws.db, input.season, 'actual', input.changes));
  ws.events.emit('holiday/changed', { season: input.season, what: 'actuals' });
  return { saved: input.changes.length };
}
