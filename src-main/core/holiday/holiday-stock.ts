/**
 * 备货计划: per store and category, the forecast daily sales, the opening stock and the planned
 * deliveries (the stored inputs), and from them the projected stock day by day against the safety
 * stock, with 预警 and 断货 warnings (src-shared/domain/stock-projection.ts has the arithmetic).
 *
 * The forecast is derived, never stored: last season's quantity on the lunar-aligned day, scaled by
 * this season's basic target over last season's sales of the category (no target: last season's
 * quantity as it was). Its base (last season's quantities, the targets) is kept per workspace and
 * season and rebuilt when the sales, the targets or the window change, so moving a delivery
 * recomputes every warning without reading the history again.
 */
import type { ChannelInput, HolidayStock, HolidayStockWarning } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import { lastYearLunarDay, windowDays } from '../../../src-shared/domain/holiday-season';
import { projectStock } from '../../../src-shared/domain/stock-projection';
import type { Workspace } from '../workspace';
import { describeDays } from './holiday-days';
import { storeForest } from './holiday-split';
import {
  deleteDelivery,
  insertCategory,
  readCategories,
  readAllOpeningStock,
  readDeliveries,
  readDelivery,
  readOpeningStock,
  readSalesQuantities,
  readTargets,
  updateCategory,
  writeDelivery,
  writeOpeningStock,
} from './holiday-store';
import { windowOf } from './season-service';

interface ForecastBase {
  key: string;
  days: string[];
  /** store|category → forecast quantity per day of the window. */
  forecast: Map<string, number[]>;
  lastYearQuantity: Map<string, number>;
}

const bases = new WeakMap<Workspace, Map<number, ForecastBase>>();

/**
 * What the forecast depends on that a planner changes: the window and the targets (read each time,
 * a small table). The sales history changes only by an import, which announces it
 * (holiday/changed 'sales') and empties the cache.
 */
function baseKey(ws: Workspace, season: number, window: { firstDay: string; lastDay: string }): string {
  const targets = readTargets(ws.db, season)
    .map((t) => `${t.storeId}:${t.categoryId}:${t.basic}`)
    .join(',');
  return `${window.firstDay}|${window.lastDay}|${targets}`;
}

/** The season's forecast per store and category (store|category → quantity per day of the window). */
export function forecastBase(ws: Workspace, season: number): ForecastBase {
  const window = windowOf(ws, season);
  const key = baseKey(ws, season, window);
  let perSeason = bases.get(ws);
  if (!perSeason) {
    bases.set(ws, (perSeason = new Map()));
    const cache = perSeason;
    ws.events.on('holiday/changed', ({ what }) => {
      if (what === 'sales') cache.clear();
    });
  }
  const cached = perSeason.get(season);
  if (cached?.key === key) return cached;

  const days = windowDays(window);
  const matches = days.map((d) => lastYearLunarDay(d));
  const first = matches.reduce((a, b) => (b < a ? b : a), matches[0] ?? window.firstDay);
  const last = matches.reduce((a, b) => (b > a ? b : a), matches[0] ?? window.lastDay);
  // Last season per store and category: quantity by day, and the amount over the aligned window.
  const history = new Map<string, { byDay: Map<string, number>; amountByDay: Map<string, number> }>();
  for (const r of readSalesQuantities(ws.db, first, last)) {
    const k = `${r.storeId}|${r.categoryId}`;
    let h = history.get(k);
    if (!h) history.set(k, (h = { byDay: new Map(), amountByDay: new Map() }));
    h.byDay.set(r.day, r.quantity);
    h.amountByDay.set(r.day, r.amount);
  }
  const target = new Map(readTargets(ws.db, season).map((t) => [`${t.storeId}|${t.categoryId}`, t.basic]));
  const forecast = new Map<string, number[]>();
  const lastYearQuantity = new Map<string, number>();
  for (const [k, h] of history) {
    // Last season as the window sees it: each day's match (a 除夕 matched twice counts twice), so
    // the forecast, its scale and last year's quantity are sums over the same days.
    const matchedAmount = matches.reduce((sum, m) => sum + (h.amountByDay.get(m) ?? 0), 0);
    const basic = target.get(k);
    const scale = basic !== null && basic !== undefined && matchedAmount > 0 ? basic / matchedAmount : 1;
    forecast.set(
      k,
      matches.map((m) => Math.round((h.byDay.get(m) ?? 0) * scale)),
    );
    lastYearQuantity.set(
      k,
      matches.reduce((sum, m) => sum + (h.byDay.get(m) ?? 0), 0),
    );
  }
  const base = { key, days, forecast, lastYearQuantity };
  perSeason.set(season, base);
  return base;
}

