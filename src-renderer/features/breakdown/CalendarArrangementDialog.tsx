/**
 * 录入放假安排: the State Council's notice for a year the calendar package does not know, entered
 * as the notice is written — per holiday, the rest days from–to and the 调休 working days (a
 * Saturday or Sunday) — with the notice's name. Prefilled from what the year uses now (the
 * provisional statutory holidays, or the arrangement entered before). Checked here before it is
 * sent (days of the year, no day both a rest and a working day, no day in two holidays, working
 * days on a weekend) and again by calendar/save-arrangement; 恢复暂定安排 clears it.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Input, Modal, Popconfirm, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalendarYear } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import { invoke } from '../../api/client';
import { useErrorText } from '../../shell/error-text';
import { useMessage } from '../../toasts';
import { checkDraft, draftOf, inputOf, type DraftProblem, type HolidayRow } from './arrangement-draft';
import '../../i18n/dayjs-locale';

const DAY = 'YYYY-MM-DD';
const TH = { textAlign: 'left', fontWeight: 500, paddingRight: 8 } as const;

export function CalendarArrangementDialog({ calendar, open, onClose }: { calendar: CalendarYear; open: boolean; onClose: () => void }): ReactNode {
  const { t } = useTranslation();
  const message = useMessage();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const { year } = calendar;
  const initial = useMemo(() => draftOf(calendar, t('breakdown.calendar.dialog.defaultNotice', { year })), [calendar, t, year]);
  const [draft, setDraft] = useState(initial);
  const [problem, setProblem] = useState<DraftProblem | null>(null);
  const [opened, setOpened] = useState(open);
  // Each opening starts from the year's calendar as it is now.
  if (open !== opened) {
    setOpened(open);
    if (open) {
      setDraft(initial);
      setProblem(null);
    }
  }

  const refresh = (saved: CalendarYear) => {
    queryClient.setQueryData(['calendar/get-year', saved.year], saved);
    void queryClient.invalidateQueries({ queryKey: ['plan/get-grid'] });
    void queryClient.invalidateQueries({ queryKey: ['tracking/get-summary'] });
  };
  const save = useMutation({
    mutationKey: ['calendar/save-arrangement'],
    mutationFn: (input: ReturnType<typeof inputOf>) => invoke('calendar/save-arrangement', input),
    onSuccess: refresh,
  });
  const clear = useMutation({
    mutationKey: ['calendar/clear-arrangement'],
    mutationFn: () => invoke('calendar/clear-arrangement', { year }),
    onSuccess: refresh,
  });

  const problemText = (p: DraftProblem) =>
    t(`breakdown.calendar.problems.${p.reason}`, { days: 'days' in p ? p.days.slice(0, 6).join(t('breakdown.calendar.separator')) : '' });

  const onSave = async () => {
    const found = checkDraft(year, draft);
    setProblem(found);
    if (found) return;
    try {
      const saved = await save.mutateAsync(inputOf(year, draft));
      message.success(t('breakdown.calendar.dialog.saved', { year, workingDays: saved.workingDays }));
      onClose();
    } catch (error) {
      const details = error instanceof AppError ? (error.details as { reason?: string; days?: string[] } | undefined) : undefined;
      if (details?.reason && ['not-in-year', 'both', 'work-day-not-weekend'].includes(details.reason)) {
        setProblem({ reason: details.reason as 'both', days: details.days ?? [] });
      } else message.error(errorText(error));
    }
  };

  const onClear = async () => {
    try {
      const cleared = await clear.mutateAsync();
      message.success(t('breakdown.calendar.dialog.cleared', { year, workingDays: cleared.workingDays }));
      onClose();
    } catch (error) {
      message.error(errorText(error));
    }
  };

  const setRow = (holiday: string, change: Partial<HolidayRow>) =>
    setDraft((d) => ({ ...d, rows: d.rows.map((row) => (row.holiday === holiday ? { ...row, ...change } : row)) }));
  const outside = (day: Dayjs) => day.year() !== year;
  const holidayName = (holiday: string) => t(`breakdown.calendar.holidays.${holiday}`, { defaultValue: holiday });

  return (
    <Modal
      open={open}
      width={760}
      title={t('breakdown.calendar.dialog.title', { year })}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space>
          {calendar.source === 'entered' && (
            <Popconfirm title={t('breakdown.calendar.dialog.clearConfirm', { year })} onConfirm={() => void onClear()}>
              <Button danger loading={clear.isPending} data-testid="calendar-clear">
                {t('breakdown.calendar.dialog.clear')}
              </Button>
            </Popconfirm>
          )}
          <Button onClick={onClose}>{t('breakdown.calendar.dialog.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => void onSave()} data-testid="calendar-save">
            {t('breakdown.calendar.dialog.save')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('breakdown.calendar.dialog.hint', { year })}
      </Typography.Paragraph>
      <label style={{ display: 'flex', alignItems: 'center', gap: 8, marginBottom: 12 }}>
        <span style={{ whiteSpace: 'nowrap' }}>{t('breakdown.calendar.dialog.notice')}</span>
        <Input
          value={draft.notice}
          maxLength={200}
          onChange={(e) => setDraft((d) => ({ ...d, notice: e.target.value }))}
          aria-label={t('breakdown.calendar.dialog.notice')}
          data-testid="calendar-notice-name"
        />
      </label>
      <table style={{ width: '100%', borderSpacing: '0 6px' }} data-testid="calendar-rows">
        <thead>
          <tr>
            <th style={TH}>{t('breakdown.calendar.dialog.holiday')}</th>
            <th style={TH}>{t('breakdown.calendar.dialog.rest')}</th>
            <th style={TH}>{t('breakdown.calendar.dialog.work')}</th>
          </tr>
        </thead>
        <tbody>
          {draft.rows.map((row) => (
            <tr key={row.holiday} data-holiday={row.holiday}>
              <td>{holidayName(row.holiday)}</td>
              <td>
                <DatePicker.RangePicker
                  format={DAY}
                  value={row.rest ? [dayjs(row.rest[0], DAY), dayjs(row.rest[1], DAY)] : null}
                  onChange={(range) => setRow(row.holiday, { rest: range?.[0] && range[1] ? [range[0].format(DAY), range[1].format(DAY)] : null })}
                  disabledDate={outside}
                  defaultPickerValue={row.rest ? [dayjs(row.rest[0], DAY), dayjs(row.rest[0], DAY)] : undefined}
                  aria-label={`${holidayName(row.holiday)} ${t('breakdown.calendar.dialog.rest')}`}
                  style={{ width: 250 }}
                />
              </td>
              <td>
                <DatePicker
                  multiple
                  format={DAY}
                  value={row.work.map((day) => dayjs(day, DAY))}
                  onChange={(days: Dayjs[] | null) => setRow(row.holiday, { work: (days ?? []).map((d) => d.format(DAY)).sort() })}
                  disabledDate={(day: Dayjs) => outside(day) || ![0, 6].includes(day.day())}
                  defaultPickerValue={row.rest ? dayjs(row.rest[0], DAY) : undefined}
                  placeholder={t('breakdown.calendar.dialog.workPlaceholder')}
                  maxTagCount="responsive"
                  aria-label={`${holidayName(row.holiday)} ${t('breakdown.calendar.dialog.work')}`}
                  style={{ width: 300 }}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {problem && <Alert type="error" showIcon message={problemText(problem)} style={{ marginTop: 8 }} data-testid="calendar-problem" />}
    </Modal>
  );
}
