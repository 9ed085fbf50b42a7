/** 大客户筛选: indicators and weights, scores, totals, thresholds, suggested tiers and their movement. */
import { screeningChannels } from '../../../src-shared/contract/screening';
import type { BackendFeature } from '../feature';
import { KeyAccountScreening1764115200004 } from './migrations/0004-key-account-screening';
import { writeScreeningSample } from './screening-sample';
import {
  applySuggestedTiers,
  getScreeningYear,
  saveScreeningCriteria,
  saveScreeningIndicator,
  saveScreeningScores,
  saveScreeningThreshold,
} from './screening-service';

export { getScreeningYear, parseScoreText, readScreeningTiers, saveScreeningScores } from './screening-service';
export { countThresholdsOfTier } from './screening-store';

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
};
