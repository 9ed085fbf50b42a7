/**
 * The renderer's registries, assembled from features/index.ts: pages and routes, texts in both
 * languages, and the refetch-on-event table (which must stay what the app refetched before the
 * features each declared their own rules).
 */
import { describe, expect, it } from 'vitest';
import { FEATURES } from '../../../src-renderer/features';
import { allMessages } from '../../../src-renderer/i18n';
import { en } from '../../../src-renderer/i18n/en';
import { zhCN } from '../../../src-renderer/i18n/zh-CN';
import { pageFromHash, PAGES, REFETCH_TABLE } from '../../../src-renderer/shell/registry';

/** Every key path of a message tree, sorted: the shape both languages must share. */
function keyPaths(tree: object, prefix = ''): string[] {
  return Object.entries(tree)
    .flatMap(([key, value]) => (value && typeof value === 'object' ? keyPaths(value as object, `${prefix}${key}.`) : [`${prefix}${key}`]))
    .sort();
}

describe('renderer registry', () => {
  it('lists the pages in sidebar order, each key once, the start page first', () => {
    expect(PAGES.map((p) => p.key)).toEqual(['targets', 'breakdown', 'tracking', 'reports', 'strategy', 'org', 'holiday', 'documents', 'evaluation']);
    expect(PAGES.filter((p) => p.comingSoon).map((p) => p.key)).toEqual([]);
  });

  it('routes by the hash, ignoring a query after the page name; anything else opens the start page', () => {
    expect(pageFromHash('#/reports?report=strategy-demand&month=2026-11').key).toBe('reports');
    expect(pageFromHash('#/strategy').key).toBe('strategy');
    expect(pageFromHash('').key).toBe('targets');
    expect(pageFromHash('#/nowhere').key).toBe('targets');
  });

  it('has every text in both languages, with the same keys, and no key owned twice', () => {
    expect(keyPaths(en)).toEqual(keyPaths(zhCN));
    for (const feature of FEATURES) expect(keyPaths(feature.messages.en)).toEqual(keyPaths(feature.messages['zh-CN']));
    const zh = allMessages('zh-CN', zhCN);
    expect(keyPaths(allMessages('en', en))).toEqual(keyPaths(zh));
    expect(Object.keys(zh).sort()).toEqual(
      [
        'app',
        'breakdown',
        'documents',
        'errors',
        'evaluation',
        'header',
        'history',
        'holiday',
        'holidayOps',
        'imports',
        'levels',
        'measures',
        'nav',
        'newYear',
        'orgPage',
        'periodKinds',
        'reports',
        'roles',
        'strategy',
        'strategyViews',
        'targets',
        'tracking',
        'tree',
        'units',
      ].sort(),
    );
  });

  it('refetches on each backend event exactly the queries it should', () => {
    const table = Object.fromEntries([...REFETCH_TABLE].map(([event, prefixes]) => [event, [...prefixes].sort()]));
    expect(table).toEqual({
      // A document's live numbers follow every figure (features/documents/index.ts).
      // 绩效考核's first two items are the plan's (features/evaluation/index.ts).
      'targets/changed': [
        'documents/resolve',
        'evaluation/get-sheet',
        'plan/get-grid',
        'reports/preview',
        'targets/list-cells',
        'tracking/get-summary',
        'workspace/get-info',
      ],
      'plan/changed': ['documents/resolve', 'evaluation/get-sheet', 'plan/get-grid', 'reports/preview', 'tracking/get-summary'],
      'evaluation/changed': ['evaluation/get-scheme', 'evaluation/get-sheet', 'reports/preview'],
      'documents/changed': ['documents/get', 'documents/list-measures', 'reports/preview'],
      // Each column's working days, 序时进度 and the notice follow the calendar.
      'calendar/changed': ['calendar/get-year', 'documents/resolve', 'holiday/get-split', 'holiday/get-tracking', 'plan/get-grid', 'tracking/get-summary'],
      // The organisation and the metrics are shown by every grid (features/org/index.ts).
      // Stores are units (features/holiday/index.ts).
      'org/changed': [
        'documents/get',
        'documents/list-measures',
        'documents/resolve',
        'evaluation/get-sheet',
        'holiday/get-roster',
        'holiday/get-split',
        'holiday/get-staffing',
        'holiday/get-stock',
        'holiday/get-targets',
        'holiday/get-tracking',
        'holiday/list-promotions',
        'holiday/list-service-tasks',
        'holiday/list-staffing-shortages',
        'holiday/list-stock-warnings',
        'org/list-history',
        'org/list-tree',
        'plan/get-grid',
        'reports/preview',
        'targets/list-cells',
        'tracking/get-summary',
      ],
      // 两节期间's live numbers follow the window (features/documents/index.ts).
      'holiday/changed': [
        'documents/resolve',
        'holiday/get-roster',
        'holiday/get-season',
        'holiday/get-split',
        'holiday/get-staffing',
        'holiday/get-stock',
        'holiday/get-targets',
        'holiday/get-tracking',
        'holiday/list-categories',
        'holiday/list-inspections',
        'holiday/list-promotions',
        'holiday/list-service-tasks',
        'holiday/list-staffing-shortages',
        'holiday/list-stock-warnings',
      ],
      'metrics/changed': [
        'documents/resolve',
        'evaluation/get-scheme',
        'evaluation/get-sheet',
        'metrics/list',
        'org/list-history',
        'org/list-tree',
        'plan/get-grid',
        'reports/preview',
        'targets/list-cells',
        'tracking/get-summary',
      ],
      'strategy/changed': [
        'customers/list',
        'dictionaries/list',
        'reports/preview',
        'screening/get-year',
        'strategy/get-history',
        'strategy/get-kpis',
        'strategy/get-month',
        'strategy/get-summary',
        'strategy/list-due',
      ],
    });
  });
});
