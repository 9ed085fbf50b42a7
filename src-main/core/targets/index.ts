/** Metrics and annual targets: the 年度目标 grid and its report. */
import { targetsChannels } from '../../../src-shared/contract/targets';
import type { BackendFeature } from '../feature';
import { listMetrics } from './metric-service';
import { buildTargetsReport } from './targets-report';
import { listTargetCells, saveTargetCells } from './targets-service';
import { MetricEntity, TargetCellEntity } from './targets-store';

export { listMetrics } from './metric-service';
export { listTargetCells, saveTargetCells } from './targets-service';
export { insertMetric, readMeasureValues, readMetric, targetCellWriter, type MetricRow, type TargetCellRow, type TargetCellWriter } from './targets-store';

export const targetsFeature: BackendFeature<typeof targetsChannels> = {
  name: 'targets',
  handlers: {
    'metrics/list': (ws) => listMetrics(ws),
    'targets/list-cells': (ws, input) => listTargetCells(ws, input.year),
    'targets/save-cells': (ws, input) => saveTargetCells(ws, input.year, input.changes),
  },
  entities: [MetricEntity, TargetCellEntity],
  reports: { targets: { name: '年度目标完成情况表', build: buildTargetsReport } },
};
