import path from 'node:path';
import type { DataSource } from 'typeorm';
import { afterEach, describe, expect, it } from 'vitest';
import { databasePort } from '../../../src-main/core/db/data-source';
import { openWorkspaceDataSource } from '../../../src-main/core/app';
import { KeyAccountScreening1764115200004 } from '../../../src-main/core/screening/migrations/0004-key-account-screening';
import { createCaller } from '../../../src-main/core/dispatch';
import { parseScoreText } from '../../../src-main/core/screening/screening-service';
import type { EventPayload, ScreeningRow, ScreeningYear } from '../../../src-shared/contract/channels';
import { sampleWorkspacePerTest, tempDir } from '../helpers/workspace';
import { refusalOf } from '../helpers/refusal';

const YEAR = 2026;
const LAST_YEAR = 2025;

const INDICATOR_IDS = [
  'si-capital',
  'si-network',
  'si-logistics',
  'si-relations',
  'si-staff',
  'si-strategy',
  'si-management',
  'si-marketing',
  'si-sales',
  'si-margin',
  'si-serving-cost',
  'si-admin-cost',
];

/**
 * One customer's scores, worked by hand with the seeded weights:
 *   实力 (6 each): 80 + 70 + 90 + 60 + 75 = 375 → ×6 = 2250; group 375 / 5 = 75
 *   能力 (10 each): 85 + 80 + 72.5 = 237.5 → ×10 = 2375; group 237.5 / 3 = 79.17 → 79.2
 *   硬指标: 90×15 + 70×15 + 60×5 + 50×5 = 1350 + 1050 + 300 + 250 = 2950; group 2950 / 40 = 73.75 → 73.8
 *   total: (2250 + 2375 + 2950) / 100 = 75.75 → 75.8, which earns 金牌 (75 ≤ 75.8 < 85)
 */
const FIXTURE: Record<string, string> = {
  'si-capital': '80',
  'si-network': '70',
  'si-logistics': '90',
  'si-relations': '60',
  'si-staff': '75',
  'si-strategy': '85',
  'si-management': '80',
  'si-marketing': '72.5',
  'si-sales': '90',
  'si-margin': '70',
  'si-serving-cost': '60',
  'si-admin-cost': '50',
};

const openTestWorkspace = sampleWorkspacePerTest();
let dataSources: DataSource[] = [];
afterEach(async () => {
  for (const ds of dataSources) if (ds.isInitialized) await ds.destroy();
  dataSources = [];
});

async function setup() {
  const ws = await openTestWorkspace();
  const call = createCaller(ws);
  const db = ws.db;
  const year = await call('screening/get-year', { year: YEAR });
  const tierId = (name: string) => {
    const tier = year.tiers.find((t) => t.name === name);
    if (!tier) throw new Error(`no tier ${name}`);
    return tier.tierId;
  };
  return { ws, call, db, year, tierId };
}
type Call = Awaited<ReturnType<typeof setup>>['call'];

function rowOf(year: ScreeningYear, customerId: string): ScreeningRow {
  const row = year.rows.find((r) => r.customerId === customerId);
  if (!row) throw new Error(`no row for ${customerId}`);
  return row;
}

/** Every indicator of one customer set to the same text (null clears). */
async function scoreAll(call: Call, customerId: string, year: number, text: string | null) {
  return call('screening/save-scores', { year, changes: INDICATOR_IDS.map((indicatorId) => ({ customerId, indicatorId, text })) });
}

async function scoreFixture(call: Call, customerId: string) {
  return call('screening/save-scores', {
    year: YEAR,
    changes: Object.entries(FIXTURE).map(([indicatorId, text]) => ({ customerId, indicatorId, text })),
  });
}

