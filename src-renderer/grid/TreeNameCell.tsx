/**
 * The first column of an organisation grid: indentation by depth, ▸/▾ to expand and collapse,
 * the name, and a tag with the unit level or the person's role. AG Grid's tree data is
 * Enterprise-only, so the hierarchy is drawn here over the community grid.
 */
import type { ICellRendererParams } from 'ag-grid-community';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface TreeRow {
  id: string;
  kind: 'unit' | 'person';
  name: string;
  /** Unit level key ('company' | 'branch' | 'team') or the person's role. */
  label: string;
  depth: number;
  hasChildren: boolean;
  expanded: boolean;
}

export interface TreeNameParams {
  onToggle: (id: string) => void;
  /** Units and people that left during (or before) the year shown, by id: the day, shown beside the name. */
  retiredFrom?: ReadonlyMap<string, string>;
}

export function TreeNameCell(props: ICellRendererParams<TreeRow> & TreeNameParams): ReactNode {
  const { t } = useTranslation();
  const row = props.data;
  if (!row) return null;
  const isTotal = props.node.rowPinned === 'bottom';
  // A role the messages do not know (added later) shows as stored.
  const label = row.kind === 'unit' ? t(`levels.${row.label}`) : t(`roles.${row.label}`, { defaultValue: row.label });
  const retired = isTotal ? undefined : props.retiredFrom?.get(row.id);
  return (
    <span className="pd-tree-cell" style={{ paddingLeft: isTotal ? 0 : row.depth * 18 }}>
      {row.hasChildren && !isTotal ? (
        <button
          type="button"
          className="pd-tree-toggle"
          aria-label={row.expanded ? t('tree.collapse') : t('tree.expand')}
          aria-expanded={row.expanded}
          tabIndex={-1}
          onClick={(e) => {
            e.stopPropagation();
            props.onToggle(row.id);
          }}
        >
          {row.expanded ? '▾' : '▸'}
        </button>
      ) : (
        <span className="pd-tree-spacer" />
      )}
      <span className={row.hasChildren || isTotal ? 'pd-tree-name pd-strong' : 'pd-tree-name'}>{isTotal ? t('targets.total') : row.name}</span>
      {!isTotal && <span className={`pd-tree-tag pd-tag-${row.kind}`}>{label}</span>}
      {retired && (
        <span className="pd-tree-tag pd-tag-retired" data-testid="retired-tag">
          {t(row.kind === 'unit' ? 'tree.retiredUnit' : 'tree.retired', { date: retired })}
        </span>
      )}
    </span>
  );
}
