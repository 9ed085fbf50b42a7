/** A live number in the editor: its current value, its binding in the tooltip, red when broken. */
import { NodeViewWrapper, type ReactNodeViewProps } from '@tiptap/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { LiveNumberAttrs } from '../../../src-shared/contract/channels';
import { useLiveValues } from './live-values';

export function LiveNumberView({ node, selected }: ReactNodeViewProps): ReactNode {
  const { t } = useTranslation();
  const { valueOf, describe } = useLiveValues();
  const attrs = node.attrs as LiveNumberAttrs;
  const value = valueOf(attrs);
  const broken = value?.broken ?? null;
  return (
    <NodeViewWrapper
      as="span"
      className={`pd-live-number${broken ? ' pd-live-broken' : ''}${selected ? ' pd-live-selected' : ''}`}
      title={broken ? t(`documents.broken.${broken}`) : describe(attrs)}
      data-testid="live-number"
      data-metric={attrs.metricId}
      data-measure={attrs.measure}
      data-period={attrs.period}
    >
      {broken ? t('documents.brokenShort') : (value?.text ?? '…')}
    </NodeViewWrapper>
  );
}
