import { describe, expect, it } from 'vitest';
import type { Database } from '../../../src-main/core/db/port';
import { createCaller } from '../../../src-main/core/dispatch';
import type { ChannelInput, NeedKind, StrategyKpis } from '../../../src-shared/contract/channels';
import { sampleWorkspacePerTest } from '../helpers/workspace';
import { refusalOf } from '../helpers/refusal';

const OCTOBER = '2026-10';
const NOVEMBER = '2026-11';
const LONG_AGO = '2025-06-15';

const openTestWorkspace = sampleWorkspacePerTest();

type Db = Database;

/** Removes the sampled customers and everything that points at them, whatever tables exist. */
function clearCustomers(db: Db): void {
  const tables = (db.statement(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as Array<{ name: string }>).map((t) => t.name);
  const referencing = tables.filter((t) =>
    (db.statement(`SELECT "table" AS target FROM pragma_foreign_key_list(?)`).all(t) as Array<{ target: string }>).some((fk) => fk.target === 'customer'),
  );
  db.transaction(() => {
    db.statement(`DELETE FROM demand_product`).run();
    for (const table of referencing) db.statement(`DELETE FROM "${table}"`).run();
    db.statement(`DELETE FROM customer`).run();
  });
}

const BLANK_NEEDS = { urgentPoint: '', demandPlan: '', potentialPlan: '', guidedNeed: '' };
const HABIT = {
  touchHabit: '常看本地新闻',
  mediaAdvice: '短信推送案例',
  cognitionHabit: '看重同行口碑',
  messageAdvice: '组织交流会',
  purchaseHabit: '年初集中采购',
  promotionAdvice: '首年优惠',
  recognitionHabit: '重视响应速度',
  serviceAdvice: '定期回访',
};

/**
 * A hand-made month on the sample organisation. 东湖县分公司集团客户部 (area manager 王建国):
 * 李晓燕 owns K1 (铂金, 工商), K2 (金牌, 金融), K3 (银牌, 工商, target); 张伟 owns K4 (铂金, 教育),
 * K5 (政府, target made today, no rows) and K6 (prospect); 刘芳 owns nothing. 西岭县分公司: 周丽 owns
 * K7 (金牌, 金融). In November K1, K2, K4 are filled; K3's rows await review; K7 has no habit row.
 */
async function fixture() {
  const ws = await openTestWorkspace();
  const db = ws.db;
  clearCustomers(db);
  const call = createCaller(ws);
  const tree = await call('org/list-tree', {});
  const person = (name: string) => tree.people.find((p) => p.name === name)!;
  const unit = (name: string) => tree.units.find((u) => u.name === name)!;
  const entries = await call('dictionaries/list', {});
  const entry = (name: string) => {
    const found = entries.find((e) => e.name === name);
    if (!found) throw new Error(`no dictionary entry ${name}`);
    return found.id;
  };

  async function customer(
    name: string,
    managerName: string,
    className: string,
    tierName: string | null,
    status: 'signed' | 'target' | 'prospect',
    isNew = false,
  ) {
    const manager = person(managerName);
    const saved = await call('customers/save', {
      name,
      classId: entry(className),
      tierId: tierName ? entry(tierName) : null,
      unitId: manager.unitId,
      managerId: manager.id,
      status,
    });
    if (!isNew) db.statement(`UPDATE customer SET status_changed_on = ? WHERE id = ?`).run(LONG_AGO, saved.id);
    return saved.id;
  }
  async function demand(yearMonth: string, customerId: string, needs: Partial<typeof BLANK_NEEDS>, products: Array<[string, NeedKind]>, reviewed = true) {
    await call('strategy/save-demand-row', {
      yearMonth,
      customerId,
      ...BLANK_NEEDS,
      ...needs,
      products: products.map(([name, needKind]) => ({ productId: entry(name), needKind })),
      reviewed,
    });
  }
  async function habit(yearMonth: string, customerId: string, reviewed = true) {
    await call('strategy/save-habit-row', { yearMonth, customerId, ...HABIT, reviewed });
  }

  const k = {
    k1: await customer('江北机床厂', '李晓燕', '工商', '铂金', 'signed'),
    k2: await customer('江北村镇银行', '李晓燕', '金融', '金牌', 'signed'),
    k3: await customer('江北冷链仓储', '李晓燕', '工商', '银牌', 'target'),
    k4: await customer('江北实验中学', '张伟', '教育', '铂金', 'signed'),
    k5: await customer('江北区司法局', '张伟', '政府', null, 'target', true),
    k6: await customer('江北小商品城', '张伟', '工商', '铜牌', 'prospect'),
    k7: await customer('西岭信用社', '周丽', '金融', '金牌', 'signed'),
  };

  await demand(OCTOBER, k.k1, { urgentPoint: '分厂网络时常中断' }, [['集团专线', 'urgent-point']]);
  await habit(OCTOBER, k.k1);
  await demand(OCTOBER, k.k2, { urgentPoint: '网点通知只能打电话' }, []);
  await habit(OCTOBER, k.k2);
  await demand(OCTOBER, k.k3, { urgentPoint: '库区夜间无人值守' }, [['视频监控', 'urgent-point']]);
  await habit(OCTOBER, k.k3);
  await demand(OCTOBER, k.k6, { urgentPoint: '商户宽带不稳定' }, [['企业宽带', 'urgent-point']]);
  await habit(OCTOBER, k.k6);
  await demand(OCTOBER, k.k7, { urgentPoint: '营业部之间缺备份线路' }, [['集团专线', 'urgent-point']]);
  await habit(OCTOBER, k.k7);

  await demand(NOVEMBER, k.k1, { urgentPoint: '分厂网络时常中断', demandPlan: '明年上线移动审批' }, [
    ['集团专线', 'urgent-point'],
    ['移动办公', 'demand-plan'],
  ]);
  await habit(NOVEMBER, k.k1);
  await demand(NOVEMBER, k.k2, { urgentPoint: '网点通知只能打电话' }, []);
  await habit(NOVEMBER, k.k2);
  await demand(NOVEMBER, k.k3, { urgentPoint: '库区夜间无人值守', guidedNeed: '设备巡检仍记在纸上' }, [['视频监控', 'guided-need']], false);
  await habit(NOVEMBER, k.k3, false);
  await demand(NOVEMBER, k.k4, { urgentPoint: '家校通知不及时', demandPlan: '新校区明年启用', potentialPlan: '考虑远程巡查教室' }, [
    ['企业短信平台', 'urgent-point'],
    ['企业宽带', 'demand-plan'],
    ['视频监控', 'potential-plan'],
  ]);
  await habit(NOVEMBER, k.k4);
  await demand(NOVEMBER, k.k7, { urgentPoint: '营业部之间缺备份线路' }, [['集团专线', 'urgent-point']]);

  return { ws, db, call, person, unit, entry, k };
}

const NO_NEEDS = { 'urgent-point': 0, 'demand-plan': 0, 'potential-plan': 0, 'guided-need': 0 };

describe('area manager summary (管理层)', () => {
  it("counts the area manager's team per account manager, with totals and needs by class", async () => {
    const { call, person, entry } = await fixture();
    const summary = await call('strategy/get-summary', { yearMonth: NOVEMBER, areaManagerId: person('王建国').id });
    expect(summary.areaManagerId).toBe(person('王建国').id);
    expect(summary.scopeName).toBe('东湖县分公司集团客户部');
    expect(
      summary.managers.map(({ name, customers, filled, due, fillRate, newCustomers }) => ({ name, customers, filled, due, fillRate, newCustomers })),
    ).toEqual([
      { name: '李晓燕', customers: 3, filled: 2, due: 1, fillRate: 2 / 3, newCustomers: 0 },
      { name: '张伟', customers: 2, filled: 1, due: 1, fillRate: 1 / 2, newCustomers: 1 },
      { name: '刘芳', customers: 0, filled: 0, due: 0, fillRate: null, newCustomers: 0 },
    ]);
    expect(summary.managers[0]).toMatchObject({ managerId: person('李晓燕').id, unitId: person('李晓燕').unitId });
    expect(summary.totals).toEqual({ customers: 5, filled: 3, due: 2, fillRate: 0.6, newCustomers: 1 });

    expect(summary.needsByClass.map((c) => [c.parentName, c.className])).toEqual([
      ['企业', '工商'],
      ['企业', '金融'],
      ['企业', '服务'],
      ['企业', '科技'],
      ['事业', '公共'],
      ['事业', '教育'],
      ['事业', '政府'],
    ]);
    const byName = new Map(summary.needsByClass.map((c) => [c.className, c]));
    expect(byName.get('工商')).toEqual({
      classId: entry('工商'),
      className: '工商',
      parentName: '企业',
      customers: 2,
      needs: { 'urgent-point': 2, 'demand-plan': 1, 'potential-plan': 0, 'guided-need': 1 },
      matchedProducts: 3,
    });
    expect(byName.get('金融')).toMatchObject({ customers: 1, needs: { ...NO_NEEDS, 'urgent-point': 1 }, matchedProducts: 0 });
    expect(byName.get('教育')).toMatchObject({
      customers: 1,
      needs: { 'urgent-point': 1, 'demand-plan': 1, 'potential-plan': 1, 'guided-need': 0 },
      matchedProducts: 3,
    });
    // K5 (政府) has no row this month; K6 is a prospect.
    for (const empty of ['服务', '科技', '公共', '政府']) expect(byName.get(empty)).toMatchObject({ customers: 0, needs: NO_NEEDS, matchedProducts: 0 });
  });

  it('covers every account manager of the organisation without an area manager', async () => {
    const { call } = await fixture();
    const summary = await call('strategy/get-summary', { yearMonth: NOVEMBER });
    expect(summary.areaManagerId).toBeNull();
    expect(summary.scopeName).toBe('江城市分公司');
    expect(summary.managers.map((m) => m.name)).toEqual(['李晓燕', '张伟', '刘芳', '周丽', '吴斌', '郭敏', '何勇', '高雪']);
    expect(summary.managers.find((m) => m.name === '周丽')).toMatchObject({ customers: 1, filled: 0, due: 1, fillRate: 0, newCustomers: 0 });
    expect(summary.totals).toEqual({ customers: 6, filled: 3, due: 3, fillRate: 0.5, newCustomers: 1 });
    expect(summary.needsByClass.find((c) => c.className === '金融')).toMatchObject({
      customers: 2,
      needs: { ...NO_NEEDS, 'urgent-point': 2 },
      matchedProducts: 1,
    });
  });

  it("narrows to another branch's area manager, and refuses someone who is not one", async () => {
    const { call, person } = await fixture();
    const west = await call('strategy/get-summary', { yearMonth: NOVEMBER, areaManagerId: person('黄志强').id });
    expect(west.scopeName).toBe('西岭县分公司集团客户部');
    expect(west.managers.map((m) => [m.name, m.customers, m.filled, m.due])).toEqual([
      ['周丽', 1, 0, 1],
      ['吴斌', 0, 0, 0],
    ]);
    const refused = await refusalOf(call('strategy/get-summary', { yearMonth: NOVEMBER, areaManagerId: person('李晓燕').id }));
    expect(refused.code).toBe('INVALID_INPUT');
    expect(refused.details).toMatchObject({ issues: [{ path: 'areaManagerId' }] });
    expect((await refusalOf(call('strategy/get-summary', { yearMonth: NOVEMBER, areaManagerId: 'nobody' }))).code).toBe('NOT_FOUND');
  });
});

function heatByName(kpis: StrategyKpis): Record<string, number> {
  const customerClass = new Map(kpis.heat.customerClasses.map((c) => [c.id, c.name]));
  const productClass = new Map(kpis.heat.productClasses.map((p) => [p.id, p.name]));
  return Object.fromEntries(
    kpis.heat.cells.filter((c) => c.count > 0).map((c) => [`${customerClass.get(c.customerClassId)}×${productClass.get(c.productClassId)}`, c.count]),
  );
}

describe('decision-level KPIs (决策层)', () => {
  it('gives fill rate, key-customer coverage and revisit rate per branch, with totals', async () => {
    const { call } = await fixture();
    const kpis = await call('strategy/get-kpis', { yearMonth: NOVEMBER });
    expect(kpis.units.map(({ unitId: _id, ...rest }) => rest)).toEqual([
      {
        name: '东湖县分公司',
        customers: 5,
        filled: 3,
        due: 2,
        fillRate: 0.6,
        // K1, K2, K4 are 铂金/金牌; K2 matched no product.
        keyCustomers: 3,
        keyCovered: 2,
        coverage: 2 / 3,
        // K1, K2, K3 had October rows (K6 is a prospect); K3's November is not reviewed.
        revisitBase: 3,
        revisited: 2,
        revisitRate: 2 / 3,
      },
      {
        name: '西岭县分公司',
        customers: 1,
        filled: 0,
        due: 1,
        fillRate: 0,
        keyCustomers: 1,
        keyCovered: 1,
        coverage: 1,
        revisitBase: 1,
        revisited: 1,
        revisitRate: 1,
      },
      {
        name: '城区分公司',
        customers: 0,
        filled: 0,
        due: 0,
        fillRate: null,
        keyCustomers: 0,
        keyCovered: 0,
        coverage: null,
        revisitBase: 0,
        revisited: 0,
        revisitRate: null,
      },
    ]);
    expect(kpis.totals).toEqual({
      customers: 6,
      filled: 3,
      due: 3,
      fillRate: 0.5,
      keyCustomers: 4,
      keyCovered: 3,
      coverage: 0.75,
      revisitBase: 4,
      revisited: 3,
      revisitRate: 0.75,
    });
  });

  it("counts this month's matched products by customer class × product class, zero cells included", async () => {
    const { call } = await fixture();
    const kpis = await call('strategy/get-kpis', { yearMonth: NOVEMBER });
    expect(kpis.heat.customerClasses.map((c) => c.name)).toEqual(['工商', '金融', '服务', '科技', '公共', '教育', '政府']);
    expect(kpis.heat.productClasses.map((p) => p.name)).toEqual(['基础通信', '办公管理', '营销服务', '生产控制']);
    expect(kpis.heat.cells).toHaveLength(7 * 4);
    expect(heatByName(kpis)).toEqual({
      '工商×基础通信': 1,
      '工商×办公管理': 1,
      '工商×生产控制': 1,
      '金融×基础通信': 1,
      '教育×基础通信': 1,
      '教育×营销服务': 1,
      '教育×生产控制': 1,
    });
    expect(kpis.productsByClass.map((pc) => [pc.name, pc.count, pc.products.map((p) => `${p.name}${p.count}`).join(' ')])).toEqual([
      ['基础通信', 3, '集团专线2 集团短号网0 企业宽带1 语音专线0'],
      ['办公管理', 1, '移动办公1 视频会议0 考勤定位0'],
      ['营销服务', 1, '企业短信平台1 集团彩铃0 客服热线0'],
      ['生产控制', 2, '车辆定位调度0 物联网监控0 远程抄表0 视频监控2'],
    ]);
  });

  it('traces the month and the five before it, oldest first; months before the tables were used are gaps', async () => {
    const { call } = await fixture();
    const { trend } = await call('strategy/get-kpis', { yearMonth: NOVEMBER });
    const empty = { fillRate: null, coverage: null, revisitRate: null };
    expect(trend).toEqual([
      { yearMonth: '2026-06', ...empty },
      { yearMonth: '2026-07', ...empty },
      { yearMonth: '2026-08', ...empty },
      { yearMonth: '2026-09', ...empty },
      // October: K1, K2, K3, K7 filled of 5 (K5 became a target in November); K1 and K7 of the
      // 4 key customers matched a product.
      { yearMonth: '2026-10', fillRate: 4 / 5, coverage: 0.5, revisitRate: null },
      { yearMonth: '2026-11', fillRate: 0.5, coverage: 0.75, revisitRate: 0.75 },
    ]);
    const january = await call('strategy/get-kpis', { yearMonth: '2027-01' });
    expect(january.trend.map((t) => t.yearMonth)).toEqual(['2026-08', '2026-09', '2026-10', '2026-11', '2026-12', '2027-01']);
    expect(january.trend[3]).toEqual(trend[5]);
    // December and January hold no rows yet: gaps too, while November's figures stand.
    expect(january.trend.slice(4)).toEqual([
      { yearMonth: '2026-12', ...empty },
      { yearMonth: '2027-01', ...empty },
    ]);
  });

  it('holds together on the full sample: branches add up to the totals', async () => {
    const ws = await openTestWorkspace();
    const call = createCaller(ws);
    const kpis = await call('strategy/get-kpis', { yearMonth: NOVEMBER });
    const sum = (key: 'customers' | 'filled' | 'due' | 'keyCustomers' | 'keyCovered' | 'revisitBase' | 'revisited') =>
      kpis.units.reduce((total, u) => total + u[key], 0);
    for (const key of ['customers', 'filled', 'due', 'keyCustomers', 'keyCovered', 'revisitBase', 'revisited'] as const) {
      expect(sum(key)).toBe(kpis.totals[key]);
    }
    expect(kpis.totals.customers).toBe(42);
    const matched = kpis.productsByClass.reduce((total, pc) => total + pc.count, 0);
    expect(kpis.heat.cells.reduce((total, c) => total + c.count, 0)).toBe(matched);
    const summary = await call('strategy/get-summary', { yearMonth: NOVEMBER });
    expect(summary.totals.customers).toBe(42);
    expect(summary.totals.due).toBe((await call('strategy/list-due', { yearMonth: NOVEMBER })).length);
  });
});

describe('a past month', () => {
  it('counts a customer only from the month of its status date: made a target or signed in November, it is not in October', async () => {
    const { call, person, k } = await fixture();
    // K5 was made a target today; K6, a prospect with reviewed October rows, is signed today.
    const [k6] = (await call('customers/list', {})).filter((c) => c.id === k.k6);
    await call('customers/save', { ...k6, status: 'signed' });

    const dueInOctober = await call('strategy/list-due', { yearMonth: OCTOBER });
    expect(dueInOctober.map((d) => d.customerId)).not.toContain(k.k5);
    expect(dueInOctober.map((d) => d.customerId)).not.toContain(k.k6);
    const october = await call('strategy/get-summary', { yearMonth: OCTOBER, areaManagerId: person('王建国').id });
    // Only K4 (no October rows) was 张伟's customer in October.
    expect(october.managers.find((m) => m.name === '张伟')).toMatchObject({ customers: 1, filled: 0, due: 1, fillRate: 0, newCustomers: 0 });
    expect(october.totals).toMatchObject({ customers: 4, filled: 3, due: 1 });
    expect(october.needsByClass.find((c) => c.className === '工商')).toMatchObject({ customers: 2, matchedProducts: 2 });

    const kpis = await call('strategy/get-kpis', { yearMonth: OCTOBER });
    expect(kpis.totals).toMatchObject({ customers: 5, filled: 4, due: 1, fillRate: 4 / 5 });
    expect(heatByName(kpis)).toEqual({ '工商×基础通信': 1, '工商×生产控制': 1, '金融×基础通信': 1 });
    expect(kpis.trend.at(-1)).toMatchObject({ yearMonth: OCTOBER, fillRate: 4 / 5 });
    const novemberTrend = (await call('strategy/get-kpis', { yearMonth: NOVEMBER })).trend;
    expect(novemberTrend.find((t) => t.yearMonth === OCTOBER)).toMatchObject({ fillRate: 4 / 5 });

    // In November both count, and both are due as new.
    const november = await call('strategy/get-summary', { yearMonth: NOVEMBER, areaManagerId: person('王建国').id });
    expect(november.managers.find((m) => m.name === '张伟')).toMatchObject({ customers: 3, newCustomers: 2, due: 2 });
  });
});

describe('customers/save', () => {
  it('creates a customer dated today, due at once as new', async () => {
    const { call, person, entry, ws } = await fixture();
    const events: unknown[] = [];
    ws.events.on('strategy/changed', (payload) => events.push(payload));
    const manager = person('刘芳');
    const created = await call('customers/save', {
      name: '  江北港务公司 ',
      classId: entry('工商'),
      tierId: entry('金牌'),
      unitId: manager.unitId,
      managerId: manager.id,
      status: 'target',
    });
    expect(created).toMatchObject({ name: '江北港务公司', status: 'target', statusChangedOn: '2026-11-26', managerId: manager.id });
    expect(events).toEqual([{ what: 'customer', yearMonth: null }]);
    expect((await call('customers/list', { managerId: manager.id })).map((c) => c.id)).toEqual([created.id]);
    const due = await call('strategy/list-due', { yearMonth: NOVEMBER, managerId: manager.id });
    expect(due).toEqual([
      { customerId: created.id, name: '江北港务公司', managerId: manager.id, status: 'target', reasons: ['missing', 'new'], openTables: ['demand', 'habit'] },
    ]);
  });

  it('dates a status change by the local calendar day, the month the app shows', async () => {
    const zone = process.env.TZ;
    // Machines here run in UTC; Beijing is where a UTC date and the local date part at night.
    process.env.TZ = 'Asia/Shanghai';
    try {
      const { call, person, entry, ws } = await fixture();
      // 2026-11-30 17:30 UTC is 2026-12-01 01:30 in Beijing.
      ws.ctx.clock = () => new Date('2026-11-30T17:30:00.000Z');
      const manager = person('刘芳');
      const created = await call('customers/save', {
        name: '江北港务公司',
        classId: entry('工商'),
        tierId: null,
        unitId: manager.unitId,
        managerId: manager.id,
        status: 'target',
      });
      expect(created.statusChangedOn).toBe('2026-12-01');
      expect((await call('strategy/list-due', { yearMonth: '2026-12', managerId: manager.id })).map((d) => d.reasons)).toEqual([['missing', 'new']]);
      expect(await call('strategy/list-due', { yearMonth: NOVEMBER, managerId: manager.id })).toEqual([]);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('edits a customer, keeping the status date unless the status changes', async () => {
    const { call, person, entry, k } = await fixture();
    const [k1] = (await call('customers/list', {})).filter((c) => c.id === k.k1);
    const edited = await call('customers/save', { ...k1, name: '江北机床集团', tierId: entry('金牌') });
    expect(edited).toEqual({ ...k1, name: '江北机床集团', tierId: entry('金牌'), statusChangedOn: LONG_AGO });

    const [k6] = (await call('customers/list', {})).filter((c) => c.id === k.k6);
    expect(k6.statusChangedOn).toBe(LONG_AGO);
    const signed = await call('customers/save', { ...k6, status: 'signed' });
    expect(signed.statusChangedOn).toBe('2026-11-26');
    const due = await call('strategy/list-due', { yearMonth: NOVEMBER, managerId: person('张伟').id });
    expect(due.find((d) => d.customerId === k.k6)?.reasons).toEqual(['missing', 'new']);
    const summary = await call('strategy/get-summary', { yearMonth: NOVEMBER, areaManagerId: person('王建国').id });
    expect(summary.managers.find((m) => m.name === '张伟')).toMatchObject({ customers: 3, newCustomers: 2, due: 2 });
  });

  it('refuses bad references naming each field, and writes nothing', async () => {
    const { call, db, person, entry, k } = await fixture();
    const manager = person('李晓燕');
    const base: ChannelInput<'customers/save'> = {
      name: '江北热电厂',
      classId: entry('工商'),
      tierId: null,
      unitId: manager.unitId,
      managerId: manager.id,
      status: 'signed',
    };
    const before = db.statement(`SELECT * FROM customer ORDER BY id`).all();

    const topClass = await refusalOf(call('customers/save', { ...base, classId: entry('企业') }));
    expect(topClass.code).toBe('INVALID_INPUT');
    expect(topClass.details).toEqual({ issues: [{ path: 'classId', message: expect.any(String) }] });

    const allBad = await refusalOf(
      call('customers/save', { ...base, id: k.k1, classId: entry('集团专线'), tierId: entry('基础通信'), unitId: 'no-unit', managerId: 'no-person' }),
    );
    expect((allBad.details as { issues: Array<{ path: string }> }).issues.map((i) => i.path)).toEqual(['classId', 'tierId', 'unitId', 'managerId']);
    expect((await refusalOf(call('customers/save', { ...base, id: 'no-such-customer' }))).code).toBe('NOT_FOUND');
    expect(db.statement(`SELECT * FROM customer ORDER BY id`).all()).toEqual(before);
  });
});

describe('strategy/get-history', () => {
  it("lists a month's changes to one customer's rows, newest first, with before and after", async () => {
    const { call, k } = await fixture();
    expect(await call('strategy/get-history', { yearMonth: NOVEMBER, customerId: k.k1 })).toEqual([]);
    const month = await call('strategy/get-month', { yearMonth: NOVEMBER });
    const row = month.demandRows.find((r) => r.customerId === k.k1)!;
    const { reviewed: _r, updatedAt: _u, ...fields } = row;
    await call('strategy/save-demand-row', { ...fields, demandPlan: '年内上线移动审批' });
    await call('strategy/save-demand-row', { ...fields, demandPlan: '年内上线移动审批', potentialPlan: '考虑建设车间监控', products: [...fields.products] });
    const habit = month.habitRows.find((h) => h.customerId === k.k1)!;
    const { reviewed: _hr, updatedAt: _hu, ...habitFields } = habit;
    await call('strategy/save-habit-row', { ...habitFields, promotionAdvice: '签约即送三个月试用' });

    const history = await call('strategy/get-history', { yearMonth: NOVEMBER, customerId: k.k1 });
    expect(history.map((h) => h.table)).toEqual(['habit', 'demand', 'demand']);
    expect(history.every((h) => h.changedAt === '2026-11-26T01:00:00.000Z')).toBe(true);
    expect(history[0].before).toMatchObject({ promotionAdvice: HABIT.promotionAdvice });
    expect(history[0].after).toMatchObject({ promotionAdvice: '签约即送三个月试用' });
    expect(history[1].before).toMatchObject({ demandPlan: '年内上线移动审批', potentialPlan: '' });
    expect(history[1].after).toMatchObject({ demandPlan: '年内上线移动审批', potentialPlan: '考虑建设车间监控' });
    expect(history[2].before).toMatchObject({ demandPlan: '明年上线移动审批' });
    expect(history[2].after).toMatchObject({ demandPlan: '年内上线移动审批' });
    expect((history[2].after as { products: unknown[] }).products).toHaveLength(2);

    expect(await call('strategy/get-history', { yearMonth: OCTOBER, customerId: k.k1 })).toEqual([]);
    expect(await call('strategy/get-history', { yearMonth: NOVEMBER, customerId: k.k2 })).toEqual([]);
    expect((await refusalOf(call('strategy/get-history', { yearMonth: NOVEMBER, customerId: 'nobody' }))).code).toBe('NOT_FOUND');
  });
});
