/**
 * What a spread would change (plan/preview-split), shown before it is applied: the day cells and
 * people it changes, its largest change (a person, a period of the grid's grain, old → new) and the
 * days whose sum moves most (a day turned rest or working by a new calendar loses or gains all).
 *
 * A typed total asks for confirmation when the spread rewrites many cells: more than
 * CONFIRM_ABOVE_CELLS day cells, spread over more than one person. A person's own year (about 250
 * day cells, all theirs) is what the planner typed and goes straight through; a team's or a
 * branch's year, which rewrites everyone under it, asks first. 按工作日重新分解 always shows it.
 */
import { Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SplitPreview } from '../../../src-shared/contract/channels';

export const CONFIRM_ABOVE_CELLS = 50;
const NUM = { textAlign: 'right', padding: '0 8px' } as const;

export const needsConfirmation = (preview: SplitPreview) => preview.changedCells > CONFIRM_ABOVE_CELLS && preview.changedSubjects > 1;

export function SplitPreviewContent({ preview, format }: { preview: SplitPreview; format: (scaled: number) => string }): ReactNode {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  if (preview.changedCells === 0) return <Typography.Paragraph data-testid="split-preview">{t('breakdown.preview.none')}</Typography.Paragraph>;
  const { largest } = preview;
  return (
    <div data-testid="split-preview">
      <Typography.Paragraph style={{ marginBottom: 4 }} data-testid="split-preview-cells">
        {t('breakdown.preview.cells', { cells: preview.changedCells, people: preview.changedSubjects })}
      </Typography.Paragraph>
      {largest && (
        <Typography.Paragraph strong style={{ marginBottom: 8 }} data-testid="split-preview-largest">
          {t('breakdown.preview.largest', {
            name: largest.subjectName,
            period: english ? largest.periodLabel.en : largest.periodLabel.zh,
            before: format(largest.before),
            after: format(largest.after),
          })}
        </Typography.Paragraph>
      )}
      {preview.days.length > 0 && (
        <>
          <Typography.Text type="secondary">{t('breakdown.preview.days')}</Typography.Text>
          <table style={{ margin: '4px 0', fontVariantNumeric: 'tabular-nums' }} data-testid="split-preview-days">
            <tbody>
              {preview.days.map((d) => (
                <tr key={d.day} data-day={d.day}>
                  <td style={{ paddingRight: 8 }}>{d.day}</td>
                  <td>{dayjs(d.day).format('ddd')}</td>
                  <td style={NUM}>{format(d.before)}</td>
                  <td>→</td>
                  <td style={NUM}>{format(d.after)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {preview.changedDays > preview.days.length && (
            <Typography.Text type="secondary">{t('breakdown.preview.more', { count: preview.changedDays })}</Typography.Text>
          )}
        </>
      )}
    </div>
  );
}
