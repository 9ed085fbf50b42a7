/**
 * Every feature of the app, once. The sidebar and routes, the texts and the refetch-on-event
 * table are built from this list (shell/registry.ts): adding a page is a folder under features/
 * with an index.ts (see shell/feature.ts) and one line here.
 */
import type { Feature } from '../shell/feature';
import { breakdownFeature } from './breakdown';
import { documentsFeature } from './documents';
import { evaluationFeature } from './evaluation';
import { holidayFeature } from './holiday';
import { orgFeature } from './org';
import { reportsFeature } from './reports';
import { strategyFeature } from './strategy';
import { targetsFeature } from './targets';
import { trackingFeature } from './tracking';

export const FEATURES: readonly Feature[] = [
  targetsFeature,
  breakdownFeature,
  trackingFeature,
  reportsFeature,
  strategyFeature,
  orgFeature,
  holidayFeature,
  documentsFeature,
  evaluationFeature,
];
