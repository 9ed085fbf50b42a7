/**
 * Every write of the strategy tables, screening, customers and dictionaries, each a mutation
 * keyed by its channel so the header's saved state follows them. Refetching is left to the
 * callers (and to the shell's `strategy/changed` refetch): each knows what it patches at once.
 */
import { useMutation } from '@tanstack/react-query';
import type { ChannelInput, ChannelName } from '../../../src-shared/contract/channels';
import { invoke } from '../../api/client';

function useChannelMutation<C extends ChannelName>(channel: C) {
  return useMutation({ mutationKey: [channel], mutationFn: (input: ChannelInput<C>) => invoke(channel, input) });
}

export const useSaveDemandRow = () => useChannelMutation('strategy/save-demand-row');
export const useSaveHabitRow = () => useChannelMutation('strategy/save-habit-row');
export const useStartMonth = () => useChannelMutation('strategy/start-month');
export const useImportStrategyXlsx = () => useChannelMutation('strategy/import-xlsx');

export const useSaveCustomer = () => useChannelMutation('customers/save');
export const useSaveDictionaryEntry = () => useChannelMutation('dictionaries/save-entry');
export const useDeleteDictionaryEntry = () => useChannelMutation('dictionaries/delete-entry');

export const useSaveScores = () => useChannelMutation('screening/save-scores');
export const useSaveCriteria = () => useChannelMutation('screening/save-criteria');
export const useApplyTiers = () => useChannelMutation('screening/apply-tiers');
export const useSaveIndicator = () => useChannelMutation('screening/save-indicator');
export const useSaveThreshold = () => useChannelMutation('screening/save-threshold');
