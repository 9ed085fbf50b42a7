import { Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function HolidayPage(): ReactNode {
  const { t } = useTranslation();
  return <Result status="info" title={t('coming.holidayTitle')} subTitle={t('coming.holidayBody')} />;
}
