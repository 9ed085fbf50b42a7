/**
 * The holiday sample: a retail group beside the sample organisation (惠民超市, three stores, each
 * with its 班组 and employees; an organisation of its own in the workspace, see core/org's readOrg), the commodity categories with their units and safety days, and two
 * winters of daily sales by store and category (seasons 2025 and 2026, before this one), shaped
 * by the Spring Festival (by lunar day: the 腊月 rush, the quiet 初一–初三) and 元旦. Runs after
 * every other sample writer, so what they wrote is unchanged by it.
 */
import type { HolidayCategory } from '../../../src-shared/contract/channels';
import { comingSeason, daysFromSpringFestival, defaultWindow, lastYearWindow, seasonLandmarks, windowDays } from '../../../src-shared/domain/holiday-season';
import { addDays, localDay } from '../../../src-shared/domain/periods';
import { changeOrg, readOrg } from '../org';
import type { Workspace } from '../workspace';
import { spreadTotal } from '../../../src-shared/domain/splitting';
import { safetyStock } from '../../../src-shared/domain/stock-projection';
import { splitStores } from './holiday-split';
import { forecastBase } from './holiday-stock';
import { SAFETY_CHECKLIST } from './holiday-inspection';
import {
  insertCategory,
  insertInspection,
  replaceDayCells,
  salesWriter,
  writeDelivery,
  writeDuty,
  writeInspectionItems,
  writeOpeningStock,
  type DutyRecord,
} from './holiday-store';
import { writeTargetsFromLastYear } from './holiday-targets';
import { writePromoters, writePromotion, writeServiceTask, writeStaffingDay } from './holiday-operations-store';

export const SAMPLE_RETAIL_ARM = '惠民超市';

// One line per record, read as a table: name, unit, safety days, price per unit (元), share of a store's sales.
// prettier-ignore
const SAMPLE_CATEGORIES: Array<[name: string, unit: string, safetyDays: number, price: number, share: number]> = [
  ['粮食', '袋', 15, 45, 0.09],
  ['食用油', '桶', 15, 85, 0.08],
  ['肉类', '斤', 10, 16, 0.16],
  ['禽类', '斤', 10, 11, 0.08],
  ['蛋类', '斤', 10, 6, 0.05],
  ['水产品', '斤', 7, 28, 0.12],
  ['豆制品', '斤', 3, 5, 0.03],
  ['耐储蔬菜', '斤', 7, 3, 0.05],
  ['叶类蔬菜', '斤', 3, 4, 0.04],
  ['水果', '箱', 7, 65, 0.12],
  ['节令商品', '件', 10, 58, 0.18],
];

/** The retail group's own leadership, on duty at 中心店 over the festival days. */
const SAMPLE_LEADERS = ['周国栋', '孙丽'];

/** Who delivers each category, in the order of SAMPLE_CATEGORIES. */
const SAMPLE_SUPPLIERS = [
  '江城粮油批发',
  '金穗油脂',
  '惠农肉联厂',
  '惠农肉联厂',
  '东湖蛋品合作社',
  '江城水产市场',
  '老街豆制品厂',
  '西岭蔬菜基地',
  '西岭蔬菜基地',
  '南方果业',
  '江城副食品公司',
];

// prettier-ignore
const SAMPLE_STORES: Array<{ name: string; dailySales: number; crews: Array<{ name: string; people: string[] }> }> = [
  { name: '中心店', dailySales: 168_000, crews: [
    { name: '生鲜组', people: ['韩冬梅', '彭晓东', '曾丽华', '蒋涛'] },
    { name: '粮油副食组', people: ['唐建华', '冯雪', '董强'] },
    { name: '收银组', people: ['萧玉', '程敏', '曹阳'] },
  ] },
  { name: '东湖店', dailySales: 96_000, crews: [
    { name: '生鲜组', people: ['袁芳', '邓超', '许静'] },
    { name: '粮油副食组', people: ['傅磊', '沈丹', '曾宇'] },
    { name: '收银组', people: ['吕娜', '苏杰'] },
  ] },
  { name: '西岭店', dailySales: 72_000, crews: [
    { name: '生鲜组', people: ['卢伟', '蔡红', '丁浩'] },
    { name: '粮油副食组', people: ['魏琳', '薛刚'] },
    { name: '收银组', people: ['叶萍', '阎明'] },
  ] },
];

/**
 * The days a sample season has sales for: its window, and the days the next season's window
 * matches by lunar date (a season whose 春节 is late starts early in the lunar year, so its last
 * year reaches back before the default window).
 */
export function sampleSpan(season: number): { firstDay: string; lastDay: string } {
  const own = defaultWindow(season);
  const next = lastYearWindow(defaultWindow(season + 1));
  return { firstDay: next.firstDay < own.firstDay ? next.firstDay : own.firstDay, lastDay: next.lastDay > own.lastDay ? next.lastDay : own.lastDay };
}

