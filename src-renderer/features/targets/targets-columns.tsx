/**
 * The annual targets grid's columns: the organisation (tree) column, then per metric a group of
 * the four measures (editable where `isEditableCell` says) and the derived rates.
 */
import type { CellClassParams, ColDef, ColGroupDef, ValueFormatterParams, ValueGetterParams } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import { formatDecimal } from '../../../src-shared/domain/decimal';
import {
  DERIVED_COLUMNS,
  derivedValue,
  isEditableCell,
  MEASURES,
  rateBand,
  rateTargetMissing,
  targetsInconsistent,
  type DerivedColumn,
  type Measure,
  type MetricDef,
  type PlanRow,
} from '../../../src-shared/domain/targets';
import { basisOf, type YoyBase } from '../../../src-shared/domain/year-on-year';
import { TreeNameCell } from '../../grid/TreeNameCell';
import { withParens } from '../../i18n/punctuation';

export type GridColumnKind = Measure | DerivedColumn;

export function columnId(metricId: string, kind: GridColumnKind): string {
  return `${metricId}:${kind}`;
}

export function parseColumnId(colId: string): { metricId: string; kind: GridColumnKind } | null {
  const at = colId.lastIndexOf(':');
  if (at < 0) return null;
  return { metricId: colId.slice(0, at), kind: colId.slice(at + 1) as GridColumnKind };
}

export const isMeasure = (kind: GridColumnKind): kind is Measure => (MEASURES as readonly string[]).includes(kind);

interface ColumnContext {
  t: TFunction;
  english: boolean;
  onToggle: (id: string) => void;
  /** Who left during (or before) the year shown: the day, tagged beside the name. */
  retiredFrom?: ReadonlyMap<string, string>;
  isMarked: (p: CellClassParams<PlanRow>) => boolean;
  /** What the column chooser hides: whole metrics, and column kinds in every metric. */
  hidden?: { metrics: readonly string[]; columns: readonly GridColumnKind[] };
  /** What 同比 compares with (the tooltip says which: same days last year, pro-rated, or the whole year). */
  yoy?: YoyBase;
}

const formatRate = (value: number | null) => (value === null ? '' : `${(value * 100).toFixed(1)}%`);

export function targetsColumns(metrics: MetricDef[], context: ColumnContext): (ColDef<PlanRow> | ColGroupDef<PlanRow>)[] {
  const { t } = context;
  const nameColumn: ColDef<PlanRow> = {
    colId: 'name',
    headerName: t('targets.organisation'),
    // Frozen: the names stay in view however far the metrics scroll.
    pinned: 'left',
    lockPinned: true,
    width: 250,
    lockPosition: 'left',
    suppressMovable: true,
    valueGetter: (p) => (p.node?.rowPinned ? t('targets.total') : p.data?.name),
    cellRenderer: TreeNameCell,
    cellRendererParams: { onToggle: context.onToggle, retiredFrom: context.retiredFrom },
  };
  const hiddenMetrics = context.hidden?.metrics ?? [];
  const hiddenColumns = context.hidden?.columns ?? [];
  const shown = (column: ColDef<PlanRow>) => !hiddenColumns.includes(parseColumnId(column.colId ?? '')!.kind);
  const groups = metrics
    .filter((metric) => !hiddenMetrics.includes(metric.id))
    .map((metric): ColGroupDef<PlanRow> => ({
      groupId: metric.id,
      headerName: withParens(metric.name, metric.unit),
      headerClass: 'pd-group-header',
      marryChildren: true,
      children: [...measureColumns(metric, context), ...derivedColumns(metric, context)].filter(shown),
    }))
    .filter((group) => group.children.length > 0);
  return [nameColumn, ...groups];
}

function valueOf(p: ValueGetterParams<PlanRow>, metric: MetricDef, kind: GridColumnKind) {
  const values = p.data?.values[metric.id];
  if (!values) return null;
  return isMeasure(kind) ? values[kind] : derivedValue(kind, metric, values, p.data?.yoyBase?.[metric.id]);
}

/** Whether the row's 挑战目标 is on the wrong side of its 基本目标 for this metric. */
const inconsistent = (metric: MetricDef, row: PlanRow | undefined) => !!row?.values[metric.id] && targetsInconsistent(row.values[metric.id], metric.direction);

