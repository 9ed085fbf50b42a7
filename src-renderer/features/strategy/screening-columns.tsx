/**
 * 大客户筛选's columns: customer and class, the four criteria as tick boxes, a score per indicator
 * in its group (the only editable cells), the group totals, then the outcome pinned right: total,
 * suggested, current and last year's tier, and the movement.
 */
import type { CellClassParams, ColDef, ColGroupDef, ICellRendererParams } from 'ag-grid-community';
import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import {
  INDICATOR_GROUPS,
  SCREENING_CRITERIA,
  type IndicatorGroup,
  type ScreeningCriterion,
  type ScreeningRow,
  type ScreeningYear,
} from '../../../src-shared/contract/channels';
import { CRITERION_PREFIX, isPending, MOVEMENT_COLORS, scoreColId, TIER_COLORS, type TierInfo } from './screening-model';

type Column = ColDef<ScreeningRow> | ColGroupDef<ScreeningRow>;

interface ColumnContext {
  t: TFunction;
  english: boolean;
  classNames: Map<string, string>;
  tierInfo: TierInfo;
  isMarked: (p: CellClassParams<ScreeningRow>) => boolean;
  onToggleCriterion: (row: ScreeningRow, criterion: ScreeningCriterion) => void;
}

const oneDecimal = (value: number | null | undefined) => (value === null || value === undefined ? '' : value.toFixed(1));

export function screeningColumns(data: ScreeningYear, context: ColumnContext): Column[] {
  const { t, classNames } = context;
  return [
    {
      colId: 'name',
      headerName: t('strategyViews.screening.customer'),
      pinned: 'left',
      width: 176,
      lockPosition: 'left',
      suppressMovable: true,
      valueGetter: (p) => p.data?.name,
      tooltipValueGetter: (p) => p.data?.name,
    },
    { colId: 'class', headerName: t('strategyViews.screening.class'), width: 72, valueGetter: (p) => (p.data ? (classNames.get(p.data.classId) ?? '') : '') },
    criteriaGroup(context),
    ...scoreGroups(data, context),
    totalsGroup(context),
    tiersGroup(context),
  ];
}

function criteriaGroup({ t, english, onToggleCriterion }: ColumnContext): ColGroupDef<ScreeningRow> {
  return {
    groupId: 'criteria',
    headerName: t('strategyViews.screening.criteria'),
    headerClass: 'pd-group-header',
    marryChildren: true,
    children: SCREENING_CRITERIA.map((criterion): ColDef<ScreeningRow> => ({
      colId: `${CRITERION_PREFIX}${criterion}`,
      headerName: t(`strategyViews.screening.criterion.${criterion}`),
      width: english ? 108 : 70,
      cellStyle: { textAlign: 'center' },
      valueGetter: (p) => !!p.data?.criteria.includes(criterion),
      cellRenderer: (p: ICellRendererParams<ScreeningRow, boolean>) =>
        p.data ? (
          <input
            type="checkbox"
            checked={!!p.value}
            aria-label={`${p.data.name} ${t(`strategyViews.screening.criterion.${criterion}`)}`}
            onChange={() => onToggleCriterion(p.data!, criterion)}
            style={{ cursor: 'pointer', width: 15, height: 15, verticalAlign: 'middle' }}
          />
        ) : null,
    })),
  };
}

function scoreGroups(data: ScreeningYear, { t, isMarked }: ColumnContext): ColGroupDef<ScreeningRow>[] {
  const indicatorsOf = (group: IndicatorGroup) => data.indicators.filter((i) => i.group === group).sort((a, b) => a.sortOrder - b.sortOrder);
  const weightOf = (group: IndicatorGroup) => indicatorsOf(group).reduce((sum, i) => sum + i.weight, 0);
  return INDICATOR_GROUPS.map((group): ColGroupDef<ScreeningRow> => ({
    groupId: group,
    headerName: t('strategyViews.screening.groupHeader', { name: t(`strategyViews.screening.groups.${group}`), weight: weightOf(group) }),
    headerClass: 'pd-group-header',
    marryChildren: true,
    children: indicatorsOf(group).map((indicator): ColDef<ScreeningRow> => ({
      colId: scoreColId(indicator.id),
      headerName: t('strategyViews.screening.indicatorHeader', { name: indicator.name, weight: indicator.weight }),
      headerTooltip: t('strategyViews.screening.indicatorTooltip', { name: indicator.name, weight: indicator.weight }),
      width: 88,
      type: 'rightAligned',
      wrapHeaderText: true,
      autoHeaderHeight: true,
      cellDataType: false,
      cellEditor: 'agTextCellEditor',
      editable: true,
      valueGetter: (p) => p.data?.scores[indicator.id] ?? null,
      valueFormatter: (p) => (p.value === null || p.value === undefined ? '' : String(p.value)),
      cellClassRules: { 'pd-cell-editable': () => true, 'pd-cell-invalid': isMarked },
    })),
  }));
}

