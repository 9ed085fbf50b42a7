/** What a plan call is about: one year, metric and level, and the metric it reads. */
import type { PlanLevel } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import type { MetricDef } from '../../../src-shared/domain/targets';
import type { Database } from '../db/port';
import { readMetric } from '../targets';

export type { PlanLevel };
export type OrgSpreadMethod = 'current' | 'last-year' | 'even';
export type TimeSpreadMethod = 'working-days' | 'even' | 'last-year' | 'current';

export interface Scope {
  year: number;
  metricId: string;
  level: PlanLevel;
}

export const scopeKey = (scope: Scope) => `${scope.year}|${scope.metricId}|${scope.level}`;

export const lockKey = (subjectId: string, periodKey: string) => `${subjectId}|${periodKey}`;

export function metricOf(db: Database, metricId: string): MetricDef {
  const metric = readMetric(db, metricId);
  if (!metric) throw new AppError('NOT_FOUND', `Unknown metric ${metricId}`, { metricId });
  return metric;
}
