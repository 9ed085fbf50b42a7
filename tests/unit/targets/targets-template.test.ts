/**
 * The 年度目标 template through dispatch on a real sample workspace (SQLite file): export, read it
 * back with ExcelJS, edit as a planner would, import; one bad cell refuses the file with nothing
 * written; a file we did not write is refused and left as it was.
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { createCaller } from '../../../src-main/core/dispatch';
import type { Workspace } from '../../../src-main/core/app';
import type { TemplateRefusal } from '../../../src-shared/contract/channels';
import { FIXED_NOW, sampleWorkspacePerTest, tempDir } from '../helpers/workspace';
import { refusalOf } from '../helpers/refusal';

const YEAR = FIXED_NOW.getFullYear();
const openSample = sampleWorkspacePerTest();

type Call = ReturnType<typeof createCaller>;

async function exportTemplate(call: Call, year = YEAR): Promise<{ book: ExcelJS.Workbook; sheet: ExcelJS.Worksheet; bytes: Buffer }> {
  const out = await call('targets/export-template', { year });
  expect(out.fileName).toMatch(/年度目标模板\.xlsx$/);
  const bytes = Buffer.from(out.base64!, 'base64');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as never);
  return { book, sheet: book.worksheets[0], bytes };
}

/** The sheet row of a name and the column of a header pair (metric group, measure). */
function locate(sheet: ExcelJS.Worksheet, name: string, metric: string, measure: string): string {
  let row = 0;
  sheet.eachRow((r, n) => {
    if (!row && n >= 5 && r.getCell(1).text.trim() === name) row = n;
  });
  let column = 0;
  sheet.getRow(4).eachCell((cell, c) => {
    if (!column && cell.text === measure && sheet.getRow(3).getCell(c).text.startsWith(metric)) column = c;
  });
  expect(row).toBeGreaterThan(0);
  expect(column).toBeGreaterThan(0);
  return sheet.getCell(row, column).address;
}

async function toBase64(book: ExcelJS.Workbook): Promise<string> {
  return Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
}

function storedRows(ws: Workspace) {
  return {
    cells: ws.db.all(`SELECT * FROM target_cell ORDER BY 1, 2, 3, 4`),
    days: ws.db.scalar<string | null>(
      `SELECT group_concat(metric_id || level || subject_id || day || value) FROM (SELECT * FROM plan_day_cell ORDER BY 1, 2, 3, 4, 5)`,
    ),
    steps: ws.db.scalar<number>(`SELECT COUNT(*) FROM edit_log`) ?? 0,
  };
}

function daySum(ws: Workspace, metricId: string, level: string, subjectId: string): number | null | undefined {
  return ws.db.scalar<number | null>(
    `SELECT SUM(value) FROM plan_day_cell WHERE plan_year = ? AND metric_id = ? AND level = ? AND subject_id = ?`,
    YEAR,
    metricId,
    level,
    subjectId,
  );
}

async function annual(call: Call): Promise<Map<string, number>> {
  const { cells } = await call('targets/list-cells', { year: YEAR });
  return new Map(cells.map((c) => [`${c.metricId}|${c.subjectId}|${c.measure}`, c.value]));
}

