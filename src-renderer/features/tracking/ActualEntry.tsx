/**
 * 进度跟踪's daily actual entry: a person, a day and the actual. An entry that replaces a stored
 * actual says what it was; every entry is one step of the 'actuals' edit log (shared with
 * 目标分解's actuals), undone with Ctrl+Z / 撤销 and redone with Ctrl+Y / 重做, across reloads.
 */
import { Button, InputNumber, Select, Space } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../../src-shared/contract/channels';
import { formatDecimal, parseDecimalInput } from '../../../src-shared/domain/decimal';
import type { MetricDef } from '../../../src-shared/domain/targets';
import { UndoButtons } from '../../grid/UndoButtons';
import { useEditLog } from '../../grid/useEditLog';
import { useErrorText } from '../../shell/error-text';
import { useMessage } from '../../toasts';
import { useEnterDailyActual } from './tracking-mutations';
import { useUndoShortcut } from './useUndoShortcut';
import { withParens } from '../../i18n/punctuation';
import { DayPicker } from '../../shell/DayPicker';

interface Props {
  year: number;
  metric: MetricDef | undefined;
  people: Person[];
  /** The day the entry starts on (the summary's as-of day). */
  defaultDay: string;
}

export function ActualEntry({ year, metric, people, defaultDay }: Props): ReactNode {
  const { t } = useTranslation();
  const message = useMessage();
  const errorText = useErrorText();
  const enterActual = useEnterDailyActual();
  const history = useEditLog('actuals');
  useUndoShortcut(history);
  const [entry, setEntry] = useState<{ personId?: string; day?: string; value: number | null }>({ value: null });
  const personId = entry.personId ?? people[0]?.id;
  const day = entry.day ?? defaultDay;

  const save = async () => {
    if (!metric || !personId || !day || entry.value === null) return message.info(t('tracking.fillEntry'));
    const text = String(entry.value);
    const parsed = parseDecimalInput(text, metric);
    const typed = parsed.ok ? parsed.scaled : null;
    const amount = (scaled: number) => formatDecimal(scaled / 10 ** metric.precision, metric.precision);
    try {
      const { before } = await enterActual.enter({ year, metricId: metric.id, level: 'actual', subjectId: personId, periodKey: day, text });
      const name = people.find((p) => p.id === personId)?.name ?? '';
      message.success(
        before !== null && typed !== null && before !== typed
          ? t('tracking.replaced', { name, day: day.slice(5), before: amount(before), after: amount(typed) })
          : t('tracking.saved'),
      );
      await enterActual.refetch();
    } catch (error) {
      message.error(errorText(error));
    }
  };

  return (
    <Space wrap>
      <Select
        style={{ width: 160 }}
        placeholder={t('tracking.person')}
        value={personId}
        onChange={(id) => setEntry((e) => ({ ...e, personId: id }))}
        options={people.map((p) => ({ value: p.id, label: withParens(p.name, t(`roles.${p.role}`, { defaultValue: p.role })) }))}
        showSearch
        optionFilterProp="label"
        data-testid="entry-person"
      />
      <DayPicker
        value={day}
        onChange={(picked) => picked && setEntry((x) => ({ ...x, day: picked }))}
        min={`${year}-01-01`}
        max={`${year}-12-31`}
        aria-label={t('tracking.entryDay')}
        data-testid="entry-day"
      />
      <InputNumber
        style={{ width: 130 }}
        placeholder={withParens(t('measures.actual'), metric?.unit ?? '')}
        value={entry.value}
        precision={metric?.precision}
        onChange={(value) => setEntry((e) => ({ ...e, value }))}
        data-testid="entry-value"
      />
      <Button type="primary" onClick={() => void save()} data-testid="entry-save">
        {t('tracking.enter')}
      </Button>
      <UndoButtons history={history} />
    </Space>
  );
}
