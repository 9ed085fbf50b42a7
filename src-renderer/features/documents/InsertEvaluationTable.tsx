/**
 * 插入绩效考核表: the document unit's 绩效考核表 of a month, a quarter or the year of the document,
 * inserted at the cursor under its caption (2026 年 11 月销售人员绩效考核（江城市分公司）).
 */
import type { Editor } from '@tiptap/react';
import { Button, DatePicker, Popover, Segmented, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { periodLabel } from '../../../src-shared/domain/evaluation';
import { evaluationCaption } from '../../../src-shared/reports/evaluation-summary';
import '../../i18n/dayjs-locale';

type Kind = 'month' | 'quarter' | 'year';

function periodOf(kind: Kind, day: Dayjs): string {
  if (kind === 'year') return String(day.year());
  if (kind === 'quarter') return `${day.year()}-Q${Math.floor(day.month() / 3) + 1}`;
  return day.format('YYYY-MM');
}

export function InsertEvaluationTable({
  editor,
  year,
  unitId,
  unitName,
  disabled,
}: {
  editor: Editor;
  year: number;
  unitId: string;
  unitName: string;
  disabled: boolean;
}): ReactNode {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<Kind>('month');
  const closed = dayjs().month() === 0 ? dayjs() : dayjs().subtract(1, 'month');
  const [day, setDay] = useState<Dayjs>(closed.year() === year ? closed : dayjs(`${year}-12-01`));
  const insert = () => {
    const period = periodOf(kind, day);
    editor
      .chain()
      .focus()
      .insertContent([
        { type: 'paragraph', content: [{ type: 'text', text: evaluationCaption({ periodLabel: periodLabel(period), unitName }) }] },
        { type: 'evaluationTable', attrs: { unitId, period } },
      ])
      .run();
    setOpen(false);
  };
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      content={
        <Space direction="vertical">
          <Segmented<Kind>
            size="small"
            value={kind}
            onChange={setKind}
            options={(['month', 'quarter', 'year'] as const).map((k) => ({ value: k, label: t(`documents.evaluationTable.${k}`) }))}
            data-testid="evaluation-table-kind"
          />
          {kind !== 'year' && (
            <DatePicker
              size="small"
              picker={kind}
              allowClear={false}
              value={day}
              disabledDate={(d) => d.year() !== year}
              onChange={(value) => value && setDay(value)}
              data-testid="evaluation-table-period"
            />
          )}
          <Button size="small" type="primary" onClick={insert} data-testid="evaluation-table-ok">
            {t('documents.evaluationTable.ok')}
          </Button>
        </Space>
      }
    >
      <Button size="small" disabled={disabled} data-testid="insert-evaluation-table">
        {t('documents.evaluationTable.insert')}
      </Button>
    </Popover>
  );
}