describe('targets template', () => {
  it('exports the targets layout with people’s targets unlocked, hidden ids and keys, the sheet protected', async () => {
    const ws = await openSample();
    const call = createCaller(ws);
    const { sheet } = await exportTemplate(call);
    expect(sheet.getCell('A1').text).toBe(`${YEAR} 年度目标填报模板`);
    expect(sheet.getCell('A4').text).toBe('单位 / 人员');
    expect(sheet.getCell('C4').text).toBe('基本目标');
    expect((sheet as unknown as { sheetProtection: { sheet: boolean; password?: string } }).sheetProtection.sheet).toBe(true);
    const person = locate(sheet, '王建国', '营业收入', '基本目标');
    const team = locate(sheet, '集团客户部', '营业收入', '基本目标');
    const lastYear = locate(sheet, '王建国', '营业收入', '上年实际');
    expect(sheet.getCell(person).protection?.locked).toBe(false);
    expect(sheet.getCell(team).protection?.locked).not.toBe(false);
    expect(sheet.getCell(lastYear).protection?.locked).not.toBe(false);
    expect(sheet.getCell(team).formula).toMatch(/^SUM\(/);
    // The hidden id column and key row.
    const idColumn = sheet.columnCount;
    expect(sheet.getColumn(idColumn).hidden).toBe(true);
    expect(sheet.getCell(3, idColumn).text).toContain('PlanDesk');
    expect(JSON.parse(sheet.getCell(4, idColumn).text)).toMatchObject({ year: YEAR });
    const tree = await call('org/list-tree', {});
    const wang = tree.people.find((p) => p.name === '王建国')!;
    expect(sheet.getCell(Number(person.replace(/\D/g, '')), idColumn).text).toBe(wang.id);
    let keyRow = 0;
    sheet.eachRow((r, n) => {
      if (r.getCell(idColumn).text === 'PlanDesk keys') keyRow = n;
    });
    expect(sheet.getRow(keyRow).hidden).toBe(true);
    expect(sheet.getCell(keyRow, 3).text).toBe('m-revenue:basic');
  });

  it('round trip: edited people’s targets are saved through save-cells (days, one edit-log step), all else unchanged', async () => {
    const ws = await openSample();
    const call = createCaller(ws);
    const before = await annual(call);
    const stepsBefore = storedRows(ws).steps;
    const { book, sheet } = await exportTemplate(call);

    // Unchanged, it imports as nothing to do.
    expect(await call('targets/import-template', { year: YEAR, base64: await toBase64(book) })).toMatchObject({ saved: 0, cleared: 0 });
    expect(await annual(call)).toEqual(before);

    const tree = await call('org/list-tree', {});
    const id = (name: string) => tree.people.find((p) => p.name === name)!.id;
    sheet.getCell(locate(sheet, '王建国', '营业收入', '基本目标')).value = 170.5;
    sheet.getCell(locate(sheet, '王建国', '营业收入', '挑战目标')).value = 185.25;
    sheet.getCell(locate(sheet, '李晓燕', '净增用户', '基本目标')).value = '600'; // typed as text
    sheet.getCell(locate(sheet, '李晓燕', '净增用户', '挑战目标')).value = 0.1 * 3 * 2200; // 660.0000000000001
    const result = await call('targets/import-template', { year: YEAR, base64: await toBase64(book) });
    expect(result).toMatchObject({ saved: 4, cleared: 0 });

    const after = await annual(call);
    const expected = new Map(before);
    expected.set(`m-revenue|${id('王建国')}|basic`, 17050);
    expected.set(`m-revenue|${id('王建国')}|challenge`, 18525);
    expected.set(`m-net-users|${id('李晓燕')}|basic`, 600);
    expected.set(`m-net-users|${id('李晓燕')}|challenge`, 660);
    // Units are sums of their people: compare the people's (leaves') figures and the days.
    for (const [key, value] of expected) {
      const [metricId, subjectId, measure] = key.split('|');
      if (!tree.people.some((p) => p.id === subjectId)) continue;
      expect(after.get(key), key).toBe(value);
      if (measure === 'basic' || measure === 'challenge') expect(daySum(ws, metricId, measure, subjectId), key).toBe(value);
    }
    // One step of the targets grid's edit log, undone as one.
    expect(storedRows(ws).steps).toBe(stepsBefore + 1);
    const history = await call('history/get', { grid: 'targets' });
    expect(history.undo).toMatchObject({ channel: 'targets/import-template', edits: 4 });
    await call('history/undo', { grid: 'targets' });
    expect(await annual(call)).toEqual(before);
  });

  it('one bad cell: listed with its address, column, value and reason; nothing written', async () => {
    const ws = await openSample();
    const call = createCaller(ws);
    const { book, sheet } = await exportTemplate(call);
    const good = locate(sheet, '王建国', '营业收入', '基本目标');
    const bad = locate(sheet, '李晓燕', '营业收入', '基本目标');
    sheet.getCell(good).value = 171;
    sheet.getCell(bad).value = '十二';
    const stored = storedRows(ws);
    const error = await refusalOf(call('targets/import-template', { year: YEAR, base64: await toBase64(book) }));
    expect(error.code).toBe('INVALID_CELLS');
    const { refusals, total } = error.details as { refusals: TemplateRefusal[]; total: number };
    expect(total).toBe(1);
    expect(refusals).toEqual([
      {
        sheet: `${YEAR} 年度目标`,
        cell: bad,
        row: Number(bad.replace(/\D/g, '')),
        header: '营业收入·基本目标',
        metricId: 'm-revenue',
        measure: 'basic',
        value: '十二',
        reason: 'not-a-number',
      },
    ]);
    expect(storedRows(ws)).toEqual(stored);
  });

  it('every kind of bad cell is listed at once', async () => {
    const ws = await openSample();
    const call = createCaller(ws);
    const { book, sheet } = await exportTemplate(call);
    const cells = {
      negative: locate(sheet, '王建国', '营业收入', '基本目标'),
      decimals: locate(sheet, '李晓燕', '营业收入', '基本目标'),
      rollup: locate(sheet, '集团客户部', '营业收入', '挑战目标'),
      lastYear: locate(sheet, '张伟', '营业收入', '上年实际'),
      challenge: locate(sheet, '刘芳', '净增用户', '挑战目标'),
    };
    sheet.getCell(cells.negative).value = -5;
    sheet.getCell(cells.decimals).value = 12.345;
    sheet.getCell(cells.rollup).value = 1;
    sheet.getCell(cells.lastYear).value = 1;
    sheet.getCell(cells.challenge).value = 1;
    const stored = storedRows(ws);
    const error = await refusalOf(call('targets/import-template', { year: YEAR, base64: await toBase64(book) }));
    const { refusals } = error.details as { refusals: TemplateRefusal[] };
    const byCell = new Map(refusals.map((r) => [r.cell, r.reason]));
    expect(byCell.get(cells.negative)).toBe('negative-not-allowed');
    expect(byCell.get(cells.decimals)).toBe('too-many-decimals');
    expect(byCell.get(cells.rollup)).toBe('rollup-changed');
    expect(byCell.get(cells.lastYear)).toBe('not-editable');
    expect(byCell.get(cells.challenge)).toBe('challenge-inconsistent');
    expect(storedRows(ws)).toEqual(stored);
  });

  it('an unknown id and another year’s template are refused', async () => {
    const ws = await openSample();
    const call = createCaller(ws);
    const { book, sheet } = await exportTemplate(call);
    const idColumn = sheet.columnCount;
    const row = Number(locate(sheet, '王建国', '营业收入', '基本目标').replace(/\D/g, ''));
    sheet.getCell(row, idColumn).value = 'p-nobody';
    const error = await refusalOf(call('targets/import-template', { year: YEAR, base64: await toBase64(book) }));
    expect((error.details as { refusals: TemplateRefusal[] }).refusals[0]).toMatchObject({ reason: 'unknown-subject', value: 'p-nobody', row });
    const other = await refusalOf(call('targets/import-template', { year: YEAR + 1, base64: await toBase64(book) }));
    expect((other.details as { refusals: TemplateRefusal[] }).refusals[0]).toMatchObject({ reason: 'wrong-year', value: String(YEAR) });
  });

  it('a template saved by a spreadsheet that writes mixed-script text as rich text still imports', async () => {
    const ws = await openSample();
    const call = createCaller(ws);
    const { book, sheet } = await exportTemplate(call);
    const idColumn = sheet.columnCount;
    // As LibreOffice saves the marker: runs in a Latin and a CJK font.
    sheet.getCell(3, idColumn).value = {
      richText: [
        { text: 'PlanDesk ', font: { name: 'Liberation Sans' } },
        { text: '年度目标模板', font: { name: 'Noto Sans CJK SC' } },
        { text: ' / targets template', font: { name: 'Liberation Sans' } },
      ],
    };
    sheet.getCell(locate(sheet, '王建国', '营业收入', '基本目标')).value = 161;
    expect(await call('targets/import-template', { year: YEAR, base64: await toBase64(book) })).toMatchObject({ saved: 1 });
  });

  const office = ['soffice', 'libreoffice']
    .flatMap((name) => (process.env.PATH ?? '').split(path.delimiter).map((dir) => path.join(dir, name)))
    .find((candidate) => fs.existsSync(candidate));
  it.skipIf(!office)(
    'a template filled in and saved again by LibreOffice (recalculated, rewritten its own way) imports',
    async () => {
      const ws = await openSample();
      const call = createCaller(ws);
      const { book, sheet } = await exportTemplate(call);
      const at = locate(sheet, '王建国', '营业收入', '基本目标');
      sheet.getCell(at).value = 166.6;
      const dir = tempDir();
      const edited = path.join(dir, 'edited.xlsx');
      await book.xlsx.writeFile(edited);
      const profile = path.join(dir, 'profile');
      fs.mkdirSync(path.join(profile, 'user'), { recursive: true });
      // Recalculate on load, as a planner's spreadsheet does when the file is opened.
      fs.writeFileSync(
        path.join(profile, 'user', 'registrymodifications.xcu'),
        '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n' +
          '<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>\n</oor:items>\n',
      );
      const out = path.join(dir, 'out');
      execFileSync(office!, [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', out, edited], {
        timeout: 120_000,
        stdio: 'ignore',
      });
      const saved = fs.readFileSync(path.join(out, 'edited.xlsx'));
      expect(saved.equals(fs.readFileSync(edited))).toBe(false);
      expect(await call('targets/import-template', { year: YEAR, base64: saved.toString('base64') })).toMatchObject({ saved: 1, cleared: 0 });
      const tree = await call('org/list-tree', {});
      const wang = tree.people.find((p) => p.name === '王建国')!.id;
      expect((await annual(call)).get(`m-revenue|${wang}|basic`)).toBe(16660);
      expect(daySum(ws, 'm-revenue', 'basic', wang)).toBe(16660);
    },
    180_000,
  );

  it('a target whose period is locked is refused at its cell, nothing written', async () => {
    const ws = await openSample();
    const call = createCaller(ws);
    const tree = await call('org/list-tree', {});
    const wang = tree.people.find((p) => p.name === '王建国')!.id;
    await call('plan/set-lock', { year: YEAR, metricId: 'm-revenue', level: 'basic', subjectId: wang, periodKey: String(YEAR), locked: true });
    const { book, sheet } = await exportTemplate(call);
    const at = locate(sheet, '王建国', '营业收入', '基本目标');
    sheet.getCell(at).value = 165;
    sheet.getCell(locate(sheet, '李晓燕', '营业收入', '基本目标')).value = 150;
    const stored = storedRows(ws);
    const error = await refusalOf(call('targets/import-template', { year: YEAR, base64: await toBase64(book) }));
    expect((error.details as { refusals: TemplateRefusal[] }).refusals).toEqual([expect.objectContaining({ cell: at, reason: 'locked', value: '165.00' })]);
    expect(storedRows(ws)).toEqual(stored);
  });

  it('a file we did not write is refused and left byte for byte as it was', async () => {
    const ws = await openSample();
    const call = createCaller(ws);
    const dir = tempDir();
    const foreign = new ExcelJS.Workbook();
    const s = foreign.addWorksheet('Sheet1');
    s.addRow(['单位 / 人员', '基本目标']);
    s.addRow(['王建国', 999]);
    const file = path.join(dir, 'foreign.xlsx');
    await foreign.xlsx.writeFile(file);
    // The printed targets report is ours, but not a template.
    const report = await call('reports/export', { report: 'targets', format: 'xlsx', jobId: 'r' });
    const reportFile = path.join(dir, 'report.xlsx');
    fs.writeFileSync(reportFile, Buffer.from(report.base64!, 'base64'));
    const notXlsx = path.join(dir, 'notes.xlsx');
    fs.writeFileSync(notXlsx, 'not a zip at all');
    const sha = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');
    const stored = storedRows(ws);
    for (const [f, reason] of [
      [file, 'not-a-template'],
      [reportFile, 'not-a-template'],
      [notXlsx, 'unreadable-file'],
    ] as const) {
      const before = sha(f);
      const error = await refusalOf(call('targets/import-template', { year: YEAR, base64: fs.readFileSync(f).toString('base64') }));
      expect(error.code).toBe('INVALID_CELLS');
      expect((error.details as { refusals: TemplateRefusal[] }).refusals[0].reason, f).toBe(reason);
      expect(sha(f)).toBe(before);
    }
    expect(storedRows(ws)).toEqual(stored);
  });

  it('after 新建年度计划 and a move, next year’s template imports unchanged (roll-ups show units’ own 上年实际)', async () => {
    const ws = await openSample();
    const call = createCaller(ws);
    const next = YEAR + 1;
    await call('plan/start-year', { fromYear: YEAR, growth: null });
    const tree = await call('org/list-tree', { year: next });
    const person = tree.people.find((p) => p.name === '王建国')!;
    const home = tree.units.find((u) => u.id === person.unitId)!;
    const other = tree.units.find((u) => u.level === home.level && u.id !== home.id)!;
    await call('org/move-person', { id: person.id, unitId: other.id, effectiveFrom: `${next}-01-01` });
    const { book, sheet } = await exportTemplate(call, next);
    // No targets yet: the roll-ups above people are still live SUMs over the rows under them (the
    // moved person's new team included), so what the planner types adds up in Excel.
    const team = sheet.getCell(locate(sheet, other.name, '营业收入', '基本目标'));
    const wangRow = Number(locate(sheet, '王建国', '营业收入', '基本目标').replace(/\D/g, ''));
    expect(team.formula).toMatch(/^SUM\(/);
    const summed = team.formula
      .slice(4, -1)
      .split(',')
      .flatMap((arg) => {
        const [from, to = from] = arg.split(':').map((a) => Number(a.replace(/\D/g, '')));
        return Array.from({ length: to - from + 1 }, (_, i) => from + i);
      });
    expect(summed).toContain(wangRow);
    const base64 = await toBase64(book);
    const stored = storedRows(ws);
    expect(await call('targets/import-template', { year: next, base64 })).toMatchObject({ saved: 0, cleared: 0 });
    expect(storedRows(ws)).toEqual(stored);
    // A person's target still imports (the SUMs above it unchanged), and a changed 上年实际 of a
    // unit is still refused.
    sheet.getCell(locate(sheet, '王建国', '营业收入', '基本目标')).value = 200;
    expect(await call('targets/import-template', { year: next, base64: await toBase64(book) })).toMatchObject({ saved: 1 });
    const again = await exportTemplate(call, next);
    const at = locate(again.sheet, home.name, '营业收入', '上年实际');
    again.sheet.getCell(at).value = 1;
    const error = await refusalOf(call('targets/import-template', { year: next, base64: await toBase64(again.book) }));
    expect((error.details as { refusals: TemplateRefusal[] }).refusals).toEqual([expect.objectContaining({ cell: at, reason: 'rollup-changed' })]);
  });

  it('a merge over a target is refused at the covered cell (not read as a clear), nothing written', async () => {
    const ws = await openSample();
    const call = createCaller(ws);
    const { book, sheet } = await exportTemplate(call);
    const basic = locate(sheet, '王建国', '营业收入', '基本目标');
    const challenge = locate(sheet, '王建国', '营业收入', '挑战目标');
    const shown = sheet.getCell(basic).text;
    sheet.mergeCells(`${basic}:${challenge}`);
    const stored = storedRows(ws);
    const error = await refusalOf(call('targets/import-template', { year: YEAR, base64: await toBase64(book) }));
    expect(error.code).toBe('INVALID_CELLS');
    expect((error.details as { refusals: TemplateRefusal[] }).refusals).toEqual([
      expect.objectContaining({ cell: challenge, header: '营业收入·挑战目标', value: shown, reason: 'not-editable' }),
    ]);
    expect(storedRows(ws)).toEqual(stored);
  });

  it('another workspace’s template is refused once as wrong-workspace: all ids foreign, or another organisation', async () => {
    const ws = await openSample();
    const call = createCaller(ws);
    const { book, sheet } = await exportTemplate(call);
    const idColumn = sheet.columnCount;
    const stored = storedRows(ws);
    // Every row's id foreign (the 合计 row keeps its `__total`, as every template has it).
    const foreign = new ExcelJS.Workbook();
    await foreign.xlsx.load(await book.xlsx.writeBuffer());
    const fs0 = foreign.worksheets[0];
    let first = 0;
    fs0.eachRow((row, n) => {
      const id = row.getCell(idColumn).text;
      if (n < 5 || id === '' || id === '__total' || id === 'PlanDesk keys') return;
      first ||= n;
      row.getCell(idColumn).value = `x-${id}`;
    });
    const error = await refusalOf(call('targets/import-template', { year: YEAR, base64: await toBase64(foreign) }));
    expect(error.details).toMatchObject({ total: 1, refusals: [{ reason: 'wrong-workspace', cell: `A${first}` }] });
    // Another organisation's template, even with the same ids (two workspaces from the same sample).
    const meta = JSON.parse(sheet.getCell(4, idColumn).text) as { organisation: string };
    sheet.getCell(4, idColumn).value = JSON.stringify({ ...meta, organisation: '别的公司' });
    const other = await refusalOf(call('targets/import-template', { year: YEAR, base64: await toBase64(book) }));
    expect(other.details).toMatchObject({ total: 1, refusals: [{ reason: 'wrong-workspace', value: '别的公司' }] });
    expect(storedRows(ws)).toEqual(stored);
  });

  it('a row’s id refusals point at its name cell (the visible first column), not the hidden id column', async () => {
    const ws = await openSample();
    const call = createCaller(ws);
    const { book, sheet } = await exportTemplate(call);
    const idColumn = sheet.columnCount;
    const unknownRow = Number(locate(sheet, '王建国', '营业收入', '基本目标').replace(/\D/g, ''));
    const missingRow = Number(locate(sheet, '李晓燕', '营业收入', '基本目标').replace(/\D/g, ''));
    sheet.getCell(unknownRow, idColumn).value = 'p-nobody';
    sheet.getCell(missingRow, idColumn).value = null;
    const error = await refusalOf(call('targets/import-template', { year: YEAR, base64: await toBase64(book) }));
    const { refusals } = error.details as { refusals: TemplateRefusal[] };
    expect(refusals.find((r) => r.reason === 'unknown-subject')).toMatchObject({
      cell: `A${unknownRow}`,
      row: unknownRow,
      header: '单位 / 人员',
      value: 'p-nobody',
    });
    expect(refusals.find((r) => r.reason === 'missing-id')).toMatchObject({ cell: `A${missingRow}`, row: missingRow, header: '单位 / 人员' });
  });
});
