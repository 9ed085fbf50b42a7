import { describe, expect, it } from 'vitest';
import type { Database, SqlValue } from '../../../src-main/core/db/port';
import { createCaller } from '../../../src-main/core/dispatch';
import { seededRandom } from '../../../src-shared/domain/random';
import { writeStrategySample } from '../../../src-main/core/strategy/strategy-sample';
import * as strategyIndex from '../../../src-main/core/strategy';
import * as monthRows from '../../../src-main/core/strategy/month-rows';
import * as monthStore from '../../../src-main/core/strategy/month-store';
import { writeDemandRow, writeHabitRow } from '../../../src-main/core/strategy/month-rows';
import type { ChannelInput, DemandRow } from '../../../src-shared/contract/channels';
import { HABIT_PAIRS } from '../../../src-shared/domain/strategy';
import { sampleWorkspacePerTest } from '../helpers/workspace';
import { refusalOf } from '../helpers/refusal';

const THIS_MONTH = '2026-11';
const NEXT_MONTH = '2026-12';

const openTestWorkspace = sampleWorkspacePerTest();

async function setup() {
  const ws = await openTestWorkspace();
  const db = ws.db;
  // Once writeSampleData seeds the strategy sample itself, the workspace already holds it.
  if (count(db, `SELECT COUNT(*) AS n FROM customer`) === 0) writeStrategySample(ws, seededRandom(11));
  const call = createCaller(ws);
  return { ws, call, db };
}
type Call = Awaited<ReturnType<typeof setup>>['call'];
type Db = Database;

async function entryNamed(call: Call, name: string) {
  const entry = (await call('dictionaries/list', {})).find((e) => e.name === name);
  if (!entry) throw new Error(`no dictionary entry ${name}`);
  return entry;
}

function count(db: Db, sql: string, ...args: SqlValue[]): number {
  return (db.statement(sql).get(...args) as { n: number }).n;
}

function demandInput(row: DemandRow): ChannelInput<'strategy/save-demand-row'> {
  const { yearMonth, customerId, urgentPoint, demandPlan, potentialPlan, guidedNeed, products } = row;
  return { yearMonth, customerId, urgentPoint, demandPlan, potentialPlan, guidedNeed, products };
}

describe('strategy sample', () => {
  it('has 49 customers, seven per 小类, owned by 客户经理, with rows for 2026-09..11', async () => {
    const { call, db } = await setup();
    const customers = await call('customers/list', {});
    expect(customers).toHaveLength(49);
    const classes = await call('dictionaries/list', { dictionary: 'customer-class' });
    const top = classes.filter((c) => c.parentId === null).map((c) => c.name);
    expect(top).toEqual(['企业', '事业']);
    const small = classes.filter((c) => c.parentId !== null);
    expect(small.map((c) => c.name).sort()).toEqual(['工商', '金融', '服务', '科技', '公共', '教育', '政府'].sort());
    for (const cls of small) expect(customers.filter((c) => c.classId === cls.id)).toHaveLength(7);
    const tree = await call('org/list-tree', {});
    const roles = new Map(tree.people.map((p) => [p.id, p.role]));
    expect(customers.every((c) => roles.get(c.managerId) === '客户经理')).toBe(true);
    const months = db.statement(`SELECT DISTINCT year_month AS m FROM demand_row ORDER BY m`).all() as Array<{ m: string }>;
    expect(months.map((r) => r.m)).toEqual(['2026-09', '2026-10', '2026-11']);
    const tiers = await call('dictionaries/list', { dictionary: 'account-tier' });
    expect(tiers.map((t) => t.name)).toEqual(['铂金', '金牌', '银牌', '铜牌']);
  });

  it('labels the habit columns from the one shared table of habit pairs (no copy in the service)', async () => {
    const { call } = await setup();
    // The service is split: its index and the modules that read and write the month's rows.
    for (const strategyService of [strategyIndex, monthRows, monthStore]) {
      expect(Object.keys(strategyService)).not.toContain('HABIT_COLUMNS');
      expect(Object.keys(strategyService)).not.toContain('NEED_FIELDS');
    }
    const habitEntries = await call('dictionaries/list', { dictionary: 'habit-dimension' });
    const name = (id: string) => habitEntries.find((e) => e.id === id)?.name;
    expect(HABIT_PAIRS.map((p) => [name(p.dimensionId), name(p.adviceId)])).toEqual(HABIT_PAIRS.map((p) => [...p.labels]));
  });

  it('matches products only where the sample recorded a need', async () => {
    const { call } = await setup();
    const month = await call('strategy/get-month', { yearMonth: THIS_MONTH });
    const fields = { 'urgent-point': 'urgentPoint', 'demand-plan': 'demandPlan', 'potential-plan': 'potentialPlan', 'guided-need': 'guidedNeed' } as const;
    const matched = month.demandRows.flatMap((row) => row.products.map((p) => row[fields[p.needKind]]));
    expect(matched.length).toBeGreaterThan(20);
    expect(matched.every((text) => text.trim() !== '')).toBe(true);
  });
});

