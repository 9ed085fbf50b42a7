/**
 * The stocking plan's arithmetic against hand-computed cases, then through dispatch: a delivery
 * moved later turns into a 断货 warning at once, a raised target raises the forecast, and
 * deliveries outside the window or for an unknown store are refused with nothing written.
 */
import { describe, expect, it } from 'vitest';
import { createCaller } from '../../../src-main/core/dispatch';
import { projectStock, safetyStock } from '../../../src-shared/domain/stock-projection';
import { sampleWorkspacePerTest } from '../helpers/workspace';
import { refusalOf } from '../helpers/refusal';

const DAYS = ['2027-02-01', '2027-02-02', '2027-02-03', '2027-02-04', '2027-02-05'];

describe('stock projection', () => {
  it('opening + arrivals − forecast, day by day; safety = days × average forecast, rounded up', () => {
    // Forecast 10, 20, 30, 20, 10 (average 18); 2 safety days → 36.
    const forecast = [10, 20, 30, 20, 10];
    expect(safetyStock(forecast, 2)).toBe(36);
    expect(safetyStock([1, 2], 1)).toBe(2); // 1.5 → 2
    const p = projectStock(DAYS, 50, forecast, [{ day: '2027-02-03', quantity: 40 }], 2);
    // 50 − 10 = 40; 40 − 20 = 20 (预警); 20 + 40 − 30 = 30 (预警); 30 − 20 = 10 (预警); 10 − 10 = 0 (预警).
    expect(p.projected).toEqual([40, 20, 30, 10, 0]);
    expect(p.states).toEqual(['ok', 'below-safety', 'below-safety', 'below-safety', 'below-safety']);
    expect(p.warnings).toEqual([{ kind: 'below-safety', firstDay: '2027-02-02', lastDay: '2027-02-05', shortfall: 36, nextArrival: '2027-02-03' }]);
  });

  it('断货 where the stock goes below zero before the next arrival; two arrivals on one day add up', () => {
    const p = projectStock(
      DAYS,
      15,
      [10, 10, 10, 10, 10],
      [
        { day: '2027-02-04', quantity: 20 },
        { day: '2027-02-04', quantity: 5 },
      ],
      0,
    );
    // 5, −5, −15, 0, −10.
    expect(p.projected).toEqual([5, -5, -15, 0, -10]);
    expect(p.warnings).toEqual([
      { kind: 'stock-out', firstDay: '2027-02-02', lastDay: '2027-02-03', shortfall: 15, nextArrival: '2027-02-04' },
      { kind: 'stock-out', firstDay: '2027-02-05', lastDay: '2027-02-05', shortfall: 10, nextArrival: null },
    ]);
  });
});

const openSample = sampleWorkspacePerTest();
const SEASON = 2027;

