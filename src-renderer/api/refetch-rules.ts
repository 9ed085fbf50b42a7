/**
 * The refetch-on-event table as data, apart from the hook that applies it (refetch.ts), so the
 * app's first script can read the feature list without loading React or the query cache.
 */
import type { ChannelName, EventName } from '../../src-shared/contract/channels';

/** Per backend event, the query key prefixes (channel names) to refetch. */
export type RefetchTable = ReadonlyMap<EventName, readonly ChannelName[]>;

/** One table from every feature's rules: per event, the union of the prefixes, each once. */
export function mergeRefetchRules(rules: ReadonlyArray<Partial<Record<EventName, readonly ChannelName[]>> | undefined>): RefetchTable {
  const table = new Map<EventName, ChannelName[]>();
  for (const rule of rules) {
    for (const [event, prefixes] of Object.entries(rule ?? {}) as Array<[EventName, readonly ChannelName[]]>) {
      const merged = table.get(event) ?? [];
      for (const prefix of prefixes) if (!merged.includes(prefix)) merged.push(prefix);
      table.set(event, merged);
    }
  }
  return table;
}
