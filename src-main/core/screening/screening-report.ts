/**
 * The printed 大客户筛选评分表: one year's scores, totals and tiers, A4 landscape like the strategy
 * tables it sits beside (their page, context, scope and class order come from strategy's index).
 */
import { localYearMonth } from '../../../src-shared/domain/strategy';
import type { ReportDescription, ReportRow } from '../../../src-shared/reports/report-model';
import type { ReportOptions } from '../feature';
import { classOrder, detail, KEYS, loadReportContext, PAGE, tableScope } from '../strategy';
import type { Workspace } from '../workspace';
import { MOVEMENT_LABELS, SCREENING_KEYS, SCREENING_TABLE_NAME, screeningColumns } from './screening-layout';
import { getScreeningYear } from './screening-service';

export async function buildScreeningReport(ws: Workspace, options: ReportOptions): Promise<ReportDescription> {
  const ctx = await loadReportContext(ws);
  const year = options.year ?? Number(localYearMonth(ws.ctx.clock()).slice(0, 4));
  const scope = tableScope(ctx, options.scopeId);
  const screening = await getScreeningYear(ws, year);
  const tierName = (id: string | null) => (id ? (ctx.byId.get(id)?.name ?? '') : '');
  const inScope = screening.rows.filter((r) => options.scopeId === undefined || r.managerId === options.scopeId);
  const rows = [...inScope].sort(classOrder(ctx)).map((r): ReportRow => {
    const cells: ReportRow['cells'] = {
      [KEYS.customer]: r.name,
      [KEYS.class]: ctx.byId.get(r.classId)?.name ?? '',
      [SCREENING_KEYS.total]: r.total,
      [SCREENING_KEYS.suggested]: tierName(r.suggestedTierId),
      [SCREENING_KEYS.current]: tierName(r.currentTierId),
      [SCREENING_KEYS.lastYear]: tierName(r.lastYearTierId),
      [SCREENING_KEYS.movement]: MOVEMENT_LABELS[r.movement],
    };
    for (const indicator of screening.indicators) cells[SCREENING_KEYS.score(indicator.id)] = r.scores[indicator.id] ?? null;
    return detail(r.customerId, cells);
  });
  const thresholds = screening.tiers.map((t) => `${t.name} ≥ ${t.minScore}`).join('，');
  return {
    title: `${year} 年度${SCREENING_TABLE_NAME}`,
    period: [`${year} 年度`, scope.label].filter(Boolean).join('\u3000'),
    organisation: ctx.organisation,
    date: ctx.today,
    page: PAGE,
    sections: [
      {
        kind: 'table',
        columns: screeningColumns(screening.indicators),
        rows,
        frozenColumns: 1,
        note: `注：各指标按 0–100 分评分，括号内为权重；合计得分为加权平均。建议等级按合计得分：${thresholds}。`,
      },
    ],
    signOff: [{ label: '评分人' }, { label: '审核人' }, { label: '日期' }],
    fileName: `${ctx.organisation}-${year}年度大客户筛选评分表${scope.fileTag}`,
  };
}
