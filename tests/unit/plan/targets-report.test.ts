import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { createCaller, createDispatch } from '../../../src-main/core/dispatch';
import { buildTargetsReport, groupMetricsForPrint } from '../../../src-main/core/plan/targets-report';
import type { Workspace } from '../../../src-main/core/workspace/open-workspace';
import type { MetricDef } from '../../../src-shared/domain/targets';
import { leafColumns, type TableSection, type TextSection } from '../../../src-shared/reports/report-model';
import { openSampleWorkspace, tempDir } from '../helpers/workspace';

const run = promisify(execFile);
let ws: Workspace | undefined;
afterEach(async () => {
  await ws?.close();
  ws = undefined;
});

describe('targets report description', () => {
  it('prints the org tree under a 合计 row that equals the sum of the branches', async () => {
    ws = await openSampleWorkspace();
    const report = await buildTargetsReport(ws);
    expect(report.title).toBe('2026 年度目标完成情况表');
    expect(report.organisation).toBe('江城市分公司');
    expect(report.date).toBe('2026-11-26');
    expect(report.page).toMatchObject({ size: 'A4', orientation: 'landscape' });
    const tables = report.sections.filter((s): s is TableSection => s.kind === 'table');
    expect(tables.length).toBeGreaterThanOrEqual(2);
    const first = tables[0];
    // 3 branches + 7 teams + 24 people, then the total.
    expect(first.rows).toHaveLength(3 + 7 + 24 + 1);
    const total = first.rows.at(-1)!;
    expect(total).toMatchObject({ kind: 'total', parentId: null, cells: { name: '合计' } });
    const branches = first.rows.filter((r) => r.parentId === null && r.kind !== 'total');
    expect(branches.map((b) => b.cells.name)).toEqual(['东湖县分公司', '西岭县分公司', '城区分公司']);
    const sum = branches.reduce((acc, b) => acc + (b.cells['m-revenue:basic'] as number), 0);
    expect(total.cells['m-revenue:basic']).toBeCloseTo(sum, 6);
    // Every subtotal equals the sum of its children.
    for (const row of first.rows.filter((r) => r.kind === 'subtotal')) {
      const children = first.rows.filter((r) => r.parentId === row.id);
      expect(children.length).toBeGreaterThan(0);
      const childSum = children.reduce((acc, c) => acc + ((c.cells['m-revenue:actual'] as number) ?? 0), 0);
      expect(row.cells['m-revenue:actual']).toBeCloseTo(childSum, 6);
    }
    // Two-level header: the name column, then a group per metric with its seven columns.
    expect(first.columns[0]).toMatchObject({ key: 'name', header: '单位 / 人员' });
    expect(
      leafColumns(first.columns)
        .map((c) => c.header)
        .slice(1, 8),
    ).toEqual(['上年实际', '基本目标', '挑战目标', '实际', '基本完成率', '挑战完成率', '同比增长']);
  });

  it('keeps a ratio metric in the same table as its parts, and the live summary sentences', async () => {
    ws = await openSampleWorkspace();
    const metrics = (await createCaller(ws)('metrics/list', {})) as MetricDef[];
    const groups = groupMetricsForPrint(metrics).map((g) => g.map((m) => m.id));
    const ratioGroup = groups.find((g) => g.includes('m-arrears-rate'))!;
    expect(ratioGroup).toEqual(['m-arrears-collected', 'm-arrears-due', 'm-arrears-rate']);
    expect(groups.flat().sort()).toEqual(metrics.map((m) => m.id).sort());
    const report = await buildTargetsReport(ws);
    const summary = report.sections.find((s): s is TextSection => s.kind === 'text')!;
    expect(summary.paragraphs[0]).toMatch(/^营业收入：实际完成 [\d,]+\.\d\d 万元，完成基本目标的 \d+\.\d%、挑战目标的 \d+\.\d%，同比(增长|下降) \d+\.\d%。$/);
    expect(summary.paragraphs.find((p) => p.startsWith('欠费回收率'))).toMatch(/比上年(提高|下降) \d+\.\d 个百分点/);
  });
});

