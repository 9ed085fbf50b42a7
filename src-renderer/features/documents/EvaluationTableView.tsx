/**
 * A 绩效考核表 inside the document: the unit's sheet for the period as its summary table, read
 * now through evaluation/get-sheet (refetched whenever an evaluation or the plan changes), the
 * same rows the DOCX and the PDF print (evaluationSummaryGrid). Red, saying why, when it cannot be read.
 */
import { useQuery } from '@tanstack/react-query';
import { NodeViewWrapper, type ReactNodeViewProps } from '@tiptap/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvaluationTableAttrs } from '../../../src-shared/contract/channels';
import { evaluationSummaryGrid } from '../../../src-shared/reports/evaluation-summary';
import { AppError } from '../../../src-shared/contract/errors';
import { invoke } from '../../api/client';
import { useErrorText } from '../../shell/error-text';

export function EvaluationTableView({ node, selected }: ReactNodeViewProps): ReactNode {
  const { t } = useTranslation();
  const attrs = node.attrs as EvaluationTableAttrs;
  const year = Number(attrs.period.slice(0, 4));
  const sheet = useQuery({
    queryKey: ['evaluation/get-sheet', year, attrs.period, attrs.unitId],
    queryFn: () => invoke('evaluation/get-sheet', { year, period: attrs.period, unitId: attrs.unitId }),
  });
  const grid = sheet.data ? evaluationSummaryGrid(sheet.data) : null;
  const errorText = useErrorText();
  // The refusal's own words where it has them (the unit gone, the scheme's metric removed), as the DOCX prints them.
  const whyBroken = (error: unknown) =>
    error instanceof AppError && typeof (error.details as { zh?: unknown })?.zh === 'string' ? (error.details as { zh: string }).zh : errorText(error);
  return (
    <NodeViewWrapper
      className={`pd-evaluation-table${selected ? ' pd-live-selected' : ''}`}
      contentEditable={false}
      data-testid="evaluation-table"
      data-period={attrs.period}
      title={t('documents.evaluationTable.tooltip')}
    >
      {sheet.error ? (
        <div className="pd-live-broken">{t('documents.evaluationTable.broken', { why: whyBroken(sheet.error) })}</div>
      ) : !grid ? (
        <div className="pd-text-secondary">…</div>
      ) : (
        <table>
          <thead>
            <tr>
              {grid[0].map((text) => (
                <th key={text}>{text}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {grid.slice(1).map((cells, r) => (
              <tr key={sheet.data!.rows[r]?.personId ?? r}>
                {cells.map((text, c) => (
                  <td key={c} className={c >= 3 || c === 0 ? 'pd-num' : undefined}>
                    {text}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </NodeViewWrapper>
  );
}
