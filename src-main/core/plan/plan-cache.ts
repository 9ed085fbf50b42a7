/**
 * What the plan service keeps between calls for one open workspace: the org index and, for
 * scopes that have been rolled up, every leaf's sums of its day values for the year and the
 * months asked for (so an edit's roll-up through five levels costs a few hundred additions, not a
 * scan of every stored day).
 *
 * Validity: the org index is dropped when the org store says the org changed (`org/changed`).
 * Behind that, `stamp` is the database's change stamp (db/port.ts: every write by this connection,
 * through TypeORM or the port, and commits by other connections), taken when this service last
 * wrote or rebuilt. Any other write in between — a targets save, an org change, SQL from anywhere —
 * changes the stamp, and the next call drops everything and rebuilds what it needs (one org
 * query; for a scope rolled up again, one pass over its rows for the year sums and one range seek
 * per person for a month: ~20–35 ms at 100,000 cells on the bench machine, against ~2 ms for an
 * edit on warm caches). This service's own writes update the sums in place and re-stamp; so does
 * setPlanLock. The edit log's bookkeeping around a recorded save (its capture tables, the step) is
 * written `unstamped` (db/port.ts), so an edit through dispatch keeps the cache warm too.
 */
import type { Database } from '../db/port';
import type { Workspace } from '../workspace';
import type { OrgIndex } from './plan-org-index';

/**
 * One plan scope's stored values summed per leaf subject: over the year (every subject with rows),
 * and over each month asked for so far ('YYYY-MM' → subject → sum).
 */
export interface ScopeSums {
  totals: Map<string, number>;
  months: Map<string, Map<string, number>>;
}

export interface PlanCache {
  db: Database;
  stamp: string;
  /** The org index of each plan year asked for (a year's figures roll up through that year's org). */
  orgs: Map<number, OrgIndex>;
  /** By scopeKey; at most MAX_CACHED_SCOPES, oldest dropped first. */
  sums: Map<string, ScopeSums>;
  /** How many times something else's write emptied a filled cache (what keeping it warm is measured by). */
  rebuilds: number;
}

// 年度目标 reads every additive metric's three levels at once: room for ~20 metrics.
export const MAX_CACHED_SCOPES = 64;
const caches = new WeakMap<Workspace, PlanCache>();

function newCache(ws: Workspace): PlanCache {
  const cache: PlanCache = { db: ws.db, stamp: '', orgs: new Map(), sums: new Map(), rebuilds: 0 };
  ws.events.on('org/changed', () => {
    cache.orgs.clear();
  });
  return cache;
}

/**
 * The workspace's cache, emptied first when anything else has written since this service last
 * stamped it. Inside someone else's open transaction (whose writes may yet roll back) a
 * throwaway cache is returned and the kept one is marked stale.
 */
export function planCache(ws: Workspace): PlanCache {
  const db = ws.db;
  let cache = caches.get(ws);
  if (!cache || cache.db !== db) {
    cache = newCache(ws);
    caches.set(ws, cache);
  }
  if (db.inTransaction) {
    cache.stamp = '';
    return { db, stamp: '', orgs: new Map(), sums: new Map(), rebuilds: 0 };
  }
  const stamp = db.changeStamp();
  if (cache.stamp !== stamp) {
    if (cache.orgs.size > 0 || cache.sums.size > 0) cache.rebuilds++;
    cache.orgs.clear();
    cache.sums.clear();
    cache.stamp = stamp;
  }
  return cache;
}

/** After this service's own writes (already reflected in the cache): nothing else changed. */
export function restamp(ws: Workspace, cache: PlanCache): void {
  if (caches.get(ws) === cache && !cache.db.inTransaction) cache.stamp = cache.db.changeStamp();
}

/**
 * Drops the cached org index of a workspace. The org store's `org/changed` does this for every
 * change made through it; this is for writes made around it (the next plan call would see them
 * through the change stamp anyway).
 */
export function invalidateOrgIndex(ws: Workspace): void {
  const cache = caches.get(ws);
  if (cache) cache.orgs.clear();
}

/** How many times the workspace's cache was emptied by a write from outside the plan service. */
export function planCacheRebuilds(ws: Workspace): number {
  return caches.get(ws)?.rebuilds ?? 0;
}
