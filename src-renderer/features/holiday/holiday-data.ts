/**
 * 两节供应计划's reads and writes. Query keys start with the channel name, so `holiday/changed`
 * refetches them (index.ts); every write has a mutationKey, so the header's saved state follows it.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ChannelInput } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import { invoke } from '../../api/client';
import { useErrorText } from '../../shell/error-text';

export const useSeason = (season: number | undefined) =>
  useQuery({ queryKey: ['holiday/get-season', season ?? null], queryFn: () => invoke('holiday/get-season', season === undefined ? {} : { season }) });

export const useHolidayTargets = (season: number | undefined) =>
  useQuery({ queryKey: ['holiday/get-targets', season], queryFn: () => invoke('holiday/get-targets', { season: season! }), enabled: season !== undefined });

export function useInvalidateHoliday() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([queryClient.invalidateQueries({ queryKey: ['holiday/get-targets'] }), queryClient.invalidateQueries({ queryKey: ['holiday/get-season'] })]);
}

export function useSaveHolidayTargets() {
  const invalidate = useInvalidateHoliday();
  return useMutation({
    mutationKey: ['holiday/save-targets'],
    mutationFn: (input: ChannelInput<'holiday/save-targets'>) => invoke('holiday/save-targets', input),
    onSuccess: invalidate,
  });
}

export function useTargetsFromLastYear() {
  const invalidate = useInvalidateHoliday();
  return useMutation({
    mutationKey: ['holiday/targets-from-last-year'],
    mutationFn: (input: ChannelInput<'holiday/targets-from-last-year'>) => invoke('holiday/targets-from-last-year', input),
    onSuccess: invalidate,
  });
}

export function useSaveWindow() {
  const invalidate = useInvalidateHoliday();
  return useMutation({
    mutationKey: ['holiday/save-window'],
    mutationFn: (input: ChannelInput<'holiday/save-window'>) => invoke('holiday/save-window', input),
    onSuccess: invalidate,
  });
}

/** A refusal in the user's language: the holiday feature's own reasons, else the shared texts. */
export function useHolidayErrorText(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  const shared = useErrorText();
  return (error) => {
    if (error instanceof AppError) {
      const details = (error.details ?? {}) as { reason?: string; refusals?: Array<{ reason: string }> } & Record<string, unknown>;
      const reason = details.reason ?? details.refusals?.[0]?.reason;
      if (reason && i18n.exists(`holiday.errors.${reason}`)) return t(`holiday.errors.${reason}`, details);
      // A refusal that names what it refers to (a split's locks): the backend's own words, "中文 / English".
      if (typeof details.zh === 'string') return i18n.language === 'en' ? error.message.split(' / ').slice(1).join(' / ') || error.message : details.zh;
    }
    return shared(error);
  };
}

export const useHolidaySplit = (season: number | undefined, level: 'basic' | 'challenge') =>
  useQuery({
    queryKey: ['holiday/get-split', season, level],
    queryFn: () => invoke('holiday/get-split', { season: season!, level }),
    enabled: season !== undefined,
  });

export function useHolidaySplitWrites() {
  const queryClient = useQueryClient();
  const invalidate = () => queryClient.invalidateQueries({ queryKey: ['holiday/get-split'] });
  const split = useMutation({
    mutationKey: ['holiday/split'],
    mutationFn: (input: ChannelInput<'holiday/split'>) => invoke('holiday/split', input),
    onSuccess: invalidate,
  });
  const lock = useMutation({
    mutationKey: ['holiday/set-lock'],
    mutationFn: (input: ChannelInput<'holiday/set-lock'>) => invoke('holiday/set-lock', input),
    onSuccess: invalidate,
  });
  return { split, lock };
}

export const useHolidayTracking = (season: number | undefined) =>
  useQuery({ queryKey: ['holiday/get-tracking', season], queryFn: () => invoke('holiday/get-tracking', { season: season! }), enabled: season !== undefined });

