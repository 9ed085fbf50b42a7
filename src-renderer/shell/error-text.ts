import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { AppError } from '../../src-shared/contract/errors';
import { formatDecimal, scaledToNumber } from '../../src-shared/domain/decimal';
import { withParens } from '../i18n/punctuation';

/** The user's-language text for any error that reached the UI. */
export function useErrorText(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  return useCallback(
    (error: unknown) => {
      if (error instanceof AppError) {
        const details = error.details as { offline?: boolean; refusals?: Array<{ reason: string }> } | undefined;
        if (details?.offline) return t('errors.offline');
        if (error.code === 'SPLIT_REFUSED' && isNamedRefusal(error.details)) return splitText(error.details, t, i18n.language === 'en');
        if (error.code === 'CONFLICT') return conflictText(error.details, t, i18n.language === 'en');
        if (error.code === 'INVALID_CELLS' && details?.refusals?.[0]) {
          return withParens(t('errors.INVALID_CELLS'), t(`errors.${details.refusals[0].reason}`, { precision: '' }));
        }
        // A refusal that names its reason, where the messages know it (errors.empty-row …).
        const reason = (error.details as { reason?: unknown } | undefined)?.reason;
        if (error.code === 'INVALID_INPUT' && typeof reason === 'string' && i18n.exists(`errors.${reason}`)) return t(`errors.${reason}`);
        const counted = error.details as { count?: number; conflicts?: number } | undefined;
        return t(`errors.${error.code}`, { message: error.message, count: counted?.count ?? counted?.conflicts });
      }
      return t('errors.INTERNAL', { message: error instanceof Error ? error.message : String(error) });
    },
    [t, i18n.language],
  );
}

interface NamedPeriod {
  subjectName: string;
  periodLabel: { zh: string; en: string };
}

/** What the backend's SPLIT_REFUSED carries: where the spread stopped and the locks that held. */
interface NamedRefusal extends NamedPeriod {
  reason: string;
  lockedSum: number;
  precision: number;
  locks: NamedPeriod[];
}

function isNamedRefusal(details: unknown): details is NamedRefusal {
  const d = details as Partial<NamedRefusal> | undefined;
  return typeof d?.subjectName === 'string' && typeof d.lockedSum === 'number' && Array.isArray(d.locks);
}

/** What the edit log's CONFLICT carries when an undo or redo would change figures locked since. */
interface LockedRestore {
  reason: 'locked';
  direction: 'undo' | 'redo';
  locks: NamedPeriod[];
}

function isLockedRestore(details: unknown): details is LockedRestore {
  const d = details as Partial<LockedRestore> | undefined;
  return d?.reason === 'locked' && Array.isArray(d.locks);
}

/** An undo or redo refused by the edit log: 无法撤销 or 无法重做, with the locks or the count of rows changed since. */
export function conflictText(details: unknown, t: TFunction, english: boolean): string {
  if (isLockedRestore(details)) {
    const locks = details.locks.map((p) => `${p.subjectName} ${english ? p.periodLabel.en : p.periodLabel.zh}`).join(english ? '; ' : '；') || '—';
    return t(details.direction === 'redo' ? 'errors.conflictLockedRedo' : 'errors.conflictLockedUndo', { locks });
  }
  const d = details as { direction?: unknown; conflicts?: number; count?: number } | undefined;
  return t(d?.direction === 'redo' ? 'errors.conflictRedo' : 'errors.CONFLICT', { count: d?.count ?? d?.conflicts });
}

/** The refusal naming the unit and period that could not be spread and the locks that keep it. */
function splitText(details: NamedRefusal, t: TFunction, english: boolean): string {
  const label = (p: NamedPeriod) => `${p.subjectName} ${english ? p.periodLabel.en : p.periodLabel.zh}`;
  const options = {
    subject: details.subjectName,
    period: english ? details.periodLabel.en : details.periodLabel.zh,
    locked: formatDecimal(scaledToNumber(details.lockedSum, details.precision), details.precision),
    locks: details.locks.map(label).join(english ? '; ' : '；') || '—',
  };
  return t(
    details.reason === 'all-locked' ? 'errors.splitAllLocked' : details.reason === 'total-below-locked' ? 'errors.splitBelowLocked' : 'errors.SPLIT_REFUSED',
    options,
  );
}
