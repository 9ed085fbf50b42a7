/**
 * The queries and writes of 组织与指标. Each write is a mutation keyed by its channel (the header's
 * saved state follows it); what it changes is refetched by the backend's org/changed and
 * metrics/changed (index.ts's refetch rules), and at once here for this window.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput, ChannelName } from '../../../src-shared/contract/channels';
import { invoke } from '../../api/client';

export const useOrgHistory = () => useQuery({ queryKey: ['org/list-history'], queryFn: () => invoke('org/list-history', {}) });

/** The query prefixes an org or metric change makes stale, in this window (other windows follow the events). */
const STALE = ['org/list-history', 'org/list-tree', 'metrics/list', 'targets/list-cells', 'plan/get-grid', 'tracking/get-summary', 'reports/preview'] as const;

function useWrite<C extends ChannelName>(channel: C) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: [channel],
    mutationFn: (input: ChannelInput<C>) => invoke(channel, input),
    onSuccess: () => {
      for (const prefix of STALE) void queryClient.invalidateQueries({ queryKey: [prefix] });
    },
  });
}

export const useOrgWrites = () => ({
  addUnit: useWrite('org/add-unit'),
  saveUnit: useWrite('org/save-unit'),
  moveUnit: useWrite('org/move-unit'),
  addPerson: useWrite('org/add-person'),
  savePerson: useWrite('org/save-person'),
  movePerson: useWrite('org/move-person'),
  retire: useWrite('org/retire'),
  reinstate: useWrite('org/reinstate'),
  reorder: useWrite('org/reorder'),
});

export const useMetricWrites = () => ({ save: useWrite('metrics/save'), remove: useWrite('metrics/delete') });
