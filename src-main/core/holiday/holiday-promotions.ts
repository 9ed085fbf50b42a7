/**
 * 促销活动 and 服务工作 of a season. A promotion runs in some stores over some days of the window
 * with a budget, an owner and an expected sales lift; what the lift is worth is read from the
 * split (the stores' basic daily targets on its days, holiday_day_cell), never typed, so it follows
 * every change of the targets. A service task (卖场规范, 通道清理, 停车位, 促销员培训 …) has an owner, a
 * deadline not after the window and a status; one not done after its deadline is overdue.
 */
import type { ChannelInput, Promotion, ServiceTask } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import { localDay } from '../../../src-shared/domain/periods';
import type { Workspace } from '../workspace';
import {
  deletePromotion as deletePromotionRecord,
  deleteServiceTask as deleteServiceTaskRecord,
  readPromotions,
  readServiceTasks,
  writePromotion,
  writeServiceTask,
  type PromotionRecord,
  type ServiceTaskRecord,
} from './holiday-operations-store';
import { refuseInput, requireSeasonStore } from './holiday-refusals';
import { storeForest } from './holiday-split';
import { readDayCells } from './holiday-store';
import { windowOf } from './season-service';

/** The basic day targets of each store by day: a person's figure counts for the store above them. */
function storeDayTargets(ws: Workspace, season: number): Map<string, Map<string, number>> {
  const forest = storeForest(ws, season);
  const out = new Map<string, Map<string, number>>();
  for (const cell of readDayCells(ws.db, season, 'basic')) {
    const storeId = forest.nodes.get(cell.personId)?.storeId;
    if (!storeId) continue;
    let days = out.get(storeId);
    if (!days) out.set(storeId, (days = new Map()));
    days.set(cell.day, (days.get(cell.day) ?? 0) + cell.value);
  }
  return out;
}

function assemblePromotions(ws: Workspace, season: number, records: readonly PromotionRecord[]): Promotion[] {
  const forest = storeForest(ws, season);
  const targets = storeDayTargets(ws, season);
  return records.map((r) => {
    let baseSales = 0;
    for (const storeId of r.storeIds) for (const [day, value] of targets.get(storeId) ?? []) if (day >= r.firstDay && day <= r.lastDay) baseSales += value;
    // Stores in the organisation's order, whatever order they were picked in.
    const storeIds = forest.stores.filter((id) => r.storeIds.includes(id)).concat(r.storeIds.filter((id) => !forest.stores.includes(id)));
    return {
      ...r,
      storeIds,
      storeNames: storeIds.map((id) => forest.nodes.get(id)?.name ?? id),
      baseSales,
      expectedLift: Math.round((baseSales * r.liftBp) / 10_000),
    };
  });
}

export async function listPromotions(ws: Workspace, season: number): Promise<{ promotions: Promotion[] }> {
  return { promotions: assemblePromotions(ws, season, readPromotions(ws.db, season)) };
}

export async function savePromotion(ws: Workspace, input: ChannelInput<'holiday/save-promotion'>): Promise<Promotion> {
  const { season, promotion } = input;
  const window = windowOf(ws, season);
  if (promotion.firstDay > promotion.lastDay) refuseInput('first-after-last', '开始日期晚于结束日期', 'the first day is after the last');
  if (promotion.firstDay < window.firstDay || promotion.lastDay > window.lastDay)
    refuseInput(
      'promotion-outside-window',
      `活动日期须在计划时段内（${window.firstDay} 至 ${window.lastDay}）`,
      `the promotion must be within the window (${window.firstDay} to ${window.lastDay})`,
      { ...window },
    );
  for (const storeId of promotion.storeIds) requireSeasonStore(ws, season, storeId);
  if (new Set(promotion.storeIds).size !== promotion.storeIds.length) refuseInput('store-twice', '同一门店选了两次', 'a store is chosen twice');
  const existing = readPromotions(ws.db, season);
  if (promotion.id && !existing.some((p) => p.id === promotion.id))
    throw new AppError('NOT_FOUND', `No promotion ${promotion.id} in season ${season}`, { reason: 'unknown-promotion', zh: '找不到该促销活动' });
  const record: PromotionRecord = { ...promotion, id: promotion.id ?? ws.ctx.newId('pr') };
  ws.db.transaction(() => writePromotion(ws.db, season, record));
  ws.events.emit('holiday/changed', { season, what: 'promotions' });
  return assemblePromotions(ws, season, [record])[0];
}

export async function removePromotion(ws: Workspace, input: ChannelInput<'holiday/delete-promotion'>): Promise<{ deleted: boolean }> {
  const deleted = ws.db.transaction(() => deletePromotionRecord(ws.db, input.season, input.id));
  if (!deleted) throw new AppError('NOT_FOUND', `No promotion ${input.id} in season ${input.season}`, { reason: 'unknown-promotion', zh: '找不到该促销活动' });
  ws.events.emit('holiday/changed', { season: input.season, what: 'promotions' });
  return { deleted };
}

function assembleTasks(ws: Workspace, season: number, records: readonly ServiceTaskRecord[]): ServiceTask[] {
  const forest = storeForest(ws, season);
  const today = localDay(ws.ctx.clock());
  return records.map((t) => ({
    ...t,
    storeName: t.storeId === null ? null : (forest.nodes.get(t.storeId)?.name ?? t.storeId),
    overdue: t.status !== 'done' && t.deadline < today,
  }));
}

export async function listServiceTasks(ws: Workspace, season: number): Promise<{ tasks: ServiceTask[] }> {
  return { tasks: assembleTasks(ws, season, readServiceTasks(ws.db, season)) };
}

export async function saveServiceTask(ws: Workspace, input: ChannelInput<'holiday/save-service-task'>): Promise<ServiceTask> {
  const { season, task } = input;
  const window = windowOf(ws, season);
  // A task readies the holidays: it may be due weeks before the window, never after it.
  if (task.deadline > window.lastDay)
    refuseInput('deadline-after-window', `完成期限不能晚于计划时段（${window.lastDay}）`, `the deadline cannot be after the window (${window.lastDay})`, {
      lastDay: window.lastDay,
    });
  if (task.storeId !== null) requireSeasonStore(ws, season, task.storeId);
  if (task.id && !readServiceTasks(ws.db, season).some((t) => t.id === task.id))
    throw new AppError('NOT_FOUND', `No service task ${task.id} in season ${season}`, { reason: 'unknown-task', zh: '找不到该服务工作' });
  const record: ServiceTaskRecord = { ...task, id: task.id ?? ws.ctx.newId('st') };
  ws.db.transaction(() => writeServiceTask(ws.db, season, record));
  ws.events.emit('holiday/changed', { season, what: 'services' });
  return assembleTasks(ws, season, [record])[0];
}

export async function removeServiceTask(ws: Workspace, input: ChannelInput<'holiday/delete-service-task'>): Promise<{ deleted: boolean }> {
  const deleted = ws.db.transaction(() => deleteServiceTaskRecord(ws.db, input.season, input.id));
  if (!deleted) throw new AppError('NOT_FOUND', `No service task ${input.id} in season ${input.season}`, { reason: 'unknown-task', zh: '找不到该服务工作' });
  ws.events.emit('holiday/changed', { season: input.season, what: 'services' });
  return { deleted };
}
