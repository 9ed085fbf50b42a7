/**
 * Annual target cells: listing, and saving typed or pasted values. A save is all-or-nothing:
 * every change is validated first, and one bad cell refuses the whole batch with its index.
 */
import type { CellChange, CellRefusal, ChannelOutput } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import { parseDecimalInput } from '../../../src-shared/domain/decimal';
import type { Measure } from '../../../src-shared/domain/targets';
import { subjectIds } from '../org';
import type { Workspace } from '../workspace';
import { listMetrics } from './metric-service';
import { readTargetCells, targetCellWriter } from './targets-store';

export async function listTargetCells(ws: Workspace, year: number): Promise<ChannelOutput<'targets/list-cells'>> {
  const cells = readTargetCells(ws.db, year);
  return { year, cells };
}

interface ValidatedChange {
  metricId: string;
  subjectId: string;
  measure: Measure;
  value: number | null;
}

async function validateChanges(ws: Workspace, changes: CellChange[]): Promise<ValidatedChange[]> {
  const metrics = new Map((await listMetrics(ws)).map((m) => [m.id, m]));
  const { leaves, all: subjects } = await subjectIds(ws);
  const refusals: CellRefusal[] = [];
  const validated: ValidatedChange[] = new Array(changes.length);
  for (let index = 0; index < changes.length; index++) {
    const change = changes[index];
    const metric = metrics.get(change.metricId);
    if (!metric) {
      refusals.push({ index, reason: 'unknown-metric' });
      continue;
    }
    if (!subjects.has(change.subjectId)) {
      refusals.push({ index, reason: 'unknown-subject' });
      continue;
    }
    if (metric.kind !== 'additive' || !leaves.has(change.subjectId)) {
      refusals.push({ index, reason: 'not-editable' });
      continue;
    }
    let value: number | null = null;
    if (change.text !== null) {
      const parsed = parseDecimalInput(change.text, metric);
      if (!parsed.ok) {
        refusals.push({ index, reason: parsed.reason });
        continue;
      }
      value = parsed.scaled;
    }
    validated[index] = { metricId: change.metricId, subjectId: change.subjectId, measure: change.measure, value };
  }
  if (refusals.length > 0) {
    throw new AppError('INVALID_CELLS', `${refusals.length} of ${changes.length} cells refused; nothing saved`, {
      refusals: refusals.slice(0, 100),
      refusedCount: refusals.length,
    });
  }
  return validated;
}

export async function saveTargetCells(ws: Workspace, year: number, changes: CellChange[]): Promise<ChannelOutput<'targets/save-cells'>> {
  const validated = await validateChanges(ws, changes);
  const now = ws.ctx.clock().toISOString();
  // Statements prepared once and run per cell on the port: TypeORM's entity API is ~10x slower
  // for bulk writes (see TOOLCHAIN.md); one transaction makes the batch atomic.
  const cells = targetCellWriter(ws.db);
  let saved = 0;
  let cleared = 0;
  ws.db.transaction(() => {
    for (const change of validated) {
      if (change.value === null) {
        cells.remove(year, change.metricId, change.subjectId, change.measure);
        cleared++;
      } else {
        cells.put(year, change.metricId, change.subjectId, change.measure, change.value, now);
        saved++;
      }
    }
  });
  ws.events.emit('targets/changed', { year, count: validated.length });
  return { saved, cleared };
}
