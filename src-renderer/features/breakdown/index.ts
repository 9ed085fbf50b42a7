/** 目标分解: targets split down the org tree and down to days; actuals per person and day. */
import { lazy } from 'react';
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
  // The plan grid shows the annual targets too, and each column's working days.
  refetchOn: { 'targets/changed': ['plan/get-grid'], 'plan/changed': ['plan/get-grid'], 'calendar/changed': ['calendar/get-year', 'plan/get-grid'] },
};

/**
 * The calendar notice (provisional or entered holidays, with 录入放假安排) for the other views that
 * count working days (进度跟踪's 序时进度); its code loads with the first page that shows it.
 */
export const CalendarNotice = lazy(() => import('./CalendarNotice').then((m) => ({ default: m.CalendarNotice })));
