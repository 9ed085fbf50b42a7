/**
 * 年度目标's column chooser: which metrics and which of their columns the grid shows. Plain
 * elements (it is on the first screen, where antd's Popover and Checkbox would cost their script):
 * a ToolButton opens a panel of native checkboxes; Tab moves through it, Space or Enter ticks,
 * Escape or a click outside closes it and gives the focus back to the button. The last shown
 * metric or column cannot be hidden.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MetricDef } from '../../../src-shared/domain/targets';
import { ToolButton } from '../../shell/ToolButton';
import type { GridColumnKind } from './targets-columns';
import { COLUMN_KINDS } from './targets-layout';
import { withParens } from '../../i18n/punctuation';

interface Props {
  metrics: MetricDef[];
  hiddenMetrics: readonly string[];
  hiddenColumns: readonly GridColumnKind[];
  onChange: (change: { hiddenMetrics?: string[]; hiddenColumns?: GridColumnKind[] }) => void;
}

export function ColumnChooser({ metrics, hiddenMetrics, hiddenColumns, onChange }: Props): ReactNode {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const panelId = useId();

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) rootRef.current?.querySelector<HTMLButtonElement>('[data-testid="column-chooser"]')?.focus();
  };

  useEffect(() => {
    if (!open) return;
    rootRef.current?.querySelector<HTMLInputElement>('input:not(:disabled)')?.focus();
    const outside = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);

  const shownMetrics = metrics.filter((m) => !hiddenMetrics.includes(m.id)).length;
  const shownColumns = COLUMN_KINDS.filter((k) => !hiddenColumns.includes(k)).length;
  const anyHidden = shownMetrics < metrics.length || shownColumns < COLUMN_KINDS.length;

  const onPanelKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close(true);
    } else if (event.key === 'Enter' && event.target instanceof HTMLInputElement && event.target.type === 'checkbox') {
      // Enter ticks as Space does (a native checkbox takes Space only).
      event.preventDefault();
      event.target.click();
    }
  };

  return (
    <div ref={rootRef} className="pd-chooser">
      <ToolButton
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((o) => !o)}
        data-testid="column-chooser"
        className={anyHidden ? 'pd-chooser-active' : undefined}
      >
        {anyHidden ? t('targets.columnsSomeHidden') : t('targets.columns')}
      </ToolButton>
      {open && (
        <div
          id={panelId}
          role="dialog"
          aria-label={t('targets.columnsTitle')}
          className="pd-chooser-panel"
          onKeyDown={onPanelKey}
          data-testid="column-chooser-panel"
        >
          <ChoiceGroup
            legend={t('targets.columnsMetrics')}
            choices={metrics.map((m) => ({ key: m.id, label: withParens(m.name, m.unit) }))}
            hidden={hiddenMetrics}
            onChange={(hidden) => onChange({ hiddenMetrics: hidden })}
          />
          <ChoiceGroup
            legend={t('targets.columnsMeasures')}
            choices={COLUMN_KINDS.map((kind) => ({ key: kind, label: t(`measures.${kind}`) }))}
            hidden={hiddenColumns}
            onChange={(hidden) => onChange({ hiddenColumns: hidden })}
          />
          <div className="pd-chooser-actions">
            <ToolButton disabled={!anyHidden} onClick={() => onChange({ hiddenMetrics: [], hiddenColumns: [] })}>
              {t('targets.columnsShowAll')}
            </ToolButton>
            <ToolButton onClick={() => close(true)}>{t('targets.columnsClose')}</ToolButton>
          </div>
        </div>
      )}
    </div>
  );
}

/** One fieldset of checkboxes: ticked is shown; the last ticked box cannot be unticked. */
function ChoiceGroup<T extends string>(props: {
  legend: string;
  choices: { key: T; label: string }[];
  hidden: readonly T[];
  onChange: (hidden: T[]) => void;
}): ReactNode {
  const shownCount = props.choices.filter((c) => !props.hidden.includes(c.key)).length;
  return (
    <fieldset className="pd-chooser-group">
      <legend>{props.legend}</legend>
      {props.choices.map(({ key, label }) => {
        const shown = !props.hidden.includes(key);
        return (
          <label key={key} className="pd-chooser-option">
            <input
              type="checkbox"
              checked={shown}
              disabled={shown && shownCount === 1}
              onChange={() => props.onChange(shown ? [...props.hidden, key] : props.hidden.filter((x) => x !== key))}
              data-testid={`chooser-${key}`}
            />
            <span>{label}</span>
          </label>
        );
      })}
    </fieldset>
  );
}
