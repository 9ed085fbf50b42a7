import { afterEach, describe, expect, it } from 'vitest';
import { createCaller, createDispatch } from '../../../src-main/core/dispatch';
import { openWorkspace, type Workspace } from '../../../src-main/core/app';
import { AppError } from '../../../src-shared/contract/errors';
import { openSampleWorkspace, testContext } from '../helpers/workspace';

let ws: Workspace | undefined;
afterEach(async () => {
  await ws?.close();
  ws = undefined;
});

describe('dispatch', () => {
  it('answers the sample workspace info', async () => {
    ws = await openSampleWorkspace();
    const info = await createCaller(ws)('workspace/get-info', {});
    expect(info.fileName).toBe('sample.plandesk');
    expect(info.organisationName).toBe('江城市分公司');
    expect(info.planYear).toBe(2026);
    // The company's 11 units and 24 people, and the retail group beside it (惠民超市: itself, 3
    // stores and 9 班组; its 2 leaders, 3 store managers and 25 employees).
    expect(info.counts.units).toBe(11 + 13);
    expect(info.counts.people).toBe(24 + 30);
    expect(info.counts.metrics).toBe(6);
    // Stored figures: 上年实际 per person and additive metric, and every plan day (targets and actuals).
    const days = ws.db.scalar<number>(`SELECT COUNT(*) FROM plan_day_cell`)!;
    expect(days).toBeGreaterThan(24 * 5 * 2 * 365);
    expect(info.counts.cells).toBe(24 * 5 + days);
  });

  it('refuses an unknown channel and bad input with a coded error', async () => {
    ws = await openSampleWorkspace();
    const dispatch = createDispatch(ws);
    const unknown = await dispatch('targets/explode', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    const bad = await dispatch('targets/list-cells', { year: 'last' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('INVALID_INPUT');
      expect(JSON.stringify(bad.error.details)).toContain('year');
    }
  });

  it('refuses to open a missing workspace unless asked to create it', async () => {
    await expect(openWorkspace('/nonexistent/dir/none.plandesk', { ctx: testContext() })).rejects.toThrow(/not found/);
  });

  it('throws AppError through the typed caller', async () => {
    ws = await openSampleWorkspace();
    const call = createCaller(ws);
    const error = await call('targets/save-cells', {
      year: 2026,
      changes: [{ metricId: 'm-revenue', subjectId: 'nobody', measure: 'basic', text: '1' }],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('INVALID_CELLS');
  });
});
