/**
 * 进度跟踪's write: a person's actual for one day, as a mutation so the header's saved state
 * follows it. The day feeds the summary, the breakdown grid and the annual figures: `refetch`
 * brings them up to date (the page says 已录入 first).
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '../../../src-shared/contract/channels';
import { invoke } from '../../api/client';

export function useEnterDailyActual() {
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationKey: ['plan/set-total'],
    mutationFn: (input: ChannelInput<'plan/set-total'>) => invoke('plan/set-total', input),
  });
  const refetch = async () => {
    await queryClient.invalidateQueries({ queryKey: ['tracking/get-summary'] });
    void queryClient.invalidateQueries({ queryKey: ['plan/get-grid'] });
    void queryClient.invalidateQueries({ queryKey: ['targets/list-cells'] });
  };
  return { enter: mutation.mutateAsync, refetch };
}
