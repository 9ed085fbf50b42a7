/**
 * A day picker in the UI language (antd's DatePicker, named by dayjs: 十二月, 一 … 日 in Chinese),
 * always showing and typing the day as YYYY-MM-DD, whatever the system's date format. A native
 * <input type="date"> follows the operating system's locale instead (12/02/2026 on many PCs).
 */
import { DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import '../i18n/dayjs-locale';

export const DAY_FORMAT = 'YYYY-MM-DD';

interface DayPickerProps {
  value: string | undefined;
  onChange: (day: string | undefined) => void;
  /** The first and last day that may be chosen ('YYYY-MM-DD'). */
  min?: string;
  max?: string;
  allowClear?: boolean;
  width?: number;
  'aria-label'?: string;
  'data-testid'?: string;
}

export function DayPicker({ value, onChange, min, max, allowClear = false, width = 150, ...rest }: DayPickerProps): ReactNode {
  const outside = (day: Dayjs) => (min !== undefined && day.format(DAY_FORMAT) < min) || (max !== undefined && day.format(DAY_FORMAT) > max);
  return (
    <DatePicker
      style={{ width }}
      format={DAY_FORMAT}
      value={value ? dayjs(value, DAY_FORMAT) : null}
      onChange={(day: Dayjs | null) => onChange(day ? day.format(DAY_FORMAT) : undefined)}
      disabledDate={outside}
      allowClear={allowClear}
      {...rest}
    />
  );
}
