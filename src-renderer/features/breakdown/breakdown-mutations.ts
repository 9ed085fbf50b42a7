/**
 * 目标分解's writes, as mutations so the header's saved state follows them. A total spreads down
 * the tree and into the annual figures, so both grids are refetched after it.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '../../../src-shared/contract/channels';
import { invoke } from '../../api/client';
import { queryKeys } from '../../api/hooks';

export function useSetPlanTotal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['plan/set-total'],
    mutationFn: (input: ChannelInput<'plan/set-total'>) => invoke('plan/set-total', input),
    onSuccess: async (_result, input) => {
      await queryClient.invalidateQueries({ queryKey: ['plan/get-grid'] });
      void queryClient.invalidateQueries({ queryKey: queryKeys.targetCells(input.year) });
    },
  });
}

export function useSetPlanLock() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['plan/set-lock'],
    mutationFn: (input: ChannelInput<'plan/set-lock'>) => invoke('plan/set-lock', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['plan/get-grid'] }),
  });
}
