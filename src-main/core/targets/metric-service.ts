/**
 * The metrics channels: list, save (add or change) and delete, each checked before anything is
 * written. A metric with stored figures keeps its precision and kind and cannot be deleted — the
 * refusal (IN_USE) says how many figures it has —, so no figure is ever rescaled or dropped
 * silently; negatives cannot be turned off while negative values are stored. Refusals carry
 * details.reason (METRIC_REFUSALS), the count, and the message in Chinese beside the English one.
 */
import type { Metric, MetricInput, MetricRefusal } from '../../../src-shared/contract/channels';
import { AppError, type ErrorCode } from '../../../src-shared/contract/errors';
import type { Workspace } from '../workspace';
import { deleteMetric, insertMetric, readMetric, readMetrics, targetCellsOfMetric, updateMetric } from './targets-store';

/**
 * The figures other features store by metric (the plan's day cells and locks), plugged in by
 * core/app.ts: the plan feature builds on this one.
 */
export interface MetricFigures {
  figuresOf(ws: Workspace, metricId: string): { cells: number; negatives: number };
}

let planFigures: MetricFigures = { figuresOf: () => ({ cells: 0, negatives: 0 }) };

export function extendTargets(extension: MetricFigures): void {
  planFigures = extension;
}

export async function listMetrics(ws: Workspace): Promise<Metric[]> {
  return readMetrics(ws.db);
}

const ZH: Record<MetricRefusal, string> = {
  'unknown-metric': '找不到该指标',
  'code-taken': '指标编码“{code}”已被使用',
  'bad-parts': '比率指标需要两个不同的可加指标作分子和分母；可加指标没有分子分母',
  'has-data': '该指标已有 {count} 个数据，不能{what}',
  'has-negatives': '该指标有 {count} 个负数，不能改为不允许负数',
  'part-of-ratio': '该指标是比率指标“{ratio}”的组成部分',
};
const WHAT_ZH: Record<string, string> = { precision: '修改小数位数', kind: '修改指标类型', delete: '删除' };

function refuse(code: ErrorCode, reason: MetricRefusal, message: string, extra: Record<string, unknown> = {}): never {
  const values: Record<string, unknown> = { ...extra, what: WHAT_ZH[String(extra.what)] ?? '' };
  const zh = ZH[reason].replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''));
  throw new AppError(code, message, { reason, ...extra, zh });
}

/** Every stored figure of the metric: 上年实际 cells here, the plan's days and locks. */
function figuresOf(ws: Workspace, metricId: string): { cells: number; negatives: number } {
  const own = targetCellsOfMetric(ws.db, metricId);
  const plan = planFigures.figuresOf(ws, metricId);
  return { cells: own.cells + plan.cells, negatives: own.negatives + plan.negatives };
}

export async function saveMetric(ws: Workspace, input: MetricInput): Promise<{ id: string }> {
  const metrics = readMetrics(ws.db);
  const existing = input.id === undefined ? undefined : metrics.find((m) => m.id === input.id);
  if (input.id !== undefined && !existing) refuse('NOT_FOUND', 'unknown-metric', `Unknown metric ${input.id}`, { id: input.id });
  const code = input.code.trim();
  if (metrics.some((m) => m.code === code && m.id !== input.id)) refuse('INVALID_INPUT', 'code-taken', `The code ${code} is taken`, { code });
  const additive = (id: string | null) => id !== null && id !== input.id && metrics.find((m) => m.id === id)?.kind === 'additive';
  const partsOk =
    input.kind === 'ratio'
      ? additive(input.numeratorId) && additive(input.denominatorId) && input.numeratorId !== input.denominatorId
      : input.numeratorId === null && input.denominatorId === null;
  if (!partsOk) refuse('INVALID_INPUT', 'bad-parts', 'A ratio needs two different additive parts; an additive metric has none');
  if (existing) {
    const ratio = metrics.find((m) => m.kind === 'ratio' && (m.numeratorId === existing.id || m.denominatorId === existing.id));
    if (ratio && input.kind !== 'additive')
      refuse('IN_USE', 'part-of-ratio', `${existing.name} is a part of the ratio ${ratio.name}`, { id: existing.id, ratio: ratio.name });
    const changesData = existing.precision !== input.precision || existing.kind !== input.kind;
    const dropsNegatives = existing.allowNegative && !input.allowNegative;
    if (changesData || dropsNegatives) {
      const figures = figuresOf(ws, existing.id);
      if (changesData && figures.cells > 0) {
        const what = existing.precision !== input.precision ? 'precision' : 'kind';
        refuse('IN_USE', 'has-data', `${existing.name} has ${figures.cells} stored figures: its ${what} cannot change`, {
          id: existing.id,
          count: figures.cells,
          what,
        });
      }
      if (dropsNegatives && figures.negatives > 0)
        refuse('IN_USE', 'has-negatives', `${existing.name} has ${figures.negatives} negative figures`, { id: existing.id, count: figures.negatives });
    }
  }
  const fields = {
    code,
    name: input.name.trim(),
    unit: input.unit.trim(),
    precision: input.precision,
    kind: input.kind,
    direction: input.direction,
    allowNegative: input.allowNegative,
    numeratorId: input.numeratorId,
    denominatorId: input.denominatorId,
  };
  const id = existing?.id ?? ws.ctx.newId('m');
  ws.db.transaction(() => {
    if (existing) updateMetric(ws.db, { id, ...fields });
    else insertMetric(ws.db, { id, ...fields, sortOrder: Math.max(0, ...metrics.map((m) => m.sortOrder)) + 1 });
  });
  ws.events.emit('metrics/changed', { ids: [id] });
  return { id };
}

export async function removeMetric(ws: Workspace, input: { id: string }): Promise<{ id: string }> {
  const metric = readMetric(ws.db, input.id);
  if (!metric) refuse('NOT_FOUND', 'unknown-metric', `Unknown metric ${input.id}`, { id: input.id });
  const ratio = readMetrics(ws.db).find((m) => m.numeratorId === metric.id || m.denominatorId === metric.id);
  if (ratio) refuse('IN_USE', 'part-of-ratio', `${metric.name} is a part of the ratio ${ratio.name}`, { id: metric.id, ratio: ratio.name });
  const figures = figuresOf(ws, metric.id);
  if (figures.cells > 0)
    refuse('IN_USE', 'has-data', `${metric.name} has ${figures.cells} stored figures and cannot be deleted`, {
      id: metric.id,
      count: figures.cells,
      what: 'delete',
    });
  deleteMetric(ws.db, metric.id);
  ws.events.emit('metrics/changed', { ids: [metric.id] });
  return { id: metric.id };
}
