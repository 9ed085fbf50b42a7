/**
 * Sample data for key-account screening: scores and criteria for every signed or target customer,
 * for the clock's year and the year before. Last year's scores are drawn around the tier each
 * customer holds today, so today's tiers read as last year's screening result; this year's drift
 * from there, so some customers move up, some down, a few drop out of every tier, and most target
 * customers (not yet customers last year) enter one. Every choice comes from the seeded `random`.
 */
import type { ScreeningCriterion } from '../../../src-shared/contract/channels';
import { SCREENING_CRITERIA } from '../../../src-shared/contract/channels';
import { readActiveCustomers } from '../strategy';
import type { Workspace } from '../workspace';
import { readScreeningTiers } from './screening-service';
import { insertCriteria, readIndicatorIds, saveScore } from './screening-store';

type Random = () => number;

/** Below every tier's threshold: where target customers stood last year. */
const UNRANKED_BAND: [number, number] = [25, 40];

export function writeScreeningSample(ws: Workspace, random: Random): void {
  const db = ws.db;
  const year = ws.ctx.clock().getFullYear();
  const indicatorIds = readIndicatorIds(db);
  const tiers = readScreeningTiers(db);
  // By id (code-unit order, as SQL's ORDER BY id), the order the random stream is drawn in.
  const customers = readActiveCustomers(db).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (indicatorIds.length === 0 || tiers.length === 0) return;

  /** Totals a little inside a tier's range (its threshold up to the next tier's), so noise rarely crosses it. */
  const bandOf = (tierId: string | null): [number, number] => {
    const rank = tiers.findIndex((t) => t.tierId === tierId);
    if (rank < 0) return UNRANKED_BAND;
    const low = tiers[rank].minTenths / 10 + 1;
    const high = rank === 0 ? 97 : tiers[rank - 1].minTenths / 10 - 2;
    return [low, Math.max(low, high)];
  };

  const writeYear = (scoreYear: number, customerId: string, centre: number) => {
    for (const indicatorId of indicatorIds) {
      const score = clamp(centre + (random() * 2 - 1) * 10, 20, 100);
      // Most scores are whole points; some carry the one decimal the sheet allows.
      const tenths = random() < 0.3 ? Math.round(score * 10) : Math.round(score) * 10;
      saveScore(db, { year: scoreYear, customerId, indicatorId, score: tenths });
    }
    insertCriteria(db, scoreYear, customerId, sampleCriteria(random, centre));
  };

  db.transaction(() => {
    for (const customer of customers) {
      const lastYearBand = customer.status === 'target' && random() < 0.7 ? UNRANKED_BAND : bandOf(customer.tierId);
      const lastYear = lastYearBand[0] + random() * (lastYearBand[1] - lastYearBand[0]);
      writeYear(year - 1, customer.id, lastYear);
      const thisYear = customer.status === 'target' && lastYearBand === UNRANKED_BAND ? bandMiddle(bandOf(customer.tierId)) : lastYear + drift(random);
      writeYear(year, customer.id, clamp(thisYear, 20, 100));
    }
  });
}

function bandMiddle([low, high]: [number, number]): number {
  return (low + high) / 2;
}

/** Most customers hold their level; about one in three moves clearly up or down. */
function drift(random: Random): number {
  const roll = random();
  if (roll < 0.15) return 8 + random() * 10;
  if (roll < 0.35) return -(8 + random() * 12);
  return (random() * 2 - 1) * 4;
}

/** Stronger customers meet more of the criteria. */
function sampleCriteria(random: Random, total: number): ScreeningCriterion[] {
  const chance = clamp((total - 35) / 60, 0.05, 0.95);
  return SCREENING_CRITERIA.filter(() => random() < chance);
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