describe('dictionaries', () => {
  it('rename keeps stored customers and matched products pointing at the same entry', async () => {
    const { call, db } = await setup();
    const finance = await entryNamed(call, '金融');
    const before = (await call('customers/list', {})).filter((c) => c.classId === finance.id).map((c) => c.id);
    const renamed = await call('dictionaries/save-entry', { id: finance.id, dictionary: 'customer-class', name: '银行保险' });
    expect(renamed).toMatchObject({ id: finance.id, name: '银行保险', parentId: finance.parentId });
    const after = (await call('customers/list', {})).filter((c) => c.classId === finance.id).map((c) => c.id);
    expect(after).toEqual(before);
    expect((await entryNamed(call, '银行保险')).id).toBe(finance.id);

    const line = await entryNamed(call, '集团专线');
    const uses = count(db, `SELECT COUNT(*) AS n FROM demand_product WHERE product_id = ?`, line.id);
    expect(uses).toBeGreaterThan(0);
    await call('dictionaries/save-entry', { id: line.id, dictionary: 'product', name: '数据专线' });
    expect(count(db, `SELECT COUNT(*) AS n FROM demand_product WHERE product_id = ?`, line.id)).toBe(uses);
  });

  it('refuses to delete an entry in use, with the count; deletes an unused one', async () => {
    const { call, db } = await setup();
    const finance = await entryNamed(call, '金融');
    const refused = await refusalOf(call('dictionaries/delete-entry', { id: finance.id }));
    expect(refused.code).toBe('IN_USE');
    expect(refused.details).toEqual({ count: 7 });
    // 企业 is used by its four 小类.
    expect((await refusalOf(call('dictionaries/delete-entry', { id: (await entryNamed(call, '企业')).id }))).details).toEqual({ count: 4 });
    const line = await entryNamed(call, '集团专线');
    const uses = count(db, `SELECT COUNT(*) AS n FROM demand_product WHERE product_id = ?`, line.id);
    expect((await refusalOf(call('dictionaries/delete-entry', { id: line.id }))).details).toEqual({ count: uses });
    expect(await entryNamed(call, '集团专线')).toBeDefined();

    const basic = await entryNamed(call, '基础通信');
    const added = await call('dictionaries/save-entry', { dictionary: 'product', parentId: basic.id, name: '云专网' });
    expect(await call('dictionaries/delete-entry', { id: added.id })).toEqual({ deleted: true });
    expect((await call('dictionaries/list', { dictionary: 'product' })).some((e) => e.id === added.id)).toBe(false);
  });

  it('refuses a product without a product class and a duplicate name', async () => {
    const { call } = await setup();
    expect((await refusalOf(call('dictionaries/save-entry', { dictionary: 'product', name: '孤儿产品' }))).code).toBe('INVALID_INPUT');
    const basic = await entryNamed(call, '基础通信');
    expect((await refusalOf(call('dictionaries/save-entry', { dictionary: 'product', parentId: basic.id, name: '企业宽带' }))).code).toBe('INVALID_INPUT');
  });
});