function totalsGroup({ t }: ColumnContext): ColGroupDef<ScreeningRow> {
  return {
    groupId: 'totals',
    headerName: t('strategyViews.screening.scoreTotals'),
    headerClass: 'pd-group-header',
    marryChildren: true,
    children: INDICATOR_GROUPS.map((group): ColDef<ScreeningRow> => ({
      colId: `group:${group}`,
      headerName: t(`strategyViews.screening.groupsShort.${group}`),
      width: 72,
      type: 'rightAligned',
      valueGetter: (p) => p.data?.groupTotals[group] ?? null,
      valueFormatter: (p) => oneDecimal(p.value as number | null),
      cellStyle: { background: '#fafbfc' },
    })),
  };
}

function tiersGroup({ t, english, tierInfo }: ColumnContext): ColGroupDef<ScreeningRow> {
  const tierWidth = english ? 92 : 80;
  const tierCell = (p: ICellRendererParams<ScreeningRow, string | null>): ReactNode => {
    if (!p.value) return <span style={{ color: '#bfbfbf' }}>—</span>;
    const info = tierInfo.get(p.value);
    return (
      <Tag color={TIER_COLORS[Math.min(info?.rank ?? 4, 4)]} style={{ marginInlineEnd: 0 }}>
        {info?.name ?? '?'}
      </Tag>
    );
  };
  return {
    groupId: 'tiers',
    headerName: t('strategyViews.screening.tiers'),
    headerClass: 'pd-group-header',
    marryChildren: true,
    // The outcome stays in view however many indicators scroll by.
    children: [
      {
        colId: 'total',
        headerName: t('strategyViews.screening.total'),
        pinned: 'right',
        width: 68,
        type: 'rightAligned',
        valueGetter: (p) => p.data?.total ?? null,
        valueFormatter: (p) => oneDecimal(p.value as number | null),
        cellStyle: { fontWeight: 600 },
        tooltipValueGetter: (p) =>
          p.data?.lastYearTotal === null || p.data?.lastYearTotal === undefined
            ? null
            : t('strategyViews.screening.lastYearTotal', { total: p.data.lastYearTotal.toFixed(1) }),
      },
      {
        colId: 'suggested',
        headerName: t('strategyViews.screening.suggestedTier'),
        pinned: 'right',
        width: tierWidth,
        valueGetter: (p) => p.data?.suggestedTierId ?? null,
        cellRenderer: tierCell,
      },
      {
        colId: 'current',
        headerName: t('strategyViews.screening.currentTier'),
        pinned: 'right',
        width: tierWidth,
        valueGetter: (p) => p.data?.currentTierId ?? null,
        cellRenderer: tierCell,
        cellStyle: (p) => (p.data && isPending(p.data) ? { background: '#fffbe6' } : null),
        tooltipValueGetter: (p) => (p.data && isPending(p.data) ? t('strategyViews.screening.pendingTip') : null),
      },
      {
        colId: 'lastYear',
        headerName: t('strategyViews.screening.lastYearTier'),
        pinned: 'right',
        width: tierWidth,
        valueGetter: (p) => p.data?.lastYearTierId ?? null,
        cellRenderer: tierCell,
      },
      {
        colId: 'movement',
        headerName: t('strategyViews.screening.movement'),
        pinned: 'right',
        width: english ? 84 : 68,
        valueGetter: (p) => p.data?.movement ?? 'none',
        cellRenderer: (p: ICellRendererParams<ScreeningRow, ScreeningRow['movement']>) =>
          p.value && p.value !== 'none' ? (
            <Tag color={MOVEMENT_COLORS[p.value] || undefined} style={{ marginInlineEnd: 0 }} data-testid={`movement-${p.value}`}>
              {t(`strategyViews.screening.movements.${p.value}`)}
            </Tag>
          ) : null,
      },
    ],
  };
}
