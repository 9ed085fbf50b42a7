/**
 * 大客户筛选's edits: scores (typed, pasted, cleared; one save per edit or paste, refused as a
 * whole with the bad cells marked) and the criteria ticks.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { SCREENING_CRITERIA, type ScreeningCriterion, type ScreeningRow, type ScreeningYear } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import type { CellProblem } from '../../grid/cell-problem';
import { useErrorText } from '../../shell/error-text';
import { scoreColId, type ScoreEdit } from './screening-model';
import { useSaveCriteria, useSaveScores } from './strategy-mutations';
import { useMessage } from '../../toasts';
import { withColon } from '../../i18n/punctuation';

const yearKeyOf = (year: number) => ['screening/get-year', year] as const;

/** Saves score edits; a refusal (or failure) is handed to `onProblem`, a start clears it. */
export function useScoreSaver(year: number, onProblem: (problem: CellProblem | null) => void) {
  const { t } = useTranslation();
  const message = useMessage();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const { mutateAsync: saveScores } = useSaveScores();
  const yearKey = useMemo(() => yearKeyOf(year), [year]);

  const refusalProblem = useCallback(
    (error: unknown, kept: ScoreEdit[], source: 'edit' | 'paste' | 'clear'): CellProblem => {
      const refusals =
        error instanceof AppError && error.code === 'INVALID_CELLS'
          ? (error.details as { refusals?: Array<{ index: number; reason: string }> } | undefined)?.refusals
          : undefined;
      if (!refusals || refusals.length === 0) {
        const first = kept[0];
        return { message: errorText(error), at: first ? { rowId: first.row.customerId, colId: scoreColId(first.indicator.id) } : null, marks: [] };
      }
      const marks = refusals
        .map((r) => kept[r.index])
        .filter(Boolean)
        .map((edit) => ({ rowId: edit.row.customerId, colId: scoreColId(edit.indicator.id) }));
      const first = kept[refusals[0].index];
      const reason = t(`strategyViews.screening.refusal.${refusals[0].reason}`, { defaultValue: t('errors.INVALID_CELLS') });
      const detail = t('strategyViews.screening.cellAt', {
        row: (first?.rowIndex ?? 0) + 1,
        name: first?.row.name ?? '',
        indicator: first?.indicator.name ?? '',
        reason,
      });
      const text =
        refusals.length > 1
          ? t('strategyViews.screening.refusedMany', { detail, count: refusals.length })
          : source === 'paste'
            ? t('strategyViews.screening.pasteRefused', { detail })
            : withColon((first?.text ?? '').slice(0, 24), reason);
      return { message: text, at: marks[0] ?? null, marks };
    },
    [t, errorText],
  );

  return useCallback(
    async (edits: ScoreEdit[], source: 'edit' | 'paste' | 'clear') => {
      onProblem(null);
      const changes = edits
        .filter((edit) => {
          const before = edit.row.scores[edit.indicator.id] ?? null;
          const unchanged = edit.text === null ? before === null : before !== null && Number(edit.text) === before;
          return !unchanged;
        })
        .map((edit) => ({ customerId: edit.row.customerId, indicatorId: edit.indicator.id, text: edit.text }));
      if (changes.length === 0) return;
      const kept = edits.filter((edit) => changes.some((c) => c.customerId === edit.row.customerId && c.indicatorId === edit.indicator.id));
      try {
        await saveScores({ year, changes });
      } catch (error) {
        onProblem(refusalProblem(error, kept, source));
        return;
      }
      // Totals and tiers are the backend's to compute: show the typed scores now, the rest on refetch.
      queryClient.setQueryData<ScreeningYear>(yearKey, (old) => {
        if (!old) return old;
        const byCustomer = new Map<string, Record<string, number | null>>();
        for (const change of changes) {
          const scores = byCustomer.get(change.customerId) ?? {};
          scores[change.indicatorId] = change.text === null ? null : Number(change.text.trim());
          byCustomer.set(change.customerId, scores);
        }
        return {
          ...old,
          rows: old.rows.map((row) => (byCustomer.has(row.customerId) ? { ...row, scores: { ...row.scores, ...byCustomer.get(row.customerId) } } : row)),
        };
      });
      void queryClient.invalidateQueries({ queryKey: ['screening/get-year'] });
      if (source === 'paste') message.success(t('strategyViews.screening.pasted', { count: changes.length }));
    },
    [year, yearKey, saveScores, onProblem, refusalProblem, queryClient, message, t],
  );
}

/** Ticks or unticks a criterion, built on the cached row and shown at once. */
export function useCriterionToggle(year: number) {
  const message = useMessage();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const { mutateAsync: saveCriteria } = useSaveCriteria();
  return useCallback(
    async (row: ScreeningRow, criterion: ScreeningCriterion) => {
      const yearKey = yearKeyOf(year);
      // A second tick before the first save returns must not undo it.
      const current = queryClient.getQueryData<ScreeningYear>(yearKey)?.rows.find((r) => r.customerId === row.customerId) ?? row;
      const has = current.criteria.includes(criterion);
      const criteria = SCREENING_CRITERIA.filter((c) => (c === criterion ? !has : current.criteria.includes(c)));
      queryClient.setQueryData<ScreeningYear>(
        yearKey,
        (old) => old && { ...old, rows: old.rows.map((r) => (r.customerId === row.customerId ? { ...r, criteria } : r)) },
      );
      try {
        await saveCriteria({ year, customerId: row.customerId, criteria });
      } catch (error) {
        message.error(errorText(error));
        void queryClient.invalidateQueries({ queryKey: yearKey });
      }
    },
    [year, saveCriteria, queryClient, message, errorText],
  );
}
