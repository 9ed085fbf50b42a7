/**
 * Annual targets: the four stored measures per metric and subject, the derived rates, and the
 * roll-up of leaf cells up the organisation tree. Used by the renderer for the grid and by core
 * report builders, so both show the same figures.
 */
import { scaledToNumber } from './decimal';
import { buildOrgTree, type TreeNode } from './org-tree';
import { basisOf, comparableLastYear, rollUpSameDays, type YoyBase } from './year-on-year';

// The tree's nodes were declared here first; the renderer and reports still import them from here.
export { orgTreeNodes, type TreeNode } from './org-tree';

export const MEASURES = ['lastYearActual', 'basic', 'challenge', 'actual'] as const;
export type Measure = (typeof MEASURES)[number];

export const DERIVED_COLUMNS = ['basicRate', 'challengeRate', 'yoy'] as const;
export type DerivedColumn = (typeof DERIVED_COLUMNS)[number];

export type MetricKind = 'additive' | 'ratio';
export type MetricDirection = 'higher' | 'lower';

export interface MetricDef {
  id: string;
  code: string;
  name: string;
  unit: string;
  precision: number;
  kind: MetricKind;
  direction: MetricDirection;
  allowNegative: boolean;
  /** For ratio metrics: value = numerator / denominator × 100, recomputed at every level. */
  numeratorId: string | null;
  denominatorId: string | null;
  sortOrder: number;
}

export interface TargetCell {
  metricId: string;
  subjectId: string;
  measure: Measure;
  /** Scaled integer at the metric's precision. */
  value: number;
}

export type MeasureValues = Record<Measure, number | null>;

export interface PlanRow {
  id: string;
  parentId: string | null;
  kind: 'unit' | 'person';
  name: string;
  label: string;
  depth: number;
  hasChildren: boolean;
  /** Per metric id: values in display units (万元, 户, %), roll-ups for parent rows. */
  values: Record<string, MeasureValues>;
  /**
   * Per metric id: last year's figure 同比 compares this year's actual to date with (display units;
   * year-on-year.ts), when buildPlanRows was given the base. Absent: 同比 is against 上年实际.
   */
  yoyBase?: Record<string, number | null>;
}

const emptyValues = (): MeasureValues => ({ lastYearActual: null, basic: null, challenge: null, actual: null });

export function cellKey(metricId: string, subjectId: string, measure: Measure): string {
  return `${metricId}|${subjectId}|${measure}`;
}

export function ratioValue(numerator: number | null, denominator: number | null): number | null {
  if (numerator === null || denominator === null || denominator === 0) return null;
  return (numerator / denominator) * 100;
}

/**
 * Builds the grid rows in tree (depth-first) order with roll-ups. Additive metrics sum scaled
 * integers (exact); ratio metrics are recomputed from their rolled-up parts, never averaged.
 */
