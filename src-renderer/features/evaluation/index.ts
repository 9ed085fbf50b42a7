/** 绩效考核: the 12-item sales evaluation of a unit's people for a month, quarter or year (EvaluationPage). */
import { definePage, type Feature } from '../../shell/feature';
import { en, zhCN } from './messages';

export const evaluationFeature: Feature = {
  name: 'evaluation',
  page: definePage({
    key: 'evaluation',
    navLabel: 'nav.evaluation',
    order: 75,
    load: () => import('./EvaluationPage').then((m) => m.EvaluationPage),
  }),
  messages: { 'zh-CN': zhCN, en },
  // 原计划销售指标 and 实际完成销量 are the plan's: every write to a figure or the organisation refetches the sheet.
  refetchOn: {
    'evaluation/changed': ['evaluation/get-sheet', 'evaluation/get-scheme', 'reports/preview'],
    'plan/changed': ['evaluation/get-sheet'],
    'targets/changed': ['evaluation/get-sheet'],
    'metrics/changed': ['evaluation/get-sheet', 'evaluation/get-scheme'],
    'org/changed': ['evaluation/get-sheet'],
  },
};
