/**
 * 营销策略表: dictionaries, customers, the two monthly tables with their filling rules, the area
 * summary and the decision-level KPIs, their printed reports and the XLSX import. The screening
 * builds on this feature (never the reverse): it uses the exports below and plugs its table into
 * the import channel and its thresholds into the dictionary's in-use check (strategy-extensions.ts).
 */
import { strategyChannels } from '../../../src-shared/contract/strategy';
import type { BackendFeature } from '../feature';
import { listCustomers, saveCustomer } from './customers';
import { deleteDictionaryEntry, listDictionaries, saveDictionaryEntry } from './dictionaries';
import { listDueCustomers } from './due-list';
import { getStrategyHistory } from './history';
import { StrategyTables1764115200003 } from './migrations/0003-strategy-tables';
import { getStrategyMonth, saveDemandRow, saveHabitRow } from './month-rows';
import { startStrategyMonth } from './month-start';
import { importStrategyXlsx } from './strategy-import';
import { getStrategyKpis } from './strategy-kpis-service';
import { buildDemandReport, buildHabitReport, buildSummaryReport } from './strategy-reports';
import { writeStrategySample } from './strategy-sample';
import { getStrategySummary } from './strategy-summary-service';

export { readActiveCustomers, readCustomer, readCustomers, setCustomerTier, type CustomerRecord } from './customer-store';
export { listCustomers } from './customers';
export { readEntries, readEntry } from './dictionary-store';
export { listDictionaries } from './dictionaries';
export { previousYearMonth } from './year-month';
export { extendStrategy, type StrategyExtension } from './strategy-extensions';
// What the screening's printed table and its import share with the strategy tables.
export { importLookup, rowCustomer, type ImportLookup } from './strategy-import';
export { centred, KEYS, NONE, text, type Columns } from './strategy-report-layouts';
export { classOrder, detail, loadReportContext, PAGE, tableScope, type ReportContext } from './strategy-reports';
export {
  leadingHeaderRow,
  readTable,
  readXlsxTable,
  readYear,
  refused,
  sheetToRead,
  type DataRow,
  type PeriodCheck,
  type SheetTable,
} from './xlsx-table-reader';

export const strategyFeature: BackendFeature<typeof strategyChannels> = {
  name: 'strategy',
  handlers: {
    'dictionaries/list': (ws, input) => listDictionaries(ws, input.dictionary),
    'dictionaries/save-entry': (ws, input) => saveDictionaryEntry(ws, input),
    'dictionaries/delete-entry': (ws, input) => deleteDictionaryEntry(ws, input.id),
    'customers/list': (ws, input) => listCustomers(ws, input.managerId),
    'customers/save': (ws, input) => saveCustomer(ws, input),
    'strategy/get-month': (ws, input) => getStrategyMonth(ws, input.yearMonth, input.managerId),
    'strategy/save-demand-row': (ws, input) => saveDemandRow(ws, input),
    'strategy/save-habit-row': (ws, input) => saveHabitRow(ws, input),
    'strategy/start-month': (ws, input) => startStrategyMonth(ws, input.yearMonth),
    'strategy/list-due': (ws, input) => listDueCustomers(ws, input.yearMonth, input.managerId),
    'strategy/get-history': (ws, input) => getStrategyHistory(ws, input.yearMonth, input.customerId),
    'strategy/get-summary': (ws, input) => getStrategySummary(ws, input.yearMonth, input.areaManagerId),
    'strategy/get-kpis': (ws, input) => getStrategyKpis(ws, input.yearMonth),
    'strategy/import-xlsx': (ws, input) => importStrategyXlsx(ws, input),
  },
  migrations: [StrategyTables1764115200003],
  sample: writeStrategySample,
  reports: {
    'strategy-demand': { name: '需求分析及产品匹配策略表', build: buildDemandReport },
    'strategy-habit': { name: '消费习惯分析及促销策略表', build: buildHabitReport },
    'strategy-summary': { name: '营销策略月度汇总表', build: buildSummaryReport },
  },
};