describe('dictionary names and structure', () => {
  it('refuses product names holding the separators or brackets of a matched-products cell, naming name', async () => {
    const { call } = await setup();
    const basic = await entryNamed(call, '基础通信');
    for (const name of ['专线、宽带', '专线，宽带', '专线,宽带', '专线；宽带', '专线;宽带', '专线\n宽带', '专线（企业）', '专线(企业)', '专线）']) {
      const refused = await refusalOf(call('dictionaries/save-entry', { dictionary: 'product', parentId: basic.id, name }));
      expect(refused.code, name).toBe('INVALID_INPUT');
      expect(refused.details).toEqual({ issues: [{ path: 'name', message: expect.any(String) }] });
    }
    const line = await entryNamed(call, '集团专线');
    expect((await refusalOf(call('dictionaries/save-entry', { id: line.id, dictionary: 'product', name: '集团专线（新）' }))).details).toMatchObject({
      issues: [{ path: 'name' }],
    });
    expect((await call('dictionaries/list', { dictionary: 'product' })).some((e) => /[、，,；;\n（）()]/.test(e.name))).toBe(false);
    // Other dictionaries are not split from a cell.
    expect(await call('dictionaries/save-entry', { dictionary: 'product-class', name: '云、算力' })).toMatchObject({ name: '云、算力' });
  });

  it('refuses an entry as its own parent, and a change of level for an entry in use, naming parentId', async () => {
    const { call } = await setup();
    const enterprise = await entryNamed(call, '企业');
    const institution = await entryNamed(call, '事业');
    const finance = await entryNamed(call, '金融');
    const parentRefusal = async (input: ChannelInput<'dictionaries/save-entry'>) => {
      const refused = await refusalOf(call('dictionaries/save-entry', input));
      expect(refused.code).toBe('INVALID_INPUT');
      expect(refused.details).toEqual({ issues: [{ path: 'parentId', message: expect.any(String) }] });
    };
    await parentRefusal({ id: enterprise.id, dictionary: 'customer-class', name: '企业', parentId: enterprise.id });
    // 企业 has 小类 under it; 金融 classes seven customers.
    await parentRefusal({ id: enterprise.id, dictionary: 'customer-class', name: '企业', parentId: institution.id });
    await parentRefusal({ id: finance.id, dictionary: 'customer-class', name: '金融', parentId: null });
    // The built-in habit dimension labels a column that holds text.
    await parentRefusal({ id: 'hd-touch', dictionary: 'habit-dimension', name: '触媒习惯', parentId: 'hd-cognition' });
    const entries = await call('dictionaries/list', {});
    expect(entries.find((e) => e.id === enterprise.id)?.parentId).toBeNull();
    expect(entries.find((e) => e.id === finance.id)?.parentId).toBe(enterprise.id);

    // Moving within a level, or an unused entry across levels, is fine.
    expect(await call('dictionaries/save-entry', { id: finance.id, dictionary: 'customer-class', name: '金融', parentId: institution.id })).toMatchObject({
      parentId: institution.id,
    });
    const logistics = await call('dictionaries/save-entry', { dictionary: 'customer-class', parentId: enterprise.id, name: '物流' });
    expect(await call('dictionaries/save-entry', { id: logistics.id, dictionary: 'customer-class', name: '物流', parentId: null })).toMatchObject({
      parentId: null,
    });
  });

  it('refuses a customer named like another (ignoring case and spaces), naming name', async () => {
    const { call, db } = await setup();
    const [first, second] = await call('customers/list', {});
    const { id: _id, statusChangedOn: _s, ...fields } = first;
    const duplicate = await refusalOf(call('customers/save', { ...fields, name: ` ${first.name} ` }));
    expect(duplicate.code).toBe('INVALID_INPUT');
    expect(duplicate.details).toEqual({ issues: [{ path: 'name', message: expect.any(String) }] });
    const renamedOntoAnother = await refusalOf(call('customers/save', { ...second, name: first.name }));
    expect(renamedOntoAnother.details).toMatchObject({ issues: [{ path: 'name' }] });

    const created = await call('customers/save', { ...fields, name: 'Jiangcheng  Data Centre' });
    for (const name of ['jiangcheng data centre', 'JIANGCHENG DATA  CENTRE', 'Jiangcheng Data\u3000Centre']) {
      expect((await refusalOf(call('customers/save', { ...fields, name }))).details, name).toMatchObject({ issues: [{ path: 'name' }] });
    }
    // Saving a customer under its own name is no clash.
    expect(await call('customers/save', { ...created, name: 'Jiangcheng Data Centre' })).toMatchObject({ name: 'Jiangcheng Data Centre' });
    expect(count(db, `SELECT COUNT(*) AS n FROM customer WHERE lower(name) LIKE 'jiangcheng%'`)).toBe(1);
  });
});

