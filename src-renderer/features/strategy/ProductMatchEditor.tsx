/**
 * The multi-select in a matched-products cell: every product of the column's product class, each
 * matched under one need or not at all. A need whose text is empty cannot take products (the
 * rule of the table), so its choice is disabled and says why.
 */
import type { CustomCellEditorProps } from 'ag-grid-react';
import { Radio, Tooltip } from 'antd';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NEED_KINDS, type DictionaryEntry, type NeedKind } from '../../../src-shared/contract/channels';
import { NEED_FIELD_OF, NEED_KIND_MARKS, NEED_KIND_MARKS_EN } from '../../../src-shared/domain/strategy';
import type { DemandGridRow } from './month-rows';

export type ProductMatch = { productId: string; needKind: NeedKind };

export interface ProductMatchEditorParams {
  products: DictionaryEntry[];
  className: string;
}

export function ProductMatchEditor(props: CustomCellEditorProps<DemandGridRow, ProductMatch[]> & ProductMatchEditorParams): ReactNode {
  const { t, i18n } = useTranslation();
  const marks = i18n.language === 'en' ? NEED_KIND_MARKS_EN : NEED_KIND_MARKS;
  const value = props.value ?? [];
  const fields = props.data?.fields;
  const firstRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // Focus the first choice so the arrow keys and Tab work at once.
    firstRef.current?.querySelector<HTMLInputElement>('input:not([disabled])')?.focus();
  }, []);

  const setProduct = (productId: string, needKind: NeedKind | 'none') => {
    const rest = value.filter((m) => m.productId !== productId);
    props.onValueChange(needKind === 'none' ? rest : [...rest, { productId, needKind }]);
  };

  return (
    <div className="pd-match-editor" data-testid="product-match-editor">
      <div className="pd-match-editor-title">{t('strategy.matchTitle', { className: props.className, customer: props.data?.name ?? '' })}</div>
      {props.products.length === 0 && <div className="pd-match-editor-empty">{t('strategy.noProducts')}</div>}
      {props.products.map((product, index) => {
        const current = value.find((m) => m.productId === product.id)?.needKind ?? 'none';
        return (
          <div key={product.id} className="pd-match-editor-row" ref={index === 0 ? firstRef : undefined} data-product={product.name}>
            <span className="pd-match-editor-name">{product.name}</span>
            <Radio.Group size="small" value={current} onChange={(e) => setProduct(product.id, e.target.value as NeedKind | 'none')}>
              <Radio.Button value="none">{t('strategy.notMatched')}</Radio.Button>
              {NEED_KINDS.map((kind) => {
                const empty = !fields || fields[NEED_FIELD_OF[kind]].trim() === '';
                const button = (
                  <Radio.Button key={kind} value={kind} disabled={empty && current !== kind}>
                    {marks[kind]}
                  </Radio.Button>
                );
                return empty ? (
                  <Tooltip key={kind} title={t('strategy.needEmpty', { need: t(`strategy.need.${kind}`) })}>
                    {button}
                  </Tooltip>
                ) : (
                  button
                );
              })}
            </Radio.Group>
          </div>
        );
      })}
      <div className="pd-match-editor-hint">{t('strategy.matchHint')}</div>
    </div>
  );
}