/** A day's sales against an ordinary day: the Spring Festival by its distance, 元旦 by its date. */
function dayFactor(day: string, season: number): number {
  const d = daysFromSpringFestival(day, season);
  let factor = 1;
  if (d >= -30 && d < -15) factor = 1.25;
  else if (d >= -15 && d < -7) factor = 1.7;
  else if (d >= -7 && d < -1) factor = 2.4;
  else if (d === -1)
    factor = 1.9; // 除夕: the morning rush, closed early
  else if (d >= 0 && d <= 2)
    factor = 0.55; // 初一–初三
  else if (d >= 3 && d <= 6) factor = 1.1;
  else if (d >= 7 && d <= 14) factor = 0.95;
  const md = day.slice(5);
  if (md === '12-31' || md === '01-01') factor *= 1.35;
  else if (md === '01-02' || md === '01-03') factor *= 1.15;
  return factor;
}

export function writeHolidaySample(ws: Workspace, random: () => number): void {
  const vary = (spread: number) => 1 + (random() * 2 - 1) * spread;
  const tops = readOrg(ws.db, undefined, 'all').units.filter((u) => u.parentId === null);

  const categories: Array<HolidayCategory & { price: number; share: number }> = SAMPLE_CATEGORIES.map(([name, unit, safetyDays, price, share], i) => ({
    id: `hc-${i + 1}`,
    name,
    unit,
    safetyDays,
    sortOrder: i + 1,
    archived: false,
    price,
    share,
  }));
  for (const { price: _price, share: _share, ...category } of categories) insertCategory(ws.db, category);

  const stores: Array<{
    id: string;
    dailySales: number;
    mix: number[];
    sellers: Array<{ id: string; strength: number }>;
    managerId: string;
    crewLeaders: string[];
  }> = [];
  const leaders: string[] = [];
  changeOrg(ws, (org) => {
    // An organisation of its own beside the workspace's (see readOrg): the annual plan is not made for it.
    const armId = ws.ctx.newId('u');
    org.addUnit({ id: armId, parentId: null, level: 'company', name: SAMPLE_RETAIL_ARM, sortOrder: tops.length + 1 });
    SAMPLE_LEADERS.forEach((name, i) => {
      const id = ws.ctx.newId('p');
      org.addPerson({ id, unitId: armId, name, role: '领导', sortOrder: i + 1 });
      leaders.push(id);
    });
    SAMPLE_STORES.forEach((store, s) => {
      const storeId = ws.ctx.newId('u');
      org.addUnit({ id: storeId, parentId: armId, level: 'store', name: store.name, sortOrder: s + 1 });
      const managerId = ws.ctx.newId('p');
      org.addPerson({ id: managerId, unitId: storeId, name: `${store.name.slice(0, 2)}店长`, role: '门店经理', sortOrder: 0 });
      const sellers: Array<{ id: string; strength: number }> = [];
      const crewLeaders: string[] = [];
      store.crews.forEach((crew, c) => {
        const crewId = ws.ctx.newId('u');
        org.addUnit({ id: crewId, parentId: storeId, level: 'crew', name: crew.name, sortOrder: c + 1 });
        crew.people.forEach((name, p) => {
          const personId = ws.ctx.newId('p');
          org.addPerson({ id: personId, unitId: crewId, name, role: p === 0 ? '班组长' : '营业员', sortOrder: p + 1 });
          if (p === 0) crewLeaders.push(personId);
          sellers.push({ id: personId, strength: vary(0.3) });
        });
      });
      stores.push({ id: storeId, dailySales: store.dailySales, mix: categories.map((c) => c.share * vary(0.2)), sellers, managerId, crewLeaders });
    });
  });

  // The two winters before the coming one, the older a little smaller.
  const coming = comingSeason(localDay(ws.ctx.clock()));
  const sales = salesWriter(ws.db);
  for (const season of [coming - 2, coming - 1]) {
    // Each store's day, credited to its sales staff (the store manager sells nothing): the same
    // total the tills recorded by category.
    const credited = new Map<string, Map<string, number>>();
    const level = season === coming - 1 ? 1 : 0.93;
    for (const day of windowDays(sampleSpan(season))) {
      const factor = dayFactor(day, season);
      for (const store of stores) {
        const mixTotal = store.mix.reduce((a, b) => a + b, 0);
        const storeDay = store.dailySales * level * factor * vary(0.12);
        let dayTotal = 0;
        categories.forEach((category, i) => {
          // Seasonal goods sell in the run-up to the festival, little after it.
          const seasonal = i === categories.length - 1 ? (daysFromSpringFestival(day, season) < 0 ? 1.3 : 0.4) : 1;
          const quantity = Math.max(0, Math.round(((storeDay * store.mix[i]) / mixTotal / category.price) * seasonal * vary(0.08)));
          const amount = Math.round(quantity * category.price * vary(0.03));
          sales.put(store.id, category.id, day, amount, quantity);
          dayTotal += amount;
        });
        const shares = spreadTotal(
          dayTotal,
          store.sellers.map((s) => ({ key: s.id, weight: s.strength * vary(0.15) })),
        );
        if (!shares.ok) continue;
        for (const [personId, value] of shares.values) {
          let days = credited.get(personId);
          if (!days) credited.set(personId, (days = new Map()));
          days.set(day, value);
        }
      }
    }
    replaceDayCells(ws.db, season, 'actual', credited);
  }

  // Last season planned as this one will be: targets from the season before, split to every
  // employee and day, so its tracking (and its 优胜杯) opens on a whole season.
  const last = coming - 1;
  writeTargetsFromLastYear(ws, { season: last, basicGrowthBp: 800, challengeGrowthBp: 1500 });
  const storeIds = stores.map((s) => s.id);
  for (const level of ['basic', 'challenge'] as const) splitStores(ws, last, level, storeIds, 'last-year', 'last-year');

  // The coming season's stocking plan: a week's forecast above the safety stock to start with, and
  // every ten days a delivery for the ten days after it. 中心店's 水产品 delivery before the Spring
  // Festival comes short, so the plan opens on a warning to act on.
  const base = forecastBase(ws, coming);
  const stockRows: Array<{ categoryId: string; opening: number }> = [];
  for (const store of stores) {
    stockRows.length = 0;
    categories.forEach((category, c) => {
      const forecast = base.forecast.get(`${store.id}|${category.id}`) ?? [];
      const sum = (from: number, to: number) => forecast.slice(from, to).reduce((a, b) => a + b, 0);
      stockRows.push({ categoryId: category.id, opening: sum(0, 7) + safetyStock(forecast, category.safetyDays) });
      for (let at = 5; at < base.days.length; at += 10) {
        const short = store === stores[0] && category.name === '水产品' && at === 45 ? 0.35 : 1;
        const quantity = Math.round(sum(at, at + 10) * (1 + random() * 0.08) * short);
        if (quantity > 0)
          writeDelivery(ws.db, coming, {
            id: ws.ctx.newId('dl'),
            storeId: store.id,
            categoryId: category.id,
            supplier: SAMPLE_SUPPLIERS[c],
            quantity,
            arrivalDay: base.days[at],
          });
      }
    });
    writeOpeningStock(ws.db, coming, store.id, stockRows);
  }

  // The coming season's duty roster: the store manager leads, a 班组长 deputises in turn; the
  // group's leaders take 中心店 from 除夕 to 初三 (its manager goes to 东湖店). 东湖店 has no
  // leader yet for 初四 and 初五: gaps for the planner to fill.
  const landmarks = seasonLandmarks(coming);
  const festival = new Set(windowDays({ firstDay: landmarks.newYearsEve, lastDay: addDays(landmarks.springFestival, 2) }));
  const open = new Set([addDays(landmarks.springFestival, 3), addDays(landmarks.springFestival, 4)]);
  const duty: DutyRecord[] = [];
  base.days.forEach((day, d) => {
    stores.forEach((store, s) => {
      if (s === 1 && open.has(day)) return;
      let leaderId = store.managerId;
      if (festival.has(day) && s === 0) leaderId = leaders[d % leaders.length];
      else if (festival.has(day) && s === 1) leaderId = stores[0].managerId;
      const deputyId = store.crewLeaders[d % store.crewLeaders.length];
      duty.push({ storeId: store.id, day, shift: 'all', leaderId, deputyId, phone: `0716-83${String(s + 1).padStart(2, '0')}${String(100 + d).slice(-3)}` });
    });
  });
  writeDuty(ws.db, coming, duty);

  // The first safety self-inspections, the day before "today": 中心店 with one 整改 closed and one
  // open, 东湖店 with one open; 西岭店 not inspected yet.
  const inspected = addDays(localDay(ws.ctx.clock()), -1);
  const findings: Array<Record<string, { finding: string; owner: string; deadline: number; closed?: number }>> = [
    {
      'fire-equipment': { finding: '二楼生鲜区两具灭火器压力不足', owner: '中心店长', deadline: 7 },
      'food-cooked': { finding: '熟食间留样记录缺两天', owner: '韩冬梅', deadline: 3, closed: 1 },
    },
    { 'food-dates': { finding: '副食区三种商品临期未下架', owner: '傅磊', deadline: 2 } },
  ];
  findings.forEach((byKey, s) => {
    const record = { id: ws.ctx.newId('in'), storeId: stores[s].id, day: inspected, inspector: SAMPLE_LEADERS[1] };
    insertInspection(ws.db, coming, record, SAFETY_CHECKLIST);
    writeInspectionItems(
      ws.db,
      SAFETY_CHECKLIST.map(([key]) => {
        const fix = byKey[key];
        return fix
          ? {
              inspectionId: record.id,
              key,
              result: 'fix',
              finding: fix.finding,
              owner: fix.owner,
              deadline: addDays(inspected, fix.deadline),
              closedOn: fix.closed ? addDays(inspected, fix.closed) : null,
            }
          : { inspectionId: record.id, key, result: 'ok', finding: null, owner: null, deadline: null, closedOn: null };
      }),
    );
  });
  writeOperationsSample(ws, coming, stores);
}

