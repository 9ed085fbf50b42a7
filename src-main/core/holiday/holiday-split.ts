/**
 * The holiday targets split to every 班组, employee and day (breakback, with the shared splitting
 * engine): a store spreads its target — the sum of its categories — down its units to its people
 * and over the window's days; below a store a typed window total is held and its siblings absorb
 * the difference, so the store keeps its target. Locked totals keep their value. An employee's
 * days (holiday_day_cell) are the one stored home of their figures; a unit's are sums.
 *
 * Weights: down the organisation by last season's actuals (each child's window total; evenly where
 * none has any) or evenly; over the days by the store's last-season sales on the lunar-aligned day,
 * by working days, or evenly. A store's target that changes re-spreads its split in the same shape.
 */
import type { ChannelInput, HolidaySplit, SplitLevel } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import { isWorkingDay } from '../../../src-shared/domain/calendar';
import { lastYearLunarDay, windowDays } from '../../../src-shared/domain/holiday-season';
import { spreadTotal, type SpreadChild } from '../../../src-shared/domain/splitting';
import { readOrg } from '../org';
import { describeDays } from './holiday-days';
import type { Workspace } from '../workspace';
import { readDayCells, readLocks, readPersonTotals, readStoreDailySales, readTargets, replaceDayCells, writeLock, type DayLevel } from './holiday-store';
import { windowOf } from './season-service';

type OrgMethod = ChannelInput<'holiday/split'>['orgMethod'];
type DayMethod = ChannelInput<'holiday/split'>['dayMethod'];

interface Node {
  id: string;
  kind: 'store' | 'unit' | 'person';
  parentId: string | null;
  name: string;
  label: string;
  sortOrder: number;
  storeId: string;
}

/** The stores of the season's organisation with everything under them. */
export interface StoreForest {
  nodes: Map<string, Node>;
  children: Map<string, string[]>;
  stores: string[];
}

const forests = new WeakMap<Workspace, Map<number, StoreForest>>();

/**
 * The stores of the season's organisation with everything under them, kept per workspace and
 * season until the organisation changes (org/changed): every holiday read and write asks for it.
 */
export function storeForest(ws: Workspace, season: number): StoreForest {
  let perSeason = forests.get(ws);
  if (!perSeason) {
    forests.set(ws, (perSeason = new Map()));
    const cache = perSeason;
    ws.events.on('org/changed', () => cache.clear());
  }
  let forest = perSeason.get(season);
  if (!forest) perSeason.set(season, (forest = buildStoreForest(ws, season)));
  return forest;
}

function buildStoreForest(ws: Workspace, season: number): StoreForest {
  const { units, people } = readOrg(ws.db, season, 'all');
  const kids = new Map<string, Array<{ id: string; sortOrder: number; person: boolean }>>();
  const add = (parent: string | null, id: string, sortOrder: number, person: boolean) => {
    if (parent === null) return;
    kids.set(parent, [...(kids.get(parent) ?? []), { id, sortOrder, person }]);
  };
  for (const u of units) add(u.parentId, u.id, u.sortOrder, false);
  for (const p of people) add(p.unitId, p.id, p.sortOrder, true);
  const unitById = new Map(units.map((u) => [u.id, u]));
  const personById = new Map(people.map((p) => [p.id, p]));
  const nodes = new Map<string, Node>();
  const children = new Map<string, string[]>();
  // People before sub-units (a store's own staff above its 班组), each by sort order.
  const ordered = (id: string) =>
    (kids.get(id) ?? []).sort((a, b) => Number(b.person) - Number(a.person) || a.sortOrder - b.sortOrder || (a.id < b.id ? -1 : 1)).map((k) => k.id);
  const visit = (id: string, parentId: string | null, storeId: string) => {
    const unit = unitById.get(id);
    const person = personById.get(id);
    if (unit)
      nodes.set(id, { id, kind: parentId === null ? 'store' : 'unit', parentId, name: unit.name, label: unit.level, sortOrder: unit.sortOrder, storeId });
    else if (person) nodes.set(id, { id, kind: 'person', parentId, name: person.name, label: person.role, sortOrder: person.sortOrder, storeId });
    if (!unit) return;
    const list = ordered(id);
    children.set(id, list);
    for (const child of list) visit(child, id, storeId);
  };
  const stores = units.filter((u) => u.level === 'store');
  // Stores in tree order: by the sort orders on the way down to them.
  const path = (u: (typeof units)[number]): number[] => {
    const out: number[] = [];
    for (let at: typeof u | undefined = u; at; at = at.parentId ? unitById.get(at.parentId) : undefined) out.unshift(at.sortOrder);
    return out;
  };
  const byPath = stores.map((s) => ({ s, p: path(s) }));
  byPath.sort((a, b) => {
    for (let i = 0; i < Math.min(a.p.length, b.p.length); i++) if (a.p[i] !== b.p[i]) return a.p[i] - b.p[i];
    return a.p.length - b.p.length;
  });
  for (const { s } of byPath) visit(s.id, null, s.id);
  return { nodes, children, stores: byPath.map(({ s }) => s.id) };
}

