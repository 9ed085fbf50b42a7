/**
 * 节日安全自查 through dispatch: the sample's inspections and their open 整改; a new inspection
 * starts from the checklist; a 需整改 without its finding, owner or deadline is refused with nothing
 * written; closing one takes it off the open list; the record prints with its sign-off.
 */
import { describe, expect, it } from 'vitest';
import { createCaller } from '../../../src-main/core/dispatch';
import { REPORTS } from '../../../src-main/core/app';
import { renderReportHtml } from '../../../src-main/core/reports/html-renderer';
import { sampleWorkspacePerTest } from '../helpers/workspace';
import { refusalOf } from '../helpers/refusal';

const openSample = sampleWorkspacePerTest();
const SEASON = 2027;

describe('safety self-inspection', () => {
  it('the sample: two stores inspected, two 整改 open, one closed', async () => {
    const call = createCaller(await openSample());
    const { inspections, openFixes } = await call('holiday/list-inspections', { season: SEASON });
    expect(inspections.map((i) => i.storeName)).toEqual(['中心店', '东湖店']);
    expect(inspections[0].items.map((i) => i.area)).toEqual(['防火', '防火', '防盗', '防盗', '防爆', '防投毒', '食品卫生', '食品卫生', '食品卫生']);
    expect(openFixes.map((f) => [f.storeName, f.key])).toEqual([
      ['中心店', 'fire-equipment'],
      ['东湖店', 'food-dates'],
    ]);
    expect(inspections[0].items.find((i) => i.key === 'food-cooked')).toMatchObject({ result: 'fix', closedOn: expect.any(String) });
  });

  it('a 需整改 needs what, who and by when; refused ones write nothing; closed ones leave the open list', async () => {
    const ws = await openSample();
    const call = createCaller(ws);
    const west = (await call('holiday/get-targets', { season: SEASON })).stores[2];
    const inspection = await call('holiday/start-inspection', { season: SEASON, storeId: west.id, day: '2026-12-20', inspector: '孙丽' });
    expect(inspection.items.every((i) => i.result === null)).toBe(true);
    expect(
      (await refusalOf(call('holiday/start-inspection', { season: SEASON, storeId: west.id, day: '2026-12-20', inspector: '孙丽' }))).details,
    ).toMatchObject({ reason: 'inspection-exists' });

    const before = ws.db.all(`SELECT * FROM holiday_inspection_item WHERE inspection_id = ? ORDER BY sort_order`, inspection.id);
    const error = await refusalOf(
      call('holiday/save-inspection-items', {
        season: SEASON,
        inspectionId: inspection.id,
        items: [
          { key: 'fire-equipment', result: 'ok', finding: null, owner: null, deadline: null, closedOn: null },
          { key: 'fire-electric', result: 'fix', finding: '后仓插座烧焦', owner: null, deadline: '2026-12-22', closedOn: null },
          { key: 'food-intake', result: 'fix', finding: '缺进货票据', owner: '魏琳', deadline: '2026-12-19', closedOn: null },
          { key: 'food-dates', result: 'ok', finding: null, owner: null, deadline: null, closedOn: '2026-12-21' },
        ],
      }),
    );
    expect((error.details as { refusals: unknown[] }).refusals).toEqual([
      { index: 1, reason: 'fix-needs-owner' },
      { index: 2, reason: 'deadline-before-inspection' },
      { index: 3, reason: 'closed-without-fix' },
    ]);
    expect(ws.db.all(`SELECT * FROM holiday_inspection_item WHERE inspection_id = ? ORDER BY sort_order`, inspection.id)).toEqual(before);

    await call('holiday/save-inspection-items', {
      season: SEASON,
      inspectionId: inspection.id,
      items: [{ key: 'fire-electric', result: 'fix', finding: '后仓插座烧焦', owner: '薛刚', deadline: '2026-12-22', closedOn: null }],
    });
    let open = (await call('holiday/list-inspections', { season: SEASON })).openFixes;
    expect(open.some((f) => f.inspectionId === inspection.id && f.key === 'fire-electric')).toBe(true);
    await call('holiday/save-inspection-items', {
      season: SEASON,
      inspectionId: inspection.id,
      items: [{ key: 'fire-electric', result: 'fix', finding: '后仓插座烧焦', owner: '薛刚', deadline: '2026-12-22', closedOn: '2026-12-21' }],
    });
    open = (await call('holiday/list-inspections', { season: SEASON })).openFixes;
    expect(open.some((f) => f.inspectionId === inspection.id)).toBe(false);
  });

  it('prints every inspection with its results and the open count, and a sign-off line', async () => {
    const ws = await openSample();
    const report = await REPORTS['holiday-inspection'].build(ws, { year: SEASON });
    expect(report.signOff?.map((s) => s.label)).toEqual(['检查人', '门店负责人', '安全负责人', '日期']);
    const { html } = renderReportHtml(report);
    expect(html).toContain('二楼生鲜区两具灭火器压力不足');
    expect(html).toContain('尚未完成整改 2 项');
  });
});
