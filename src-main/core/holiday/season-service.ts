/**
 * The season: its window (stored where the planner changed it, else the default), its landmarks
 * and last year's lunar-aligned window; the seasons a workspace has something for.
 */
import type { ChannelOutput, HolidaySeason } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import { comingSeason, defaultWindow, lastYearWindow, seasonLandmarks } from '../../../src-shared/domain/holiday-season';
import { dayDiff, localDay } from '../../../src-shared/domain/periods';
import type { Workspace } from '../workspace';
import { countOutside, readStoredSpan, readWindow, writeWindow } from './holiday-store';

export const MAX_WINDOW_DAYS = 120;

/** The season's window as it is used: the stored one, else the default. */
export function windowOf(ws: Workspace, season: number): { firstDay: string; lastDay: string; custom: boolean } {
  const stored = readWindow(ws.db, season);
  return stored ? { ...stored, custom: true } : { ...defaultWindow(season), custom: false };
}

export function seasonOrComing(ws: Workspace, season: number | undefined): number {
  return season ?? comingSeason(localDay(ws.ctx.clock()));
}

export function getSeason(ws: Workspace, requested?: number): HolidaySeason {
  const season = seasonOrComing(ws, requested);
  const window = windowOf(ws, season);
  const coming = comingSeason(localDay(ws.ctx.clock()));
  const span = readStoredSpan(ws.db);
  const seasons = new Set([...span.seasons, coming, season]);
  if (span.firstSale && span.lastSale) for (let s = comingSeason(span.firstSale); s <= comingSeason(span.lastSale); s++) seasons.add(s);
  return {
    season,
    firstDay: window.firstDay,
    lastDay: window.lastDay,
    custom: window.custom,
    ...seasonLandmarks(season),
    lastYear: lastYearWindow(window),
    seasons: [...seasons].sort((a, b) => b - a),
  };
}

function refuse(reason: string, zh: string, en: string, extra: Record<string, unknown> = {}): never {
  throw new AppError('INVALID_INPUT', `${zh} / ${en}`, { reason, zh, ...extra });
}

export async function saveWindow(
  ws: Workspace,
  input: { season: number; window: { firstDay: string; lastDay: string } | null },
): Promise<ChannelOutput<'holiday/save-window'>> {
  const { season, window } = input;
  if (window) {
    const landmarks = seasonLandmarks(season);
    if (window.firstDay > window.lastDay) refuse('window-reversed', '开始日期晚于结束日期', 'the first day is after the last');
    if (window.firstDay > landmarks.newYearsDay || window.lastDay < landmarks.springFestival)
      refuse(
        'window-misses-holiday',
        `时段须包含元旦（${landmarks.newYearsDay}）和春节（${landmarks.springFestival}）`,
        `the window must hold 元旦 (${landmarks.newYearsDay}) and 春节 (${landmarks.springFestival})`,
        { ...landmarks },
      );
    const days = dayDiff(window.firstDay, window.lastDay) + 1;
    if (days > MAX_WINDOW_DAYS)
      refuse('window-too-long', `时段最长 ${MAX_WINDOW_DAYS} 天（现为 ${days} 天）`, `a window has at most ${MAX_WINDOW_DAYS} days (this one ${days})`, {
        days,
      });
  }
  // Nothing stored may fall outside the window it becomes: an employee's days would drop out of
  // the split (no longer adding up to the store's target), a delivery out of the stocking plan.
  const next = window ?? defaultWindow(season);
  const outside = countOutside(ws.db, season, next);
  if (outside.days + outside.deliveries > 0)
    throw new AppError('IN_USE', `${outside.days} day figures and ${outside.deliveries} deliveries fall outside ${next.firstDay} … ${next.lastDay}`, {
      reason: 'window-drops-figures',
      ...outside,
      zh: `新时段之外还有 ${outside.days} 个日数据和 ${outside.deliveries} 批到货，请先调整后再缩小时段`,
    });
  ws.db.transaction(() => writeWindow(ws.db, season, window));
  ws.events.emit('holiday/changed', { season, what: 'window' });
  return getSeason(ws, season);
}