function measureColumns(metric: MetricDef, { t, isMarked }: ColumnContext): ColDef<PlanRow>[] {
  const inconsistentText = t(metric.direction === 'higher' ? 'targets.challengeBelowBasic' : 'targets.challengeAboveBasic');
  return MEASURES.map((measure): ColDef<PlanRow> => {
    const editable = (p: Pick<CellClassParams<PlanRow>, 'node' | 'data'>) => !p.node.rowPinned && !!p.data && isEditableCell(p.data, metric, measure);
    const challenge = measure === 'challenge';
    return {
      colId: columnId(metric.id, measure),
      headerName: t(`measures.${measure}`),
      width: measure === 'actual' ? 96 : 104,
      type: 'rightAligned',
      valueGetter: (p) => valueOf(p, metric, measure),
      valueFormatter: (p: ValueFormatterParams<PlanRow>) =>
        metric.kind === 'ratio' && p.value !== null && p.value !== undefined
          ? `${formatDecimal(p.value as number, metric.precision)}%`
          : formatDecimal((p.value as number | null) ?? null, metric.precision),
      editable,
      cellClassRules: {
        'pd-cell-editable': editable,
        'pd-cell-rollup': (p: CellClassParams<PlanRow>) => !!p.data?.hasChildren || !!p.node.rowPinned,
        'pd-cell-invalid': isMarked,
        ...(challenge ? { 'pd-cell-inconsistent': (p: CellClassParams<PlanRow>) => inconsistent(metric, p.data) } : {}),
      },
      // The grid shows these as the cell's title (browser tooltips).
      ...(challenge ? { tooltipValueGetter: (p: { data?: PlanRow }) => (inconsistent(metric, p.data) ? inconsistentText : undefined) } : {}),
    };
  });
}

function derivedColumns(metric: MetricDef, { t, english, yoy }: ColumnContext): ColDef<PlanRow>[] {
  const yoyHint = yoy
    ? t(`targets.yoyBasis.${basisOf(yoy, metric.id)}`, { asOf: yoy.asOf, lastYearDay: yoy.lastYearDay, share: `${(yoy.share * 100).toFixed(1)}%` })
    : undefined;
  // Up is good for a metric where higher is better, bad where lower is.
  const moved = (p: CellClassParams<PlanRow>, sign: 1 | -1) => {
    const v = (p.value as number | null) ?? 0;
    return sign * v > 0 === (metric.direction === 'higher') && p.value !== null && p.value !== 0;
  };
  return DERIVED_COLUMNS.map((kind): ColDef<PlanRow> => {
    const rate = kind === 'yoy' ? null : kind;
    // 未设目标: a leaf without the rate's target says so, and is not coloured as met.
    const missing = (data: PlanRow | undefined) => rate !== null && !!data && rateTargetMissing(rate, data, data.values[metric.id]);
    const band = (p: CellClassParams<PlanRow>) => (rate !== null && p.data ? rateBand(rate, p.data, metric, p.data.values[metric.id]) : null);
    return {
      colId: columnId(metric.id, kind),
      headerName: t(`measures.${kind}`),
      width: kind === 'yoy' && metric.kind === 'ratio' ? 124 : 100,
      ...(kind === 'yoy' && yoyHint ? { headerTooltip: yoyHint, tooltipValueGetter: () => yoyHint } : {}),
      type: 'rightAligned',
      valueGetter: (p) => valueOf(p, metric, kind),
      valueFormatter: (p) => {
        if (missing(p.data)) return t('targets.noTarget');
        const v = (p.value as number | null) ?? null;
        if (kind === 'yoy' && metric.kind === 'ratio') {
          return v === null ? '' : `${v >= 0 ? '+' : ''}${v.toFixed(1)}${english ? 'pp' : t('units.percentagePoints')}`;
        }
        return formatRate(v);
      },
      cellClassRules:
        kind === 'yoy'
          ? { 'pd-yoy-up': (p: CellClassParams<PlanRow>) => moved(p, 1), 'pd-yoy-down': (p: CellClassParams<PlanRow>) => moved(p, -1) }
          : {
              'pd-rate-below': (p: CellClassParams<PlanRow>) => band(p) === 'below-basic',
              'pd-rate-basic': (p: CellClassParams<PlanRow>) => band(p) === 'basic',
              'pd-rate-challenge': (p: CellClassParams<PlanRow>) => band(p) === 'challenge',
              'pd-rate-missing': (p: CellClassParams<PlanRow>) => missing(p.data),
            },
    };
  });
}
