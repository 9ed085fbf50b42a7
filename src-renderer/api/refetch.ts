import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { subscribe } from './client';
import type { RefetchTable } from './refetch-rules';

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
