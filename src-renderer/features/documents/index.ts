/** 工作计划: a unit's written plan of the year with live numbers (WorkPlanPage). */
import { definePage, type Feature } from '../../shell/feature';
import { en, zhCN } from './messages';

export const documentsFeature: Feature = {
  name: 'documents',
  page: definePage({
    key: 'documents',
    navLabel: 'nav.documents',
    order: 70,
    load: () => import('./WorkPlanPage').then((m) => m.WorkPlanPage),
  }),
  messages: { 'zh-CN': zhCN, en },
  // A live number shows the plan as it is: every write to a figure, the organisation or the calendar refetches them.
  refetchOn: {
    'documents/changed': ['documents/get', 'documents/list-measures', 'reports/preview'],
    'metrics/changed': ['documents/resolve'],
    'targets/changed': ['documents/resolve'],
    'plan/changed': ['documents/resolve'],
    'org/changed': ['documents/resolve', 'documents/get', 'documents/list-measures'],
    'calendar/changed': ['documents/resolve'],
    // 两节期间's numbers follow the window 两节供应计划 sets.
    'holiday/changed': ['documents/resolve'],
  },
};
