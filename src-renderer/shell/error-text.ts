import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { AppError } from '../../src-shared/contract/errors';

/** The user's-language text for any error that reached the UI. */
export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  return useCallback(
    (error: unknown) => {
      if (error instanceof AppError) {
        const details = error.details as { offline?: boolean; refusals?: Array<{ reason: string }> } | undefined;
        if (details?.offline) return t('errors.offline');
        if (error.code === 'INVALID_CELLS' && details?.refusals?.[0]) {
          return `${t('errors.INVALID_CELLS')}（${t(`errors.${details.refusals[0].reason}`, { precision: '' })}）`;
        }
        return t(`errors.${error.code}`, { message: error.message });
      }
      return t('errors.INTERNAL', { message: error instanceof Error ? error.message : String(error) });
    },
    [t],
  );
}
