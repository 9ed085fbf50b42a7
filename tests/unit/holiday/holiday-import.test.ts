/**
 * The 备货计划 and 值班表 read back from their own XLSX exports, through dispatch on the sample
 * workspace: an untouched export changes nothing; edits made in Excel land (opening stock, a lot
 * moved later, a lot added, safety days; a roster gap filled, a phone changed), as one undo step;
 * each kind of bad cell is refused naming its sheet, cell and column, with the database and the
 * file on disk unchanged.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseDeliveryLine, readSeason, wholeNumber } from '../../../src-main/core/holiday/holiday-import';
import { createCaller } from '../../../src-main/core/dispatch';
import type { Database } from '../../../src-main/core/db/port';
import { windowDays } from '../../../src-shared/domain/holiday-season';
import { refusalsOf } from '../strategy/strategy-import-helpers';
import { sampleWorkspacePerTest } from '../helpers/workspace';

const openSample = sampleWorkspacePerTest();
const SEASON = 2027;
type Call = ReturnType<typeof createCaller>;

async function exportXlsx(call: Call, report: 'holiday-stock' | 'holiday-roster', season = SEASON): Promise<Buffer> {
  const result = await call('reports/export', { report, format: 'xlsx', jobId: `export-${report}`, year: season });
  return Buffer.from(result.base64!, 'base64');
}

/** The file changed as a person would in Excel: loaded, cells edited, saved. */
async function edit(bytes: Buffer, change: (book: ExcelJS.Workbook) => void): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as never);
  change(book);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The row of a sheet whose first cell reads `text`. */
function rowOf(sheet: ExcelJS.Worksheet, text: string): ExcelJS.Row {
  for (let r = 1; r <= sheet.rowCount; r++) if (String(sheet.getRow(r).getCell(1).value ?? '').startsWith(text)) return sheet.getRow(r);
  throw new Error(`no row starting ${text} on ${sheet.name}`);
}

/** Everything the two imports may write, to show that a refused or untouched file wrote nothing. */
function snapshot(db: Database): string {
  return JSON.stringify(
    ['holiday_stock', 'holiday_delivery', 'holiday_category', 'holiday_duty'].map((t) => db.statement(`SELECT * FROM ${t} ORDER BY 1, 2, 3`).all()),
  );
}

const importStock = (call: Call, bytes: Buffer, season = SEASON) => call('holiday/import-stock', { season, base64: bytes.toString('base64') });
const importRoster = (call: Call, bytes: Buffer, season = SEASON) => call('holiday/import-roster', { season, base64: bytes.toString('base64') });

async function stores(call: Call) {
  const roster = await call('holiday/get-roster', { season: SEASON });
  return { roster, central: roster.stores[0], east: roster.stores[1], person: (name: string) => roster.people.find((p) => p.name === name)! };
}

describe('reading the printed 到货批次 back', () => {
  const days = new Map(windowDays({ firstDay: '2026-12-18', lastDay: '2027-02-20' }).map((d) => [d.slice(5), d]));

  it('reads one supplier before its lots, and a supplier per lot, with no-break or plain spaces', () => {
    expect(parseDeliveryLine('江城粮油批发：12-23\u00a03029；01-02\u00a03465', days)).toEqual({
      ok: true,
      value: [
        { supplier: '江城粮油批发', quantity: 3029, arrivalDay: '2026-12-23' },
        { supplier: '江城粮油批发', quantity: 3465, arrivalDay: '2027-01-02' },
      ],
    });
    expect(parseDeliveryLine('12-23 甲厂 100; 1-2  乙 厂  2,000', days)).toEqual({
      ok: true,
      value: [
        { supplier: '甲厂', quantity: 100, arrivalDay: '2026-12-23' },
        { supplier: '乙 厂', quantity: 2000, arrivalDay: '2027-01-02' },
      ],
    });
    expect(parseDeliveryLine('', days)).toEqual({ ok: true, value: [] });
  });

  it('refuses a lot without a supplier or a quantity, a zero quantity, a day that is not a date or is outside the window', () => {
    expect(parseDeliveryLine('12-23 100', days)).toEqual({ ok: false, reason: 'bad-delivery' });
    expect(parseDeliveryLine('甲厂：12-23', days)).toEqual({ ok: false, reason: 'bad-delivery' });
    expect(parseDeliveryLine('甲厂：12-23 0', days)).toEqual({ ok: false, reason: 'bad-delivery' });
    expect(parseDeliveryLine('甲厂：13-40 5', days)).toEqual({ ok: false, reason: 'bad-delivery' });
    expect(parseDeliveryLine('甲厂：03-01 5', days)).toEqual({ ok: false, reason: 'outside-window' });
    expect(parseDeliveryLine('甲厂：', days)).toEqual({ ok: false, reason: 'bad-delivery' });
  });

  it('reads the season from a title or the 期间 line, and whole numbers as Excel shows them', () => {
    expect(readSeason('2027 年两节备货计划')).toBe('2027');
    expect(readSeason('2026-12-18 至 2027-02-20（春节 2027-02-06）')).toBe('2027');
    expect(wholeNumber('12,345', 0, 1e10)).toEqual({ ok: true, value: 12345 });
    expect(wholeNumber('1.5', 0, 10)).toEqual({ ok: false, reason: 'too-many-decimals' });
    expect(wholeNumber('-1', 0, 10)).toEqual({ ok: false, reason: 'out-of-range' });
    expect(wholeNumber('十', 0, 10)).toEqual({ ok: false, reason: 'not-a-number' });
  });
});

