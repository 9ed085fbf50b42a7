import { describe, expect, it } from 'vitest';
import { FEATURES, HANDLERS, MIGRATIONS, REPORTS } from '../../../src-main/core/app';
import { CHANNEL_NAMES, channels, duplicateNames, events, REPORT_IDS } from '../../../src-shared/contract/channels';
import { orgChannels } from '../../../src-shared/contract/org';
import { strategyChannels } from '../../../src-shared/contract/strategy';
import { targetsChannels } from '../../../src-shared/contract/targets';

describe('the contract assembled from the features', () => {
  it('finds a channel name that two features declare', () => {
    expect(duplicateNames([targetsChannels, orgChannels])).toEqual([]);
    expect(duplicateNames([targetsChannels, { 'metrics/list': null }, strategyChannels, { 'customers/save': null }])).toEqual([
      'metrics/list',
      'customers/save',
    ]);
  });

  it('keeps every channel name the app has always served', () => {
    // The local API other tools call: names are kept across restructurings.
    expect([...CHANNEL_NAMES].sort()).toEqual(
      [
        'workspace/get-info',
        'org/list-tree',
        'metrics/list',
        'targets/list-cells',
        'targets/save-cells',
        'targets/export-template',
        'targets/import-template',
        'plan/get-grid',
        'plan/set-total',
        'plan/set-lock',
        'plan/preview-split',
        'plan/start-year',
        'tracking/get-summary',
        'reports/list',
        'reports/preview',
        'reports/export',
        'reports/cancel-export',
        'dictionaries/list',
        'dictionaries/save-entry',
        'dictionaries/delete-entry',
        'customers/list',
        'strategy/get-month',
        'strategy/save-demand-row',
        'strategy/save-habit-row',
        'strategy/start-month',
        'strategy/list-due',
        'customers/save',
        'strategy/get-history',
        'strategy/get-summary',
        'strategy/get-kpis',
        'strategy/import-xlsx',
        'screening/get-year',
        'screening/save-scores',
        'screening/save-criteria',
        'screening/save-indicator',
        'screening/save-threshold',
        'screening/apply-tiers',
        'history/get',
        'history/undo',
        'history/redo',
        'calendar/get-year',
        'calendar/save-arrangement',
        'calendar/clear-arrangement',
        'org/list-history',
        'org/add-unit',
        'org/save-unit',
        'org/move-unit',
        'org/add-person',
        'org/save-person',
        'org/move-person',
        'org/retire',
        'org/reinstate',
        'org/reorder',
        'metrics/save',
        'metrics/delete',
        'holiday/get-season',
        'holiday/save-window',
        'holiday/list-categories',
        'holiday/get-targets',
        'holiday/save-targets',
        'holiday/targets-from-last-year',
        'holiday/get-split',
        'holiday/split',
        'holiday/set-lock',
        'holiday/get-tracking',
        'holiday/save-actuals',
        'holiday/get-stock',
        'holiday/list-stock-warnings',
        'holiday/save-opening-stock',
        'holiday/save-delivery',
        'holiday/delete-delivery',
        'holiday/save-category',
        'holiday/get-roster',
        'holiday/save-duty',
        'holiday/save-store-shifts',
        'holiday/import-stock',
        'holiday/import-roster',
        'holiday/list-inspections',
        'holiday/start-inspection',
        'holiday/save-inspection-items',
        'holiday/list-promotions',
        'holiday/save-promotion',
        'holiday/delete-promotion',
        'holiday/list-service-tasks',
        'holiday/save-service-task',
        'holiday/delete-service-task',
        'holiday/get-staffing',
        'holiday/list-staffing-shortages',
        'holiday/save-staffing',
        'documents/get',
        'documents/create',
        'documents/save',
        'documents/resolve',
        'documents/list-measures',
        'evaluation/get-scheme',
        'evaluation/save-scheme',
        'evaluation/get-sheet',
        'evaluation/save-entries',
      ].sort(),
    );
    expect(Object.keys(events).sort()).toEqual(
      expect.arrayContaining(['metrics/changed', 'org/changed', 'plan/changed', 'reports/export-progressed', 'strategy/changed', 'targets/changed']),
    );
  });

  it('has exactly one handler per channel, from exactly one feature', () => {
    expect(Object.keys(HANDLERS).sort()).toEqual([...CHANNEL_NAMES].sort());
    expect(duplicateNames(FEATURES.map((feature) => feature.handlers))).toEqual([]);
  });

  it('has a builder for every report the contract names', () => {
    expect(Object.keys(REPORTS).sort()).toEqual([...REPORT_IDS].sort());
  });

  it('lists the migrations in the order they shipped, whichever feature owns them', () => {
    expect(MIGRATIONS.map((migration) => migration.name)).toEqual([
      'InitialSchema1764115200001',
      'PlanBreakdown1764115200002',
      'StrategyTables1764115200003',
      'KeyAccountScreening1764115200004',
      'AnnualFiguresFromDays1764115200005',
      'EditLog1764115200006',
      'CalendarArrangement1764115200007',
      'OrgHistory1764115200008',
      'Holiday1764115200009',
      'HolidayOperations1764115200010',
      'WorkPlanDocuments1764115200011',
      'Evaluation1764115200012',
    ]);
  });
});

describe('days and periods in the contract', () => {
  const summary = channels['tracking/get-summary'].input;
  const lock = channels['plan/set-lock'].input;
  const base = { year: 2026, metricId: 'm-revenue', subjectId: 'p-1' };

  it('takes calendar days and periods of the plan years', () => {
    expect(summary.safeParse({ ...base, asOf: '2026-02-28' }).success).toBe(true);
    expect(lock.safeParse({ ...base, level: 'basic', periodKey: '2026-W53', locked: true }).success).toBe(true);
  });

  it('refuses impossible days and periods, and those of years far from the plan years, before any calendar work', () => {
    for (const asOf of ['2026-02-30', '9999-01-01', '1000-06-01']) expect(summary.safeParse({ ...base, asOf }).success).toBe(false);
    for (const periodKey of ['2026-W99', '2026-13', '0001-01', '9999-Q1']) {
      expect(lock.safeParse({ ...base, level: 'basic', periodKey, locked: true }).success).toBe(false);
    }
    // A strategy month of a year far from the plan years (the KPI trend of 0000-01 once answered 500).
    const kpis = channels['strategy/get-kpis'].input;
    for (const yearMonth of ['0000-01', '1000-05', '2101-01']) expect(kpis.safeParse({ yearMonth }).success).toBe(false);
    expect(kpis.safeParse({ yearMonth: '2026-11' }).success).toBe(true);
  });
});
