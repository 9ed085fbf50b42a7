/** Locks: a locked figure keeps its value when a total above it is spread again. */
import type { Database } from '../db/port';
import type { Workspace } from '../workspace';
import { planCache, restamp } from './plan-cache';
import { lockKey, type Scope } from './plan-scope';
import { addLock, readLocks, removeLock } from './plan-store';

/** The scope's locks as lockKey(subject, period) strings. */
export function readPlanLocks(db: Database, scope: Scope): Set<string> {
  return new Set(readLocks(db, scope).map(([subject, period]) => lockKey(subject, period)));
}

export async function setPlanLock(ws: Workspace, input: Scope & { subjectId: string; periodKey: string; locked: boolean }): Promise<{ locked: boolean }> {
  const cache = planCache(ws);
  const periodKey = input.periodKey === 'total' ? String(input.year) : input.periodKey;
  const scope: Scope = { year: input.year, metricId: input.metricId, level: input.level };
  if (input.locked) addLock(cache.db, scope, input.subjectId, periodKey);
  else removeLock(cache.db, scope, input.subjectId, periodKey);
  // Locks are read afresh by every split; the cached org index and sums are still right.
  restamp(ws, cache);
  // The grids show the lock: they refetch (and an undo of the toggle replays this event).
  ws.events.emit('plan/changed', { ...scope, cells: 0 });
  return { locked: input.locked };
}
