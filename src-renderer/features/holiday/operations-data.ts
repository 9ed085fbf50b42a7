/** 促销与服务 and 人员安排's reads and writes (holiday-data.ts's rules: keys start with the channel, writes carry a mutationKey). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '../../../src-shared/contract/channels';
import { invoke } from '../../api/client';

export const usePromotions = (season: number) =>
  useQuery({ queryKey: ['holiday/list-promotions', season], queryFn: () => invoke('holiday/list-promotions', { season }) });

export const useServiceTasks = (season: number) =>
  useQuery({ queryKey: ['holiday/list-service-tasks', season], queryFn: () => invoke('holiday/list-service-tasks', { season }) });

export function usePromotionWrites() {
  const queryClient = useQueryClient();
  const promotions = () => queryClient.invalidateQueries({ queryKey: ['holiday/list-promotions'] });
  const tasks = () => queryClient.invalidateQueries({ queryKey: ['holiday/list-service-tasks'] });
  return {
    savePromotion: useMutation({
      mutationKey: ['holiday/save-promotion'],
      mutationFn: (input: ChannelInput<'holiday/save-promotion'>) => invoke('holiday/save-promotion', input),
      onSuccess: promotions,
    }),
    deletePromotion: useMutation({
      mutationKey: ['holiday/delete-promotion'],
      mutationFn: (input: ChannelInput<'holiday/delete-promotion'>) => invoke('holiday/delete-promotion', input),
      onSuccess: promotions,
    }),
    saveTask: useMutation({
      mutationKey: ['holiday/save-service-task'],
      mutationFn: (input: ChannelInput<'holiday/save-service-task'>) => invoke('holiday/save-service-task', input),
      onSuccess: tasks,
    }),
    deleteTask: useMutation({
      mutationKey: ['holiday/delete-service-task'],
      mutationFn: (input: ChannelInput<'holiday/delete-service-task'>) => invoke('holiday/delete-service-task', input),
      onSuccess: tasks,
    }),
  };
}

export const useStaffing = (season: number, storeId: string | undefined) =>
  useQuery({
    queryKey: ['holiday/get-staffing', season, storeId],
    queryFn: () => invoke('holiday/get-staffing', { season, storeId: storeId! }),
    enabled: storeId !== undefined,
  });

export const useStaffingShortages = (season: number) =>
  useQuery({ queryKey: ['holiday/list-staffing-shortages', season], queryFn: () => invoke('holiday/list-staffing-shortages', { season }) });

export function useSaveStaffing() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['holiday/save-staffing'],
    mutationFn: (input: ChannelInput<'holiday/save-staffing'>) => invoke('holiday/save-staffing', input),
    onSuccess: () =>
      Promise.all(['holiday/get-staffing', 'holiday/list-staffing-shortages'].map((channel) => queryClient.invalidateQueries({ queryKey: [channel] }))),
  });
}
