/** 年度目标: the annual targets grid and chart, the start page. */
import { planYearOf } from '../../api/plan-year-store';
import { definePage, type Feature } from '../../shell/feature';
import { en, zhCN } from './messages';

export const targetsFeature: Feature = {
  name: 'targets',
  page: definePage({
    key: 'targets',
    navLabel: 'nav.targets',
    order: 10,
    load: () => import('./TargetsPage').then((m) => m.TargetsPage),
    // The grid waits for all four; the cells need the plan year from the workspace info.
    firstRequests: async (request) => {
      // A failure is the hooks' to show when they ask (the answer waits for them either way).
      request('metrics/list', {}).catch(() => {});
      const info = await request('workspace/get-info', {});
      const year = planYearOf(info);
      // The organisation of the year shown, as the page asks for it.
      request('org/list-tree', { year }).catch(() => {});
      await request('targets/list-cells', { year });
    },
  }),
  messages: { 'zh-CN': zhCN, en },
  refetchOn: { 'targets/changed': ['targets/list-cells'] },
};
