/** 组织与指标: maintain the organisation (dated moves, adds, retirements) and the metrics. */
import { definePage, type Feature } from '../../shell/feature';
import { en, zhCN } from './messages';

// The organisation and the metrics are shown by every grid: their changes refetch every query
// built on them, whichever feature's.
const ORG_SHAPED = ['org/list-history', 'org/list-tree', 'targets/list-cells', 'plan/get-grid', 'tracking/get-summary', 'reports/preview'] as const;

export const orgFeature: Feature = {
  name: 'org',
  page: definePage({
    key: 'org',
    navLabel: 'orgPage.nav',
    order: 55,
    load: () => import('./OrgPage').then((m) => m.OrgPage),
  }),
  messages: { 'zh-CN': zhCN, en },
  refetchOn: { 'org/changed': ORG_SHAPED, 'metrics/changed': ['metrics/list', ...ORG_SHAPED] },
};
