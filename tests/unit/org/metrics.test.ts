/**
 * Metrics through dispatch on a real sample workspace: add and change them; a metric with stored
 * figures keeps its precision and kind and is not deleted (refused with the count, bilingual),
 * negatives stay allowed while negative values are stored, ratios need two additive parts.
 */
import { describe, expect, it } from 'vitest';
import { createCaller } from '../../../src-main/core/dispatch';
import type { MetricInput } from '../../../src-shared/contract/channels';
import { refusalOf } from '../helpers/refusal';
import { sampleWorkspacePerTest } from '../helpers/workspace';

const openSample = sampleWorkspacePerTest();

async function setup() {
  const ws = await openSample();
  const call = createCaller(ws);
  const events: string[][] = [];
  ws.events.on('metrics/changed', (e: { ids: string[] }) => events.push(e.ids));
  return { ws, call, events };
}

const NEW: MetricInput = {
  code: 'store_visits',
  name: '门店客流',
  unit: '人次',
  precision: 0,
  kind: 'additive',
  direction: 'higher',
  allowNegative: false,
  numeratorId: null,
  denominatorId: null,
};

describe('metrics/save', () => {
  it('adds a metric at the end, changes it while it has no figures, and deletes it', async () => {
    const { call, events } = await setup();
    const before = await call('metrics/list', {});
    const { id } = await call('metrics/save', NEW);
    const listed = await call('metrics/list', {});
    expect(listed.at(-1)).toMatchObject({ ...NEW, id, sortOrder: Math.max(...before.map((m) => m.sortOrder)) + 1 });
    await call('metrics/save', { ...NEW, id, name: '门店客流量', precision: 1, direction: 'lower', allowNegative: true });
    expect((await call('metrics/list', {})).find((m) => m.id === id)).toMatchObject({
      name: '门店客流量',
      precision: 1,
      direction: 'lower',
      allowNegative: true,
    });
    await call('metrics/delete', { id });
    expect(await call('metrics/list', {})).toEqual(before);
    expect(events).toEqual([[id], [id], [id]]);
  });

  it('refuses to change the precision or kind of a metric with figures, or delete it, with the count', async () => {
    const { ws, call, events } = await setup();
    const revenue = (await call('metrics/list', {})).find((m) => m.id === 'm-new-business')!;
    const count =
      ws.db.scalar<number>(`SELECT COUNT(*) FROM plan_day_cell WHERE metric_id = ?`, revenue.id)! +
      ws.db.scalar<number>(`SELECT COUNT(*) FROM plan_lock WHERE metric_id = ?`, revenue.id)! +
      ws.db.scalar<number>(`SELECT COUNT(*) FROM target_cell WHERE metric_id = ?`, revenue.id)!;
    expect(count).toBeGreaterThan(1000);
    const { id: _, sortOrder: __, ...input } = revenue;
    const precision = await refusalOf(call('metrics/save', { ...input, id: revenue.id, precision: 3 }));
    expect(precision.code).toBe('IN_USE');
    expect(precision.details).toMatchObject({ reason: 'has-data', count, what: 'precision' });
    expect((precision.details as { zh: string }).zh).toBe(`该指标已有 ${count} 个数据，不能修改小数位数`);
    expect(precision.message).toContain(String(count));
    const deleted = await refusalOf(call('metrics/delete', { id: revenue.id }));
    expect(deleted.details).toMatchObject({ reason: 'has-data', count, what: 'delete' });
    // A name, unit or direction change is fine.
    await call('metrics/save', { ...input, id: revenue.id, name: '新兴业务收入', unit: '万元' });
    expect((await call('metrics/list', {})).find((m) => m.id === revenue.id)).toMatchObject({ name: '新兴业务收入', precision: revenue.precision });
    expect(events).toEqual([[revenue.id]]);
  });

  it('keeps negatives allowed while negative values are stored', async () => {
    const { ws, call } = await setup();
    const netUsers = (await call('metrics/list', {})).find((m) => m.id === 'm-net-users')!;
    const person = (await call('org/list-tree', {})).people[0];
    await call('targets/save-cells', { year: 2026, changes: [{ metricId: netUsers.id, subjectId: person.id, measure: 'lastYearActual', text: '-12' }] });
    const negatives =
      ws.db.scalar<number>(`SELECT COUNT(*) FROM plan_day_cell WHERE metric_id = ? AND value < 0`, netUsers.id)! +
      ws.db.scalar<number>(`SELECT COUNT(*) FROM target_cell WHERE metric_id = ? AND value < 0`, netUsers.id)!;
    const { id: _, sortOrder: __, ...input } = netUsers;
    const refused = await refusalOf(call('metrics/save', { ...input, id: netUsers.id, allowNegative: false }));
    expect(refused.details).toMatchObject({ reason: 'has-negatives', count: negatives });
  });

  it('a ratio needs two different additive parts, and a part of a ratio stays', async () => {
    const { call } = await setup();
    const before = await call('metrics/list', {});
    const ratio = { ...NEW, code: 'visit_rate', name: '转化率', unit: '%', precision: 1, kind: 'ratio' as const };
    for (const parts of [
      { numeratorId: null, denominatorId: null },
      { numeratorId: 'm-revenue', denominatorId: 'm-revenue' },
      { numeratorId: 'm-revenue', denominatorId: 'm-arrears-rate' },
      { numeratorId: 'm-revenue', denominatorId: 'm-none' },
    ]) {
      expect((await refusalOf(call('metrics/save', { ...ratio, ...parts }))).details).toMatchObject({ reason: 'bad-parts' });
    }
    expect((await refusalOf(call('metrics/save', { ...NEW, numeratorId: 'm-revenue', denominatorId: 'm-new-business' }))).details).toMatchObject({
      reason: 'bad-parts',
    });
    expect((await refusalOf(call('metrics/save', { ...NEW, code: 'revenue' }))).details).toMatchObject({ reason: 'code-taken' });
    const due = before.find((m) => m.id === 'm-arrears-due')!;
    expect((await refusalOf(call('metrics/delete', { id: due.id }))).details).toMatchObject({ reason: 'part-of-ratio', ratio: '欠费回收率' });
    expect((await refusalOf(call('metrics/delete', { id: 'm-none' }))).code).toBe('NOT_FOUND');
    // The contract: a precision outside 0–6, an empty name.
    expect((await refusalOf(call('metrics/save', { ...NEW, precision: 7 }))).code).toBe('INVALID_INPUT');
    expect((await refusalOf(call('metrics/save', { ...NEW, name: ' ' }))).code).toBe('INVALID_INPUT');
    expect(await call('metrics/list', {})).toEqual(before);
    // Two additive parts make a ratio.
    const { id } = await call('metrics/save', { ...ratio, numeratorId: 'm-new-business', denominatorId: 'm-revenue' });
    expect((await call('metrics/list', {})).find((m) => m.id === id)).toMatchObject({
      kind: 'ratio',
      numeratorId: 'm-new-business',
      denominatorId: 'm-revenue',
    });
  });
});
