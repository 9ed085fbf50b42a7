/** 大客户筛选: indicators and weights, scores, totals, thresholds, suggested tiers and their movement. */
import { screeningChannels } from '../../../src-shared/contract/screening';
import type { BackendFeature } from '../feature';
import type { StrategyExtension } from '../strategy';
import { KeyAccountScreening1764115200004 } from './migrations/0004-key-account-screening';
import { importScreeningTable } from './screening-import';
import { buildScreeningReport } from './screening-report';
import { writeScreeningSample } from './screening-sample';
import {
  applySuggestedTiers,
  getScreeningYear,
  saveScreeningCriteria,
  saveScreeningIndicator,
  saveScreeningScores,
  saveScreeningThreshold,
} from './screening-service';
import { countThresholdsOfTier } from './screening-store';

export { getScreeningYear, parseScoreText, readScreeningTiers, saveScreeningScores } from './screening-service';

/**
 * The screening depends on strategy, never the reverse. Strategy's channel strategy/import-xlsx
 * (table 'screening') and its dictionary's in-use check reach the screening through these hooks,
 * which the app registers with strategy when it assembles the features (core/app.ts).
 */
export const screeningStrategyExtension: StrategyExtension = {
  importScreeningTable,
  countEntryUses: (db, entry) => (entry.dictionary === 'account-tier' ? countThresholdsOfTier(db, entry.id) : 0),
};

export const screeningFeature: BackendFeature<typeof screeningChannels> = {
  name: 'screening',
  handlers: {
    'screening/get-year': (ws, input) => getScreeningYear(ws, input.year),
    'screening/save-scores': (ws, input) => saveScreeningScores(ws, input),
    'screening/save-criteria': (ws, input) => saveScreeningCriteria(ws, input),
    'screening/save-indicator': (ws, input) => saveScreeningIndicator(ws, input),
    'screening/save-threshold': (ws, input) => saveScreeningThreshold(ws, input),
    'screening/apply-tiers': (ws, input) => applySuggestedTiers(ws, input),
  },
  migrations: [KeyAccountScreening1764115200004],
  sample: writeScreeningSample,
  reports: {
    'strategy-screening': { name: '大客户筛选评分表', build: buildScreeningReport },
  },
};
