/**
 * A measure of 具体做法 in the editor: its text (editable, numbered 1. 2. with the headings), and
 * beside it who owns it, by when and how far, kept as the node's attributes.
 */
import { NodeViewContent, NodeViewWrapper, type ReactNodeViewProps } from '@tiptap/react';
import { Input, Select } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MEASURE_STATUSES, type MeasureAttrs } from '../../../src-shared/contract/channels';
import { DayPicker } from '../../shell/DayPicker';

export function MeasureView({ node, updateAttributes }: ReactNodeViewProps): ReactNode {
  const { t } = useTranslation();
  const attrs = node.attrs as MeasureAttrs;
  return (
    <NodeViewWrapper className="pd-measure" data-testid="measure">
      <NodeViewContent className="pd-measure-text" />
      <span className="pd-measure-meta" contentEditable={false}>
        <Input
          size="small"
          placeholder={t('documents.measure.owner')}
          value={attrs.owner ?? ''}
          maxLength={40}
          onChange={(e) => updateAttributes({ owner: e.target.value.trim() === '' ? null : e.target.value })}
          style={{ width: 96 }}
          data-testid="measure-owner"
        />
        <DayPicker
          width={130}
          value={attrs.deadline ?? undefined}
          allowClear
          onChange={(day) => updateAttributes({ deadline: day ?? null })}
          data-testid="measure-deadline"
        />
        <Select
          size="small"
          value={attrs.status}
          onChange={(status) => updateAttributes({ status })}
          options={MEASURE_STATUSES.map((s) => ({ value: s, label: t(`documents.measure.status.${s}`) }))}
          style={{ width: 90 }}
          data-testid="measure-status"
        />
      </span>
    </NodeViewWrapper>
  );
}