export function buildPlanRows(nodes: TreeNode[], metrics: MetricDef[], cells: TargetCell[], yoy?: YoyBase): PlanRow[] {
  const tree = buildOrgTree(nodes);
  const sameDays = yoy ? rollUpSameDays(nodes, yoy.cells) : null;
  const leafSums = new Map<string, Map<string, MeasureValues>>();
  for (const cell of cells) {
    let byMetric = leafSums.get(cell.subjectId);
    if (!byMetric) leafSums.set(cell.subjectId, (byMetric = new Map()));
    let values = byMetric.get(cell.metricId);
    if (!values) byMetric.set(cell.metricId, (values = emptyValues()));
    values[cell.measure] = cell.value;
  }
  const additive = metrics.filter((m) => m.kind === 'additive');
  const ratios = metrics.filter((m) => m.kind === 'ratio');
  const rows: PlanRow[] = [];

  // Returns scaled sums for additive metrics of the subtree, and appends rows in display order.
  const visit = (node: TreeNode, depth: number): Map<string, MeasureValues> => {
    const row: PlanRow = {
      id: node.id,
      parentId: node.parentId,
      kind: node.kind,
      name: node.name,
      label: node.label,
      depth,
      hasChildren: tree.children.has(node.id),
      values: {},
    };
    rows.push(row);
    let sums: Map<string, MeasureValues>;
    if (!row.hasChildren) {
      sums = leafSums.get(node.id) ?? new Map();
    } else {
      sums = new Map();
      for (const child of tree.children.get(node.id) ?? []) {
        const childSums = visit(tree.nodes.get(child)!, depth + 1);
        for (const metric of additive) {
          const childValues = childSums.get(metric.id);
          if (!childValues) continue;
          let target = sums.get(metric.id);
          if (!target) sums.set(metric.id, (target = emptyValues()));
          for (const measure of MEASURES) {
            const v = childValues[measure];
            if (v !== null) target[measure] = (target[measure] ?? 0) + v;
          }
        }
      }
    }
    for (const metric of additive) {
      const scaled = sums.get(metric.id) ?? emptyValues();
      // A unit's own 上年实际 (written by 新建年度计划: its roll-up in last year's organisation) wins
      // over the sum of the people it has now: last year's figure stays with the unit it belonged to.
      const own = row.hasChildren ? leafSums.get(node.id)?.get(metric.id)?.lastYearActual : undefined;
      if (own !== undefined && own !== null) sums.set(metric.id, { ...scaled, lastYearActual: own });
      const shown = sums.get(metric.id) ?? scaled;
      const display = emptyValues();
      for (const measure of MEASURES) {
        const v = shown[measure];
        display[measure] = v === null ? null : scaledToNumber(v, metric.precision);
      }
      row.values[metric.id] = display;
    }
    for (const metric of ratios) {
      const display = emptyValues();
      if (metric.numeratorId && metric.denominatorId) {
        const num = row.values[metric.numeratorId];
        const den = row.values[metric.denominatorId];
        for (const measure of MEASURES) display[measure] = ratioValue(num?.[measure] ?? null, den?.[measure] ?? null);
      }
      row.values[metric.id] = display;
    }
    if (yoy && sameDays) {
      const base: Record<string, number | null> = {};
      for (const metric of additive) {
        const same = sameDays.get(metric.id)?.get(node.id);
        const sameDisplay = same === undefined ? null : scaledToNumber(same, metric.precision);
        base[metric.id] = comparableLastYear(basisOf(yoy, metric.id), row.values[metric.id].lastYearActual, sameDisplay, yoy.share);
      }
      for (const metric of ratios)
        base[metric.id] = metric.numeratorId && metric.denominatorId ? ratioValue(base[metric.numeratorId] ?? null, base[metric.denominatorId] ?? null) : null;
      row.yoyBase = base;
    }
    return sums;
  };
  for (const root of tree.roots) visit(tree.nodes.get(root)!, 0);
  return rows;
}

/**
 * 完成率: actual against a target; for lower-is-better metrics the target over the actual.
 * Only defined for positive targets: a rate against a zero or negative target (a planned net loss
 * of users) reads backwards, so it is left empty and the attainment colour tells the story.
 */
export function completionRate(actual: number | null, target: number | null, direction: MetricDirection): number | null {
  if (actual === null || target === null || target <= 0) return null;
  if (direction === 'higher') return actual / target;
  return actual <= 0 ? null : target / actual;
}

/**
 * 同比增长: growth against last year's actual. Ratio metrics report the change in percentage
 * points instead, as planners do ("提高 x 个百分点").
 */
export function yearOnYear(actual: number | null, lastYear: number | null, kind: MetricKind): number | null {
  if (actual === null || lastYear === null) return null;
  if (kind === 'ratio') return actual - lastYear;
  return lastYear === 0 ? null : (actual - lastYear) / Math.abs(lastYear);
}

export type Attainment = 'below-basic' | 'basic' | 'challenge';

/**
 * 挑战目标 below 基本目标 (above it for a lower-is-better metric): both figures there and pointing
 * the wrong way. Equal targets are consistent. The grid marks the 挑战目标 cell and counts it.
 */