describe('targets report: inconsistent targets and 未设目标', () => {
  const table = (report: Awaited<ReturnType<typeof buildTargetsReport>>, key: string) =>
    report.sections.find((s): s is TableSection => s.kind === 'table' && leafColumns(s.columns).some((c) => c.key === key))!;

  it('never colours an actual between a low challenge and the basic target as met, and prints 未设目标 for a leaf without a target', async () => {
    ws = await openSampleWorkspace();
    const call = createCaller(ws);
    const org = await call('org/list-tree', {});
    const [first, second] = org.people;
    const before = table(await buildTargetsReport(ws), 'm-revenue:basic');
    const actual = before.rows.find((r) => r.id === first.id)!.cells['m-revenue:actual'] as number;
    expect(actual).toBeGreaterThan(20);
    // The first person's challenge 10 below the actual, the basic 10 above it: the challenge is
    // "reached", the plan is not. The second person's basic and new-business challenge cleared.
    await call('targets/save-cells', {
      year: 2026,
      changes: [
        { metricId: 'm-revenue', subjectId: first.id, measure: 'basic', text: (actual + 10).toFixed(2) },
        { metricId: 'm-revenue', subjectId: first.id, measure: 'challenge', text: (actual - 10).toFixed(2) },
        { metricId: 'm-revenue', subjectId: second.id, measure: 'basic', text: null },
        { metricId: 'm-new-business', subjectId: second.id, measure: 'challenge', text: null },
      ],
    });
    const report = await buildTargetsReport(ws);
    const revenue = table(report, 'm-revenue:basic');
    const row = (id: string) => revenue.rows.find((r) => r.id === id)!;
    // Each completion column names its own band.
    const rateColumns = leafColumns(revenue.columns).filter((c) => c.bandKey !== undefined);
    expect(rateColumns.map((c) => [c.key, c.bandKey])).toContainEqual(['m-revenue:challengeRate', 'm-revenue:challengeRate']);
    for (const c of rateColumns) expect(c.bandKey).toBe(c.key);

    const inconsistent = row(first.id);
    expect(inconsistent.cells['m-revenue:challengeRate']).toBeGreaterThan(1);
    expect(inconsistent.cells['m-revenue:basicRate']).toBeLessThan(1);
    expect(inconsistent.bands).toMatchObject({ 'm-revenue:basicRate': 'below-basic', 'm-revenue:challengeRate': 'below-basic' });

    const noBasic = row(second.id);
    expect(noBasic.kind).toBe('detail');
    expect(noBasic.cells['m-revenue:basic']).toBeNull();
    expect(noBasic.cells['m-revenue:basicRate']).toBe('未设目标');
    // Its challenge target is still there, so that rate is printed, but without a basic target
    // nothing is met: no band on either completion cell.
    expect(typeof noBasic.cells['m-revenue:challengeRate']).toBe('number');
    expect(noBasic.bands?.['m-revenue:basicRate']).toBeUndefined();
    expect(noBasic.bands?.['m-revenue:challengeRate']).toBeUndefined();
    // The roll-up above keeps its computed rate and band.
    const team = row(noBasic.parentId!);
    expect(team.kind).toBe('subtotal');
    expect(typeof team.cells['m-revenue:basicRate']).toBe('number');
    expect(team.bands?.['m-revenue:basicRate']).toBeDefined();

    const business = table(report, 'm-new-business:basic').rows.find((r) => r.id === second.id)!;
    expect(business.cells['m-new-business:challengeRate']).toBe('未设目标');
    expect(business.bands?.['m-new-business:challengeRate']).toBeUndefined();
    expect(typeof business.cells['m-new-business:basicRate']).toBe('number');
    expect(business.bands?.['m-new-business:basicRate']).toBeDefined();
    // Everyone else still has both targets: 未设目标 nowhere else.
    const missing = report.sections
      .filter((s): s is TableSection => s.kind === 'table')
      .flatMap((s) =>
        s.rows.flatMap((r) =>
          Object.entries(r.cells)
            .filter(([, v]) => v === '未设目标')
            .map(([k]) => `${r.id} ${k}`),
        ),
      );
    expect(missing.sort()).toEqual([`${second.id} m-new-business:challengeRate`, `${second.id} m-revenue:basicRate`]);

    // Printed and exported as such.
    const preview = await call('reports/preview', { report: 'targets' });
    expect(preview.html).toContain('未设目标');
    const exported = await call('reports/export', { report: 'targets', format: 'xlsx', jobId: 'nt' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(exported.base64!, 'base64') as never);
    const texts: string[] = [];
    book.eachSheet((sheet) => sheet.eachRow((r) => r.eachCell((c) => void (c.value === '未设目标' && texts.push(c.address)))));
    expect(texts).toHaveLength(2);
  });
});

describe('reports through dispatch', () => {
  it('previews as paginated HTML and exports XLSX bytes; refuses unknown reports and PDF without a printer', async () => {
    ws = await openSampleWorkspace();
    const call = createCaller(ws);
    expect(await call('reports/list', {})).toEqual([
      { id: 'targets', name: '年度目标完成情况表', formats: ['pdf', 'xlsx'] },
      { id: 'strategy-demand', name: '需求分析及产品匹配策略表', formats: ['pdf', 'xlsx'] },
      { id: 'strategy-habit', name: '消费习惯分析及促销策略表', formats: ['pdf', 'xlsx'] },
      { id: 'strategy-screening', name: '大客户筛选评分表', formats: ['pdf', 'xlsx'] },
      { id: 'strategy-summary', name: '营销策略月度汇总表', formats: ['pdf', 'xlsx'] },
      { id: 'holiday-targets', name: '两节销售目标分解表', formats: ['pdf', 'xlsx'] },
      { id: 'holiday-tracking', name: '两节销售逐日跟踪表', formats: ['pdf', 'xlsx'] },
      { id: 'holiday-stock', name: '两节备货计划', formats: ['pdf', 'xlsx'] },
      { id: 'holiday-roster', name: '两节领导值班表', formats: ['pdf', 'xlsx'] },
      { id: 'holiday-inspection', name: '节日安全自查记录', formats: ['pdf', 'xlsx'] },
      { id: 'holiday-operations', name: '两节促销、服务与人员安排', formats: ['pdf', 'xlsx'] },
      { id: 'work-plan', name: '工作计划', formats: ['pdf', 'docx'] },
      { id: 'evaluation', name: '绩效考核表', formats: ['pdf', 'xlsx'] },
    ]);
    const preview = await call('reports/preview', { report: 'targets' });
    expect(preview.pageCount).toBeGreaterThanOrEqual(2);
    expect(preview.html).toContain('江城市分公司');
    expect(preview.html).not.toContain('<script');

    const progress: string[] = [];
    ws.events.on('reports/export-progressed', (p) => progress.push(p.stage));
    const result = await call('reports/export', { report: 'targets', format: 'xlsx', jobId: 'job-1' });
    expect(result).toMatchObject({ fileName: '江城市分公司-2026年度目标完成情况表.xlsx', savedTo: null, cancelled: false });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(result.base64!, 'base64') as never);
    expect(book.worksheets.length).toBeGreaterThanOrEqual(2);
    expect(progress[0]).toBe('building');
    expect(progress.at(-1)).toBe('done');

    const bad = await createCaller(ws)('reports/export', { report: 'nope' as never, format: 'xlsx', jobId: 'job-2' }).catch((e) => e);
    expect(bad.code).toBe('INVALID_INPUT');
    const noPrinter = await call('reports/export', { report: 'targets', format: 'pdf', jobId: 'job-3' }).catch((e) => e);
    expect(noPrinter.code).toBe('UNAVAILABLE');
  });

  it('writes to the path a host chose in its save dialog, and reports a closed dialog as cancelled', async () => {
    ws = await openSampleWorkspace();
    const dir = tempDir();
    const chosen = path.join(dir, '目标.xlsx');
    const saved = await createCaller(ws, { chooseSavePath: async () => chosen })('reports/export', { report: 'targets', format: 'xlsx', jobId: 'j' });
    expect(saved).toMatchObject({ savedTo: chosen, base64: null, cancelled: false });
    expect(fs.statSync(chosen).size).toBe(saved.byteLength);
    const closed = await createCaller(ws, { chooseSavePath: async () => null })('reports/export', { report: 'targets', format: 'xlsx', jobId: 'k' });
    expect(closed).toMatchObject({ cancelled: true, savedTo: null });
  });
});

