/**
 * 大客户筛选 (key-account screening): every signed or target customer is scored 0–100 per
 * weighted indicator (实力, 能力, 硬指标), the weighted total suggests an account tier, and the
 * suggestion is compared with last year's to show who moves up or down. Customers also record
 * which screening criteria they meet (sales share, gross margin, credit, management quality).
 *
 * Scores and thresholds are integer tenths in the database and in every sum here; only the
 * contract's output turns them into numbers with one decimal.
 */
import {
  INDICATOR_GROUPS,
  SCREENING_CRITERIA,
  type SCORE_REFUSALS,
  type ChannelInput,
  type ChannelOutput,
  type ScreeningCriterion,
  type ScreeningIndicator,
  type ScreeningRow,
  type ScreeningYear,
} from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import type { Database } from '../db/port';
import { readActiveCustomers, readCustomer, readCustomers, readEntries, readEntry, setCustomerTier, type CustomerRecord } from '../strategy';
import type { Workspace } from '../workspace';
import {
  deleteScore,
  indicatorNameTaken,
  insertIndicator,
  nextIndicatorSortOrder,
  readCriteria as readCriterionRecords,
  readIndicator,
  readIndicators,
  readScores as readScoreRecords,
  readThresholds,
  replaceCriteria,
  saveScore,
  saveThreshold,
  updateIndicator,
} from './screening-store';

type TierMovement = ScreeningRow['movement'];
type ScoreRefusalReason = (typeof SCORE_REFUSALS)[number];

/**
 * Lowest totals for tiers without a stored threshold, by rank (best first). Past the fourth,
 * each further tier asks 15 points less than the one above it, down to 0, so an added tier is
 * still reachable until the scale runs out.
 */
export const DEFAULT_THRESHOLDS = [85, 75, 60, 45] as const;
const FURTHER_TIER_STEP = 15;

export function defaultThresholdTenths(rank: number): number {
  if (rank < DEFAULT_THRESHOLDS.length) return DEFAULT_THRESHOLDS[rank] * 10;
  const last = DEFAULT_THRESHOLDS[DEFAULT_THRESHOLDS.length - 1];
  return Math.max(0, last - FURTHER_TIER_STEP * (rank - DEFAULT_THRESHOLDS.length + 1)) * 10;
}

// ---------------------------------------------------------------------------------------------
// Parsing a typed or pasted score

export type ParsedScore =
  { ok: true; tenths: number } | { ok: false; reason: Extract<ScoreRefusalReason, 'not-a-number' | 'out-of-range' | 'too-many-decimals'> };

/**
 * A score as typed in a cell or found in an imported sheet: 0–100 with at most one decimal.
 * Full-width digits and points (what a Chinese input method types) are accepted, and so is
 * surrounding white space; trailing zeros after the point do not count as decimals ("80.50").
 */
export function parseScoreText(text: string): ParsedScore {
  const normalized = text
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, '.')
    .replace(/＋/g, '+')
    .replace(/[－−]/g, '-')
    .trim();
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(normalized);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) return { ok: false, reason: 'not-a-number' };
  const [, sign, whole, fraction = ''] = match;
  const decimals = fraction.replace(/0+$/, '');
  if (decimals.length > 1) return { ok: false, reason: 'too-many-decimals' };
  const tenths = Number(whole || '0') * 10 + Number(decimals || '0');
  if (tenths > 1000 || (sign === '-' && tenths !== 0)) return { ok: false, reason: 'out-of-range' };
  return { ok: true, tenths };
}

// ---------------------------------------------------------------------------------------------
// Reading

export interface ScreeningTier {
  tierId: string;
  name: string;
  minTenths: number;
}

/** Active account tiers, best first (dictionary order), each with its stored or default threshold. */
export function readScreeningTiers(db: Database): ScreeningTier[] {
  const stored = new Map(readThresholds(db).map((t) => [t.tierId, t.minScore]));
  return readEntries(db, 'account-tier')
    .filter((tier) => !tier.archived)
    .map((tier, rank) => ({ tierId: tier.id, name: tier.name, minTenths: stored.get(tier.id) ?? defaultThresholdTenths(rank) }));
}

/** The customer columns of a screening row. */
function screenedCustomer(c: CustomerRecord): Pick<ScreeningRow, 'customerId' | 'name' | 'classId' | 'managerId' | 'unitId' | 'currentTierId'> {
  return { customerId: c.id, name: c.name, classId: c.classId, managerId: c.managerId, unitId: c.unitId, currentTierId: c.tierId };
}

const customerExists = (db: Database, customerId: string) => readCustomer(db, customerId) !== undefined;

