/** 进度跟踪: actual to date against both targets, time progress, ranking and the daily heat map. */
import { definePage, type Feature } from '../../shell/feature';
import { en, zhCN } from './messages';

export const trackingFeature: Feature = {
  name: 'tracking',
  page: definePage({
    key: 'tracking',
    navLabel: 'nav.tracking',
    order: 30,
    load: () => import('./TrackingPage').then((m) => m.TrackingPage),
  }),
  messages: { 'zh-CN': zhCN, en },
  refetchOn: {
    'targets/changed': ['tracking/get-summary'],
    'plan/changed': ['tracking/get-summary'],
    // 序时进度 and the remaining working days follow the calendar.
    'calendar/changed': ['calendar/get-year', 'tracking/get-summary'],
  },
};
