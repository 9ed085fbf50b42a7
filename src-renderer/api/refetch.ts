import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ChannelName, EventName } from '../../src-shared/contract/channels';
import { subscribe } from './client';

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

/**
 * Keeps every screen true to the data: when a backend event says data changed (in this window,
 * another window, or through a write that updates another feature's figures), every query built
 * on it is refetched. Mounted once, by the app shell, with the table merged from the features.
 */
export function useBackendEventRefetch(table: RefetchTable): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const unsubscribes = [...table].map(([event, prefixes]) =>
      subscribe(event, () => {
        for (const prefix of prefixes) void queryClient.invalidateQueries({ queryKey: [prefix] });
      }),
    );
    return () => unsubscribes.forEach((off) => off());
  }, [queryClient, table]);
}
