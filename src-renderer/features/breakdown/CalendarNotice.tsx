/**
 * Says where the year's working-day calendar comes from when it is not the calendar package's
 * published arrangement: provisional (the statutory holidays, until the State Council's notice is
 * out) or entered by the planner (the notice's name). Nothing for a published year. Its button
 * opens 录入放假安排 (CalendarArrangementDialog) to enter, change or clear the notice. Shown on
 * every view that counts working days: 目标分解 and 进度跟踪 (序时进度).
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Button } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api/client';
import { CalendarArrangementDialog } from './CalendarArrangementDialog';

export function CalendarNotice({ year }: { year: number | undefined }): ReactNode {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const calendar = useQuery({
    queryKey: ['calendar/get-year', year] as const,
    queryFn: () => invoke('calendar/get-year', { year: year! }),
    enabled: year !== undefined,
    staleTime: Infinity,
  });
  const data = calendar.data;
  if (!data || data.source === 'published') return null;
  const dialog = <CalendarArrangementDialog calendar={data} open={editing} onClose={() => setEditing(false)} />;
  if (data.source === 'entered') {
    return (
      <>
        <Alert
          type="success"
          showIcon
          banner
          data-testid="calendar-notice"
          data-source="entered"
          message={t('breakdown.calendar.entered', { year: data.year, notice: (data.notice ?? '').replace(/^《|》$/g, '') })}
          action={
            <Button size="small" onClick={() => setEditing(true)} data-testid="calendar-enter">
              {t('breakdown.calendar.edit')}
            </Button>
          }
        />
        {dialog}
      </>
    );
  }
  // The statutory holidays in calendar order, each named once.
  const names = [...new Set(data.days.filter((d) => d.kind === 'rest' && d.holiday !== null).map((d) => d.holiday!))];
  const holidays = names.map((name) => t(`breakdown.calendar.holidays.${name}`, { defaultValue: name })).join(t('breakdown.calendar.separator'));
  return (
    <>
      <Alert
        type="warning"
        showIcon
        banner
        data-testid="calendar-notice"
        data-source="provisional"
        message={t('breakdown.calendar.provisional', { year: data.year, holidays })}
        action={
          <Button size="small" type="primary" onClick={() => setEditing(true)} data-testid="calendar-enter">
            {t('breakdown.calendar.enter')}
          </Button>
        }
      />
      {dialog}
    </>
  );
}
