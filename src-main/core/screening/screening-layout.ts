/**
 * The column layout of the printed 大客户筛选评分表, shared by its report builder
 * (screening-report.ts) and its XLSX import (screening-import.ts): the import expects exactly the
 * headers the export writes. The customer and class columns are the strategy tables' own.
 */
import { INDICATOR_GROUPS, type IndicatorGroup, type ScreeningIndicator, type ScreeningRow } from '../../../src-shared/contract/channels';
import type { NumberFormat, ReportColumn } from '../../../src-shared/reports/report-model';
import { centred, KEYS, NONE, text, type Columns } from '../strategy';

/** Written after the year in the title (2026 年度大客户筛选评分表): the import finds the title by it. */
export const SCREENING_TABLE_NAME = '大客户筛选评分表';

/** The screening's own column keys, beside the strategy tables' KEYS.customer and KEYS.class. */
export const SCREENING_KEYS = {
  total: 'total',
  suggested: 'suggested-tier',
  current: 'current-tier',
  lastYear: 'last-year-tier',
  movement: 'movement',
  score: (indicatorId: string) => `score:${indicatorId}`,
} as const;

const INDICATOR_GROUP_HEADERS: Record<IndicatorGroup, string> = { strength: '实力指标', ability: '能力指标', hard: '硬指标' };
export const MOVEMENT_LABELS: Record<ScreeningRow['movement'], string> = {
  up: '上升',
  down: '下降',
  same: '持平',
  new: '新进',
  dropped: '退出',
  unscored: '未评分',
  none: '',
};
const SCORE: NumberFormat = { kind: 'number', decimals: 1 };

const indicatorHeader = (indicator: ScreeningIndicator) => `${indicator.name}(${indicator.weight})`;

export function screeningColumns(indicators: ScreeningIndicator[]): Columns {
  const groups = INDICATOR_GROUPS.map((group) => ({
    header: INDICATOR_GROUP_HEADERS[group],
    children: indicators
      .filter((i) => i.group === group)
      .map((i): ReportColumn => ({ key: SCREENING_KEYS.score(i.id), header: indicatorHeader(i), format: SCORE, formula: NONE, align: 'right' })),
  }));
  return [
    text(KEYS.customer, '客户单位'),
    centred(KEYS.class, '小类'),
    ...groups.filter((g) => g.children.length > 0),
    { key: SCREENING_KEYS.total, header: '合计得分', format: SCORE, formula: NONE, align: 'right' },
    centred(SCREENING_KEYS.suggested, '建议等级'),
    centred(SCREENING_KEYS.current, '现等级'),
    centred(SCREENING_KEYS.lastYear, '上年等级'),
    centred(SCREENING_KEYS.movement, '变动'),
  ];
}