/** A store's target at a level: the sum of its categories' (null when none is set). */
export function storeTargets(ws: Workspace, season: number, level: SplitLevel): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of readTargets(ws.db, season)) {
    const value = t[level];
    if (value !== null) out.set(t.storeId, (out.get(t.storeId) ?? 0) + value);
  }
  return out;
}

function refuse(reason: string, zh: string, en: string, extra: Record<string, unknown> = {}): never {
  throw new AppError('SPLIT_REFUSED', `${zh} / ${en}`, { reason, zh, ...extra });
}

/** What a split reads once: the forest, everyone's days at the level, last season's actuals, locks, the window. */
class SplitState {
  readonly days: string[];
  readonly forest: StoreForest;
  readonly locks: Set<string>;
  /** Per person, day → value at the level (as stored, then as rewritten). */
  readonly personDays = new Map<string, Map<string, number>>();
  readonly lastYearTotals: Map<string, number>;
  private readonly changed = new Set<string>();
  private readonly dayWeightsByStore = new Map<string, Map<string, number>>();

  constructor(
    private readonly ws: Workspace,
    readonly season: number,
    readonly level: DayLevel,
  ) {
    const window = windowOf(ws, season);
    this.days = windowDays(window);
    this.forest = storeForest(ws, season);
    this.locks = readLocks(ws.db, season, level);
    for (const cell of readDayCells(ws.db, season, level)) {
      let days = this.personDays.get(cell.personId);
      if (!days) this.personDays.set(cell.personId, (days = new Map()));
      days.set(cell.day, cell.value);
    }
    this.lastYearTotals = readPersonTotals(ws.db, season - 1, 'actual');
  }

  /** The window total of a node: a person's days, a unit's people's. */
  total(id: string): number {
    const node = this.forest.nodes.get(id);
    if (!node) return 0;
    if (node.kind === 'person') {
      let sum = 0;
      for (const day of this.days) sum += this.personDays.get(id)?.get(day) ?? 0;
      return sum;
    }
    return (this.forest.children.get(id) ?? []).reduce((a, c) => a + this.total(c), 0);
  }

  private lastYear(id: string): number {
    const node = this.forest.nodes.get(id);
    if (!node) return 0;
    if (node.kind === 'person') return this.lastYearTotals.get(id) ?? 0;
    return (this.forest.children.get(id) ?? []).reduce((a, c) => a + this.lastYear(c), 0);
  }

  /** Weights for the store's days: its last-season sales on the lunar-aligned day. */
  private storePattern(storeId: string): Map<string, number> {
    let weights = this.dayWeightsByStore.get(storeId);
    if (weights) return weights;
    const matches = new Map(this.days.map((day) => [day, lastYearLunarDay(day)]));
    const first = [...matches.values()].reduce((a, b) => (b < a ? b : a));
    const last = [...matches.values()].reduce((a, b) => (b > a ? b : a));
    const sales = new Map(
      readStoreDailySales(this.ws.db, first, last)
        .filter((r) => r.storeId === storeId)
        .map((r) => [r.day, r.amount]),
    );
    weights = new Map(this.days.map((day) => [day, sales.get(matches.get(day)!) ?? 0]));
    this.dayWeightsByStore.set(storeId, weights);
    return weights;
  }

