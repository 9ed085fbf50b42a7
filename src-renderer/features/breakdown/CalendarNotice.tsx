/**
 * Says where the year's working-day calendar comes from when it is not the calendar package's
 * published arrangement: provisional (the statutory holidays, until the State Council's notice is
 * out) or entered by the planner (the notice's name). Nothing for a published year.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api/client';

export function CalendarNotice({ year }: { year: number | undefined }) {
  const { t } = useTranslation();
  const calendar = useQuery({
    queryKey: ['calendar/get-year', year] as const,
    queryFn: () => invoke('calendar/get-year', { year: year! }),
    enabled: year !== undefined,
    staleTime: Infinity,
  });
  const data = calendar.data;
  if (!data || data.source === 'published') return null;
  if (data.source === 'entered') {
    return (
      <Alert
        type="success"
        showIcon
        banner
        message={t('breakdown.calendar.entered', { year: data.year, notice: (data.notice ?? '').replace(/^《|》$/g, '') })}
      />
    );
  }
  // The statutory holidays in calendar order, each named once.
  const names = [...new Set(data.days.filter((d) => d.kind === 'rest' && d.holiday !== null).map((d) => d.holiday!))];
  const holidays = names.map((name) => t(`breakdown.calendar.holidays.${name}`, { defaultValue: name })).join(t('breakdown.calendar.separator'));
  return <Alert type="warning" showIcon banner message={t('breakdown.calendar.provisional', { year: data.year, holidays })} />;
}
