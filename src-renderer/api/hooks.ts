import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CellChange, ChannelOutput } from '../../src-shared/contract/channels';
import { parseDecimalInput } from '../../src-shared/domain/decimal';
import { cellKey, type MetricDef } from '../../src-shared/domain/targets';
import { invoke } from './client';

export const queryKeys = {
  workspace: ['workspace/get-info'] as const,
  orgTree: ['org/list-tree'] as const,
  metrics: ['metrics/list'] as const,
  targetCells: (year: number) => ['targets/list-cells', year] as const,
  reportPreview: (report: string) => ['reports/preview', report] as const,
};

/**
 * The queries the first screen needs, as options shared by the hooks and by the prefetch that
 * starts them before React mounts (same keys, same functions, so the hooks find them cached).
 */
export const workspaceInfoQuery = () => queryOptions({ queryKey: queryKeys.workspace, queryFn: () => invoke('workspace/get-info', {}) });
/**
 * The organisation of a plan year (the one in force on its 1 January, contract/org.ts); without a
 * year, the workspace's plan year. Both keys start with 'org/list-tree', which org/changed refetches.
 */
export const orgTreeQuery = (year?: number) =>
  queryOptions({
    queryKey: year === undefined ? queryKeys.orgTree : ([...queryKeys.orgTree, year] as const),
    queryFn: () => invoke('org/list-tree', year === undefined ? {} : { year }),
  });
export const metricsQuery = () => queryOptions({ queryKey: queryKeys.metrics, queryFn: () => invoke('metrics/list', {}) });
export const targetCellsQuery = (year: number | undefined) =>
  queryOptions({
    queryKey: queryKeys.targetCells(year ?? 0),
    queryFn: () => invoke('targets/list-cells', { year: year! }),
    enabled: year !== undefined,
  });

export const useWorkspaceInfo = () => useQuery(workspaceInfoQuery());
export const useOrgTree = (year?: number) => useQuery(orgTreeQuery(year));
export const useMetrics = () => useQuery(metricsQuery());
export const useTargetCells = (year: number | undefined) => useQuery(targetCellsQuery(year));

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