interface StoreInputs {
  categories: ReturnType<typeof readCategories>;
  opening: Map<string, number>;
  deliveries: ReturnType<typeof readDeliveries>;
}

function storeRows(storeId: string, base: ForecastBase, inputs: StoreInputs): { rows: HolidayStock['rows']; warnings: HolidayStockWarning[] } {
  const { categories, opening, deliveries } = inputs;
  const warnings: HolidayStockWarning[] = [];
  const rows = categories.map((category) => {
    const k = `${storeId}|${category.id}`;
    const forecast = base.forecast.get(k) ?? new Array<number>(base.days.length).fill(0);
    const own = deliveries.filter((d) => d.categoryId === category.id);
    const open = opening.get(category.id) ?? 0;
    const projection = projectStock(
      base.days,
      open,
      forecast,
      own.map((d) => ({ day: d.arrivalDay, quantity: d.quantity })),
      category.safetyDays,
    );
    for (const w of projection.warnings) warnings.push({ storeId, categoryId: category.id, ...w });
    return {
      categoryId: category.id,
      name: category.name,
      unit: category.unit,
      safetyDays: category.safetyDays,
      lastYearQuantity: base.lastYearQuantity.get(k) ?? 0,
      forecast,
      forecastTotal: forecast.reduce((a, b) => a + b, 0),
      opening: open,
      deliveries: own,
      delivered: own.reduce((a, d) => a + d.quantity, 0),
      projected: projection.projected,
      safety: projection.safety,
      states: projection.states,
    };
  });
  return { rows, warnings };
}

function requireStore(ws: Workspace, season: number, storeId: string): void {
  if (storeForest(ws, season).nodes.get(storeId)?.kind !== 'store')
    throw new AppError('NOT_FOUND', `Not a store of season ${season}: ${storeId}`, { reason: 'unknown-store', zh: '该门店不在本季的组织中' });
}

export async function getStock(ws: Workspace, season: number, storeId: string): Promise<HolidayStock> {
  requireStore(ws, season, storeId);
  const base = forecastBase(ws, season);
  const inputs = {
    categories: readCategories(ws.db).filter((c) => !c.archived),
    opening: readOpeningStock(ws.db, season, storeId),
    deliveries: readDeliveries(ws.db, season, storeId),
  };
  const { rows, warnings } = storeRows(storeId, base, inputs);
  return { season, storeId, days: describeDays(season, base.days), rows, warnings };
}

export async function listStockWarnings(ws: Workspace, season: number): Promise<{ warnings: HolidayStockWarning[] }> {
  const base = forecastBase(ws, season);
  // Every store's inputs in three reads, not three per store.
  const categories = readCategories(ws.db).filter((c) => !c.archived);
  const opening = readAllOpeningStock(ws.db, season);
  const deliveries = new Map<string, ReturnType<typeof readDeliveries>>();
  for (const d of readDeliveries(ws.db, season)) deliveries.set(d.storeId, [...(deliveries.get(d.storeId) ?? []), d]);
  return {
    warnings: storeForest(ws, season).stores.flatMap(
      (storeId) => storeRows(storeId, base, { categories, opening: opening.get(storeId) ?? new Map(), deliveries: deliveries.get(storeId) ?? [] }).warnings,
    ),
  };
}

