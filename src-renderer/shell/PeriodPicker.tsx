/**
 * A month, a quarter or the year of a plan year: 月度 / 季度 / 年度 and the month or quarter, as
 * 绩效考核 and 插入绩效考核表 choose their period. Gives the period as the contract spells it
 * (2026-11, 2026-Q4, 2026).
 */
import { DatePicker, Segmented } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import '../i18n/dayjs-locale';

export type PeriodKind = 'month' | 'quarter' | 'year';

export function periodOf(kind: PeriodKind, day: Dayjs): string {
  if (kind === 'year') return String(day.year());
  if (kind === 'quarter') return `${day.year()}-Q${Math.floor(day.month() / 3) + 1}`;
  return day.format('YYYY-MM');
}

/** The month just closed (January itself in January) if it is of the plan year, else the plan year's December. */
export function lastClosedMonth(year: number): Dayjs {
  const closed = dayjs().month() === 0 ? dayjs() : dayjs().subtract(1, 'month');
  return closed.year() === year ? closed.startOf('month') : dayjs(`${year}-12-01`);
}

interface Props {
  year: number;
  kind: PeriodKind;
  onKind: (kind: PeriodKind) => void;
  day: Dayjs;
  onDay: (day: Dayjs) => void;
  ariaLabel?: string;
  /** data-testid prefix: `<testId>-kind` and `<testId>`. */
  testId: string;
}

export function PeriodPicker({ year, kind, onKind, day, onDay, ariaLabel, testId }: Props): ReactNode {
  const { t } = useTranslation();
  return (
    <>
      <Segmented<PeriodKind>
        size="small"
        value={kind}
        onChange={onKind}
        options={(['month', 'quarter', 'year'] as const).map((k) => ({ value: k, label: t(`periodKinds.${k}`) }))}
        data-testid={`${testId}-kind`}
      />
      {kind !== 'year' && (
        <DatePicker
          size="small"
          picker={kind}
          allowClear={false}
          value={day}
          disabledDate={(d) => d.year() !== year}
          onChange={(value) => value && onDay(value)}
          aria-label={ariaLabel}
          data-testid={testId}
        />
      )}
    </>
  );
}
