/**
 * XLSX import of the strategy tables (strategy/import-xlsx): real files exported by the app,
 * edited with exceljs, imported through dispatch into a real sample workspace.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { createCaller } from '../../../src-main/core/dispatch';
import type { DemandRow } from '../../../src-shared/contract/channels';
import { sampleWorkspacePerTest } from '../helpers/workspace';
import {
  COL,
  content,
  demandContents,
  edit,
  exportFile,
  importFile,
  MONTH,
  names,
  refusalsOf,
  rowNumberOf,
  snapshot,
  withoutTime,
  YEAR,
} from './strategy-import-helpers';

const openTestWorkspace = sampleWorkspacePerTest();

async function setup() {
  const ws = await openTestWorkspace();
  const call = createCaller(ws);
  const events: unknown[] = [];
  ws.events.on('strategy/changed', (e) => events.push(e));
  return { ws, call, db: ws.db, events };
}

describe('round trip: export → change the database → import the export', () => {
  it('restores the demand rows exactly with their reviewed state, keeps the history, and reports what changed', async () => {
    const { call, events, db } = await setup();
    const original = await demandContents(call);
    const month = await call('strategy/get-month', { yearMonth: MONTH });
    expect(month.demandRows.some((r) => !r.reviewed)).toBe(true);
    const bytes = await exportFile(call, 'strategy-demand');

    // Alter a reviewed row with products: other needs, no products.
    const target = month.demandRows.find((r) => r.reviewed && r.products.length > 0)!;
    await call('strategy/save-demand-row', {
      ...content(target),
      yearMonth: MONTH,
      urgentPoint: '临时改动',
      demandPlan: '',
      potentialPlan: '',
      guidedNeed: '',
      products: [],
    });
    expect(await demandContents(call)).not.toEqual(original);
    const historyBefore = (await call('strategy/get-history', { yearMonth: MONTH, customerId: target.customerId })).length;
    events.length = 0;

    const result = await importFile(call, 'demand', bytes);
    // Only the altered row is written: the 待复核 rows of the export stay 待复核.
    expect(result).toEqual({ table: 'demand', rows: month.demandRows.length, changed: 1 });
    expect(await demandContents(call)).toEqual(original);
    const after = await call('strategy/get-month', { yearMonth: MONTH });
    expect(after.demandRows.map(withoutTime)).toEqual(month.demandRows.map(withoutTime));
    const untouched = (rows: DemandRow[]) => rows.filter((r) => r.customerId !== target.customerId);
    expect(untouched(after.demandRows)).toEqual(untouched(month.demandRows));
    expect((await call('strategy/get-history', { yearMonth: MONTH, customerId: target.customerId })).length).toBe(historyBefore + 1);
    expect(events).toEqual([{ what: 'month', yearMonth: MONTH }]);

    // Importing the same file again changes nothing and writes nothing.
    const state = snapshot(db);
    expect(await importFile(call, 'demand', bytes)).toEqual({ table: 'demand', rows: month.demandRows.length, changed: 0 });
    expect(snapshot(db)).toBe(state);
  });

  it('restores the habit rows with their reviewed state', async () => {
    const { call } = await setup();
    const habits = async () => (await call('strategy/get-month', { yearMonth: MONTH })).habitRows.map(withoutTime);
    const original = await habits();
    expect(original.some((r) => !r.reviewed)).toBe(true);
    const bytes = await exportFile(call, 'strategy-habit');
    const target = original.find((r) => r.reviewed && r.mediaAdvice !== '')!;
    await call('strategy/save-habit-row', { ...target, mediaAdvice: '改为电视广告', serviceAdvice: '' });
    expect(await habits()).not.toEqual(original);
    const result = await importFile(call, 'habit', bytes);
    expect(result).toEqual({ table: 'habit', rows: original.length, changed: 1 });
    expect(await habits()).toEqual(original);
  });

  it('an untouched export imported back is a no-op: same rows, same reviewed state, nothing written', async () => {
    const { call, db, events } = await setup();
    const month = await call('strategy/get-month', { yearMonth: MONTH });
    expect(month.demandRows.some((r) => !r.reviewed) && month.habitRows.some((r) => !r.reviewed)).toBe(true);
    const files = {
      demand: await exportFile(call, 'strategy-demand'),
      habit: await exportFile(call, 'strategy-habit'),
      screening: await exportFile(call, 'strategy-screening'),
    };
    const state = snapshot(db);
    expect(await importFile(call, 'demand', files.demand)).toEqual({ table: 'demand', rows: month.demandRows.length, changed: 0 });
    expect(await importFile(call, 'habit', files.habit)).toEqual({ table: 'habit', rows: month.habitRows.length, changed: 0 });
    expect((await importFile(call, 'screening', files.screening)).changed).toBe(0);
    expect(await call('strategy/get-month', { yearMonth: MONTH })).toEqual(month);
    expect(snapshot(db)).toBe(state);
    expect(events).toEqual([]);
  });

  it('stored text with surrounding spaces or \\r\\n is the same text as the file’s: nothing counted as changed', async () => {
    const { call, db } = await setup();
    const month = await call('strategy/get-month', { yearMonth: MONTH });
    // Written past the service, as rows saved before it normalised text are stored.
    const demand = month.demandRows.find((r) => r.reviewed && r.urgentPoint !== '')!;
    db.statement('UPDATE demand_row SET urgent_point = ? WHERE year_month = ? AND customer_id = ?').run(
      `  ${demand.urgentPoint}\r\n第二行\r第三行 \r\n`,
      MONTH,
      demand.customerId,
    );
    const habit = month.habitRows.find((r) => r.reviewed && r.mediaAdvice !== '')!;
    db.statement('UPDATE habit_row SET media_advice = ? WHERE year_month = ? AND customer_id = ?').run(`\t${habit.mediaAdvice}\r\n `, MONTH, habit.customerId);
    const files = { demand: await exportFile(call, 'strategy-demand'), habit: await exportFile(call, 'strategy-habit') };
    const state = snapshot(db);
    expect((await importFile(call, 'demand', files.demand)).changed).toBe(0);
    expect((await importFile(call, 'habit', files.habit)).changed).toBe(0);
    expect(snapshot(db)).toBe(state);
  });

  it('restores the screening scores', async () => {
    const { call } = await setup();
    const scores = async () => (await call('screening/get-year', { year: YEAR })).rows.map((r) => ({ id: r.customerId, scores: r.scores }));
    const original = await scores();
    const bytes = await exportFile(call, 'strategy-screening');
    const year = await call('screening/get-year', { year: YEAR });
    const row = year.rows.find((r) => r.total !== null)!;
    const indicator = year.indicators.find((i) => row.scores[i.id] !== null)!;
    await call('screening/save-scores', {
      year: YEAR,
      changes: [{ customerId: row.customerId, indicatorId: indicator.id, text: row.scores[indicator.id] === 12.5 ? '13' : '12.5' }],
    });
    expect(await scores()).not.toEqual(original);
    expect(await importFile(call, 'screening', bytes)).toEqual({ table: 'screening', rows: year.rows.length, changed: 1 });
    expect(await scores()).toEqual(original);
  });
});

describe('an edited file', () => {
  it('imports the changed cells: a need with a line break, and an added product', async () => {
    const { call } = await setup();
    const month = await call('strategy/get-month', { yearMonth: MONTH });
    const { byId } = await names(call);
    const dictionary = await call('dictionaries/list', {});
    const product = dictionary.find((e) => e.name === '集团短号网')!;
    const target = month.demandRows.find((r) => r.urgentPoint !== '' && !r.products.some((p) => p.productId === product.id))!;
    const customer = byId.get(target.customerId)!;
    const bytes = await edit(await exportFile(call, 'strategy-demand'), (sheet) => {
      const r = rowNumberOf(sheet, COL.customer, customer.name);
      sheet.getCell(r, COL.urgent).value = '需要全员统一的移动通讯\n并按部门计费';
      const basic = String(sheet.getCell(r, COL.basic).value ?? '');
      sheet.getCell(r, COL.basic).value = [basic, '集团短号网（迫切）'].filter(Boolean).join('、');
    });
    const result = await importFile(call, 'demand', bytes);
    expect(result.rows).toBe(month.demandRows.length);
    const row = (await call('strategy/get-month', { yearMonth: MONTH })).demandRows.find((r) => r.customerId === target.customerId)!;
    expect(row.urgentPoint).toBe('需要全员统一的移动通讯\n并按部门计费');
    expect(row.products).toContainEqual({ productId: product.id, needKind: 'urgent-point' });
    expect(row.products).toHaveLength(target.products.length + 1);
    expect(row.reviewed).toBe(true);
  });

  it('an edited 待复核 row becomes reviewed; an untouched 待复核 row stays unreviewed', async () => {
    const { call } = await setup();
    const month = await call('strategy/get-month', { yearMonth: MONTH });
    const { byId } = await names(call);
    const [edited, untouched] = month.demandRows.filter((r) => !r.reviewed);
    expect(untouched).toBeDefined();
    const bytes = await edit(await exportFile(call, 'strategy-demand'), (sheet) => {
      const r = rowNumberOf(sheet, COL.customer, byId.get(edited.customerId)!.name);
      sheet.getCell(r, COL.guided).value = '引导使用云视讯';
    });
    expect(await importFile(call, 'demand', bytes)).toEqual({ table: 'demand', rows: month.demandRows.length, changed: 1 });
    const after = new Map((await call('strategy/get-month', { yearMonth: MONTH })).demandRows.map((r) => [r.customerId, r]));
    expect(after.get(edited.customerId)).toMatchObject({ guidedNeed: '引导使用云视讯', reviewed: true });
    expect(after.get(untouched.customerId)).toEqual(untouched);
  });

  it('the same for a habit row', async () => {
    const { call } = await setup();
    const month = await call('strategy/get-month', { yearMonth: MONTH });
    const { byId } = await names(call);
    const [edited, untouched] = month.habitRows.filter((r) => !r.reviewed);
    expect(untouched).toBeDefined();
    const bytes = await edit(await exportFile(call, 'strategy-habit'), (sheet) => {
      const r = rowNumberOf(sheet, COL.customer, byId.get(edited.customerId)!.name);
      // D is the first habit column (接触习惯·习惯).
      sheet.getCell(r, 4).value = '  常看行业公众号\r\n周末不看手机  ';
    });
    expect(await importFile(call, 'habit', bytes)).toEqual({ table: 'habit', rows: month.habitRows.length, changed: 1 });
    const after = new Map((await call('strategy/get-month', { yearMonth: MONTH })).habitRows.map((r) => [r.customerId, r]));
    expect(after.get(edited.customerId)).toMatchObject({ touchHabit: '常看行业公众号\n周末不看手机', reviewed: true });
    expect(after.get(untouched.customerId)).toEqual(untouched);
  });

  it('reads a table whose title block was removed and whose merged headers were unmerged', async () => {
    const { call } = await setup();
    const original = await demandContents(call);
    const exported = await exportFile(call, 'strategy-demand');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported as never);
    const source = book.worksheets[0];
    // A plain copy of the sheet from the header down: no title block, no merges, blanks under merged headers.
    const plain = new ExcelJS.Workbook();
    const sheet = plain.addWorksheet('我的表');
    for (let r = 3; r <= source.rowCount; r++) {
      const values: Array<ExcelJS.CellValue> = [];
      source.getRow(r).eachCell({ includeEmpty: true }, (cell, c) => {
        values[c - 1] = cell.isMerged && cell.master.address !== cell.address ? null : cell.value;
      });
      sheet.addRow(values);
    }
    const a = await call('strategy/get-month', { yearMonth: MONTH });
    const target = a.demandRows.find((r) => r.reviewed && r.urgentPoint !== '')!;
    await call('strategy/save-demand-row', { ...content(target), yearMonth: MONTH, urgentPoint: '另一个' });
    await importFile(call, 'demand', Buffer.from(await plain.xlsx.writeBuffer()));
    expect(await demandContents(call)).toEqual(original);
  });
});

describe('the month (year) the file is for', () => {
  it('refuses another month’s table, naming its title', async () => {
    const { call, db } = await setup();
    const bytes = await exportFile(call, 'strategy-habit', { yearMonth: '2026-09' });
    const before = snapshot(db);
    const refusals = await refusalsOf(importFile(call, 'habit', bytes, { yearMonth: '2026-11' }));
    expect(refusals).toEqual([
      { sheet: expect.any(String), cell: 'A1', row: 1, header: '标题', reason: 'wrong-month', value: '2026 年 9 月消费习惯分析及促销策略表' },
    ]);
    expect(snapshot(db)).toBe(before);
  });

  it('lists the wrong month with the refused cells, first', async () => {
    const { call, db } = await setup();
    const bytes = await edit(await exportFile(call, 'strategy-demand', { yearMonth: '2026-10' }), (sheet) => {
      sheet.getCell(5, COL.customer).value = '不存在的公司';
    });
    const before = snapshot(db);
    const refusals = await refusalsOf(importFile(call, 'demand', bytes));
    expect(refusals.map((r) => [r.cell, r.reason, r.value])).toEqual([
      ['A1', 'wrong-month', '2026 年 10 月需求分析及产品匹配策略表'],
      ['B5', 'unknown-customer', '不存在的公司'],
    ]);
    expect(snapshot(db)).toBe(before);
  });

  it('refuses another year’s screening table', async () => {
    const { call, db } = await setup();
    const bytes = await exportFile(call, 'strategy-screening', { year: 2025 });
    const before = snapshot(db);
    const refusals = await refusalsOf(importFile(call, 'screening', bytes, { year: 2026 }));
    expect(refusals).toEqual([{ sheet: expect.any(String), cell: 'A1', row: 1, header: '标题', reason: 'wrong-month', value: '2025 年度大客户筛选评分表' }]);
    expect(snapshot(db)).toBe(before);
  });

  it('reads the 期间 line when the title no longer says the month', async () => {
    const { call, db } = await setup();
    let period = '';
    const bytes = await edit(await exportFile(call, 'strategy-demand', { yearMonth: '2026-09' }), (sheet) => {
      sheet.getCell('A1').value = '需求分析及产品匹配策略表';
      period = String(sheet.getCell('A2').value);
    });
    expect(period).toContain('期间：2026 年 9 月');
    const before = snapshot(db);
    const refusals = await refusalsOf(importFile(call, 'demand', bytes));
    expect(refusals).toEqual([{ sheet: expect.any(String), cell: 'A2', row: 2, header: '期间', reason: 'wrong-month', value: period }]);
    expect(snapshot(db)).toBe(before);
  });

  it('takes a title retyped for another month at its word', async () => {
    const { call } = await setup();
    const september = await call('strategy/get-month', { yearMonth: '2026-09' });
    const bytes = await edit(await exportFile(call, 'strategy-habit', { yearMonth: '2026-09' }), (sheet) => {
      sheet.getCell('A1').value = '2026年11月消费习惯分析及促销策略表';
    });
    const result = await importFile(call, 'habit', bytes);
    expect(result.rows).toBe(september.habitRows.length);
    const november = await call('strategy/get-month', { yearMonth: MONTH });
    const content = (rows: typeof november.habitRows) => rows.map(({ updatedAt: _u, reviewed: _r, yearMonth: _m, ...rest }) => rest);
    expect(content(november.habitRows)).toEqual(content(september.habitRows));
  });

  it('without a month in the input, imports into the file’s month, not the clock’s', async () => {
    const { call, db } = await setup();
    const october = '2026-10';
    const rows = async (yearMonth: string) => (await call('strategy/get-month', { yearMonth })).demandRows;
    const original = await rows(october);
    const bytes = await exportFile(call, 'strategy-demand', { yearMonth: october });
    const target = original.find((r) => r.urgentPoint !== '')!;
    await call('strategy/save-demand-row', { ...content(target), yearMonth: october, urgentPoint: '十月的改动' });
    const november = JSON.stringify(db.statement(`SELECT * FROM demand_row WHERE year_month = ? ORDER BY customer_id`).all(MONTH));
    expect(await importFile(call, 'demand', bytes, {})).toEqual({ table: 'demand', rows: original.length, changed: 1 });
    expect((await rows(october)).map(withoutTime)).toEqual(original.map(withoutTime));
    expect(JSON.stringify(db.statement(`SELECT * FROM demand_row WHERE year_month = ? ORDER BY customer_id`).all(MONTH))).toBe(november);
  });

  it('without a year in the input, imports the screening into the file’s year', async () => {
    const { call } = await setup();
    const scores = async (year: number) => (await call('screening/get-year', { year })).rows.map((r) => ({ id: r.customerId, scores: r.scores }));
    const original = { 2025: await scores(2025), 2026: await scores(2026) };
    const bytes = await exportFile(call, 'strategy-screening', { year: 2025 });
    const last = await call('screening/get-year', { year: 2025 });
    const row = last.rows.find((r) => r.total !== null)!;
    const indicator = last.indicators.find((i) => row.scores[i.id] !== null)!;
    await call('screening/save-scores', {
      year: 2025,
      changes: [{ customerId: row.customerId, indicatorId: indicator.id, text: row.scores[indicator.id] === 12.5 ? '13' : '12.5' }],
    });
    expect((await importFile(call, 'screening', bytes, {})).changed).toBe(1);
    expect({ 2025: await scores(2025), 2026: await scores(2026) }).toEqual(original);
  });

  it('accepts a table without its title block (nothing to compare), into the clock’s month when none is given', async () => {
    const { call } = await setup();
    const bytes = await edit(await exportFile(call, 'strategy-demand'), (sheet) => {
      sheet.getCell('A1').value = null;
      sheet.getCell('A2').value = null;
    });
    const month = await call('strategy/get-month', { yearMonth: MONTH });
    expect(await importFile(call, 'demand', bytes, {})).toEqual({ table: 'demand', rows: month.demandRows.length, changed: 0 });
    expect(await importFile(call, 'demand', bytes, { yearMonth: '2026-09' })).toMatchObject({ table: 'demand', rows: month.demandRows.length });
  });
});

describe('a bad file is refused, naming the cell, and nothing is written', () => {
  /** The sheet's rows of customers with a row this month (not the blank 未填写 lines of those due without one). */
  function filledRows(sheet: ExcelJS.Worksheet): number[] {
    const rows: number[] = [];
    for (let r = 5; r <= sheet.rowCount; r++) {
      const values = sheet.getRow(r).values as unknown[];
      if (sheet.getCell(r, COL.customer).value && !values.includes('未填写')) rows.push(r);
    }
    return rows;
  }

  async function refusedDemand(change: (sheet: ExcelJS.Worksheet, rowOf: (name: string) => number, filled: number[]) => void) {
    const { call, db } = await setup();
    const bytes = await edit(await exportFile(call, 'strategy-demand'), (sheet) =>
      change(sheet, (name) => rowNumberOf(sheet, COL.customer, name), filledRows(sheet)),
    );
    const before = snapshot(db);
    const refusals = await refusalsOf(importFile(call, 'demand', bytes));
    expect(snapshot(db)).toBe(before);
    return { refusals, call };
  }

  it('a wrong header text', async () => {
    const { refusals } = await refusedDemand((sheet) => {
      sheet.getCell('E4').value = '迫切需求';
    });
    expect(refusals).toEqual([{ sheet: expect.any(String), cell: 'E4', row: 4, header: '需求迫切点', reason: 'wrong-header', value: '迫切需求' }]);
  });

  it('a missing column, and an extra one', async () => {
    const { refusals } = await refusedDemand((sheet) => {
      sheet.getCell('O4').value = '备注';
    });
    expect(refusals).toEqual([expect.objectContaining({ cell: 'O4', reason: 'wrong-header', value: '备注' })]);
    const other = await refusedDemand((sheet) => sheet.spliceColumns(6, 1));
    expect(other.refusals.length).toBeGreaterThan(0);
    expect(other.refusals.every((r) => r.reason === 'wrong-header')).toBe(true);
    expect(other.refusals).toContainEqual(expect.objectContaining({ cell: 'F4', header: '有需求计划', value: '有潜在计划' }));
  });

  it('a 小类 that is not in the dictionary (农业), and one that is not the customer’s', async () => {
    let first = '';
    let second = '';
    let rows: number[] = [];
    const { refusals } = await refusedDemand((sheet, rowOf, filled) => {
      first = String(sheet.getCell(filled[0], COL.customer).value);
      second = String(sheet.getCell(filled[1], COL.customer).value);
      rows = [rowOf(first), rowOf(second)];
      sheet.getCell(rows[0], COL.class).value = '农业';
      sheet.getCell(rows[1], COL.class).value = sheet.getCell(rows[1], COL.class).value === '金融' ? '教育' : '金融';
    });
    expect(refusals).toEqual([
      expect.objectContaining({ cell: `D${rows[0]}`, row: rows[0], header: '客户类别·小类', reason: 'unknown-class', value: '农业' }),
      expect.objectContaining({ cell: `D${rows[1]}`, row: rows[1], reason: 'unknown-class' }),
    ]);
  });

  it('a product that is not in its product class, and a product without a need mark', async () => {
    let r = 0;
    const { refusals } = await refusedDemand((sheet, rowOf) => {
      r = rowOf(String(sheet.getCell(5, COL.customer).value));
      sheet.getCell(r, COL.basic).value = '卫星电话（迫切）、移动办公（迫切）、集团专线';
    });
    expect(refusals).toEqual([
      { sheet: expect.any(String), cell: `I${r}`, row: r, header: '匹配产品·基础通信', reason: 'unknown-product', value: '卫星电话（迫切）' },
      // 移动办公 is a product of 办公管理, not of 基础通信.
      expect.objectContaining({ cell: `I${r}`, reason: 'unknown-product', value: '移动办公（迫切）' }),
      expect.objectContaining({ cell: `I${r}`, reason: 'unknown-need-kind', value: '集团专线' }),
    ]);
  });

  it('a product matched under an empty need', async () => {
    let r = 0;
    const { refusals } = await refusedDemand((sheet, rowOf) => {
      r = rowOf(String(sheet.getCell(5, COL.customer).value));
      sheet.getCell(r, COL.guided).value = null;
      sheet.getCell(r, COL.basic).value = '集团专线（引导）';
    });
    expect(refusals).toContainEqual({
      sheet: expect.any(String),
      cell: `I${r}`,
      row: r,
      header: '匹配产品·基础通信',
      reason: 'no-need',
      value: '集团专线（引导）',
    });
    expect(refusals.every((x) => x.reason === 'no-need')).toBe(true);
  });

  it('an unknown customer, the same customer twice, and an overlong text', async () => {
    let rows: number[] = [];
    const { refusals } = await refusedDemand((sheet, _rowOf, filled) => {
      rows = filled.slice(0, 3);
      const [a, b, c] = rows;
      sheet.getCell(a, COL.customer).value = '不存在的公司';
      sheet.getCell(c, COL.customer).value = sheet.getCell(b, COL.customer).value;
      sheet.getCell(c, COL.class).value = sheet.getCell(b, COL.class).value;
      sheet.getCell(c, COL.classParent).value = sheet.getCell(b, COL.classParent).value;
      sheet.getCell(b, COL.potential).value = '长'.repeat(1001);
    });
    expect(refusals.map((r) => [r.cell, r.reason])).toEqual([
      [`B${rows[0]}`, 'unknown-customer'],
      [`G${rows[1]}`, 'too-long'],
      [`B${rows[2]}`, 'duplicate-row'],
    ]);
  });

  it('text in a screening score (八十分), and a score out of range', async () => {
    const { call, db } = await setup();
    const year = await call('screening/get-year', { year: YEAR });
    const customer = year.rows[0];
    let r = 0;
    const bytes = await edit(await exportFile(call, 'strategy-screening'), (sheet) => {
      r = rowNumberOf(sheet, 1, customer.name);
      sheet.getCell(r, 3).value = '八十分';
      sheet.getCell(r, 4).value = 120;
      sheet.getCell(r, 5).value = 85.55;
    });
    const before = snapshot(db);
    const refusals = await refusalsOf(importFile(call, 'screening', bytes));
    expect(snapshot(db)).toBe(before);
    const first = year.indicators[0];
    expect(refusals).toEqual([
      { sheet: expect.any(String), cell: `C${r}`, row: r, header: `实力指标·${first.name}(${first.weight})`, reason: 'not-a-number', value: '八十分' },
      expect.objectContaining({ cell: `D${r}`, reason: 'out-of-range', value: '120' }),
      expect.objectContaining({ cell: `E${r}`, reason: 'too-many-decimals', value: '85.55' }),
    ]);
  });

  it('a file that is not an XLSX', async () => {
    const { call, db } = await setup();
    const before = snapshot(db);
    for (const bytes of [Buffer.from('客户单位,小类\n江城宾馆,服务\n'), Buffer.from('PK\u0003\u0004 not really a zip')]) {
      const refusals = await refusalsOf(importFile(call, 'demand', bytes));
      expect(refusals).toEqual([{ sheet: '', cell: '', row: 0, header: '', reason: 'unreadable-file', value: '' }]);
    }
    expect(snapshot(db)).toBe(before);
  });

  it('another table’s file', async () => {
    const { call, db } = await setup();
    const before = snapshot(db);
    const refusals = await refusalsOf(importFile(call, 'demand', await exportFile(call, 'strategy-habit')));
    expect(refusals[0]).toMatchObject({ cell: 'C3', header: '客户类别', reason: 'wrong-header', value: '小类' });
    expect(snapshot(db)).toBe(before);
  });

  it('a zip that unpacks far beyond the limits is refused before it is parsed, naming the part and the limit', async () => {
    const { call, db } = await setup();
    const zip = await JSZip.loadAsync(await exportFile(call, 'strategy-demand'));
    // 100 MB of zeros: about 100 kB once deflated, the shape of a zip bomb.
    zip.file('xl/media/padding.bin', Buffer.alloc(100_000_000));
    const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    expect(bytes.length).toBeLessThan(1_000_000);
    const before = snapshot(db);
    const refusals = await refusalsOf(importFile(call, 'demand', bytes));
    expect(refusals).toEqual([{ sheet: '', cell: '', row: 0, header: 'a part over 14 MB unpacked', reason: 'file-too-large', value: 'xl/media/padding.bin' }]);
    expect(snapshot(db)).toBe(before);
  });

  it('a table row below a note line is refused by its cell, not dropped', async () => {
    const { call, db } = await setup();
    let noteRow = 0;
    const bytes = await edit(await exportFile(call, 'strategy-demand'), (sheet) => {
      let last = 0;
      for (let r = 1; r <= sheet.rowCount; r++) if (typeof sheet.getCell(r, 1).value === 'number') last = r;
      // The last customer's row, moved below a 备注 line put in its place.
      const moved = (sheet.getRow(last).values as ExcelJS.CellValue[]).slice(1);
      sheet.spliceRows(last, 1, ['备注：本表每月 25 日前更新'], moved);
      noteRow = last;
    });
    const before = snapshot(db);
    const refusals = await refusalsOf(importFile(call, 'demand', bytes));
    expect(refusals).toEqual([expect.objectContaining({ cell: `A${noteRow + 1}`, row: noteRow + 1, reason: 'row-after-note' })]);
    expect(snapshot(db)).toBe(before);
  });

  it('note lines below the table may start in any column, and are not read as rows', async () => {
    const { call } = await setup();
    const bytes = await edit(await exportFile(call, 'strategy-demand'), (sheet) => {
      sheet.addRow(['', '', '日期：2026 年 11 月 30 日']);
    });
    await expect(importFile(call, 'demand', bytes)).resolves.toMatchObject({ changed: 0 });
  });
});