  private dayChildren(personId: string, method: DayMethod | 'shape'): SpreadChild[] {
    const node = this.forest.nodes.get(personId)!;
    const current = this.personDays.get(personId);
    const weightOf = (day: string): number => {
      if (method === 'shape') return current?.get(day) ?? 0;
      if (method === 'even') return 1;
      if (method === 'working-days') return isWorkingDay(day) ? 1 : 0;
      return this.storePattern(node.storeId).get(day) ?? 0;
    };
    const children = this.days.map((day) => ({ key: day, weight: weightOf(day) }));
    // No weight anywhere (no history, a window of rest days, an empty shape): evenly.
    return children.some((c) => c.weight > 0) ? children : this.days.map((day) => ({ key: day, weight: 1 }));
  }

  /** Whether anyone is below the node (a person is). */
  private hasPeople(id: string): boolean {
    const node = this.forest.nodes.get(id);
    return node?.kind === 'person' || (this.forest.children.get(id) ?? []).some((k) => this.hasPeople(k));
  }

  private orgChildren(id: string, method: OrgMethod | 'shape'): SpreadChild[] {
    // A 班组 nobody is in takes no share (it would have nowhere to put it).
    const kids = (this.forest.children.get(id) ?? []).filter((k) => this.hasPeople(k));
    const weightOf = (kid: string) => (method === 'even' ? 1 : method === 'shape' ? this.total(kid) : this.lastYear(kid));
    const weights = kids.map(weightOf);
    const even = weights.every((w) => w <= 0);
    return kids.map((key, i) => (this.locks.has(key) ? { key, weight: 0, locked: true, value: this.total(key) } : { key, weight: even ? 1 : weights[i] }));
  }

  private name(id: string): string {
    return this.forest.nodes.get(id)?.name ?? id;
  }

  private spreadOrRefuse(id: string, total: number, children: SpreadChild[]): Map<string, number> {
    const result = spreadTotal(total, children);
    if (result.ok) return result.values;
    const locked = children.filter((c) => c.locked).map((c) => this.name(c.key));
    if (result.reason === 'all-locked')
      refuse(
        'all-locked',
        `无法分解「${this.name(id)}」：其余成员均已锁定（${locked.join('、')}），合计须为 ${result.lockedSum.toLocaleString('en-US')} 元；请先解锁`,
        `cannot split ${this.name(id)}: every other member is locked (${locked.join(', ')}); the total must be ${result.lockedSum}`,
        { subject: id, lockedSum: result.lockedSum, locked },
      );
    if (result.reason === 'no-children')
      refuse('no-people', `「${this.name(id)}」下没有人员，无法分解`, `${this.name(id)} has nobody to split to`, { subject: id });
    refuse(
      result.reason,
      `无法分解「${this.name(id)}」：${total.toLocaleString('en-US')} 元小于锁定的 ${result.lockedSum.toLocaleString('en-US')} 元（锁定：${locked.join('、')}）`,
      `cannot split ${this.name(id)}: ${total} is below the locked ${result.lockedSum} (${locked.join(', ')})`,
      { subject: id, lockedSum: result.lockedSum, locked },
    );
  }

  /** Spreads `total` from the node down to its people's days. */
  spreadDown(id: string, total: number, orgMethod: OrgMethod | 'shape', dayMethod: DayMethod | 'shape'): void {
    const node = this.forest.nodes.get(id)!;
    if (node.kind === 'person') {
      const values = this.spreadOrRefuse(id, total, this.dayChildren(id, dayMethod));
      this.personDays.set(id, values);
      this.changed.add(id);
      return;
    }
    const values = this.spreadOrRefuse(id, total, this.orgChildren(id, orgMethod));
    for (const [kid, value] of values) {
      // A locked child keeps its total and how it is spread.
      if (this.locks.has(kid)) continue;
      this.spreadDown(kid, value, orgMethod, dayMethod);
    }
  }

