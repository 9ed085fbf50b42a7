/** Metrics and annual targets: the 年度目标 grid, its report and the sample organisation's figures. */
import { targetsChannels } from '../../../src-shared/contract/targets';
import { MetricEntity, TargetCellEntity } from '../db/entities';
import type { BackendFeature } from '../feature';
import { listMetrics } from './metric-service';
import { buildTargetsReport } from './targets-report';
import { writeTargetsSample } from './targets-sample';
import { listTargetCells, saveTargetCells } from './targets-service';

export { listMetrics } from './metric-service';
export { listTargetCells, saveTargetCells } from './targets-service';
export { SAMPLE_METRICS, SAMPLE_ORGANISATION } from './targets-sample';

export const targetsFeature: BackendFeature<typeof targetsChannels> = {
  name: 'targets',
  handlers: {
    'metrics/list': (ws) => listMetrics(ws),
    'targets/list-cells': (ws, input) => listTargetCells(ws, input.year),
    'targets/save-cells': (ws, input) => saveTargetCells(ws, input.year, input.changes),
  },
  entities: [MetricEntity, TargetCellEntity],
  sample: writeTargetsSample,
  reports: { targets: { name: '年度目标完成情况表', build: buildTargetsReport } },
};