function refuse(reason: string, zh: string, en: string, extra: Record<string, unknown> = {}): never {
  throw new AppError('INVALID_INPUT', `${zh} / ${en}`, { reason, zh, ...extra });
}

export async function saveOpeningStock(ws: Workspace, input: ChannelInput<'holiday/save-opening-stock'>): Promise<{ saved: number }> {
  requireStore(ws, input.season, input.storeId);
  const known = new Set(readCategories(ws.db).map((c) => c.id));
  const unknown = input.changes.filter((c) => !known.has(c.categoryId));
  if (unknown.length > 0) refuse('unknown-category', '找不到该品类', 'no such category', { ids: unknown.map((c) => c.categoryId) });
  ws.db.transaction(() => writeOpeningStock(ws.db, input.season, input.storeId, input.changes));
  ws.events.emit('holiday/changed', { season: input.season, what: 'stock' });
  return { saved: input.changes.length };
}

export async function saveDelivery(ws: Workspace, input: ChannelInput<'holiday/save-delivery'>): Promise<{ id: string }> {
  const { season, delivery } = input;
  requireStore(ws, season, delivery.storeId);
  if (!readCategories(ws.db).some((c) => c.id === delivery.categoryId)) refuse('unknown-category', '找不到该品类', 'no such category');
  const window = windowOf(ws, season);
  if (delivery.arrivalDay < window.firstDay || delivery.arrivalDay > window.lastDay)
    refuse(
      'arrival-outside-window',
      `到货日期须在计划时段内（${window.firstDay} 至 ${window.lastDay}）；时段前到的货请计入期初库存`,
      `the arrival must be within the window (${window.firstDay} to ${window.lastDay}); stock that arrives before it is opening stock`,
      { ...window },
    );
  if (delivery.id && !readDelivery(ws.db, season, delivery.id))
    throw new AppError('NOT_FOUND', `No delivery ${delivery.id} in season ${season}`, { reason: 'unknown-delivery', zh: '找不到该到货计划' });
  const id = delivery.id ?? ws.ctx.newId('dl');
  ws.db.transaction(() => writeDelivery(ws.db, season, { ...delivery, id }));
  ws.events.emit('holiday/changed', { season, what: 'stock' });
  return { id };
}

export async function removeDelivery(ws: Workspace, input: ChannelInput<'holiday/delete-delivery'>): Promise<{ deleted: boolean }> {
  const deleted = ws.db.transaction(() => deleteDelivery(ws.db, input.season, input.id));
  if (!deleted) throw new AppError('NOT_FOUND', `No delivery ${input.id} in season ${input.season}`, { reason: 'unknown-delivery', zh: '找不到该到货计划' });
  ws.events.emit('holiday/changed', { season: input.season, what: 'stock' });
  return { deleted };
}

export async function saveCategory(ws: Workspace, input: ChannelInput<'holiday/save-category'>) {
  const categories = readCategories(ws.db);
  const clash = categories.find((c) => c.name === input.name && c.id !== input.id);
  if (clash) refuse('category-name-taken', `已有品类“${input.name}”`, `a category named ${input.name} exists`);
  const existing = input.id ? categories.find((c) => c.id === input.id) : undefined;
  if (input.id && !existing) throw new AppError('NOT_FOUND', `No category ${input.id}`, { reason: 'unknown-category', zh: '找不到该品类' });
  const category = existing
    ? { ...existing, name: input.name, unit: input.unit, safetyDays: input.safetyDays }
    : { id: ws.ctx.newId('hc'), name: input.name, unit: input.unit, safetyDays: input.safetyDays, sortOrder: categories.length + 1, archived: false };
  ws.db.transaction(() => (existing ? updateCategory(ws.db, category) : insertCategory(ws.db, category)));
  ws.events.emit('holiday/changed', { season: null, what: 'categories' });
  return category;
}
