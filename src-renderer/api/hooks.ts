import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { CellChange, ChannelOutput } from '../../src-shared/contract/channels';
import { parseDecimalInput } from '../../src-shared/domain/decimal';
import { cellKey, type MetricDef } from '../../src-shared/domain/targets';
import { invoke, subscribe } from './client';

export const queryKeys = {
  workspace: ['workspace/get-info'] as const,
  orgTree: ['org/list-tree'] as const,
  metrics: ['metrics/list'] as const,
  targetCells: (year: number) => ['targets/list-cells', year] as const,
  reportPreview: (report: string) => ['reports/preview', report] as const,
};

export const useWorkspaceInfo = () => useQuery({ queryKey: queryKeys.workspace, queryFn: () => invoke('workspace/get-info', {}) });
export const useOrgTree = () => useQuery({ queryKey: queryKeys.orgTree, queryFn: () => invoke('org/list-tree', {}) });
export const useMetrics = () => useQuery({ queryKey: queryKeys.metrics, queryFn: () => invoke('metrics/list', {}) });
export const useTargetCells = (year: number | undefined) =>
  useQuery({
    queryKey: queryKeys.targetCells(year ?? 0),
    queryFn: () => invoke('targets/list-cells', { year: year! }),
    enabled: year !== undefined,
  });

/** Saves a batch; on success the cached cells are patched at once, so the grid and roll-ups update. */
export function useSaveCells(year: number | undefined, metrics: MetricDef[] | undefined) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['targets/save-cells'],
    mutationFn: (changes: CellChange[]) => invoke('targets/save-cells', { year: year!, changes }),
    onSuccess: (_result, changes) => {
      const byId = new Map((metrics ?? []).map((m) => [m.id, m]));
      queryClient.setQueryData<ChannelOutput<'targets/list-cells'>>(queryKeys.targetCells(year!), (old) => {
        if (!old) return old;
        const cells = new Map(old.cells.map((c) => [cellKey(c.metricId, c.subjectId, c.measure), c]));
        for (const change of changes) {
          const key = cellKey(change.metricId, change.subjectId, change.measure);
          const metric = byId.get(change.metricId);
          const parsed = change.text === null || !metric ? null : parseDecimalInput(change.text, metric);
          if (parsed && parsed.ok && parsed.scaled !== null) {
            cells.set(key, { metricId: change.metricId, subjectId: change.subjectId, measure: change.measure, value: parsed.scaled });
          } else {
            cells.delete(key);
          }
        }
        return { ...old, cells: [...cells.values()] };
      });
      void queryClient.invalidateQueries({ queryKey: queryKeys.workspace });
      // Reports print live figures: the next preview is rebuilt.
      void queryClient.invalidateQueries({ queryKey: ['reports/preview'] });
    },
  });
}

/**
 * Keeps every screen true to the data: when targets or day cells change (in this window, another
 * window, or through a breakdown that updates the annual figures), every query built on them is
 * refetched: grids, roll-ups, tracking and the print preview. Mounted once, by the app shell.
 */
export function useBackendEventRefetch() {
  const queryClient = useQueryClient();
  useEffect(() => {
    const refetch = (...prefixes: string[]) => {
      for (const prefix of prefixes) void queryClient.invalidateQueries({ queryKey: [prefix] });
    };
    const offTargets = subscribe('targets/changed', () =>
      refetch('targets/list-cells', 'workspace/get-info', 'plan/get-grid', 'tracking/get-summary', 'reports/preview'),
    );
    const offPlan = subscribe('plan/changed', () => refetch('plan/get-grid', 'tracking/get-summary', 'reports/preview'));
    // Strategy screens read each other's data (a customer edit changes the tables, the summary
    // and the KPIs), so any strategy write refetches them all.
    const offStrategy = subscribe('strategy/changed', () =>
      refetch('dictionaries/list', 'customers/list', 'strategy/get-month', 'strategy/list-due', 'strategy/get-summary', 'strategy/get-kpis', 'strategy/get-history', 'screening/get-year', 'reports/preview'),
    );
    return () => {
      offTargets();
      offPlan();
      offStrategy();
    };
  }, [queryClient]);
}
