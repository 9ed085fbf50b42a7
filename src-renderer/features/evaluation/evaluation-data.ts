/**
 * 绩效考核's reads and writes. Query keys start with the channel name, so `evaluation/changed`
 * (and a plan edit) refetch them (index.ts); every write has a mutationKey, so the header's saved
 * state follows it.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ChannelInput } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import { invoke } from '../../api/client';
import { useErrorText } from '../../shell/error-text';

export const useEvaluationSheet = (year: number | undefined, period: string | undefined, unitId: string | undefined) =>
  useQuery({
    queryKey: ['evaluation/get-sheet', year, period, unitId ?? null],
    queryFn: () => invoke('evaluation/get-sheet', { year: year!, period: period!, unitId }),
    enabled: year !== undefined && period !== undefined,
    placeholderData: (previous) => previous,
  });

export const useEvaluationScheme = (year: number | undefined) =>
  useQuery({ queryKey: ['evaluation/get-scheme', year], queryFn: () => invoke('evaluation/get-scheme', { year: year! }), enabled: year !== undefined });

function useInvalidateEvaluation() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['evaluation/get-sheet'] }),
      queryClient.invalidateQueries({ queryKey: ['evaluation/get-scheme'] }),
    ]);
}

export function useSaveEvaluationEntries() {
  const invalidate = useInvalidateEvaluation();
  return useMutation({
    mutationKey: ['evaluation/save-entries'],
    mutationFn: (input: ChannelInput<'evaluation/save-entries'>) => invoke('evaluation/save-entries', input),
    onSuccess: invalidate,
  });
}

export function useSaveEvaluationScheme() {
  const invalidate = useInvalidateEvaluation();
  return useMutation({
    mutationKey: ['evaluation/save-scheme'],
    mutationFn: (input: ChannelInput<'evaluation/save-scheme'>) => invoke('evaluation/save-scheme', input),
    onSuccess: invalidate,
  });
}

/** A refusal in the user's language: the evaluation's own reasons first, then the shared texts. */
export function useEvaluationErrorText(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  const shared = useErrorText();
  return (error) => {
    if (error instanceof AppError) {
      const details = (error.details ?? {}) as { reason?: string; itemName?: string };
      if (details.reason && i18n.exists(`evaluation.errors.${details.reason}`))
        return t(`evaluation.errors.${details.reason}`, { itemName: details.itemName ?? '' });
    }
    return shared(error);
  };
}
