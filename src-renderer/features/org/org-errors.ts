import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { AppError } from '../../../src-shared/contract/errors';
import { useErrorText } from '../../shell/error-text';

/** The user's-language text of an org or metric refusal: its reason and count, else the shared error text. */
export function useOrgErrorText(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  return useCallback(
    (error: unknown) => {
      const details = error instanceof AppError ? (error.details as { reason?: string; what?: string } | undefined) : undefined;
      if (details?.reason && i18n.exists(`orgPage.refusal.${details.reason}`)) {
        return t(`orgPage.refusal.${details.reason}`, { ...details, what: details.what ? t(`orgPage.refusal.what.${details.what}`) : '' });
      }
      return errorText(error);
    },
    [t, i18n, errorText],
  );
}