  /** A node below a store set to `total`: its siblings absorb the difference, the parent keeps its figure. */
  holdParent(id: string, total: number, parentTotal: number, orgMethod: OrgMethod, dayMethod: DayMethod): void {
    const node = this.forest.nodes.get(id)!;
    const siblings = (this.forest.children.get(node.parentId!) ?? []).filter((k) => k !== id);
    const rest = parentTotal - total;
    if (rest < 0) {
      refuse(
        'above-parent',
        `「${this.name(id)}」的 ${total.toLocaleString('en-US')} 元超过了「${this.name(node.parentId!)}」的 ${parentTotal.toLocaleString('en-US')} 元`,
        `${this.name(id)}'s ${total} is above ${this.name(node.parentId!)}'s ${parentTotal}`,
        { subject: id, parentTotal },
      );
    }
    if (siblings.length > 0) {
      const kids = this.orgChildren(node.parentId!, 'shape').filter((c) => c.key !== id);
      // Siblings with nothing yet share by last season, else evenly.
      const shaped = kids.some((c) => !c.locked && c.weight > 0) ? kids : this.orgChildren(node.parentId!, orgMethod).filter((c) => c.key !== id);
      const values = this.spreadOrRefuse(node.parentId!, rest, shaped);
      for (const [kid, value] of values) if (!this.locks.has(kid)) this.spreadDown(kid, value, 'shape', 'shape');
    } else if (rest !== 0) {
      refuse(
        'only-child',
        `「${this.name(id)}」是「${this.name(node.parentId!)}」唯一的下级，其合计须等于上级`,
        `${this.name(id)} is the only one under ${this.name(node.parentId!)}`,
        {
          subject: id,
        },
      );
    }
    this.spreadDown(id, total, orgMethod, dayMethod);
  }

  /** Writes every person whose days were spread; the count of day cells written. */
  write(): number {
    const out = new Map<string, Map<string, number>>();
    for (const id of this.changed) out.set(id, this.personDays.get(id) ?? new Map());
    return replaceDayCells(this.ws.db, this.season, this.level, out);
  }
}

/** The figure a node is held at: a store's target, a unit's or person's current total. */
function heldTotal(state: SplitState, targets: Map<string, number>, id: string): number {
  const node = state.forest.nodes.get(id)!;
  return node.kind === 'store' ? (targets.get(id) ?? 0) : state.total(id);
}

export async function splitHoliday(ws: Workspace, input: ChannelInput<'holiday/split'>): Promise<{ changed: number }> {
  const state = new SplitState(ws, input.season, input.level);
  const node = state.forest.nodes.get(input.subjectId);
  if (!node)
    throw new AppError('NOT_FOUND', `Not a store, unit or person of season ${input.season}: ${input.subjectId}`, {
      reason: 'unknown-subject',
      zh: '不是本季门店中的单位或人员',
    });
  if (state.locks.has(input.subjectId) && input.total !== undefined)
    refuse('locked', `「${node.name}」已锁定，请先解锁`, `${node.name} is locked`, { subject: node.id });
  const targets = storeTargets(ws, input.season, input.level);
  if (node.kind === 'store') {
    if (input.total !== undefined)
      refuse('store-total', '门店的目标由各品类目标相加，请在“销售目标”中修改', 'a store’s target is the sum of its categories', { subject: node.id });
    const target = targets.get(node.id);
    if (target === undefined) refuse('no-target', `「${node.name}」还没有目标，请先在“销售目标”中设定`, `${node.name} has no target yet`, { subject: node.id });
    state.spreadDown(node.id, target, input.orgMethod, input.dayMethod);
  } else if (input.total !== undefined) {
    state.holdParent(node.id, input.total, heldTotal(state, targets, node.parentId!), input.orgMethod, input.dayMethod);
  } else {
    state.spreadDown(node.id, state.total(node.id), input.orgMethod, input.dayMethod);
  }
  const changed = ws.db.transaction(() => state.write());
  ws.events.emit('holiday/changed', { season: input.season, what: 'split' });
  return { changed };
}