describe('the stocking plan through dispatch', () => {
  it('opens on the sample’s warning; moving a delivery later turns it into 断货 at once; moving it back clears it', async () => {
    const ws = await openSample();
    const call = createCaller(ws);
    const { warnings } = await call('holiday/list-stock-warnings', { season: SEASON });
    expect(warnings.length).toBeGreaterThan(0);
    const store = warnings[0].storeId;
    const stock = await call('holiday/get-stock', { season: SEASON, storeId: store });
    expect(stock.days).toHaveLength(65);
    // 叶类蔬菜 keeps 3 days of safety stock: ten days without a delivery run it out.
    const greens = stock.rows.find((r) => r.name === '叶类蔬菜')!;
    expect(greens).toMatchObject({ unit: '斤', safetyDays: 3 });
    expect(greens.states.every((s) => s === 'ok')).toBe(true);
    // The projection is the stored inputs' arithmetic.
    const arrivals = new Map<string, number>();
    for (const d of greens.deliveries) arrivals.set(d.arrivalDay, (arrivals.get(d.arrivalDay) ?? 0) + d.quantity);
    let expected = greens.opening;
    stock.days.forEach((d, i) => {
      expected += (arrivals.get(d.day) ?? 0) - greens.forecast[i];
      expect(greens.projected[i]).toBe(expected);
    });

    // Its second delivery (2027-01-02) moved to the last day: the stock runs out before it.
    const delivery = greens.deliveries[1];
    await call('holiday/save-delivery', { season: SEASON, delivery: { ...delivery, arrivalDay: '2027-02-20' } });
    const after = (await call('holiday/list-stock-warnings', { season: SEASON })).warnings.filter(
      (w) => w.storeId === store && w.categoryId === greens.categoryId,
    );
    expect(after.some((w) => w.kind === 'stock-out' && w.firstDay >= delivery.arrivalDay && w.nextArrival !== null)).toBe(true);
    await call('holiday/save-delivery', { season: SEASON, delivery });
    expect(
      (await call('holiday/list-stock-warnings', { season: SEASON })).warnings.filter((w) => w.categoryId === greens.categoryId && w.storeId === store),
    ).toEqual([]);
  });

  it('a raised basic target raises the forecast in proportion (last season’s quantities × target ÷ last season’s sales)', async () => {
    const ws = await openSample();
    const call = createCaller(ws);
    const targets = await call('holiday/get-targets', { season: SEASON });
    const row = targets.rows[0];
    const before = (await call('holiday/get-stock', { season: SEASON, storeId: row.storeId })).rows.find((r) => r.categoryId === row.categoryId)!;
    expect(before.forecastTotal).toBe(before.lastYearQuantity);
    await call('holiday/save-targets', { season: SEASON, changes: [{ storeId: row.storeId, categoryId: row.categoryId, basic: row.lastYear * 2 }] });
    const after = (await call('holiday/get-stock', { season: SEASON, storeId: row.storeId })).rows.find((r) => r.categoryId === row.categoryId)!;
    after.forecast.forEach((f, i) => expect(f).toBe(before.forecast[i] * 2));
  });

  it('refuses a delivery outside the window or for a store that is not one, and a negative opening stock', async () => {
    const ws = await openSample();
    const call = createCaller(ws);
    const storeId = (await call('holiday/get-targets', { season: SEASON })).stores[0].id;
    const categoryId = (await call('holiday/list-categories', {}))[0].id;
    const before = ws.db.all(`SELECT * FROM holiday_delivery ORDER BY id`);
    const delivery = { storeId, categoryId, supplier: '测试', quantity: 5, arrivalDay: '2026-12-17' };
    expect((await refusalOf(call('holiday/save-delivery', { season: SEASON, delivery }))).details).toMatchObject({ reason: 'arrival-outside-window' });
    const company = (await call('org/list-tree', {})).units[0].id;
    expect(
      (await refusalOf(call('holiday/save-delivery', { season: SEASON, delivery: { ...delivery, storeId: company, arrivalDay: '2027-01-05' } }))).code,
    ).toBe('NOT_FOUND');
    expect((await refusalOf(call('holiday/save-opening-stock', { season: SEASON, storeId, changes: [{ categoryId, opening: -1 }] }))).code).toBe(
      'INVALID_INPUT',
    );
    expect(ws.db.all(`SELECT * FROM holiday_delivery ORDER BY id`)).toEqual(before);
  });
});

describe('the commodity categories', () => {
  it('a new category shows in every store’s plan with its unit; a taken name is refused; safety days change the safety stock', async () => {
    const ws = await openSample();
    const call = createCaller(ws);
    const storeId = (await call('holiday/get-targets', { season: SEASON })).stores[0].id;
    const added = await call('holiday/save-category', { name: '乳制品', unit: '箱', safetyDays: 5 });
    expect(added).toMatchObject({ name: '乳制品', unit: '箱', safetyDays: 5, archived: false });
    const stock = await call('holiday/get-stock', { season: SEASON, storeId });
    expect(stock.rows.at(-1)).toMatchObject({ categoryId: added.id, name: '乳制品', unit: '箱', forecastTotal: 0, opening: 0, safety: 0 });

    const before = ws.db.all(`SELECT * FROM holiday_category ORDER BY id`);
    expect((await refusalOf(call('holiday/save-category', { name: '粮食', unit: '袋', safetyDays: 10 }))).details).toMatchObject({
      reason: 'category-name-taken',
    });
    expect((await refusalOf(call('holiday/save-category', { id: 'hc-nowhere', name: '其他', unit: '件', safetyDays: 1 }))).code).toBe('NOT_FOUND');
    expect(ws.db.all(`SELECT * FROM holiday_category ORDER BY id`)).toEqual(before);

    // 粮食 from 15 safety days to 30: its safety stock doubles (rounded up from the same average).
    const grain = stock.rows.find((r) => r.name === '粮食')!;
    await call('holiday/save-category', { id: grain.categoryId, name: '粮食', unit: '袋', safetyDays: 30 });
    const after = (await call('holiday/get-stock', { season: SEASON, storeId })).rows.find((r) => r.categoryId === grain.categoryId)!;
    expect(after.safety).toBe(Math.ceil((30 * grain.forecastTotal) / stock.days.length));
    expect(grain.safety).toBe(Math.ceil((15 * grain.forecastTotal) / stock.days.length));
  });
});