describe('parseScoreText', () => {
  it('reads 0–100 with one decimal, full-width digits and surrounding spaces', () => {
    expect(parseScoreText('85')).toEqual({ ok: true, tenths: 850 });
    expect(parseScoreText(' 72.5 ')).toEqual({ ok: true, tenths: 725 });
    expect(parseScoreText('８５．５')).toEqual({ ok: true, tenths: 855 });
    expect(parseScoreText('\u3000９０\u3000')).toEqual({ ok: true, tenths: 900 });
    expect(parseScoreText('0')).toEqual({ ok: true, tenths: 0 });
    expect(parseScoreText('100')).toEqual({ ok: true, tenths: 1000 });
    expect(parseScoreText('100.0')).toEqual({ ok: true, tenths: 1000 });
    expect(parseScoreText('80.50')).toEqual({ ok: true, tenths: 805 });
    expect(parseScoreText('.5')).toEqual({ ok: true, tenths: 5 });
  });

  it('names why a text is refused', () => {
    expect(parseScoreText('八十')).toEqual({ ok: false, reason: 'not-a-number' });
    expect(parseScoreText('85分')).toEqual({ ok: false, reason: 'not-a-number' });
    expect(parseScoreText('')).toEqual({ ok: false, reason: 'not-a-number' });
    expect(parseScoreText('.')).toEqual({ ok: false, reason: 'not-a-number' });
    expect(parseScoreText('8 5')).toEqual({ ok: false, reason: 'not-a-number' });
    expect(parseScoreText('101')).toEqual({ ok: false, reason: 'out-of-range' });
    expect(parseScoreText('100.1')).toEqual({ ok: false, reason: 'out-of-range' });
    expect(parseScoreText('-5')).toEqual({ ok: false, reason: 'out-of-range' });
    expect(parseScoreText('80.25')).toEqual({ ok: false, reason: 'too-many-decimals' });
  });
});