export function useSaveHolidayActuals() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['holiday/save-actuals'],
    mutationFn: (input: ChannelInput<'holiday/save-actuals'>) => invoke('holiday/save-actuals', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['holiday/get-tracking'] }),
  });
}

export const useHolidayStock = (season: number | undefined, storeId: string | undefined) =>
  useQuery({
    queryKey: ['holiday/get-stock', season, storeId],
    queryFn: () => invoke('holiday/get-stock', { season: season!, storeId: storeId! }),
    enabled: season !== undefined && storeId !== undefined,
  });

export const useStockWarnings = (season: number | undefined) =>
  useQuery({
    queryKey: ['holiday/list-stock-warnings', season],
    queryFn: () => invoke('holiday/list-stock-warnings', { season: season! }),
    enabled: season !== undefined,
  });

export function useStockWrites() {
  const queryClient = useQueryClient();
  const invalidate = () =>
    Promise.all(
      ['holiday/get-stock', 'holiday/list-stock-warnings', 'holiday/list-categories'].map((channel) => queryClient.invalidateQueries({ queryKey: [channel] })),
    );
  return {
    opening: useMutation({
      mutationKey: ['holiday/save-opening-stock'],
      mutationFn: (input: ChannelInput<'holiday/save-opening-stock'>) => invoke('holiday/save-opening-stock', input),
      onSuccess: invalidate,
    }),
    delivery: useMutation({
      mutationKey: ['holiday/save-delivery'],
      mutationFn: (input: ChannelInput<'holiday/save-delivery'>) => invoke('holiday/save-delivery', input),
      onSuccess: invalidate,
    }),
    remove: useMutation({
      mutationKey: ['holiday/delete-delivery'],
      mutationFn: (input: ChannelInput<'holiday/delete-delivery'>) => invoke('holiday/delete-delivery', input),
      onSuccess: invalidate,
    }),
    category: useMutation({
      mutationKey: ['holiday/save-category'],
      mutationFn: (input: ChannelInput<'holiday/save-category'>) => invoke('holiday/save-category', input),
      onSuccess: invalidate,
    }),
  };
}

export const useHolidayRoster = (season: number | undefined) =>
  useQuery({ queryKey: ['holiday/get-roster', season], queryFn: () => invoke('holiday/get-roster', { season: season! }), enabled: season !== undefined });

export function useRosterWrites() {
  const queryClient = useQueryClient();
  const invalidate = () => queryClient.invalidateQueries({ queryKey: ['holiday/get-roster'] });
  return {
    duty: useMutation({
      mutationKey: ['holiday/save-duty'],
      mutationFn: (input: ChannelInput<'holiday/save-duty'>) => invoke('holiday/save-duty', input),
      onSuccess: invalidate,
    }),
    shifts: useMutation({
      mutationKey: ['holiday/save-store-shifts'],
      mutationFn: (input: ChannelInput<'holiday/save-store-shifts'>) => invoke('holiday/save-store-shifts', input),
      onSuccess: invalidate,
    }),
  };
}

export const useInspections = (season: number | undefined) =>
  useQuery({
    queryKey: ['holiday/list-inspections', season],
    queryFn: () => invoke('holiday/list-inspections', { season: season! }),
    enabled: season !== undefined,
  });

export function useInspectionWrites() {
  const queryClient = useQueryClient();
  const invalidate = () => queryClient.invalidateQueries({ queryKey: ['holiday/list-inspections'] });
  return {
    start: useMutation({
      mutationKey: ['holiday/start-inspection'],
      mutationFn: (input: ChannelInput<'holiday/start-inspection'>) => invoke('holiday/start-inspection', input),
      onSuccess: invalidate,
    }),
    items: useMutation({
      mutationKey: ['holiday/save-inspection-items'],
      mutationFn: (input: ChannelInput<'holiday/save-inspection-items'>) => invoke('holiday/save-inspection-items', input),
      onSuccess: invalidate,
    }),
  };
}
