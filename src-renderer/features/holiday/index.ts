/** 两节供应计划: the season and its plans, one tab each (HolidayPage). */
import { definePage, type Feature } from '../../shell/feature';
import { en, zhCN } from './messages';
import { operationsEn, operationsZhCN } from './messages-operations';

export const holidayFeature: Feature = {
  name: 'holiday',
  page: definePage({
    key: 'holiday',
    navLabel: 'nav.holiday',
    order: 60,
    load: () => import('./HolidayPage').then((m) => m.HolidayPage),
  }),
  messages: { 'zh-CN': { ...zhCN, ...operationsZhCN }, en: { ...en, ...operationsEn } },
  // Stores are units: a change to the organisation may add or remove rows.
  refetchOn: {
    'holiday/changed': [
      'holiday/get-season',
      'holiday/get-targets',
      'holiday/get-split',
      'holiday/get-tracking',
      'holiday/get-stock',
      'holiday/list-stock-warnings',
      'holiday/list-categories',
      'holiday/get-roster',
      'holiday/list-inspections',
      'holiday/list-promotions',
      'holiday/list-service-tasks',
      'holiday/get-staffing',
      'holiday/list-staffing-shortages',
    ],
    'org/changed': [
      'holiday/get-targets',
      'holiday/get-split',
      'holiday/get-tracking',
      'holiday/get-stock',
      'holiday/list-stock-warnings',
      'holiday/get-roster',
      'holiday/list-promotions',
      'holiday/list-service-tasks',
      'holiday/get-staffing',
      'holiday/list-staffing-shortages',
    ],
    // 序时进度 and the rest days follow the calendar.
    'calendar/changed': ['holiday/get-split', 'holiday/get-tracking'],
  },
};