/** Spreads each store's target at the level with the methods, in one transaction (the sample uses it too); the day cells written. */
export function splitStores(ws: Workspace, season: number, level: SplitLevel, storeIds: readonly string[], orgMethod: OrgMethod, dayMethod: DayMethod): number {
  const state = new SplitState(ws, season, level);
  const targets = storeTargets(ws, season, level);
  for (const storeId of storeIds) {
    const target = targets.get(storeId);
    if (target !== undefined) state.spreadDown(storeId, target, orgMethod, dayMethod);
  }
  return ws.db.transaction(() => state.write());
}

/**
 * After a store's target changed: its split (where there is one) spread again to the new target in
 * the shape it has, locks kept. Runs in the caller's transaction; refuses (and so rolls the caller
 * back) when the locks no longer fit.
 */
export function followStoreTargets(ws: Workspace, season: number, storeIds: Iterable<string>): void {
  for (const level of ['basic', 'challenge'] as const) {
    const targets = storeTargets(ws, season, level);
    const state = new SplitState(ws, season, level);
    for (const storeId of storeIds) {
      if (!state.forest.nodes.has(storeId) || state.total(storeId) === 0) continue;
      const target = targets.get(storeId) ?? 0;
      if (target !== state.total(storeId)) state.spreadDown(storeId, target, 'shape', 'shape');
    }
    state.write();
  }
}

export async function setHolidayLock(ws: Workspace, input: ChannelInput<'holiday/set-lock'>): Promise<{ locked: boolean }> {
  const forest = storeForest(ws, input.season);
  const node = forest.nodes.get(input.subjectId);
  if (!node || node.kind === 'store')
    throw new AppError('INVALID_INPUT', '只能锁定门店下的班组或人员 / only a unit or person under a store can be locked', {
      reason: 'not-lockable',
      zh: '只能锁定门店下的班组或人员',
    });
  ws.db.transaction(() => writeLock(ws.db, input.season, input.level, input.subjectId, input.locked));
  ws.events.emit('holiday/changed', { season: input.season, what: 'split' });
  return { locked: input.locked };
}

export async function getHolidaySplit(ws: Workspace, season: number, level: SplitLevel): Promise<HolidaySplit> {
  const state = new SplitState(ws, season, level);
  const targets = storeTargets(ws, season, level);
  const index = new Map(state.days.map((d, i) => [d, i]));
  const rows: HolidaySplit['rows'] = [];
  const valuesOf = (id: string): number[] => {
    const node = state.forest.nodes.get(id)!;
    const out = new Array<number>(state.days.length).fill(0);
    if (node.kind === 'person') {
      for (const [day, value] of state.personDays.get(id) ?? []) {
        const i = index.get(day);
        if (i !== undefined) out[i] = value;
      }
      return out;
    }
    for (const kid of state.forest.children.get(id) ?? []) valuesOf(kid).forEach((v, i) => (out[i] += v));
    return out;
  };
  const visit = (id: string, depth: number) => {
    const node = state.forest.nodes.get(id)!;
    const values = valuesOf(id);
    rows.push({
      id,
      kind: node.kind,
      parentId: node.parentId,
      depth,
      name: node.name,
      label: node.label,
      target: node.kind === 'store' ? (targets.get(id) ?? null) : null,
      total: values.reduce((a, b) => a + b, 0),
      locked: state.locks.has(id),
      values,
    });
    for (const kid of state.forest.children.get(id) ?? []) visit(kid, depth + 1);
  };
  for (const store of state.forest.stores) visit(store, 0);
  return {
    season,
    level,
    days: describeDays(season, state.days),
    rows,
  };
}