/** Scores of a year: customer id → indicator id → tenths. */
function readScores(db: Database, year: number): Map<string, Map<string, number>> {
  const byCustomer = new Map<string, Map<string, number>>();
  for (const r of readScoreRecords(db, year)) {
    const scores = byCustomer.get(r.customerId) ?? new Map<string, number>();
    scores.set(r.indicatorId, r.score);
    byCustomer.set(r.customerId, scores);
  }
  return byCustomer;
}

function readCriteria(db: Database, year: number): Map<string, ScreeningCriterion[]> {
  const byCustomer = new Map<string, ScreeningCriterion[]>();
  for (const r of readCriterionRecords(db, year)) byCustomer.set(r.customerId, [...(byCustomer.get(r.customerId) ?? []), r.criterion]);
  for (const [id, list] of byCustomer) byCustomer.set(id, inContractOrder(list));
  return byCustomer;
}

function inContractOrder(criteria: readonly ScreeningCriterion[]): ScreeningCriterion[] {
  return SCREENING_CRITERIA.filter((c) => criteria.includes(c));
}

// ---------------------------------------------------------------------------------------------
// Totals, tiers, movement

/**
 * Σ weight × score / Σ weight over the scored indicators with a weight, in tenths rounded half
 * up; null when none is scored. Dividing by the scored weights (not by 100) keeps a partly
 * scored customer comparable, and means the weights need not add up to exactly 100.
 */
export function weightedTenths(indicators: readonly ScreeningIndicator[], scores: ReadonlyMap<string, number> | undefined): number | null {
  if (!scores) return null;
  let weighted = 0;
  let weights = 0;
  for (const indicator of indicators) {
    const score = scores.get(indicator.id);
    if (score === undefined || indicator.weight <= 0) continue;
    weighted += indicator.weight * score;
    weights += indicator.weight;
  }
  // Integer arithmetic, so a total that lands exactly on .x5 rounds the same every time.
  return weights === 0 ? null : Math.floor((2 * weighted + weights) / (2 * weights));
}

/** The best tier whose threshold the total reaches; null below every tier or when unscored. */
export function suggestTier(tiers: readonly ScreeningTier[], totalTenths: number | null): string | null {
  if (totalTenths === null) return null;
  return tiers.find((t) => totalTenths >= t.minTenths)?.tierId ?? null;
}

/**
 * `to` is this year's suggestion and `total` the total it comes from. A customer not scored yet
 * this year has no suggestion either, but that says nothing about its tier: only one scored below
 * every tier has dropped out.
 */
function movementOf(rankOf: ReadonlyMap<string, number>, from: string | null, to: string | null, total: number | null): TierMovement {
  if (from === null) return to === null ? 'none' : 'new';
  if (total === null) return 'unscored';
  if (to === null) return 'dropped';
  const before = rankOf.get(from) ?? 0;
  const now = rankOf.get(to) ?? 0;
  // Rank 0 is the best tier, so a smaller rank is a move up.
  return now < before ? 'up' : now > before ? 'down' : 'same';
}

const toScore = (tenths: number | null): number | null => (tenths === null ? null : tenths / 10);

/**
 * The screening sheet of a year. Last year's total is weighed with today's indicators and
 * thresholds, so a movement shows a change in the customer, not a change in the rules.
 */