describe('export cancellation', () => {
  it('stops a running export when asked, and a later export with the same id still works', async () => {
    ws = await openSampleWorkspace();
    const dispatch = createDispatch(ws);
    const running = dispatch('reports/export', { report: 'targets', format: 'xlsx', jobId: 'job-c' });
    // The job is registered synchronously when the call starts, so it can be cancelled at once.
    expect(await dispatch('reports/cancel-export', { jobId: 'job-c' })).toEqual({ ok: true, data: { cancelled: true } });
    expect(await running).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(await dispatch('reports/cancel-export', { jobId: 'job-c' })).toEqual({ ok: true, data: { cancelled: false } });
    const again = await dispatch('reports/export', { report: 'targets', format: 'xlsx', jobId: 'job-c' });
    expect(again.ok).toBe(true);
  });
});

describe('cli export', () => {
  const cli = (...args: string[]) =>
    run(process.execPath, [path.resolve('node_modules/tsx/dist/cli.mjs'), 'src-main/cli/main.ts', ...args], { cwd: path.resolve('.') }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  it('exports xlsx from a workspace file, and fails clearly on a bad workspace or report name', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'w.plandesk');
    expect((await cli('sample', '--out', file)).code).toBe(0);
    const out = path.join(dir, 'out', 'targets.xlsx');
    const ok = await cli('export', '--workspace', file, '--report', 'targets', '--format', 'xlsx', '--out', out);
    expect(ok.code).toBe(0);
    expect(fs.statSync(out).size).toBeGreaterThan(1000);

    const missing = await cli('export', '--workspace', path.join(dir, 'none.plandesk'), '--report', 'targets', '--format', 'xlsx', '--out', out);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('无法打开工作区');
    fs.writeFileSync(path.join(dir, 'junk.plandesk'), 'not a database at all, just text');
    const junk = await cli('export', '--workspace', path.join(dir, 'junk.plandesk'), '--report', 'targets', '--format', 'xlsx', '--out', out);
    expect(junk.code).not.toBe(0);
    expect(junk.stderr).toContain('工作区文件未打开');
    const unknown = await cli('export', '--workspace', file, '--report', 'nope', '--format', 'xlsx', '--out', out);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('未知报表');
  }, 60_000);
});
