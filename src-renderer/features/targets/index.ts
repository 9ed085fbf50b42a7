/** 年度目标: the annual targets grid and chart, the start page. */
import { metricsQuery, orgTreeQuery, targetCellsQuery, workspaceInfoQuery } from '../../api/hooks';
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
    prefetch: (queryClient) => {
      void queryClient.prefetchQuery(orgTreeQuery());
      void queryClient.prefetchQuery(metricsQuery());
      void queryClient
        .fetchQuery(workspaceInfoQuery())
        .then((info) => queryClient.prefetchQuery(targetCellsQuery(info.planYear)))
        .catch(() => {
          // The page's own hooks show the error.
        });
    },
  }),
  messages: { 'zh-CN': zhCN, en },
  refetchOn: { 'targets/changed': ['targets/list-cells'] },
};
