/**
 * 绩效考核: the 12-item sales evaluation of each person under a unit for a month, quarter or year,
 * scored by the year's scheme and ranked; printed as the `evaluation` report, and printed inside a
 * 工作计划 as its summary table (src-shared/reports/evaluation-summary.ts).
 */
import { evaluationChannels } from '../../../src-shared/contract/evaluation';
import type { BackendFeature } from '../feature';
import { buildEvaluationReport } from './evaluation-report';
import { writeEvaluationSample } from './evaluation-sample';
import { getScheme, getSheet, saveEntries, saveScheme } from './evaluation-service';
import { Evaluation1764115200012 } from './migrations/0012-evaluation';

export { sheetFor } from './evaluation-report';
export { entriesOfPerson } from './evaluation-store';

export const evaluationFeature: BackendFeature<typeof evaluationChannels> = {
  name: 'evaluation',
  handlers: {
    'evaluation/get-scheme': (ws, input) => getScheme(ws, input.year),
    'evaluation/save-scheme': async (ws, input) => saveScheme(ws, input),
    'evaluation/get-sheet': (ws, input) => getSheet(ws, input),
    'evaluation/save-entries': async (ws, input) => saveEntries(ws, input),
  },
  migrations: [Evaluation1764115200012],
  sample: writeEvaluationSample,
  reports: { evaluation: { name: '绩效考核表', build: buildEvaluationReport } },
};