describe('key-account screening', () => {
  it('starts from the seeded indicators (weights 100) and default thresholds 85/75/60/45', async () => {
    const { year } = await setup();
    expect(year.indicators.map((i) => i.id)).toEqual(INDICATOR_IDS);
    expect(year.indicators.map((i) => i.name)).toEqual([
      '资金实力',
      '网络资源',
      '物流实力',
      '社会关系',
      '人力资源',
      '经营思路',
      '管理水平',
      '营销方法',
      '销售额',
      '毛利水平',
      '经营费用',
      '管理成本',
    ]);
    expect(year.indicators.map((i) => i.weight)).toEqual([6, 6, 6, 6, 6, 10, 10, 10, 15, 15, 5, 5]);
    expect(year.indicators.reduce((sum, i) => sum + i.weight, 0)).toBe(100);
    expect(year.tiers.map((t) => [t.name, t.minScore])).toEqual([
      ['铂金', 85],
      ['金牌', 75],
      ['银牌', 60],
      ['铜牌', 45],
    ]);
  });

  it('lists every signed and target customer by name, with the sample scored in both years', async () => {
    const { call, year } = await setup();
    const customers = (await call('customers/list', {})).filter((c) => c.status !== 'prospect');
    expect(year.rows.map((r) => r.customerId)).toEqual(customers.map((c) => c.id));
    expect(year.rows.every((r) => r.total !== null && r.lastYearTotal !== null)).toBe(true);
    expect(year.rows.every((r) => Object.keys(r.scores).length === INDICATOR_IDS.length)).toBe(true);
    // Today's tiers are last year's screening result for most signed customers.
    const signed = new Map(customers.filter((c) => c.status === 'signed').map((c) => [c.id, c.tierId]));
    const agreeing = year.rows.filter((r) => signed.has(r.customerId) && signed.get(r.customerId) === r.lastYearTierId);
    expect(agreeing.length).toBeGreaterThanOrEqual(signed.size * 0.7);
    // The sample has customers moving every way, and the movement counts add up to the rows.
    const kinds = new Set(year.rows.map((r) => r.movement));
    for (const kind of ['up', 'down', 'same', 'new'] as const) expect(kinds).toContain(kind);
    expect(year.movements.reduce((sum, m) => sum + m.count, 0)).toBe(year.rows.length);
    expect(year.rows.some((r) => r.criteria.length > 0)).toBe(true);
  });

  it('weighs a hand-computed fixture into totals, group totals and a suggested tier', async () => {
    const { call, year, tierId } = await setup();
    const customerId = year.rows[0].customerId;
    expect(await scoreFixture(call, customerId)).toEqual({ saved: 12, cleared: 0 });
    const row = rowOf(await call('screening/get-year', { year: YEAR }), customerId);
    expect(row.scores['si-marketing']).toBe(72.5);
    expect(row.scores['si-admin-cost']).toBe(50);
    expect(row.groupTotals).toEqual({ strength: 75, ability: 79.2, hard: 73.8 });
    expect(row.total).toBe(75.8);
    expect(row.suggestedTierId).toBe(tierId('金牌'));
  });

  it('clears cells with null or blank text and totals only what is scored', async () => {
    const { call, year, tierId } = await setup();
    const customerId = year.rows[0].customerId;
    await scoreFixture(call, customerId);
    const cleared = await call('screening/save-scores', {
      year: YEAR,
      changes: [
        { customerId, indicatorId: 'si-strategy', text: null },
        { customerId, indicatorId: 'si-management', text: '' },
        { customerId, indicatorId: 'si-marketing', text: '  ' },
      ],
    });
    expect(cleared).toEqual({ saved: 0, cleared: 3 });
    let row = rowOf(await call('screening/get-year', { year: YEAR }), customerId);
    expect(row.scores['si-strategy']).toBeNull();
    expect(row.groupTotals.ability).toBeNull();
    // (2250 + 2950) / (30 + 40) = 74.29 → 74.3: 银牌
    expect(row.total).toBe(74.3);
    expect(row.suggestedTierId).toBe(tierId('银牌'));

    expect(await scoreAll(call, customerId, YEAR, null)).toEqual({ saved: 0, cleared: 9 });
    row = rowOf(await call('screening/get-year', { year: YEAR }), customerId);
    expect(Object.values(row.scores).every((s) => s === null)).toBe(true);
    expect(row.total).toBeNull();
    expect(row.groupTotals).toEqual({ strength: null, ability: null, hard: null });
    expect(row.suggestedTierId).toBeNull();
  });

  it('refuses a batch with a bad cell, naming each, and writes none of it', async () => {
    const { ws, call, year } = await setup();
    const customerId = year.rows[0].customerId;
    const before = rowOf(year, customerId);
    const events: Array<EventPayload<'strategy/changed'>> = [];
    ws.events.on('strategy/changed', (e) => events.push(e));
    const error = await refusalOf(
      call('screening/save-scores', {
        year: YEAR,
        changes: [
          { customerId, indicatorId: 'si-capital', text: '12' },
          { customerId, indicatorId: 'si-network', text: '八十' },
          { customerId, indicatorId: 'si-logistics', text: '101' },
          { customerId, indicatorId: 'si-relations', text: '80.25' },
          { customerId: 'no-such-customer', indicatorId: 'si-staff', text: '80' },
          { customerId, indicatorId: 'no-such-indicator', text: '80' },
          { customerId, indicatorId: 'si-sales', text: null },
        ],
      }),
    );
    expect(error.code).toBe('INVALID_CELLS');
    expect((error.details as { refusals: unknown }).refusals).toEqual([
      { index: 1, reason: 'not-a-number' },
      { index: 2, reason: 'out-of-range' },
      { index: 3, reason: 'too-many-decimals' },
      { index: 4, reason: 'unknown-customer' },
      { index: 5, reason: 'unknown-indicator' },
    ]);
    const after = rowOf(await call('screening/get-year', { year: YEAR }), customerId);
    expect(after).toEqual(before);
    expect(after.scores['si-capital']).not.toBe(12);
    expect(events).toEqual([]);

    // The good cell alone goes through, and says so.
    expect(await call('screening/save-scores', { year: YEAR, changes: [{ customerId, indicatorId: 'si-capital', text: '１２' }] })).toEqual({
      saved: 1,
      cleared: 0,
    });
    expect(rowOf(await call('screening/get-year', { year: YEAR }), customerId).scores['si-capital']).toBe(12);
    expect(events).toEqual([{ what: 'screening', yearMonth: null }]);
  });

  it('compares with last year: up, down, same, new, dropped, unscored and none', async () => {
    const { call, year, tierId } = await setup();
    const [up, down, same, added, dropped, none, unscored] = year.rows.map((r) => r.customerId);
    const plan: Array<[string, string | null, string | null]> = [
      [up, '70', '90'],
      [down, '90', '50'],
      [same, '62', '70'],
      [added, null, '80'],
      [dropped, '50', '30'],
      [none, null, null],
      [unscored, '70', null],
    ];
    for (const [customerId, lastYear, thisYear] of plan) {
      await scoreAll(call, customerId, LAST_YEAR, lastYear);
      await scoreAll(call, customerId, YEAR, thisYear);
    }
    const result = await call('screening/get-year', { year: YEAR });
    const movement = (id: string) => {
      const row = rowOf(result, id);
      return [row.lastYearTotal, row.lastYearTierId, row.total, row.suggestedTierId, row.movement];
    };
    expect(movement(up)).toEqual([70, tierId('银牌'), 90, tierId('铂金'), 'up']);
    expect(movement(down)).toEqual([90, tierId('铂金'), 50, tierId('铜牌'), 'down']);
    expect(movement(same)).toEqual([62, tierId('银牌'), 70, tierId('银牌'), 'same']);
    expect(movement(added)).toEqual([null, null, 80, tierId('金牌'), 'new']);
    expect(movement(dropped)).toEqual([50, tierId('铜牌'), 30, null, 'dropped']);
    expect(movement(none)).toEqual([null, null, null, null, 'none']);
    // Not scored yet this year: nothing is known of a move, so it is no drop.
    expect(movement(unscored)).toEqual([70, tierId('银牌'), null, null, 'unscored']);

    // movements counts every row once, by (last year's tier, this year's suggestion).
    const expected = new Map<string, number>();
    for (const r of result.rows) {
      const key = `${r.lastYearTierId}>${r.suggestedTierId}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    const actual = new Map(result.movements.map((m) => [`${m.fromTierId}>${m.toTierId}`, m.count]));
    expect(actual).toEqual(expected);
    expect(actual.get(`null>null`)).toBeGreaterThanOrEqual(1);
    expect(actual.get(`${tierId('铜牌')}>null`)).toBeGreaterThanOrEqual(1);
  });

  it('saves the criteria a customer meets, once each, in the contract order', async () => {
    const { call, year } = await setup();
    const customerId = year.rows[1].customerId;
    expect(await call('screening/save-criteria', { year: YEAR, customerId, criteria: ['credit', 'sales-share', 'credit'] })).toEqual({
      criteria: ['sales-share', 'credit'],
    });
    expect(rowOf(await call('screening/get-year', { year: YEAR }), customerId).criteria).toEqual(['sales-share', 'credit']);
    // Another year is its own record.
    await call('screening/save-criteria', { year: 2027, customerId, criteria: ['management'] });
    expect(rowOf(await call('screening/get-year', { year: YEAR }), customerId).criteria).toEqual(['sales-share', 'credit']);
    await call('screening/save-criteria', { year: YEAR, customerId, criteria: [] });
    expect(rowOf(await call('screening/get-year', { year: YEAR }), customerId).criteria).toEqual([]);
    const error = await refusalOf(call('screening/save-criteria', { year: YEAR, customerId: 'no-such-customer', criteria: ['credit'] }));
    expect(error.code).toBe('NOT_FOUND');
  });

  it('reweighs totals when an indicator is edited, and adds indicators with unique names per group', async () => {
    const { call, year } = await setup();
    const customerId = year.rows[0].customerId;
    await scoreFixture(call, customerId);
    const edited = await call('screening/save-indicator', { id: 'si-sales', group: 'hard', name: '销售额', weight: 35 });
    expect(edited).toEqual({ id: 'si-sales', group: 'hard', name: '销售额', weight: 35, sortOrder: 1 });
    let row = rowOf(await call('screening/get-year', { year: YEAR }), customerId);
    // (7575 + 20 × 90) / 120 = 78.125 → 78.1; 硬指标 (2950 + 1800) / 60 = 79.17 → 79.2
    expect(row.total).toBe(78.1);
    expect(row.groupTotals.hard).toBe(79.2);

    // A weight of 0 leaves an indicator out of every total.
    await call('screening/save-indicator', { id: 'si-sales', group: 'hard', name: '销售额', weight: 0 });
    row = rowOf(await call('screening/get-year', { year: YEAR }), customerId);
    // (7575 − 1350) / 85 = 73.24 → 73.2
    expect(row.total).toBe(73.2);

    const added = await call('screening/save-indicator', { group: 'hard', name: '回款及时率', weight: 10 });
    expect(added).toMatchObject({ group: 'hard', name: '回款及时率', weight: 10, sortOrder: 5 });
    const after = await call('screening/get-year', { year: YEAR });
    expect(after.indicators.map((i) => i.id).at(-1)).toBe(added.id);
    // Not yet scored: it changes no total.
    expect(rowOf(after, customerId).scores[added.id]).toBeNull();
    expect(rowOf(after, customerId).total).toBe(73.2);

    const duplicate = await refusalOf(call('screening/save-indicator', { group: 'hard', name: '毛利水平', weight: 5 }));
    expect(duplicate.code).toBe('INVALID_INPUT');
    const renamedOntoAnother = await refusalOf(call('screening/save-indicator', { id: 'si-margin', group: 'hard', name: '管理成本', weight: 15 }));
    expect(renamedOntoAnother.code).toBe('INVALID_INPUT');
    // The same name in another group is a different indicator.
    await call('screening/save-indicator', { group: 'ability', name: '毛利水平', weight: 0 });
    const missing = await refusalOf(call('screening/save-indicator', { id: 'si-nothing', group: 'hard', name: '新指标', weight: 5 }));
    expect(missing.code).toBe('NOT_FOUND');
  });

  it('moves the suggestion when a threshold is edited', async () => {
    const { call, year, tierId } = await setup();
    const customerId = year.rows[0].customerId;
    await scoreFixture(call, customerId);
    expect(await call('screening/save-threshold', { tierId: tierId('金牌'), minScore: 76 })).toEqual({ tierId: tierId('金牌'), minScore: 76 });
    let result = await call('screening/get-year', { year: YEAR });
    expect(result.tiers.map((t) => t.minScore)).toEqual([85, 76, 60, 45]);
    expect(rowOf(result, customerId).suggestedTierId).toBe(tierId('银牌'));

    await call('screening/save-threshold', { tierId: tierId('金牌'), minScore: 75.8 });
    result = await call('screening/get-year', { year: YEAR });
    expect(rowOf(result, customerId).suggestedTierId).toBe(tierId('金牌'));

    expect((await refusalOf(call('screening/save-threshold', { tierId: 'no-such-tier', minScore: 50 }))).code).toBe('NOT_FOUND');
    const notATier = result.rows[0].classId;
    expect((await refusalOf(call('screening/save-threshold', { tierId: notATier, minScore: 50 }))).code).toBe('INVALID_INPUT');
    expect((await refusalOf(call('screening/save-threshold', { tierId: tierId('铜牌'), minScore: 40.25 }))).code).toBe('INVALID_INPUT');
    expect((await call('screening/get-year', { year: YEAR })).tiers.map((t) => t.minScore)).toEqual([85, 75.8, 60, 45]);
  });

  it('keeps thresholds falling along the tier order, refusing one that crosses a neighbour', async () => {
    const { call, tierId } = await setup();
    const crossing = async (tier: string, minScore: number, neighbour: string) => {
      const refused = await refusalOf(call('screening/save-threshold', { tierId: tierId(tier), minScore }));
      expect(refused.code).toBe('INVALID_INPUT');
      expect(refused.details).toEqual({ issues: [{ path: 'minScore', message: expect.stringContaining(neighbour) }] });
    };
    await crossing('金牌', 85, '铂金');
    await crossing('金牌', 90, '铂金');
    await crossing('金牌', 60, '银牌');
    await crossing('铂金', 74.9, '金牌');
    await crossing('铜牌', 60, '银牌');
    expect((await call('screening/get-year', { year: YEAR })).tiers.map((t) => t.minScore)).toEqual([85, 75, 60, 45]);

    await call('screening/save-threshold', { tierId: tierId('金牌'), minScore: 84.9 });
    await call('screening/save-threshold', { tierId: tierId('铂金'), minScore: 100 });
    await call('screening/save-threshold', { tierId: tierId('铜牌'), minScore: 0 });
    expect((await call('screening/get-year', { year: YEAR })).tiers.map((t) => t.minScore)).toEqual([100, 84.9, 60, 0]);
  });

  it('applies suggested tiers to the listed customers only', async () => {
    const { call, db, year, tierId } = await setup();
    const [scored, unscored, below, untouched] = year.rows.map((r) => r.customerId);
    await scoreFixture(call, scored);
    await scoreAll(call, unscored, YEAR, null);
    await scoreAll(call, below, YEAR, '30');
    const setTier = db.statement(`UPDATE customer SET tier_id = ? WHERE id = ?`);
    for (const id of [scored, unscored, below, untouched]) setTier.run(tierId('铜牌'), id);
    const tierOf = (id: string) => (db.statement(`SELECT tier_id AS tierId FROM customer WHERE id = ?`).get(id) as { tierId: string | null }).tierId;

    const refused = await refusalOf(call('screening/apply-tiers', { year: YEAR, customerIds: [scored, 'no-such-customer'] }));
    expect(refused.code).toBe('NOT_FOUND');
    expect(tierOf(scored)).toBe(tierId('铜牌'));

    expect(await call('screening/apply-tiers', { year: YEAR, customerIds: [scored, unscored, below] })).toEqual({ updated: 2 });
    expect(tierOf(scored)).toBe(tierId('金牌'));
    // Nothing scored this year: no suggestion to apply, the tier stays.
    expect(tierOf(unscored)).toBe(tierId('铜牌'));
    // Scored below every tier: the tier goes.
    expect(tierOf(below)).toBeNull();
    expect(tierOf(untouched)).toBe(tierId('铜牌'));
    expect(rowOf(await call('screening/get-year', { year: YEAR }), scored).currentTierId).toBe(tierId('金牌'));
    expect(await call('screening/apply-tiers', { year: YEAR, customerIds: [scored, below] })).toEqual({ updated: 0 });
  });

  it('keeps scores tied to customers and indicators', async () => {
    const { db, year } = await setup();
    expect(() => db.statement(`DELETE FROM screening_indicator WHERE id = 'si-sales'`).run()).toThrow(/FOREIGN KEY/);
    const customerId = year.rows[0].customerId;
    const scores = (id: string) => (db.statement(`SELECT COUNT(*) AS n FROM customer_score WHERE customer_id = ?`).get(id) as { n: number }).n;
    expect(scores(customerId)).toBeGreaterThan(0);
    db.statement(`DELETE FROM customer WHERE id = ?`).run(customerId);
    expect(scores(customerId)).toBe(0);
    expect(() =>
      db.statement(`INSERT INTO customer_score (year, customer_id, indicator_id, score) VALUES (2026, ?, 'si-sales', 1001)`).run(year.rows[1].customerId),
    ).toThrow(/CHECK/);
  });
});

describe('migration 0004', () => {
  const SCREENING_TABLES = ['customer_criterion', 'customer_score', 'screening_indicator', 'tier_threshold'];

  function tables(ds: DataSource): string[] {
    return databasePort(ds)
      .all<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
      .map((r) => r.name);
  }

  it('goes down and up again, seeding the indicators each time', async () => {
    const ds = await openWorkspaceDataSource(path.join(tempDir(), 'screening.plandesk'));
    dataSources.push(ds);
    expect(tables(ds)).toEqual(expect.arrayContaining(SCREENING_TABLES));
    const migration = new KeyAccountScreening1764115200004();
    const runner = ds.createQueryRunner();
    try {
      await migration.down(runner);
      expect(tables(ds).filter((t) => SCREENING_TABLES.includes(t))).toEqual([]);
      expect(tables(ds)).toContain('customer');
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    expect(tables(ds)).toEqual(expect.arrayContaining(SCREENING_TABLES));
    const seeded = databasePort(ds).all<{ id: string; weight: number }>(`SELECT id, weight FROM screening_indicator ORDER BY group_key, sort_order`);
    expect(seeded.map((r) => r.id).sort()).toEqual([...INDICATOR_IDS].sort());
    expect(seeded.reduce((sum, r) => sum + r.weight, 0)).toBe(100);
    const pk = databasePort(ds)
      .all<{ name: string; pk: number }>(`PRAGMA table_info(customer_score)`)
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name);
    expect(pk).toEqual(['year', 'customer_id', 'indicator_id']);
  });
});