/**
 * 促销、服务与人员 of the coming season (and last season's 年货节, whose lift its split shows): the
 * group's 年货节 in every store, 元旦 and 元宵 promotions, the service tasks with one overdue, and
 * staffing for the rush with 中心店 short of promoters on the last two days before 除夕 and 东湖店
 * without support on 元旦.
 */
function writeOperationsSample(ws: Workspace, coming: number, stores: ReadonlyArray<{ id: string; sellers: unknown[] }>): void {
  const all = stores.map((s) => s.id);
  for (const season of [coming - 1, coming]) {
    const l = seasonLandmarks(season);
    // prettier-ignore
    const promotions: Array<[name: string, from: string, to: string, storeIds: string[], budget: number, liftBp: number, owner: string]> = [
      ['年货节：粮油礼盒满减', addDays(l.springFestival, -15), addDays(l.newYearsEve, 0), all, 60_000, 1200, SAMPLE_LEADERS[1]],
      ['元旦迎新特惠', addDays(l.newYearsDay, -2), addDays(l.newYearsDay, 1), all.slice(0, 2), 18_000, 800, '中心店长'],
      ['元宵节汤圆节令促销', addDays(l.lanternFestival, -4), l.lanternFestival, all.slice(2), 8_000, 1500, '西岭店长'],
    ];
    for (const [name, firstDay, lastDay, storeIds, budget, liftBp, owner] of season === coming ? promotions : promotions.slice(0, 1))
      writePromotion(ws.db, season, { id: ws.ctx.newId('pr'), name, firstDay, lastDay, storeIds, budget, liftBp, owner });
  }

  const today = localDay(ws.ctx.clock());
  const l = seasonLandmarks(coming);
  // prettier-ignore
  const tasks: Array<[title: string, store: number | null, owner: string, deadline: string, status: 'todo' | 'doing' | 'done']> = [
    ['价签与促销标识核对', null, '孙丽', addDays(today, -3), 'done'],
    ['促销员岗前培训', null, '孙丽', addDays(today, -1), 'doing'],
    ['卖场规范与商品陈列', null, '周国栋', addDays(l.newYearsDay, -5), 'doing'],
    ['消防与安全通道清理', 0, '中心店长', addDays(l.newYearsDay, -3), 'todo'],
    ['停车位与购物车管理', 1, '东湖店长', addDays(l.springFestival, -12), 'todo'],
    ['收银台增开与排队疏导', 0, '中心店长', addDays(l.springFestival, -10), 'todo'],
  ];
  for (const [title, store, owner, deadline, status] of tasks)
    writeServiceTask(ws.db, coming, { id: ws.ctx.newId('st'), title, storeId: store === null ? null : stores[store].id, owner, deadline, status });

  // The rush (the ten days before 除夕 and 元旦's three) plans six more people than a store has:
  // two from the back office, four promoters from the suppliers of 粮油 and 肉.
  const rush = [
    ...windowDays({ firstDay: addDays(l.newYearsEve, -9), lastDay: l.newYearsEve }),
    addDays(l.newYearsDay, -1),
    l.newYearsDay,
    addDays(l.newYearsDay, 1),
  ];
  stores.forEach((store, s) => {
    const ownStaff = store.sellers.length + 1;
    for (const day of rush) {
      const newYear = day.slice(5) === '01-01';
      writeStaffingDay(ws.db, coming, { storeId: store.id, day, planned: ownStaff + 6, support: s === 1 && newYear ? 0 : 2 });
      const lastTwo = day >= addDays(l.newYearsEve, -1);
      for (const [supplier, count] of [
        [SAMPLE_SUPPLIERS[0], 1],
        [SAMPLE_SUPPLIERS[1], 2],
        [SAMPLE_SUPPLIERS[2], s === 0 && lastTwo ? 0 : 1],
      ] as const)
        writePromoters(ws.db, coming, { storeId: store.id, day, supplier, count });
    }
  });
}
