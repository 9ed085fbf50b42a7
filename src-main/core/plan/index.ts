/** Plan breakdown (targets and actuals to the day, breakback, locks) and progress tracking. */
import { planChannels } from '../../../src-shared/contract/plan';
import type { BackendFeature } from '../feature';
import { PlanBreakdown1764115200002 } from './migrations/0002-plan-breakdown';
import { setPlanTotal } from './plan-breakback';
import { getPlanGrid } from './plan-grid';
import { setPlanLock } from './plan-locks';
import { writePlanSample } from './plan-sample';
import { getTrackingSummary } from './tracking-service';

export { setPlanTotal, type SetTotalInput } from './plan-breakback';
export { invalidateOrgIndex } from './plan-cache';
export { getPlanGrid } from './plan-grid';
export { setPlanLock } from './plan-locks';
export { rollupForEdit, type RollupFigure } from './plan-rollup';
export { SAMPLE_METRICS, SAMPLE_ORGANISATION } from './plan-sample';
export type { OrgSpreadMethod, PlanLevel, Scope, TimeSpreadMethod } from './plan-scope';
export { getTrackingSummary } from './tracking-service';

export const planFeature: BackendFeature<typeof planChannels> = {
  name: 'plan',
  handlers: {
    'plan/get-grid': (ws, input) => getPlanGrid(ws, input, input.grain),
    'plan/set-total': (ws, input) => setPlanTotal(ws, input),
    'plan/set-lock': (ws, input) => setPlanLock(ws, input),
    'tracking/get-summary': (ws, input) => getTrackingSummary(ws, input),
  },
  migrations: [PlanBreakdown1764115200002],
  // The org, the metrics, a year of targets and its days, written together (see plan-sample.ts).
  sample: writePlanSample,
};
