/**
 * 节日安全自查: a store's checklist on an inspection day — 防火 (防火器材, 用电安全), 防盗 (安保制度),
 * 防爆, 防投毒, 食品卫生 (进货质量, 熟食与现场加工食品) — each item 合格 or 需整改; a 需整改 carries its
 * finding, who puts it right and by when, and stays on the open list until the day it was closed.
 */
import type { ChannelInput, Inspection, InspectionItem } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import type { Workspace } from '../workspace';
import { storeForest } from './holiday-split';
import { insertInspection, readInspectionItems, readInspections, writeInspectionItems, type InspectionRecord } from './holiday-store';
import { windowOf } from './season-service';

/** The checklist every inspection starts from: area, item (the source plans' wording). */
// prettier-ignore
export const SAFETY_CHECKLIST: ReadonlyArray<[key: string, area: string, item: string]> = [
  ['fire-equipment', '防火', '防火器材：灭火器、消防栓在位有效，消防通道畅通'],
  ['fire-electric', '防火', '用电安全：线路、插座、照明与加工设备无超负荷和私拉乱接'],
  ['theft-security', '防盗', '安保制度：值守、巡查、闭店清场与现金押运落实'],
  ['theft-surveillance', '防盗', '监控与门禁完好，重点柜组有人看管'],
  ['explosion-gas', '防爆', '燃气、压力容器与易燃易爆物品按规定存放和使用'],
  ['poison-storage', '防投毒', '食品仓储、加工区与水源管控，外来人员登记'],
  ['food-intake', '食品卫生', '进货质量：索证索票，来源可查，不合格商品坚决清退'],
  ['food-cooked', '食品卫生', '熟食与现场加工食品：加工卫生、留样与从业人员健康证'],
  ['food-dates', '食品卫生', '保质期与标签：临期商品下架，价签与商品一致'],
];

function assemble(ws: Workspace, season: number, records: InspectionRecord[]): Inspection[] {
  const forest = storeForest(ws, season);
  const items = readInspectionItems(ws.db, season);
  const storeOrder = new Map(forest.stores.map((id, i) => [id, i]));
  // By day, then the stores in the organisation's order.
  const ordered = [...records].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : (storeOrder.get(a.storeId) ?? 0) - (storeOrder.get(b.storeId) ?? 0)));
  return ordered.map((r) => ({
    id: r.id,
    storeId: r.storeId,
    storeName: forest.nodes.get(r.storeId)?.name ?? r.storeId,
    day: r.day,
    inspector: r.inspector,
    items: items.filter((i) => i.inspectionId === r.id).map(({ inspectionId: _id, ...item }) => item),
  }));
}

export async function listInspections(ws: Workspace, season: number) {
  const inspections = assemble(ws, season, readInspections(ws.db, season));
  const openFixes = inspections.flatMap((inspection) =>
    inspection.items
      .filter((item) => item.result === 'fix' && !item.closedOn)
      .map((item) => ({ ...item, inspectionId: inspection.id, storeId: inspection.storeId, storeName: inspection.storeName, day: inspection.day })),
  );
  return { inspections, openFixes };
}

function refuse(reason: string, zh: string, en: string): never {
  throw new AppError('INVALID_INPUT', `${zh} / ${en}`, { reason, zh });
}

export async function startInspection(ws: Workspace, input: ChannelInput<'holiday/start-inspection'>): Promise<Inspection> {
  const { season } = input;
  if (storeForest(ws, season).nodes.get(input.storeId)?.kind !== 'store')
    throw new AppError('NOT_FOUND', `Not a store of season ${season}: ${input.storeId}`, { reason: 'unknown-store', zh: '该门店不在本季的组织中' });
  const window = windowOf(ws, season);
  // An inspection comes before the holidays too: from a month before the window to its end.
  if (input.day > window.lastDay)
    refuse('inspection-after-season', `检查日期晚于计划时段（${window.lastDay}）`, `the inspection is after the window (${window.lastDay})`);
  if (readInspections(ws.db, season).some((r) => r.storeId === input.storeId && r.day === input.day))
    refuse('inspection-exists', '该门店当天已有一份自查记录', 'the store already has an inspection that day');
  const record: InspectionRecord = { id: ws.ctx.newId('in'), storeId: input.storeId, day: input.day, inspector: input.inspector.trim() };
  ws.db.transaction(() => insertInspection(ws.db, season, record, SAFETY_CHECKLIST));
  ws.events.emit('holiday/changed', { season, what: 'inspection' });
  return assemble(ws, season, [record])[0];
}

type ItemRefusal =
  | 'unknown-item'
  | 'fix-needs-finding'
  | 'fix-needs-owner'
  | 'fix-needs-deadline'
  | 'deadline-before-inspection'
  | 'closed-without-fix'
  | 'closed-before-inspection';

export async function saveInspectionItems(ws: Workspace, input: ChannelInput<'holiday/save-inspection-items'>): Promise<Inspection> {
  const { season } = input;
  const record = readInspections(ws.db, season).find((r) => r.id === input.inspectionId);
  if (!record)
    throw new AppError('NOT_FOUND', `No inspection ${input.inspectionId} in season ${season}`, { reason: 'unknown-inspection', zh: '找不到该自查记录' });
  const known = new Map(
    readInspectionItems(ws.db, season)
      .filter((i) => i.inspectionId === record.id)
      .map((i) => [i.key, i]),
  );
  const refusals: Array<{ index: number; reason: ItemRefusal }> = [];
  const next: Array<InspectionItem & { inspectionId: string }> = [];
  input.items.forEach((change, index) => {
    const item = known.get(change.key);
    const refuse = (reason: ItemRefusal) => refusals.push({ index, reason });
    if (!item) return refuse('unknown-item');
    const blank = (text: string | null) => (text === null || text.trim() === '' ? null : text.trim());
    const finding = blank(change.finding);
    const owner = blank(change.owner);
    if (change.result === 'fix') {
      if (!finding) return refuse('fix-needs-finding');
      if (!owner) return refuse('fix-needs-owner');
      if (!change.deadline) return refuse('fix-needs-deadline');
      if (change.deadline < record.day) return refuse('deadline-before-inspection');
    }
    if (change.closedOn && change.result !== 'fix') return refuse('closed-without-fix');
    if (change.closedOn && change.closedOn < record.day) return refuse('closed-before-inspection');
    next.push({ ...item, inspectionId: record.id, result: change.result, finding, owner, deadline: change.deadline, closedOn: change.closedOn });
  });
  if (refusals.length > 0)
    throw new AppError('INVALID_CELLS', `Inspection refused: ${refusals.map((r) => `#${r.index} ${r.reason}`).join('; ')}; nothing saved`, {
      refusals,
      zh: `有 ${refusals.length} 项无法保存，未写入任何数据`,
    });
  ws.db.transaction(() => writeInspectionItems(ws.db, next));
  ws.events.emit('holiday/changed', { season, what: 'inspection' });
  return assemble(ws, season, [record])[0];
}