export async function getScreeningYear(ws: Workspace, year: number): Promise<ScreeningYear> {
  const db = ws.db;
  const indicators = readIndicators(db);
  const tiers = readScreeningTiers(db);
  const rankOf = new Map(tiers.map((t, rank) => [t.tierId, rank]));
  const customers = readActiveCustomers(db).map(screenedCustomer);
  const scores = readScores(db, year);
  const lastYearScores = readScores(db, year - 1);
  const criteria = readCriteria(db, year);
  const groups = INDICATOR_GROUPS.map((group) => ({ group, indicators: indicators.filter((i) => i.group === group) }));

  const rows: ScreeningRow[] = customers.map((customer) => {
    const own = scores.get(customer.customerId);
    const total = weightedTenths(indicators, own);
    const lastYearTotal = weightedTenths(indicators, lastYearScores.get(customer.customerId));
    const suggestedTierId = suggestTier(tiers, total);
    const lastYearTierId = suggestTier(tiers, lastYearTotal);
    return {
      ...customer,
      criteria: criteria.get(customer.customerId) ?? [],
      scores: Object.fromEntries(indicators.map((i) => [i.id, toScore(own?.get(i.id) ?? null)])),
      total: toScore(total),
      groupTotals: Object.fromEntries(groups.map((g) => [g.group, toScore(weightedTenths(g.indicators, own))])) as ScreeningRow['groupTotals'],
      suggestedTierId,
      lastYearTotal: toScore(lastYearTotal),
      lastYearTierId,
      movement: movementOf(rankOf, lastYearTierId, suggestedTierId, total),
    };
  });

  const counts = new Map<string, { fromTierId: string | null; toTierId: string | null; count: number }>();
  for (const row of rows) {
    const key = `${row.lastYearTierId ?? ''}\u0000${row.suggestedTierId ?? ''}`;
    const entry = counts.get(key) ?? { fromTierId: row.lastYearTierId, toTierId: row.suggestedTierId, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  }
  // Best tier first on both sides; "no tier" last.
  const order = (tierId: string | null) => (tierId === null ? tiers.length : (rankOf.get(tierId) ?? tiers.length));
  const movements = [...counts.values()].sort((a, b) => order(a.fromTierId) - order(b.fromTierId) || order(a.toTierId) - order(b.toTierId));

  return {
    year,
    indicators,
    tiers: tiers.map((t) => ({ tierId: t.tierId, name: t.name, minScore: t.minTenths / 10 })),
    rows,
    movements,
  };
}

// ---------------------------------------------------------------------------------------------
// Writing

/**
 * Saves typed or pasted score cells. Every cell is checked first; if any is refused, the whole
 * batch is refused with each bad cell's index and reason, and nothing is written.
 * Empty text (or null) clears a cell.
 */
export async function saveScreeningScores(ws: Workspace, input: ChannelInput<'screening/save-scores'>): Promise<ChannelOutput<'screening/save-scores'>> {
  const db = ws.db;
  const customerIds = new Set(readCustomers(db).map((c) => c.id));
  const indicatorIds = new Set(readIndicators(db).map((i) => i.id));
  const refusals: Array<{ index: number; reason: ScoreRefusalReason }> = [];
  const writes: Array<{ customerId: string; indicatorId: string; tenths: number | null }> = [];
  input.changes.forEach((change, index) => {
    const { customerId, indicatorId } = change;
    const parsed = change.text === null || change.text.trim() === '' ? null : parseScoreText(change.text);
    if (!customerIds.has(customerId)) refusals.push({ index, reason: 'unknown-customer' });
    else if (!indicatorIds.has(indicatorId)) refusals.push({ index, reason: 'unknown-indicator' });
    else if (parsed === null) writes.push({ customerId, indicatorId, tenths: null });
    else if (!parsed.ok) refusals.push({ index, reason: parsed.reason });
    else writes.push({ customerId, indicatorId, tenths: parsed.tenths });
  });
  if (refusals.length > 0) {
    throw new AppError('INVALID_CELLS', `${refusals.length} of ${input.changes.length} score cells refused; nothing saved`, { refusals });
  }
  let saved = 0;
  let cleared = 0;
  db.transaction(() => {
    for (const w of writes) {
      if (w.tenths === null) {
        cleared += deleteScore(db, input.year, w.customerId, w.indicatorId);
      } else {
        saveScore(db, { year: input.year, customerId: w.customerId, indicatorId: w.indicatorId, score: w.tenths });
        saved += 1;
      }
    }
  });
  ws.events.emit('strategy/changed', { what: 'screening', yearMonth: null });
  return { saved, cleared };
}

/** Replaces the criteria a customer meets in a year; repeats are kept once. */
export async function saveScreeningCriteria(ws: Workspace, input: ChannelInput<'screening/save-criteria'>): Promise<ChannelOutput<'screening/save-criteria'>> {
  const db = ws.db;
  if (!customerExists(db, input.customerId)) throw new AppError('NOT_FOUND', `Customer ${input.customerId} not found`, { customerId: input.customerId });
  const criteria = inContractOrder(input.criteria);
  db.transaction(() => replaceCriteria(db, input.year, input.customerId, criteria));
  ws.events.emit('strategy/changed', { what: 'screening', yearMonth: null });
  return { criteria };
}

function invalidIndicator(field: string, reason: string): AppError {
  return new AppError('INVALID_INPUT', `Screening indicator refused: ${field} ${reason}`, { issues: [{ path: field, message: reason }] });
}

/**
 * Adds an indicator, or renames, reweighs, moves or reorders one. The weights are the user's:
 * nothing forces them to add up to 100, since totals divide by the weights actually scored;
 * the screen should still show the sum, as a total "out of 100" reads best when it is 100.
 */
export async function saveScreeningIndicator(ws: Workspace, input: ChannelInput<'screening/save-indicator'>): Promise<ScreeningIndicator> {
  const db = ws.db;
  const existing = input.id ? readIndicator(db, input.id) : undefined;
  if (input.id && !existing) throw new AppError('NOT_FOUND', `Screening indicator ${input.id} not found`, { id: input.id });
  const name = input.name.trim();
  if (indicatorNameTaken(db, input.group, name, existing?.id ?? null)) throw invalidIndicator('name', 'duplicate');
  if (existing) {
    const saved = { id: existing.id, group: input.group, name, weight: input.weight, sortOrder: input.sortOrder ?? existing.sortOrder };
    updateIndicator(db, saved);
    ws.events.emit('strategy/changed', { what: 'screening', yearMonth: null });
    return saved;
  }
  const id = ws.ctx.newId('si');
  const indicator = { id, group: input.group, name, weight: input.weight, sortOrder: input.sortOrder ?? nextIndicatorSortOrder(db, input.group) };
  insertIndicator(db, indicator);
  ws.events.emit('strategy/changed', { what: 'screening', yearMonth: null });
  return indicator;
}

/**
 * Stores the lowest total that earns a tier (one decimal at most). Thresholds must fall strictly
 * along the tier order, best tier highest: otherwise a worse tier would ask more than a better one,
 * and suggestTier (the first tier reached) could never suggest one of them.
 */
export async function saveScreeningThreshold(
  ws: Workspace,
  input: ChannelInput<'screening/save-threshold'>,
): Promise<ChannelOutput<'screening/save-threshold'>> {
  const db = ws.db;
  const dictionary = readEntry(db, input.tierId)?.dictionary;
  if (dictionary === undefined) throw new AppError('NOT_FOUND', `Tier ${input.tierId} not found`, { tierId: input.tierId });
  if (dictionary !== 'account-tier') {
    throw new AppError('INVALID_INPUT', `${input.tierId} is not an account tier`, { issues: [{ path: 'tierId', message: 'not an account tier' }] });
  }
  const tenths = Math.round(input.minScore * 10);
  if (Math.abs(input.minScore * 10 - tenths) > 1e-6) {
    throw new AppError('INVALID_INPUT', 'A threshold has at most one decimal', { issues: [{ path: 'minScore', message: 'too many decimals' }] });
  }
  const tiers = readScreeningTiers(db);
  const rank = tiers.findIndex((t) => t.tierId === input.tierId);
  // An archived tier has no place in the order, so no neighbour to cross.
  const better = rank > 0 ? tiers[rank - 1] : undefined;
  const worse = rank >= 0 ? tiers[rank + 1] : undefined;
  const crossed =
    better && tenths >= better.minTenths
      ? `must be below ${better.name}'s threshold (${better.minTenths / 10})`
      : worse && tenths <= worse.minTenths
        ? `must be above ${worse.name}'s threshold (${worse.minTenths / 10})`
        : null;
  if (crossed) {
    throw new AppError('INVALID_INPUT', `Threshold refused: ${crossed}`, { issues: [{ path: 'minScore', message: crossed }] });
  }
  saveThreshold(db, { tierId: input.tierId, minScore: tenths });
  ws.events.emit('strategy/changed', { what: 'screening', yearMonth: null });
  return { tierId: input.tierId, minScore: tenths / 10 };
}

/**
 * Sets each listed customer's tier to the year's suggestion. A customer with nothing scored that
 * year has no suggestion to apply and keeps its tier; one scored below every tier loses its tier.
 * `updated` counts the customers whose tier actually changed.
 */
export async function applySuggestedTiers(ws: Workspace, input: ChannelInput<'screening/apply-tiers'>): Promise<ChannelOutput<'screening/apply-tiers'>> {
  const db = ws.db;
  const customerIds = [...new Set(input.customerIds)];
  const missing = customerIds.filter((id) => !customerExists(db, id));
  if (missing.length > 0) throw new AppError('NOT_FOUND', `${missing.length} customers not found`, { customerIds: missing.slice(0, 20) });
  const indicators = readIndicators(db);
  const tiers = readScreeningTiers(db);
  const scores = readScores(db, input.year);
  let updated = 0;
  db.transaction(() => {
    for (const customerId of customerIds) {
      const total = weightedTenths(indicators, scores.get(customerId));
      if (total === null) continue;
      updated += setCustomerTier(db, customerId, suggestTier(tiers, total));
    }
  });
  if (updated > 0) {
    ws.events.emit('strategy/changed', { what: 'customer', yearMonth: null });
    ws.events.emit('strategy/changed', { what: 'screening', yearMonth: null });
  }
  return { updated };
}
