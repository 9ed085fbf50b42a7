/**
 * 两节供应计划: the season of 元旦 and 春节 of one winter, sales targets per store and category from
 * last year's lunar-aligned sales, and the commodity categories. Other features import from here only.
 */
import { holidayChannels } from '../../../src-shared/contract/holiday';
import type { holidayOperationsChannels } from '../../../src-shared/contract/holiday-operations';
import type { BackendFeature } from '../feature';
import { readCategories } from './holiday-store';
import { writeHolidaySample } from './holiday-sample';
import { getHolidaySplit, setHolidayLock, splitHoliday } from './holiday-split';
import { getTargets, saveTargets, targetsFromLastYear } from './holiday-targets';
import { getHolidayTracking, saveHolidayActuals } from './holiday-tracking';
import { getRoster, saveDuty, saveStoreShifts } from './holiday-roster';
import { importRoster, importStock } from './holiday-import';
import { listInspections, saveInspectionItems, startInspection } from './holiday-inspection';
import {
  buildHolidayInspectionReport,
  buildHolidayRosterReport,
  buildHolidayStockReport,
  buildHolidayTargetsReport,
  buildHolidayTrackingReport,
} from './holiday-reports';
import { getStock, listStockWarnings, removeDelivery, saveCategory, saveDelivery, saveOpeningStock } from './holiday-stock';
import { Holiday1764115200009 } from './migrations/0009-holiday';
import { HolidayOperations1764115200010 } from './migrations/0010-holiday-operations';
import { listPromotions, listServiceTasks, removePromotion, removeServiceTask, savePromotion, saveServiceTask } from './holiday-promotions';
import { getStaffing, listStaffingShortages, saveStaffing } from './holiday-staffing';
import { buildHolidayOperationsReport } from './holiday-operations-report';
import { getSeason, saveWindow, seasonOrComing } from './season-service';

export { windowOf } from './season-service';

export const holidayFeature: BackendFeature<typeof holidayChannels & typeof holidayOperationsChannels> = {
  name: 'holiday',
  handlers: {
    'holiday/get-season': async (ws, input) => getSeason(ws, input.season),
    'holiday/save-window': (ws, input) => saveWindow(ws, input),
    'holiday/list-categories': async (ws) => readCategories(ws.db),
    'holiday/get-targets': async (ws, input) => getTargets(ws, seasonOrComing(ws, input.season)),
    'holiday/save-targets': (ws, input) => saveTargets(ws, input),
    'holiday/targets-from-last-year': (ws, input) => targetsFromLastYear(ws, input),
    'holiday/get-split': (ws, input) => getHolidaySplit(ws, input.season, input.level),
    'holiday/split': (ws, input) => splitHoliday(ws, input),
    'holiday/set-lock': (ws, input) => setHolidayLock(ws, input),
    'holiday/get-tracking': (ws, input) => getHolidayTracking(ws, input.season),
    'holiday/save-actuals': (ws, input) => saveHolidayActuals(ws, input),
    'holiday/get-stock': (ws, input) => getStock(ws, input.season, input.storeId),
    'holiday/list-stock-warnings': (ws, input) => listStockWarnings(ws, input.season),
    'holiday/save-opening-stock': (ws, input) => saveOpeningStock(ws, input),
    'holiday/save-delivery': (ws, input) => saveDelivery(ws, input),
    'holiday/delete-delivery': (ws, input) => removeDelivery(ws, input),
    'holiday/save-category': (ws, input) => saveCategory(ws, input),
    'holiday/get-roster': (ws, input) => getRoster(ws, input.season),
    'holiday/save-duty': (ws, input) => saveDuty(ws, input),
    'holiday/save-store-shifts': (ws, input) => saveStoreShifts(ws, input),
    'holiday/import-stock': (ws, input) => importStock(ws, input),
    'holiday/import-roster': (ws, input) => importRoster(ws, input),
    'holiday/list-inspections': (ws, input) => listInspections(ws, input.season),
    'holiday/start-inspection': (ws, input) => startInspection(ws, input),
    'holiday/save-inspection-items': (ws, input) => saveInspectionItems(ws, input),
    'holiday/list-promotions': (ws, input) => listPromotions(ws, input.season),
    'holiday/save-promotion': (ws, input) => savePromotion(ws, input),
    'holiday/delete-promotion': (ws, input) => removePromotion(ws, input),
    'holiday/list-service-tasks': (ws, input) => listServiceTasks(ws, input.season),
    'holiday/save-service-task': (ws, input) => saveServiceTask(ws, input),
    'holiday/delete-service-task': (ws, input) => removeServiceTask(ws, input),
    'holiday/get-staffing': (ws, input) => getStaffing(ws, input.season, input.storeId),
    'holiday/list-staffing-shortages': (ws, input) => listStaffingShortages(ws, input.season),
    'holiday/save-staffing': (ws, input) => saveStaffing(ws, input),
  },
  migrations: [Holiday1764115200009, HolidayOperations1764115200010],
  // `year` is the season; holiday-stock's `scopeId` narrows it to one store.
  reports: {
    'holiday-targets': { name: '两节销售目标分解表', build: buildHolidayTargetsReport },
    'holiday-tracking': { name: '两节销售逐日跟踪表', build: buildHolidayTrackingReport },
    'holiday-stock': { name: '两节备货计划', build: buildHolidayStockReport },
    'holiday-roster': { name: '两节领导值班表', build: buildHolidayRosterReport },
    'holiday-inspection': { name: '节日安全自查记录', build: buildHolidayInspectionReport },
    'holiday-operations': { name: '两节促销、服务与人员安排', build: buildHolidayOperationsReport },
  },
  sample: writeHolidaySample,
};
