/** 报表打印: the print preview of every report, PDF and Excel export. */
import { definePage, type Feature } from '../../shell/feature';
import { en, zhCN } from './messages';

export const reportsFeature: Feature = {
  name: 'reports',
  page: definePage({
    key: 'reports',
    navLabel: 'nav.reports',
    order: 40,
    load: () => import('./ReportsPage').then((m) => m.ReportsPage),
  }),
  messages: { 'zh-CN': zhCN, en },
  // Reports print live figures of every feature: the next preview is rebuilt.
  refetchOn: { 'targets/changed': ['reports/preview'], 'plan/changed': ['reports/preview'], 'strategy/changed': ['reports/preview'] },
};
