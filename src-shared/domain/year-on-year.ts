/**
 * 同比增长 like for like: this year's actual to date against the same period of last year. The one
 * rule every view uses (年度目标's grid, the targets report; buildPlanRows computes each row's base).
 *
 * Which figure of last year a row is compared with (the basis, per metric):
 * - 'same-days': last year's daily actuals exist for the metric (a year started by 新建年度计划
 *   keeps them): the sum of last year's actuals up to the same day (asOf one year back; 02-29 →
 *   02-28), per person and, as for 上年实际, per unit in last year's organisation.
 * - 'pro-rata': only last year's annual 上年实际 is known (typed or imported, no days): it is
 *   scaled by the share of this year's working days elapsed up to asOf (序时进度), which is how
 *   planners read "to date" against an annual figure. Chosen over calendar days because every
 *   target and the tracking page's 序时进度 count working days.
 * - 'full-year': the year is over (asOf is its last day): the whole of last year.
 */
import { buildOrgTree, type TreeNode } from './org-tree';

export const YOY_BASES = ['same-days', 'pro-rata', 'full-year'] as const;
export type YoyBasis = (typeof YOY_BASES)[number];

/** What the backend answers with the annual cells to compare like with like. */
export interface YoyBase {
  /** The last day of this year's actuals counted (today, or the year's last day). */
  asOf: string;
  /** The same day last year. */
  lastYearDay: string;
  /** Working days elapsed up to asOf over the year's working days (0..1). */
  share: number;
  /** Per metric id; a metric not listed is compared 'pro-rata' (or 'full-year' when the year is over). */
  basis: Record<string, YoyBasis>;
  /** 'same-days' metrics: last year's actual up to lastYearDay per subject (scaled), units included. */
  cells: Array<{ metricId: string; subjectId: string; value: number }>;
}

/** The same day one year back (02-29 → 02-28). */
export function sameDayLastYear(day: string): string {
  const year = Number(day.slice(0, 4)) - 1;
  const monthDay = day.slice(5) === '02-29' ? '02-28' : day.slice(5);
  return `${year}-${monthDay}`;
}

export function basisOf(base: YoyBase, metricId: string): YoyBasis {
  return base.share >= 1 ? 'full-year' : (base.basis[metricId] ?? 'pro-rata');
}

/**
 * Last year's figure to compare this year's actual to date with, in the unit of `lastYearActual`:
 * `sameDays` is the row's rolled-up same-period figure (null: none stored).
 */
export function comparableLastYear(basis: YoyBasis, lastYearActual: number | null, sameDays: number | null, share: number): number | null {
  switch (basis) {
    case 'full-year':
      return lastYearActual;
    case 'same-days':
      return sameDays;
    case 'pro-rata':
      return lastYearActual === null ? null : lastYearActual * share;
  }
}

/**
 * The same-period figures rolled up the tree: a subject's own stored figure where it has one (a
 * unit's, written as last year's organisation summed it), else the sum of its children's; null
 * where nothing under it has one. Scaled integers, per metric id then subject id.
 */
export function rollUpSameDays(nodes: readonly TreeNode[], cells: YoyBase['cells']): Map<string, Map<string, number>> {
  const tree = buildOrgTree(nodes);
  const own = new Map<string, Map<string, number>>();
  for (const cell of cells) {
    let bySubject = own.get(cell.metricId);
    if (!bySubject) own.set(cell.metricId, (bySubject = new Map()));
    bySubject.set(cell.subjectId, cell.value);
  }
  const out = new Map<string, Map<string, number>>();
  for (const [metricId, stored] of own) {
    const sums = new Map<string, number>();
    const visit = (id: string): number | null => {
      let sum: number | null = null;
      for (const child of tree.children.get(id) ?? []) {
        const v = visit(child);
        if (v !== null) sum = (sum ?? 0) + v;
      }
      const value = stored.get(id) ?? sum;
      if (value !== null) sums.set(id, value);
      return value;
    };
    for (const root of tree.roots) visit(root);
    out.set(metricId, sums);
  }
  return out;
}
