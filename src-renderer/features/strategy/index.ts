/** 营销策略表: the monthly tables, due list, customers and dictionaries, screening, summary, KPIs. */
import { definePage, type Feature } from '../../shell/feature';
import { en, zhCN } from './messages';

export const strategyFeature: Feature = {
  name: 'strategy',
  page: definePage({
    key: 'strategy',
    navLabel: 'nav.strategy',
    order: 50,
    load: () => import('./StrategyPage').then((m) => m.StrategyPage),
  }),
  messages: { 'zh-CN': zhCN, en },
  // Strategy screens read each other's data (a customer edit changes the tables, the summary
  // and the KPIs), so any strategy write refetches them all.
  refetchOn: {
    'strategy/changed': [
      'dictionaries/list',
      'customers/list',
      'strategy/get-month',
      'strategy/list-due',
      'strategy/get-summary',
      'strategy/get-kpis',
      'strategy/get-history',
      'screening/get-year',
    ],
  },
};