export function targetsInconsistent(values: Pick<MeasureValues, 'basic' | 'challenge'>, direction: MetricDirection): boolean {
  const { basic, challenge } = values;
  if (basic === null || challenge === null) return false;
  return direction === 'higher' ? challenge < basic : challenge > basic;
}

/**
 * Which band the actual falls in, for the colour of completion cells. 'challenge' takes meeting
 * both targets, and a row whose targets are inconsistent gets at most 'basic': an actual between a
 * challenge set below the basic target and the basic target has not met the plan.
 */
export function attainment(values: MeasureValues, direction: MetricDirection): Attainment | null {
  const { actual, basic, challenge } = values;
  if (actual === null || basic === null) return null;
  const reached = (target: number) => (direction === 'higher' ? actual >= target : actual <= target);
  if (!reached(basic)) return 'below-basic';
  if (challenge !== null && reached(challenge) && !targetsInconsistent(values, direction)) return 'challenge';
  return 'basic';
}

export type RateColumn = 'basicRate' | 'challengeRate';

const RATE_TARGET: Record<RateColumn, 'basic' | 'challenge'> = { basicRate: 'basic', challengeRate: 'challenge' };

/**
 * 未设目标: a leaf (a person, or a unit without children) with no stored target for the rate. Its
 * rate cell says so instead of showing an empty or 0% cell, and it has no band: a missing target
 * is not met. Roll-up rows keep their computed rates.
 */
export function rateTargetMissing(column: RateColumn, row: Pick<PlanRow, 'hasChildren'>, values: MeasureValues | undefined): boolean {
  return !row.hasChildren && (values?.[RATE_TARGET[column]] ?? null) === null;
}

/** The band a completion cell is coloured with: the row's attainment, none where the target is missing. */
export function rateBand(
  column: RateColumn,
  row: Pick<PlanRow, 'hasChildren'>,
  metric: Pick<MetricDef, 'direction'>,
  values: MeasureValues | undefined,
): Attainment | null {
  if (!values || rateTargetMissing(column, row, values)) return null;
  return attainment(values, metric.direction);
}

export interface InconsistentTarget {
  rowId: string;
  metricId: string;
}

/** The rows × metrics whose targets are inconsistent, in row order then metric order. */
export function inconsistentTargets(rows: Pick<PlanRow, 'id' | 'values'>[], metrics: Pick<MetricDef, 'id' | 'direction'>[]): InconsistentTarget[] {
  const out: InconsistentTarget[] = [];
  for (const row of rows) {
    for (const metric of metrics) {
      const values = row.values[metric.id];
      if (values && targetsInconsistent(values, metric.direction)) out.push({ rowId: row.id, metricId: metric.id });
    }
  }
  return out;
}

/**
 * `yoyBase`: the row's like-for-like last-year figure (PlanRow.yoyBase); undefined compares with
 * 上年实际 as it stands.
 */
export function derivedValue(column: DerivedColumn, metric: MetricDef, values: MeasureValues, yoyBase?: number | null): number | null {
  switch (column) {
    case 'basicRate':
      return completionRate(values.actual, values.basic, metric.direction);
    case 'challengeRate':
      return completionRate(values.actual, values.challenge, metric.direction);
    case 'yoy':
      return yearOnYear(values.actual, yoyBase === undefined ? values.lastYearActual : yoyBase, metric.kind);
  }
}

/**
 * Only leaves of additive metrics take typed values, and of those not 实际: the annual actual is the
 * sum of the daily actuals entered in tracking. Everything else is computed.
 */
export function isEditableCell(row: Pick<PlanRow, 'hasChildren'>, metric: Pick<MetricDef, 'kind'>, measure: Measure): boolean {
  return notEditableReason(row, metric, measure) === null;
}

/** Why a cell cannot be typed in (the reason's message key under `errors.`), or null when it can. */
export function notEditableReason(
  row: Pick<PlanRow, 'hasChildren'>,
  metric: Pick<MetricDef, 'kind'>,
  measure: Measure,
): 'not-editable' | 'actual-from-entries' | null {
  if (row.hasChildren || metric.kind !== 'additive') return 'not-editable';
  return measure === 'actual' ? 'actual-from-entries' : null;
}
