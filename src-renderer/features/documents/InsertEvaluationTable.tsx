/**
 * 插入绩效考核表: the document unit's 绩效考核表 of a month, a quarter or the year of the document,
 * inserted at the cursor under its caption (2026 年 11 月销售人员绩效考核（江城市分公司）).
 */
import type { Editor } from '@tiptap/react';
import { Button, Popover, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { periodLabel } from '../../../src-shared/domain/evaluation';
import { evaluationCaption } from '../../../src-shared/reports/evaluation-summary';
import { lastClosedMonth, periodOf, PeriodPicker, type PeriodKind } from '../../shell/PeriodPicker';

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
  const [kind, setKind] = useState<PeriodKind>('month');
  const [day, setDay] = useState<Dayjs>(() => lastClosedMonth(year));
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
          <Space>
            <PeriodPicker year={year} kind={kind} onKind={setKind} day={day} onDay={setDay} testId="evaluation-table-period" />
          </Space>
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