describe('strategy month', () => {
  it('copies last month forward as not reviewed, adds due rows for new targets, and is idempotent', async () => {
    const { call, db, ws } = await setup();
    const anyManager = (await call('customers/list', {}))[0];
    const klass = await entryNamed(call, '科技');
    db.statement(
      `INSERT INTO customer (id, name, class_id, tier_id, unit_id, manager_id, status, status_changed_on) VALUES (?, ?, ?, NULL, ?, ?, 'target', ?)`,
    ).run('c-new', '江城新材料研究院', klass.id, anyManager.unitId, anyManager.managerId, '2026-12-02');
    const november = await call('strategy/get-month', { yearMonth: THIS_MONTH });
    const withoutNovemberRow = count(
      db,
      `SELECT COUNT(*) AS n FROM customer c WHERE status IN ('signed', 'target') AND NOT EXISTS (SELECT 1 FROM demand_row d WHERE d.year_month = ? AND d.customer_id = c.id)`,
      THIS_MONTH,
    );
    expect(withoutNovemberRow).toBeGreaterThanOrEqual(1);

    const started = await call('strategy/start-month', { yearMonth: NEXT_MONTH });
    expect(started).toEqual({ copied: november.demandRows.length, added: withoutNovemberRow });
    const december = await call('strategy/get-month', { yearMonth: NEXT_MONTH });
    expect(december.demandRows).toHaveLength(november.demandRows.length + withoutNovemberRow);
    expect(december.habitRows).toHaveLength(december.demandRows.length);
    expect(december.demandRows.every((r) => !r.reviewed)).toBe(true);
    expect(december.habitRows.every((r) => !r.reviewed)).toBe(true);
    for (const row of november.demandRows) {
      const copy = december.demandRows.find((r) => r.customerId === row.customerId);
      expect(copy).toMatchObject({ urgentPoint: row.urgentPoint, guidedNeed: row.guidedNeed, products: row.products });
    }
    const newRow = december.demandRows.find((r) => r.customerId === 'c-new');
    expect(newRow).toMatchObject({ urgentPoint: '', products: [], reviewed: false });

    const again = await call('strategy/start-month', { yearMonth: NEXT_MONTH });
    expect(again).toEqual({ copied: 0, added: 0 });
    expect(await call('strategy/get-month', { yearMonth: NEXT_MONTH })).toEqual(december);

    const due = await call('strategy/list-due', { yearMonth: NEXT_MONTH });
    expect(due.find((d) => d.customerId === 'c-new')?.reasons).toEqual(['not-reviewed', 'new']);
    expect(ws).toBeDefined();
  });

  it("copies each customer's latest earlier rows over an empty month, and nothing for prospects", async () => {
    const { call, db } = await setup();
    const october = await call('strategy/get-month', { yearMonth: '2026-10' });
    const november = await call('strategy/get-month', { yearMonth: THIS_MONTH });
    const [lapsed, skipped, ...rest] = november.demandRows.map((r) => r.customerId);
    expect(rest.length).toBeGreaterThan(10);
    // `lapsed` became a prospect; `skipped` was not filled in November, so October is its latest.
    db.statement(`UPDATE customer SET status = 'prospect' WHERE id = ?`).run(lapsed);
    for (const table of ['demand_product', 'demand_row', 'habit_row']) {
      db.statement(`DELETE FROM ${table} WHERE year_month = ? AND customer_id = ?`).run(THIS_MONTH, skipped);
    }
    const active = (await call('customers/list', {})).filter((c) => c.status !== 'prospect');
    const withRows = new Set([skipped, ...rest]);

    // December is never started: January starts from what came before it.
    const started = await call('strategy/start-month', { yearMonth: '2027-01' });
    expect(started).toEqual({ copied: withRows.size, added: active.length - withRows.size });
    const january = await call('strategy/get-month', { yearMonth: '2027-01' });
    expect(january.demandRows.map((r) => r.customerId).sort()).toEqual(active.map((c) => c.id).sort());
    expect(january.habitRows.map((r) => r.customerId).sort()).toEqual(active.map((c) => c.id).sort());
    expect(january.demandRows.some((r) => r.customerId === lapsed)).toBe(false);
    expect([...january.demandRows, ...january.habitRows].every((r) => !r.reviewed)).toBe(true);
    const content = ({ yearMonth: _m, reviewed: _r, updatedAt: _u, ...fields }: { yearMonth: string; reviewed: boolean; updatedAt: string }) => fields;
    for (const customerId of withRows) {
      const source = customerId === skipped ? october : november;
      for (const table of ['demandRows', 'habitRows'] as const) {
        const copy = january[table].find((r) => r.customerId === customerId)!;
        expect(content(copy)).toEqual(content(source[table].find((r) => r.customerId === customerId)!));
      }
    }
    expect(january.demandRows.filter((r) => !withRows.has(r.customerId)).every((r) => r.urgentPoint === '' && r.products.length === 0)).toBe(true);
    expect(count(db, `SELECT COUNT(*) AS n FROM demand_row WHERE year_month = '2026-12'`)).toBe(0);

    expect(await call('strategy/start-month', { yearMonth: '2027-01' })).toEqual({ copied: 0, added: 0 });
    expect(await call('strategy/get-month', { yearMonth: '2027-01' })).toEqual(january);
  });

  it('stores need and habit text normalised, so a save differing only in line endings or spaces records no history', async () => {
    const { call, db, ws } = await setup();
    const month = await call('strategy/get-month', { yearMonth: THIS_MONTH });
    const row = month.demandRows[0];
    const saved = await call('strategy/save-demand-row', {
      ...demandInput(row),
      urgentPoint: '  分厂网络中断\r\n备份线路缺失\r夜间无人值守 ',
      demandPlan: '\u3000明年扩建\r\n',
    });
    expect(saved.row).toMatchObject({ urgentPoint: '分厂网络中断\n备份线路缺失\n夜间无人值守', demandPlan: '明年扩建' });
    const again = await call('strategy/save-demand-row', {
      ...demandInput(row),
      urgentPoint: '分厂网络中断\r\n备份线路缺失\r\n夜间无人值守\r\n',
      demandPlan: '明年扩建 ',
    });
    expect(again.historyRecorded).toBe(false);

    const habit = month.habitRows.find((h) => h.customerId === row.customerId)!;
    const { reviewed: _r, updatedAt: _u, ...habitFields } = habit;
    const habitSaved = await call('strategy/save-habit-row', { ...habitFields, touchHabit: ' 常看本地新闻\r\n也刷短视频 ' });
    expect(habitSaved.row.touchHabit).toBe('常看本地新闻\n也刷短视频');
    expect((await call('strategy/save-habit-row', { ...habitFields, touchHabit: '常看本地新闻\r\n也刷短视频' })).historyRecorded).toBe(false);

    // The importer's path: what Excel hands back (CRLF, stray spaces) is the row as stored.
    const now = '2026-11-26T02:00:00.000Z';
    const stored = (await call('strategy/get-month', { yearMonth: THIS_MONTH })).demandRows[0];
    const crlf = (text: string) => ` ${text.replace(/\n/g, '\r\n')}\r\n`;
    const historyBefore = count(db, `SELECT COUNT(*) AS n FROM strategy_history`);
    const demandWrite = writeDemandRow(ws, { ...demandInput(stored), urgentPoint: crlf(stored.urgentPoint), reviewed: true }, now);
    const habitWrite = writeHabitRow(ws, { ...habitFields, touchHabit: crlf('常看本地新闻\n也刷短视频'), yearMonth: THIS_MONTH, reviewed: true }, now);
    expect([demandWrite, habitWrite]).toEqual([{ historyRecorded: false }, { historyRecorded: false }]);
    expect(count(db, `SELECT COUNT(*) AS n FROM strategy_history`)).toBe(historyBefore);
    const after = await call('strategy/get-month', { yearMonth: THIS_MONTH });
    expect(after.demandRows[0].urgentPoint).toBe('分厂网络中断\n备份线路缺失\n夜间无人值守');
    expect(after.habitRows.find((h) => h.customerId === row.customerId)?.touchHabit).toBe('常看本地新闻\n也刷短视频');
  });

  it('refuses a product matched under an empty need, naming the field, and writes nothing', async () => {
    const { call, db } = await setup();
    const before = await call('strategy/get-month', { yearMonth: THIS_MONTH });
    const row = before.demandRows[0];
    const product = await entryNamed(call, '视频会议');
    const refused = await refusalOf(
      call('strategy/save-demand-row', {
        ...demandInput(row),
        urgentPoint: '新的迫切需求',
        guidedNeed: '',
        products: [{ productId: product.id, needKind: 'guided-need' }],
      }),
    );
    expect(refused.code).toBe('INVALID_CELLS');
    expect(refused.details).toEqual({ refusals: [{ field: 'guidedNeed', reason: 'no-need', productId: product.id }] });
    expect(await call('strategy/get-month', { yearMonth: THIS_MONTH })).toEqual(before);
    expect(count(db, `SELECT COUNT(*) AS n FROM strategy_history`)).toBe(0);
  });

  it('keeps the history of a mid-month change, and none for an unchanged save', async () => {
    const { call, db } = await setup();
    const month = await call('strategy/get-month', { yearMonth: THIS_MONTH });
    const row = month.demandRows[0];
    const product = await entryNamed(call, '物联网监控');
    const saved = await call('strategy/save-demand-row', {
      ...demandInput(row),
      demandPlan: '下月起扩建二号仓库',
      products: [...row.products.filter((p) => p.productId !== product.id), { productId: product.id, needKind: 'demand-plan' }],
    });
    expect(saved.historyRecorded).toBe(true);
    expect(saved.row).toMatchObject({ demandPlan: '下月起扩建二号仓库', reviewed: true, updatedAt: '2026-11-26T01:00:00.000Z' });
    const history = db
      .statement(`SELECT table_kind AS kind, before_json AS beforeJson, after_json AS afterJson FROM strategy_history WHERE customer_id = ?`)
      .all(row.customerId) as Array<{ kind: string; beforeJson: string; afterJson: string }>;
    expect(history).toHaveLength(1);
    expect(history[0].kind).toBe('demand');
    expect(JSON.parse(history[0].beforeJson).demandPlan).toBe(row.demandPlan);
    expect(JSON.parse(history[0].afterJson).demandPlan).toBe('下月起扩建二号仓库');

    const unchanged = await call('strategy/save-demand-row', demandInput(saved.row));
    expect(unchanged.historyRecorded).toBe(false);

    const habit = month.habitRows.find((h) => h.customerId === row.customerId)!;
    const { reviewed: _r, updatedAt: _u, ...habitFields } = habit;
    const habitSaved = await call('strategy/save-habit-row', { ...habitFields, promotionAdvice: '年底前签约赠送三个月视频会议' });
    expect(habitSaved.historyRecorded).toBe(true);
    expect(count(db, `SELECT COUNT(*) AS n FROM strategy_history WHERE customer_id = ?`, row.customerId)).toBe(2);
  });

  it('records no history when a month row is written for the first time', async () => {
    const { call, db } = await setup();
    const due = await call('strategy/list-due', { yearMonth: THIS_MONTH });
    const missing = due.find((d) => d.reasons.includes('missing'))!;
    expect(missing).toBeDefined();
    const saved = await call('strategy/save-demand-row', {
      yearMonth: THIS_MONTH,
      customerId: missing.customerId,
      urgentPoint: '急需开通分支机构专线',
      demandPlan: '',
      potentialPlan: '',
      guidedNeed: '',
      products: [],
    });
    expect(saved.historyRecorded).toBe(false);
    expect(count(db, `SELECT COUNT(*) AS n FROM strategy_history`)).toBe(0);
  });

  it('lists due customers per account manager until both rows are reviewed', async () => {
    const { call } = await setup();
    const all = await call('strategy/list-due', { yearMonth: THIS_MONTH });
    expect(all.length).toBeGreaterThan(0);
    const managers = [...new Set((await call('customers/list', {})).map((c) => c.managerId))];
    let total = 0;
    for (const managerId of managers) {
      const mine = await call('strategy/list-due', { yearMonth: THIS_MONTH, managerId });
      expect(mine.every((d) => d.managerId === managerId)).toBe(true);
      total += mine.length;
    }
    expect(total).toBe(all.length);

    // Prospects are never due; reviewed customers are not due.
    const customers = await call('customers/list', {});
    const status = new Map(customers.map((c) => [c.id, c.status]));
    expect(all.some((d) => status.get(d.customerId) === 'prospect')).toBe(false);
    const month = await call('strategy/get-month', { yearMonth: THIS_MONTH });
    const reviewed = month.demandRows.filter((r) => r.reviewed && month.habitRows.find((h) => h.customerId === r.customerId)?.reviewed);
    expect(reviewed.length).toBeGreaterThan(0);
    for (const r of reviewed) expect(all.some((d) => d.customerId === r.customerId)).toBe(false);

    // A new target is due until its manager fills and reviews both rows.
    const fresh = all.find((d) => d.reasons.includes('new'))!;
    expect(fresh.reasons).toEqual(['missing', 'new']);
    await call('strategy/save-demand-row', {
      yearMonth: THIS_MONTH,
      customerId: fresh.customerId,
      urgentPoint: '办公楼搬迁需要重新布线',
      demandPlan: '',
      potentialPlan: '',
      guidedNeed: '',
      products: [],
    });
    expect(
      (await call('strategy/list-due', { yearMonth: THIS_MONTH, managerId: fresh.managerId })).find((d) => d.customerId === fresh.customerId)?.reasons,
    ).toEqual(['missing', 'new']);
    const blank = {
      touchHabit: '常看本地新闻',
      mediaAdvice: '',
      cognitionHabit: '',
      messageAdvice: '',
      purchaseHabit: '',
      promotionAdvice: '',
      recognitionHabit: '',
      serviceAdvice: '',
    };
    await call('strategy/save-habit-row', { yearMonth: THIS_MONTH, customerId: fresh.customerId, ...blank });
    const after = await call('strategy/list-due', { yearMonth: THIS_MONTH, managerId: fresh.managerId });
    expect(after.some((d) => d.customerId === fresh.customerId)).toBe(false);
  });
});
