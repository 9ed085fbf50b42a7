/**
 * Undo and redo for a grid from the workspace's edit log (core/history): the hook behind Ctrl+Z /
 * Ctrl+Y and the toolbar's buttons on every editable grid. The history is the backend's, so it
 * survives a reload or a restart, covers every save on the grid (an edit, a paste, a spread) and
 * an undo restores every row the save changed. The undo's events refetch every screen.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryGrid, HistoryStep } from '../../src-shared/contract/history';
import { periodByKey } from '../../src-shared/domain/periods';
import { invoke, subscribe } from '../api/client';
import { useErrorText } from '../shell/error-text';
import { useMessage } from '../toasts';

export type UndoDirection = 'undo' | 'redo';

const historyKey = (grid: HistoryGrid) => ['history/get', grid] as const;

export function useEditLog(grid: HistoryGrid) {
  const { t, i18n } = useTranslation();
  const message = useMessage();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const state = useQuery({ queryKey: historyKey(grid), queryFn: () => invoke('history/get', { grid }) });

  // A save on this grid (from here or another window) is a new step.
  useEffect(
    () =>
      subscribe('history/changed', (payload) => {
        if (payload.grid === grid) void queryClient.invalidateQueries({ queryKey: historyKey(grid) });
      }),
    [grid, queryClient],
  );

  const mutation = useMutation({
    mutationKey: ['history/replay', grid],
    mutationFn: (direction: UndoDirection) => invoke(direction === 'undo' ? 'history/undo' : 'history/redo', { grid }),
    onSuccess: ({ done: _done, ...next }) => queryClient.setQueryData(historyKey(grid), next),
  });

  /** What a step did, as the toolbar and the toasts name it: where it was typed and how many cells. */
  const describe = useCallback(
    (step: HistoryStep | null | undefined): string => {
      if (!step) return '';
      // An imported file: the rows it changed.
      if (/\/import-/.test(step.channel)) return t('history.imported', { count: step.edits });
      // A spread names where it was typed and the days it changed; a paste, the cells pasted.
      const cells = t('history.cells', { count: step.subjectName ? step.rows : step.edits });
      const year = step.periodKey?.match(/^\d{4}/)?.[0];
      const period = step.periodKey && year ? periodByKey(step.periodKey === 'total' ? year : step.periodKey, Number(year))?.label : null;
      const label = period ? (i18n.language === 'en' ? period.en : period.zh) : '';
      const where = [step.subjectName, label].filter(Boolean).join(' · ');
      return where ? t('history.step', { where, cells }) : cells;
    },
    [t, i18n.language],
  );

  const replay = useCallback(
    async (direction: UndoDirection) => {
      // Right after a save its step may not have been fetched yet: ask the backend before saying there is none.
      const pick = (data: typeof state.data) => (direction === 'undo' ? data?.undo : data?.redo);
      const step = pick(state.data) ?? pick((await state.refetch()).data);
      if (!step) {
        message.info(t(direction === 'undo' ? 'history.nothingToUndo' : 'history.nothingToRedo'));
        return;
      }
      try {
        const result = await mutation.mutateAsync(direction);
        message.success(t(direction === 'undo' ? 'history.undone' : 'history.redone', { what: describe(result.done) }));
      } catch (error) {
        message.error(errorText(error));
        void queryClient.invalidateQueries({ queryKey: historyKey(grid) });
      }
    },
    [state.data, mutation, message, t, describe, errorText, queryClient, grid],
  );

  return {
    replay,
    canUndo: !!state.data?.undo && !mutation.isPending,
    canRedo: !!state.data?.redo && !mutation.isPending,
    /** Button titles: the shortcut and the step it would undo or redo. */
    undoTitle: state.data?.undo ? `Ctrl+Z · ${t('history.undoStep', { what: describe(state.data.undo) })}` : 'Ctrl+Z',
    redoTitle: state.data?.redo ? `Ctrl+Y · ${t('history.redoStep', { what: describe(state.data.redo) })}` : 'Ctrl+Y',
  };
}