describe('importing the stocking plan', () => {
  it('an untouched export changes nothing and records no undo step', async () => {
    const ws = await openSample();
    const call = createCaller(ws);
    const file = await exportXlsx(call, 'holiday-stock');
    const before = snapshot(ws.db);
    const history = await call('history/get', { grid: 'holiday' });
    expect(await importStock(call, file)).toEqual({ stores: 3, rows: 33, changed: 0 });
    expect(snapshot(ws.db)).toBe(before);
    expect(await call('history/get', { grid: 'holiday' })).toEqual(history);
  });

  it('lands opening stock, a lot moved later, a new lot and safety days, updates the warnings, and undoes as one step', async () => {
    const ws = await openSample();
    const call = createCaller(ws);
    const { central, east } = await stores(call);
    const before = snapshot(ws.db);
    const file = await exportXlsx(call, 'holiday-stock');
    const eastBefore = await call('holiday/get-stock', { season: SEASON, storeId: east.id });
    const meatBefore = (await call('holiday/get-stock', { season: SEASON, storeId: central.id })).rows.find((r) => r.name === '肉类')!;
    const edited = await edit(file, (book) => {
      const sheet = book.getWorksheet('一、中心店')!;
      rowOf(sheet, '粮食').getCell(5).value = 8000;
      // 肉类: the 01-22 lot moved to 02-12, and a lot added.
      const meat = rowOf(sheet, '肉类');
      meat.getCell(7).value = String(meat.getCell(7).value).replace('01-22', '02-12') + '；02-15\u00a02000';
      meat.getCell(6).value = Number(meat.getCell(6).value) + 2000;
      // 豆制品 kept 3 days of safety stock; 5 now, for every store.
      rowOf(book.getWorksheet('二、东湖店')!, '豆制品').getCell(8).value = 5;
    });
    expect(await importStock(call, edited)).toEqual({ stores: 3, rows: 33, changed: 3 });
    const stock = await call('holiday/get-stock', { season: SEASON, storeId: central.id });
    const row = (name: string) => stock.rows.find((r) => r.name === name)!;
    expect(row('粮食').opening).toBe(8000);
    const lots = (r: (typeof stock.rows)[number]) => r.deliveries.map((d) => [d.arrivalDay, d.quantity]);
    expect(lots(row('肉类'))).toEqual(
      [...lots(meatBefore).map(([day, q]) => [day === '2027-01-22' ? '2027-02-12' : day, q]), ['2027-02-15', 2000]].sort((a, b) =>
        String(a[0]).localeCompare(String(b[0])),
      ),
    );
    // Moving the largest lot of meat three weeks later runs the store short before it arrives.
    expect(stock.warnings.some((w) => w.categoryId === row('肉类').categoryId && w.kind === 'stock-out')).toBe(true);
    expect((await call('holiday/list-categories', {})).find((c) => c.name === '豆制品')!.safetyDays).toBe(5);
    const eastAfter = await call('holiday/get-stock', { season: SEASON, storeId: east.id });
    const tofu = (s: typeof eastAfter) => s.rows.find((r) => r.name === '豆制品')!;
    expect(tofu(eastAfter).safety).toBeGreaterThan(tofu(eastBefore).safety);
    // What was read is what a new export prints.
    const again = await exportXlsx(call, 'holiday-stock');
    expect(await importStock(call, again)).toMatchObject({ changed: 0 });

    const undo = await call('history/undo', { grid: 'holiday' });
    expect(undo.done.channel).toBe('holiday/import-stock');
    expect(snapshot(ws.db)).toBe(before);
  });

  it('names every bad cell, across sheets, and writes nothing; the file on disk is left as it was', async () => {
    const ws = await openSample();
    const call = createCaller(ws);
    const file = await exportXlsx(call, 'holiday-stock');
    const edited = await edit(file, (book) => {
      const central = book.getWorksheet('一、中心店')!;
      rowOf(central, '粮食').getCell(1).value = '大米';
      rowOf(central, '食用油').getCell(2).value = '箱';
      rowOf(central, '肉类').getCell(5).value = '很多';
      rowOf(central, '禽类').getCell(5).value = -5;
      rowOf(central, '蛋类').getCell(5).value = 10.5;
      rowOf(central, '水产品').getCell(7).value = '江城水产市场：12-23 7466；01-02';
      rowOf(central, '豆制品').getCell(7).value = '老街豆制品厂：03-15 100';
      rowOf(central, '耐储蔬菜').getCell(6).value = 1;
      rowOf(central, '叶类蔬菜').getCell(8).value = 200;
      rowOf(central, '水果').getCell(1).value = '节令商品';
      const east = book.getWorksheet('二、东湖店')!;
      rowOf(east, '豆制品').getCell(8).value = 4;
      rowOf(book.getWorksheet('三、西岭店')!, '豆制品').getCell(8).value = 6;
      book.getWorksheet('三、西岭店')!.name = '三、北山店';
    });
    const onDisk = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pd-stock-')), '备货计划.xlsx');
    fs.writeFileSync(onDisk, edited);
    const hash = crypto.createHash('sha256').update(fs.readFileSync(onDisk)).digest('hex');
    const before = snapshot(ws.db);
    const refusals = await refusalsOf(importStock(call, fs.readFileSync(onDisk)));
    expect(refusals.map((r) => [r.sheet, r.cell, r.header, r.reason])).toEqual([
      ['一、中心店', 'A4', '品类', 'unknown-category'],
      ['一、中心店', 'B5', '单位', 'wrong-unit'],
      ['一、中心店', 'E6', '期初库存', 'not-a-number'],
      ['一、中心店', 'E7', '期初库存', 'out-of-range'],
      ['一、中心店', 'E8', '期初库存', 'too-many-decimals'],
      ['一、中心店', 'G9', '到货批次', 'bad-delivery'],
      ['一、中心店', 'G10', '到货批次', 'outside-window'],
      ['一、中心店', 'F11', '计划到货', 'total-mismatch'],
      ['一、中心店', 'H12', '安全天数', 'out-of-range'],
      // 水果 renamed 节令商品: counted in 件, not 箱; and the real 节令商品 row comes twice.
      ['一、中心店', 'B13', '单位', 'wrong-unit'],
      ['一、中心店', 'A14', '品类', 'duplicate-row'],
      ['三、北山店', 'A1', '门店', 'unknown-store'],
    ]);
    expect(snapshot(ws.db)).toBe(before);
    expect(crypto.createHash('sha256').update(fs.readFileSync(onDisk)).digest('hex')).toBe(hash);
  });

  it('refuses a store sheet whose header was retyped rather than skipping it', async () => {
    const ws = await openSample();
    const call = createCaller(ws);
    const before = snapshot(ws.db);
    const edited = await edit(await exportXlsx(call, 'holiday-stock'), (book) => {
      const sheet = book.getWorksheet('二、东湖店')!;
      sheet.getCell('B3').value = '单 位(箱)';
      rowOf(sheet, '粮食').getCell(5).value = 1;
    });
    expect((await refusalsOf(importStock(call, edited))).map((r) => [r.sheet, r.cell, r.reason])).toEqual([['二、东湖店', 'B3', 'wrong-header']]);
    expect(snapshot(ws.db)).toBe(before);
  });

  it('tells two stores of one name apart by their sheets, and reads back suppliers named with the layout’s colon', async () => {
    const ws = await openSample();
    const call = createCaller(ws);
    const { central, east } = await stores(call);
    await call('org/save-unit', { id: east.id, level: 'store', name: '中心店' });
    const fish = (await call('holiday/get-stock', { season: SEASON, storeId: east.id })).rows.find((r) => r.name === '水产品')!;
    await call('holiday/save-delivery', {
      season: SEASON,
      delivery: { storeId: east.id, categoryId: fish.categoryId, supplier: '江城:水产；二部', quantity: 100, arrivalDay: '2027-01-05' },
    });
    const before = snapshot(ws.db);
    const file = await exportXlsx(call, 'holiday-stock');
    expect(await importStock(call, file)).toEqual({ stores: 3, rows: 33, changed: 0 });
    expect(snapshot(ws.db)).toBe(before);
    // The second 中心店's sheet is 二、中心店: its edit lands there, not on the first.
    const edited = await edit(file, (book) => (rowOf(book.getWorksheet('二、中心店')!, '粮食').getCell(5).value = 4321));
    expect(await importStock(call, edited)).toMatchObject({ changed: 1 });
    const opening = async (storeId: string) => (await call('holiday/get-stock', { season: SEASON, storeId })).rows.find((r) => r.name === '粮食')!.opening;
    expect(await opening(east.id)).toBe(4321);
    expect(await opening(central.id)).not.toBe(4321);
    // Edited, a lot whose supplier reads with a colon is refused, not guessed at.
    const retyped = await edit(file, (book) => (rowOf(book.getWorksheet('二、中心店')!, '水产品').getCell(7).value = '12-23 江城:水产 100'));
    expect((await refusalsOf(importStock(call, retyped))).map((r) => [r.sheet, r.cell, r.reason])).toEqual([['二、中心店', 'G9', 'bad-delivery']]);
  });

  it('reads one store’s export by the store its title names', async () => {
    const ws = await openSample();
    const call = createCaller(ws);
    const { east } = await stores(call);
    const result = await call('reports/export', { report: 'holiday-stock', format: 'xlsx', jobId: 'export-east', year: SEASON, scopeId: east.id });
    const file = Buffer.from(result.base64!, 'base64');
    const edited = await edit(file, (book) => (rowOf(book.getWorksheet('一、东湖店')!, '粮食').getCell(5).value = 777));
    expect(await importStock(call, edited)).toEqual({ stores: 1, rows: 11, changed: 1 });
    expect((await call('holiday/get-stock', { season: SEASON, storeId: east.id })).rows.find((r) => r.name === '粮食')!.opening).toBe(777);
  });

  it('refuses two stores giving one category different safety days, another season’s file, and a file that is not a stocking plan', async () => {
    const ws = await openSample();
    const call = createCaller(ws);
    const before = snapshot(ws.db);
    const file = await exportXlsx(call, 'holiday-stock');
    const differing = await edit(file, (book) => {
      rowOf(book.getWorksheet('一、中心店')!, '豆制品').getCell(8).value = 4;
      rowOf(book.getWorksheet('二、东湖店')!, '豆制品').getCell(8).value = 6;
    });
    expect((await refusalsOf(importStock(call, differing))).map((r) => [r.sheet, r.cell, r.reason])).toEqual([['二、东湖店', 'H10', 'conflicting-value']]);
    const lastSeason = await exportXlsx(call, 'holiday-stock', 2026);
    expect((await refusalsOf(importStock(call, lastSeason))).map((r) => [r.sheet, r.cell, r.header, r.reason])).toEqual([
      ['一、中心店', 'A1', '标题', 'wrong-month'],
      ['二、东湖店', 'A1', '标题', 'wrong-month'],
      ['三、西岭店', 'A1', '标题', 'wrong-month'],
    ]);
    const roster = await exportXlsx(call, 'holiday-roster');
    expect((await refusalsOf(importStock(call, roster))).map((r) => [r.cell, r.header, r.reason])).toEqual([['A3', '品类', 'wrong-header']]);
    expect((await refusalsOf(importStock(call, Buffer.from('not a spreadsheet')))).map((r) => r.reason)).toEqual(['unreadable-file']);
    expect(snapshot(ws.db)).toBe(before);
  });
});

