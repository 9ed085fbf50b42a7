/** 大客户筛选's column ids, tier colours and row filters, shared by its grid and toolbar. */
import type { ScreeningCriterion, ScreeningIndicator, ScreeningRow } from '../../../src-shared/contract/channels';

const SCORE_PREFIX = 'score:';
export const CRITERION_PREFIX = 'criterion:';
export const scoreColId = (indicatorId: string) => `${SCORE_PREFIX}${indicatorId}`;
export const indicatorOf = (colId: string) => (colId.startsWith(SCORE_PREFIX) ? colId.slice(SCORE_PREFIX.length) : null);
export const criterionOf = (colId: string) => (colId.startsWith(CRITERION_PREFIX) ? (colId.slice(CRITERION_PREFIX.length) as ScreeningCriterion) : null);

/** Tier colours by rank (best first), so renamed tiers keep their look. */
export const TIER_COLORS = ['purple', 'gold', 'cyan', 'orange', 'default'];
export const MOVEMENT_COLORS: Record<ScreeningRow['movement'], string> = {
  up: 'green',
  down: 'red',
  same: 'default',
  new: 'blue',
  dropped: 'orange',
  unscored: 'default',
  none: '',
};

export type RowFilter = 'all' | 'pending' | 'up' | 'down' | 'new' | 'dropped' | 'unscored';

/** Tier rank (0 = best) and name by tier id. */
export type TierInfo = Map<string, { name: string; rank: number }>;

/** A score typed, pasted or cleared: `text` null clears it. */
export interface ScoreEdit {
  row: ScreeningRow;
  /** Position in the displayed rows, for messages ("第 N 行"). */
  rowIndex: number;
  indicator: ScreeningIndicator;
  text: string | null;
}

/** Scored, and the suggested tier is not the tier the customer has. */
export const isPending = (row: ScreeningRow) => row.total !== null && row.suggestedTierId !== row.currentTierId;

export function passesRowFilter(row: ScreeningRow, filter: RowFilter): boolean {
  switch (filter) {
    case 'pending':
      return isPending(row);
    case 'unscored':
      return row.total === null;
    case 'all':
      return true;
    default:
      return row.movement === filter;
  }
}
