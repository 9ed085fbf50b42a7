/** 两节供应计划: not built yet; its page says what is coming. */
import { definePage, type Feature } from '../../shell/feature';
import { en, zhCN } from './messages';

export const holidayFeature: Feature = {
  name: 'holiday',
  page: definePage({
    key: 'holiday',
    navLabel: 'nav.holiday',
    order: 60,
    comingSoon: true,
    load: () => import('./HolidayPage').then((m) => m.HolidayPage),
  }),
  messages: { 'zh-CN': zhCN, en },
};