describe('importing the duty roster', () => {
  it('an untouched export changes nothing', async () => {
    const ws = await openSample();
    const call = createCaller(ws);
    const file = await exportXlsx(call, 'holiday-roster');
    const before = snapshot(ws.db);
    expect(await importRoster(call, file)).toEqual({ rows: 65, changed: 0 });
    expect(snapshot(ws.db)).toBe(before);
  });

  it('an untouched export keeps a leader who has since left the stores (printed blank), and counts days changed', async () => {
    const ws = await openSample();
    const call = createCaller(ws);
    const { person } = await stores(call);
    await call('org/retire', { id: person('韩冬梅').id, effectiveFrom: '2026-12-01' });
    const before = snapshot(ws.db);
    const file = await exportXlsx(call, 'holiday-roster');
    expect(await importRoster(call, file)).toEqual({ rows: 65, changed: 0 });
    expect(snapshot(ws.db)).toBe(before);
    // One day changed at two stores is one row changed.
    const edited = await edit(file, (book) => {
      const day = rowOf(book.worksheets[0], '12-20');
      day.getCell(4).value = '0716-1111111';
      day.getCell(7).value = '0716-2222222';
    });
    expect(await importRoster(call, edited)).toEqual({ rows: 65, changed: 1 });
  });

  it('fills a gap, changes a phone and clears a deputy, as one undo step', async () => {
    const ws = await openSample();
    const call = createCaller(ws);
    const { east } = await stores(call);
    const before = snapshot(ws.db);
    const file = await exportXlsx(call, 'holiday-roster');
    const edited = await edit(file, (book) => {
      const sheet = book.worksheets[0];
      // 东湖店 is columns E–G; 02-09 (初四) is one of its two gaps.
      const gap = rowOf(sheet, '02-09');
      expect(gap.getCell(5).value).toBe('（空缺）');
      gap.getCell(5).value = '东湖店长';
      gap.getCell(6).value = '傅磊';
      gap.getCell(7).value = '0716-8302999';
      rowOf(sheet, '12-18').getCell(4).value = '0716 8301 999';
      rowOf(sheet, '12-19').getCell(3).value = null;
    });
    expect(await importRoster(call, edited)).toEqual({ rows: 65, changed: 3 });
    const roster = await call('holiday/get-roster', { season: SEASON });
    expect(roster.gaps).toEqual([{ storeId: east.id, day: '2027-02-10', shift: 'all' }]);
    const entry = (storeId: string, day: string) => roster.entries.find((e) => e.storeId === storeId && e.day === day)!;
    expect(entry(east.id, '2027-02-09')).toMatchObject({ phone: '0716-8302999', leaderId: roster.people.find((p) => p.name === '东湖店长')!.id });
    expect(entry(roster.stores[0].id, '2026-12-18').phone).toBe('0716 8301 999');
    expect(entry(roster.stores[0].id, '2026-12-19').deputyId).toBeNull();
    const undo = await call('history/undo', { grid: 'holiday' });
    expect(undo.done.channel).toBe('holiday/import-roster');
    expect(snapshot(ws.db)).toBe(before);
  });

  it('refuses unknown people, a leader who is the deputy, a person at two stores, a bad phone, a day twice or outside the window', async () => {
    const ws = await openSample();
    const call = createCaller(ws);
    const before = snapshot(ws.db);
    const file = await exportXlsx(call, 'holiday-roster');
    const edited = await edit(file, (book) => {
      const sheet = book.worksheets[0];
      rowOf(sheet, '12-18').getCell(2).value = '张三丰';
      const d19 = rowOf(sheet, '12-19');
      d19.getCell(3).value = d19.getCell(2).value;
      // 中心店长 at 东湖店 the same day as leading 中心店.
      rowOf(sheet, '12-20').getCell(5).value = '中心店长';
      rowOf(sheet, '12-21').getCell(4).value = '电话号码';
      rowOf(sheet, '12-23').getCell(1).value = '12-22 十四';
      rowOf(sheet, '12-24').getCell(1).value = '03-01 廿四';
    });
    const refusals = await refusalsOf(importRoster(call, edited));
    expect(refusals.map((r) => [r.cell, r.header, r.reason])).toEqual([
      ['B5', '中心店·值班领导', 'unknown-person'],
      ['D8', '中心店·联系电话', 'bad-phone'],
      ['A10', '日期', 'duplicate-row'],
      ['A11', '日期', 'outside-window'],
      ['C6', '中心店·副职', 'leader-is-deputy'],
      ['E7', '东湖店·值班领导', 'double-booked'],
    ]);
    expect(snapshot(ws.db)).toBe(before);
  });

  it('refuses another season’s roster and a roster whose stores changed', async () => {
    const ws = await openSample();
    const call = createCaller(ws);
    const lastSeason = await exportXlsx(call, 'holiday-roster', 2026);
    expect((await refusalsOf(importRoster(call, lastSeason))).map((r) => [r.cell, r.header, r.reason])).toEqual([['A1', '标题', 'wrong-month']]);
    const renamed = await edit(await exportXlsx(call, 'holiday-roster'), (book) => {
      book.worksheets[0].getCell('E3').value = '北山店';
    });
    // The merged store header reads 北山店 in each of its cells.
    expect((await refusalsOf(importRoster(call, renamed))).map((r) => [r.cell, r.reason])).toEqual([
      ['E3', 'wrong-header'],
      ['F3', 'wrong-header'],
      ['G3', 'wrong-header'],
    ]);
  });
});
