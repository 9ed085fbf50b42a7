/**
 * Live numbers of a month and of the 两节 window, through dispatch on the sample workspace: the
 * targets and actual equal 目标分解's month and the window's day cells, after a spread too; rates,
 * 序时进度 and 日均需完成 follow from them as 进度跟踪 computes them for the year.
 */
import { describe, expect, it } from 'vitest';
import { createCaller } from '../../../src-main/core/dispatch';
import type { LiveNumberAttrs } from '../../../src-shared/contract/channels';
import { isWorkingDay } from '../../../src-shared/domain/calendar';
import { sampleWorkspacePerTest } from '../helpers/workspace';

const openSample = sampleWorkspacePerTest();
const YEAR = 2026;
const AS_OF = '2026-11-20';

async function setUp() {
  const ws = await openSample();
  const call = createCaller(ws);
  const tree = await call('org/list-tree', { year: YEAR });
  const company = tree.units.find((u) => u.parentId === null && u.name === '江城市分公司')!;
  const resolve = async (tokens: LiveNumberAttrs[]) => (await call('documents/resolve', { year: YEAR, asOf: AS_OF, tokens })).values;
  const token = (period: LiveNumberAttrs['period'], measure: LiveNumberAttrs['measure'], subjectId = company.id): LiveNumberAttrs => ({
    metricId: 'm-revenue',
    subjectId,
    measure,
    period,
  });
  return { ws, call, tree, company, resolve, token };
}

describe('live numbers of a month', () => {
  it('equal 目标分解’s month, also after a spread, with the month’s 序时进度 and what each working day left needs', async () => {
    const { call, company, resolve, token } = await setUp();
    const grid = async (level: 'basic' | 'actual') =>
      (await call('plan/get-grid', { year: YEAR, metricId: 'm-revenue', level, grain: 'month' })).rows.find((r) => r.id === company.id)!;
    const [basic, actual] = [await grid('basic'), await grid('actual')];
    const [october, octoberActual, octoberRate] = await resolve([token('2026-10', 'basic'), token('2026-10', 'actual'), token('2026-10', 'basicRate')]);
    expect(october.value).toBeCloseTo(basic.values['2026-10']! / 100, 6);
    expect(octoberActual.value).toBeCloseTo(actual.values['2026-10']! / 100, 6);
    expect(octoberRate.value).toBeCloseTo(actual.values['2026-10']! / basic.values['2026-10']!, 9);

    await call('plan/set-total', { year: YEAR, metricId: 'm-revenue', level: 'basic', subjectId: company.id, periodKey: '2026-10', text: '3000' });
    const [after] = await resolve([token('2026-10', 'basic')]);
    expect(after.value).toBe(3000);
    expect(after.text).toBe('3,000.00 万元');

    // November as of the 20th: the working days gone and what the rest need.
    const november = Array.from({ length: 30 }, (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`).filter(isWorkingDay);
    const elapsed = november.filter((d) => d <= AS_OF).length;
    const [progress, need, target, done] = await resolve([
      token('2026-11', 'timeProgress'),
      token('2026-11', 'basicRunRate'),
      token('2026-11', 'basic'),
      token('2026-11', 'actual'),
    ]);
    expect(progress.value).toBeCloseTo(elapsed / november.length, 9);
    // Only what is in by the 20th counts.
    const days = await call('plan/get-grid', { year: YEAR, metricId: 'm-revenue', level: 'actual', grain: 'day' });
    const byDay = days.rows.find((r) => r.id === company.id)!.values;
    const upTo20 = Object.entries(byDay)
      .filter(([day]) => day >= '2026-11-01' && day <= AS_OF)
      .reduce((a, [, v]) => a + (v ?? 0), 0);
    expect(done.value).toBeCloseTo(upTo20 / 100, 6);
    // On the stored integers (fen of 万元), as 进度跟踪 computes it: no float drift into the ceiling.
    const novemberBasic = basic.values['2026-11']!;
    expect(target.value).toBeCloseTo(novemberBasic / 100, 6);
    expect(need.value).toBe(Math.max(0, Math.ceil((novemberBasic - upTo20) / (november.length - elapsed))) / 100);
  });
});

describe('live numbers of the 两节 window', () => {
  it('add up the plan’s days of the document year’s window, as 两节供应计划 sets it', async () => {
    const { call, company, resolve, token } = await setUp();
    const season = await call('holiday/get-season', { season: YEAR });
    const days = await call('plan/get-grid', { year: YEAR, metricId: 'm-revenue', level: 'basic', grain: 'day' });
    const byDay = days.rows.find((r) => r.id === company.id)!.values;
    const inWindow = Object.entries(byDay)
      .filter(([day]) => day >= season.firstDay && day <= season.lastDay)
      .reduce((a, [, v]) => a + (v ?? 0), 0);
    const [basic, progress] = await resolve([token('holiday', 'basic'), token('holiday', 'timeProgress')]);
    expect(inWindow).toBeGreaterThan(0);
    expect(basic.value).toBeCloseTo(inWindow / 100, 6);
    // The 2026 window is long past on 20 November.
    expect(progress.value).toBe(1);
  });

  it('refuses a period that is neither the year to date, the window nor a month', async () => {
    const { call, company } = await setUp();
    await expect(
      call('documents/resolve', { year: YEAR, tokens: [{ metricId: 'm-revenue', subjectId: company.id, measure: 'basic', period: '2026-13' as never }] }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
