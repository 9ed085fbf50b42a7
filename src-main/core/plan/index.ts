/** Plan breakdown (targets and actuals to the day, breakback, locks) and progress tracking. */
import { planChannels } from '../../../src-shared/contract/plan';
import type { BackendFeature } from '../feature';
import { PlanBreakdown1764115200002 } from './migrations/0002-plan-breakdown';
import { getPlanGrid, setPlanLock, setPlanTotal } from './plan-service';
import { getTrackingSummary } from './tracking-service';

export { getPlanGrid, invalidateOrgIndex, setPlanLock, setPlanTotal } from './plan-service';
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
};
