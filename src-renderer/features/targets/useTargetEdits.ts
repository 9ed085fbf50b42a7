/**
 * The targets grid's edits: every cell of an edit or paste checked first with the backend's own
 * rules (one bad cell: a refusal at that cell, nothing saved), then one save. The save is one
 * step of the workspace's edit log (undo: grid/useEditLog).
 */
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CellChange } from '../../../src-shared/contract/channels';
import { parseDecimalInput, scaledToPlainText } from '../../../src-shared/domain/decimal';
import { cellKey } from '../../../src-shared/domain/targets';
import { cellProblem, type CellProblem } from '../../grid/cell-problem';
import { useErrorText } from '../../shell/error-text';
import type { CellEdit } from './TargetsGrid';
import { useMessage } from '../../toasts';
import { withColon } from '../../i18n/punctuation';

/** At most 8 names, then …: a toast stays one or two lines. */
function listNames(names: string[], separator: string): string {
  return names.length > 8 ? `${names.slice(0, 8).join(separator)}${separator}…` : names.join(separator);
}

/**
 * `saveCells`: the save mutation (`useSaveCells`); `cellValues`: the stored scaled values by
 * `cellKey`, to tell what an edit changes.
 */
export function useTargetEdits(saveCells: (changes: CellChange[]) => Promise<unknown>, cellValues: Map<string, number>) {
  const { t } = useTranslation();
  const message = useMessage();
  const errorText = useErrorText();
  const [cellError, setCellError] = useState<CellProblem | null>(null);

  const saveBatch = useCallback(
    async (changes: CellChange[]): Promise<boolean> => {
      try {
        await saveCells(changes);
        return true;
      } catch (error) {
        message.error(errorText(error));
        return false;
      }
    },
    [saveCells, message, errorText],
  );

  const onEdits = useCallback(
    async (edits: CellEdit[], source: 'edit' | 'paste' | 'clear', skipped: string[] = []) => {
      setCellError(null);
      // Validate every cell first with the same rules the backend applies: one bad cell, nothing saved.
      for (const edit of edits) {
        if (edit.text === null) continue;
        const parsed = parseDecimalInput(edit.text, edit.metric);
        if (!parsed.ok) {
          const reason = t(`errors.${parsed.reason}`, { precision: edit.metric.precision });
          const text =
            source === 'paste'
              ? t('errors.pasteRefused', {
                  detail: t('errors.cellAt', {
                    row: edit.rowIndex + 1,
                    name: edit.row.name,
                    metric: edit.metric.name,
                    measure: t(`measures.${edit.measure}`),
                    reason,
                  }),
                })
              : withColon(edit.text.slice(0, 24), reason);
          setCellError(cellProblem(text, { rowId: edit.row.id, colId: edit.colId }));
          return;
        }
      }
      const batch = edits.map((edit) => {
        const current = cellValues.get(cellKey(edit.metric.id, edit.row.id, edit.measure)) ?? null;
        const parsed = edit.text === null ? null : parseDecimalInput(edit.text, edit.metric);
        const after = parsed && parsed.ok && parsed.scaled !== null ? scaledToPlainText(parsed.scaled, edit.metric.precision) : null;
        return {
          key: { metricId: edit.metric.id, subjectId: edit.row.id, measure: edit.measure },
          before: current === null ? null : scaledToPlainText(current, edit.metric.precision),
          after,
        };
      });
      const changed = batch.filter((c) => c.before !== c.after);
      if (changed.length === 0) {
        if (skipped.length > 0) message.info(t('targets.pastedSkipped', { count: 0, rows: listNames(skipped, t('targets.listSeparator')) }));
        return;
      }
      const ok = await saveBatch(changed.map((c) => ({ ...c.key, text: c.after })));
      if (!ok) {
        const first = edits[0];
        setCellError(cellProblem(t('header.saveFailed'), { rowId: first.row.id, colId: first.colId }));
        return;
      }
      if (source !== 'paste') return;
      // The roll-up rows a paste passed over are named, so a block that was not people-only is noticed.
      if (skipped.length > 0) message.success(t('targets.pastedSkipped', { count: changed.length, rows: listNames(skipped, t('targets.listSeparator')) }));
      else message.success(t('targets.pasted', { count: changed.length }));
    },
    [cellValues, saveBatch, t, message],
  );

  const onRefused = useCallback((problem: CellProblem) => (problem.at ? setCellError(problem) : message.warning(problem.message)), [message]);

  return {
    onEdits,
    onRefused,
    cellError,
    dismissError: () => setCellError(null),
  };
}
