/** Plan figures: the annual grid (年度目标), the breakdown to the day (breakback, locks), tracking, their report. */
import { planChannels } from '../../../src-shared/contract/plan';
import type { BackendFeature } from '../feature';
import { PlanBreakdown1764115200002 } from './migrations/0002-plan-breakdown';
import { AnnualFiguresFromDays1764115200005 } from './migrations/0005-annual-figures-from-days';
import { listAnnualCells, saveAnnualCells } from './annual-targets';
import { setPlanTotal } from './plan-breakback';
import { getPlanGrid } from './plan-grid';
import { setPlanLock } from './plan-locks';
import { previewSplit } from './plan-preview';
import { writePlanSample } from './plan-sample';
import { buildTargetsReport } from './targets-report';
import { exportTemplateChannel, importTargetsTemplate } from './targets-template';
import { getTrackingSummary } from './tracking-service';
import { startPlanYear } from './year-rollover';

export { listAnnualCells, saveAnnualCells } from './annual-targets';
export { exportTargetsTemplate, importTargetsTemplate, TEMPLATE_MARKER } from './targets-template';
export { TEMPLATE_REFUSAL_TEXT } from './targets-template-texts';
export { setPlanTotal, type SetTotalInput } from './plan-breakback';
export { invalidateOrgIndex } from './plan-cache';
export { getPlanGrid } from './plan-grid';
export { locksChangedByRestore, type NamedLock } from './plan-undo-guard';
export { setPlanLock } from './plan-locks';
export { planFiguresOfMetric, planFiguresOfSubject } from './plan-usage';
export { rollupForEdit, type RollupFigure } from './plan-rollup';
export { SAMPLE_METRICS, SAMPLE_ORGANISATION } from './plan-sample';
export type { OrgSpreadMethod, PlanLevel, Scope, TimeSpreadMethod } from './plan-scope';
export { getTrackingSummary } from './tracking-service';
export { spanSum } from './plan-window';

export const planFeature: BackendFeature<typeof planChannels> = {
  name: 'plan',
  handlers: {
    'targets/list-cells': (ws, input) => listAnnualCells(ws, input.year),
    'targets/save-cells': (ws, input) => saveAnnualCells(ws, input.year, input.changes),
    'targets/export-template': (ws, input, host) => exportTemplateChannel(ws, input.year, host.chooseSavePath),
    'targets/import-template': (ws, input) => importTargetsTemplate(ws, input.year, input.base64),
    'plan/get-grid': (ws, input) => getPlanGrid(ws, input, input.grain),
    'plan/set-total': (ws, input) => setPlanTotal(ws, input),
    'plan/preview-split': (ws, input) => previewSplit(ws, input),
    'plan/set-lock': (ws, input) => setPlanLock(ws, input),
    'tracking/get-summary': (ws, input) => getTrackingSummary(ws, input),
    'plan/start-year': (ws, input) => startPlanYear(ws, input),
  },
  migrations: [PlanBreakdown1764115200002, AnnualFiguresFromDays1764115200005],
  // The org, the metrics, a year of targets and its days, written together (see plan-sample.ts).
  sample: writePlanSample,
  reports: { targets: { name: '年度目标完成情况表', build: buildTargetsReport } },
};
