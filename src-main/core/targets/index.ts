/** Metrics and last year's figures (上年实际); the 年度目标 grid's figures are the plan's (core/plan). */
import { targetsChannels } from '../../../src-shared/contract/targets';
import type { BackendFeature } from '../feature';
import { listMetrics, removeMetric, saveMetric } from './metric-service';
import { MetricEntity, TargetCellEntity } from './targets-store';

export { extendTargets, listMetrics, type MetricFigures } from './metric-service';
export {
  insertMetric,
  readLastYearCells,
  readMeasureValues,
  readMetric,
  targetCellsOfSubject,
  targetCellWriter,
  type MetricRow,
  type TargetCellRow,
  type TargetCellWriter,
} from './targets-store';

export const targetsFeature: BackendFeature<typeof targetsChannels> = {
  name: 'targets',
  handlers: {
    'metrics/list': (ws) => listMetrics(ws),
    'metrics/save': (ws, input) => saveMetric(ws, input),
    'metrics/delete': (ws, input) => removeMetric(ws, input),
  },
  entities: [MetricEntity, TargetCellEntity],
};
