/** 目标分解: targets split down the org tree and down to days; actuals per person and day. */
import { definePage, type Feature } from '../../shell/feature';
import { en, zhCN } from './messages';

export const breakdownFeature: Feature = {
  name: 'breakdown',
  page: definePage({
    key: 'breakdown',
    navLabel: 'nav.breakdown',
    order: 20,
    load: () => import('./BreakdownPage').then((m) => m.BreakdownPage),
  }),
  messages: { 'zh-CN': zhCN, en },
  // The plan grid shows the annual targets too.
  refetchOn: { 'targets/changed': ['plan/get-grid'], 'plan/changed': ['plan/get-grid'] },
};
