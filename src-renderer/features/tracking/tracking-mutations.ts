/**
 * 进度跟踪's write: a person's actual for one day, as a mutation so the header's saved state
 * follows it. The answer says what the day held before, so the page can say what the entry
 * replaced (the save is one step of the 'actuals' edit log: Ctrl+Z puts it back). The day feeds
 * the summary, the breakdown grid and the annual figures: `refetch` brings them up to date (the
 * page says 已录入 first).
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { ChannelInput } from '../../../src-shared/contract/channels';
import { invoke } from '../../api/client';

type EntryInput = ChannelInput<'plan/set-total'> & { level: 'actual' };

export function useEnterDailyActual() {
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationKey: ['plan/set-total'],
    mutationFn: (input: ChannelInput<'plan/set-total'>) => invoke('plan/set-total', input),
  });
  const { mutateAsync } = mutation;

  /** Saves the entry; `before` is what the day held (null: nothing stored), as the backend says. */
  const enter = useCallback(
    async (input: EntryInput) => {
      const result = await mutateAsync(input);
      return { ...result, before: result.previous ?? null };
    },
    [mutateAsync],
  );

  const refetch = async () => {
    await queryClient.invalidateQueries({ queryKey: ['tracking/get-summary'] });
    void queryClient.invalidateQueries({ queryKey: ['plan/get-grid'] });
    void queryClient.invalidateQueries({ queryKey: ['targets/list-cells'] });
  };
  return { enter, refetch };
}
