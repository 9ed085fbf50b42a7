/**
 * Sample data for the strategy tables: the dictionaries of DESIGN.md §1, seven customers per
 * customer class (小类) owned by the sample's 客户经理, and three months of demand and habit rows
 * up to the clock's month. Written fresh in the vocabulary of the source plans; every choice comes
 * from the seeded `random`, so every sample is identical.
 */
import type { DictionaryName, HabitFields, NeedKind } from '../../../src-shared/contract/channels';
import { HABIT_PAIRS, localYearMonth, NEED_FIELD_OF } from '../../../src-shared/domain/strategy';
import type { Database } from '../db/port';
import { readOrg } from '../org';
import type { Workspace } from '../workspace';
import { insertCustomer } from './customer-store';
import { insertEntry as insertEntryRecord } from './dictionary-store';
import { saveDemandRecord, saveHabitRecord, writeDemandProducts } from './month-store';
import { previousYearMonth } from './year-month';

type Random = () => number;

interface SampleClass {
  name: string;
  customers: string[];
  /** Phrases for 需求迫切点, 有需求计划, 有潜在计划, 需要引导需求. */
  needs: Record<NeedKind, string[]>;
  /** Products that answer this class's needs (names from SAMPLE_PRODUCTS). */
  fits: string[];
}

const ENTERPRISE_CLASSES: SampleClass[] = [
  {
    name: '工商',
    customers: ['江城重型机械厂', '东湖纺织集团', '西岭水泥有限公司', '江城建工集团', '华达食品加工厂', '鼎盛化工有限公司', '顺通物流有限公司'],
    needs: {
      'urgent-point': ['车间与总部之间数据传输慢', '外勤人员难以统一调度'],
      'demand-plan': ['明年新建厂区需要接入网络', '计划上线设备巡检系统'],
      'potential-plan': ['有意对仓库实行远程监控', '考虑建设集团内部通讯网'],
      'guided-need': ['生产数据仍靠人工抄录', '客户订单通知靠电话逐个联系'],
    },
    fits: ['集团专线', '车辆定位调度', '物联网监控', '集团短号网', '企业短信平台'],
  },
  {
    name: '金融',
    customers: ['江城农商银行', '东湖信用合作联社', '安泰保险江城支公司', '恒信证券营业部', '江城邮储支行', '利民小额贷款公司', '华安财产保险分公司'],
    needs: {
      'urgent-point': ['网点间联网需要备份线路', '营业厅排队客户多、通知不及时'],
      'demand-plan': ['年内新开三个网点', '计划改造网点视频监控'],
      'potential-plan': ['有意发展移动展业', '考虑统一员工通讯费用管理'],
      'guided-need': ['理财产品到期提醒仍靠人工电话', '网点安防录像保存分散'],
    },
    fits: ['集团专线', '视频监控', '企业短信平台', '移动办公', '集团短号网'],
  },
  {
    name: '服务',
    customers: ['江城宾馆', '东湖假日酒店', '四季旅行社', '江城百货大楼', '好邻居连锁超市', '安居物业服务公司', '江城汽车客运站'],
    needs: {
      'urgent-point': ['旺季客人预订与确认跟不上', '门店之间调货沟通成本高'],
      'demand-plan': ['计划升级前台宽带与无线网络', '明年开设两家新门店'],
      'potential-plan': ['有意开展会员短信营销', '考虑为巡逻保安配备对讲通讯'],
      'guided-need': ['客户投诉回访没有记录', '促销信息只靠店内海报'],
    },
    fits: ['企业宽带', '企业短信平台', '集团彩铃', '客服热线', '集团短号网'],
  },
  {
    name: '科技',
    customers: ['江城软件园', '博远电子科技', '智联网络科技', '东湖光电有限公司', '云图数据服务公司', '新源环保科技', '天工精密仪器'],
    needs: {
      'urgent-point': ['研发中心带宽不足', '异地项目组协同困难'],
      'demand-plan': ['计划建设异地灾备机房', '年内扩招研发人员一百人'],
      'potential-plan': ['有意将产品接入物联网平台', '考虑统一视频会议系统'],
      'guided-need': ['客户现场设备运行状态无法远程查看', '销售线索管理分散在个人手机'],
    },
    fits: ['集团专线', '视频会议', '物联网监控', '移动办公', '企业宽带'],
  },
];

const INSTITUTION_CLASSES: SampleClass[] = [
  {
    name: '公共',
    customers: ['江城供水公司', '江城燃气公司', '东湖县人民医院', '江城公交集团', '西岭县供电所', '江城市图书馆', '江城体育中心'],
    needs: {
      'urgent-point': ['抄表人员多、数据回收慢', '突发事件通知不能及时到人'],
      'demand-plan': ['计划推进管网智能化改造', '年内新增公交线路与站点'],
      'potential-plan': ['有意开通市民服务短信提醒', '考虑对车辆进行实时调度'],
      'guided-need': ['停水停气通知仍靠张贴公告', '值班调度依赖固定电话'],
    },
    fits: ['远程抄表', '企业短信平台', '车辆定位调度', '集团短号网', '客服热线'],
  },
  {
    name: '教育',
    customers: ['江城第一中学', '东湖县实验小学', '江城职业技术学院', '西岭县第二中学', '江城外国语学校', '育才幼儿园', '江城开放大学'],
    needs: {
      'urgent-point': ['家长通知依赖班主任逐个电话', '校园出入管理存在隐患'],
      'demand-plan': ['计划建设智慧校园网络', '新校区明年秋季启用'],
      'potential-plan': ['有意开展远程互动教学', '考虑为教职工统一配置办公通讯'],
      'guided-need': ['学生考勤仍用纸质登记', '校园安防录像无人集中查看'],
    },
    fits: ['企业短信平台', '视频监控', '企业宽带', '视频会议', '集团短号网'],
  },
  {
    name: '政府',
    customers: ['江城市人社局', '东湖县政务服务中心', '江城市税务局', '西岭县应急管理局', '江城市市场监管局', '东湖县农业农村局', '江城市城管执法局'],
    needs: {
      'urgent-point': ['基层网格员信息上报不及时', '应急值守联络不畅'],
      'demand-plan': ['计划建设政务专网延伸到乡镇', '年内推行移动执法'],
      'potential-plan': ['有意通过短信推送办事进度', '考虑建设视频会商系统'],
      'guided-need': ['会议通知仍靠逐级转发', '外勤执法过程缺少记录'],
    },
    fits: ['集团专线', '移动办公', '视频会议', '企业短信平台', '集团短号网'],
  },
];

/** Product classes of DESIGN.md §1, each with a few products of our own naming. */
const SAMPLE_PRODUCTS: Array<{ className: string; products: string[] }> = [
  { className: '基础通信', products: ['集团专线', '集团短号网', '企业宽带', '语音专线'] },
  { className: '办公管理', products: ['移动办公', '视频会议', '考勤定位'] },
  { className: '营销服务', products: ['企业短信平台', '集团彩铃', '客服热线'] },
  { className: '生产控制', products: ['车辆定位调度', '物联网监控', '远程抄表', '视频监控'] },
];

const TIERS = ['铂金', '金牌', '银牌', '铜牌'];

/** Habit phrases per 大类: [habit options, advice options] for each of the four dimensions, in HABIT_PAIRS order. */
const HABIT_PHRASES: Record<'企业' | '事业', Array<[string[], string[]]>> = {
  企业: [
    [
      ['负责人常看行业报刊和本地经济新闻', '经办人习惯在手机上浏览资讯'],
      ['在本地商报投放行业解决方案广告', '通过短信和公众号推送案例'],
    ],
    [
      ['看重同行的实际使用效果', '关注投入产出和成本节约'],
      ['组织同行业客户交流会', '用算账对比说明节省的费用'],
    ],
    [
      ['年初做预算，按项目集中采购', '由老板拍板，决策快'],
      ['预算期前上门提交方案并给予首年优惠', '签约即送一段时间免费试用'],
    ],
    [
      ['重视响应速度和故障处理时效', '看重客户经理是否常来走访'],
      ['承诺故障限时修复并定期回访', '安排专人对接，季度上门座谈'],
    ],
  ],
  事业: [
    [
      ['通过上级文件和系统内通报了解信息', '办公室人员常用工作群'],
      ['在系统内会议上做专题推介', '向办公室发送产品简介和政策解读'],
    ],
    [
      ['重视政策依据和安全合规', '倾向参考同系统单位的做法'],
      ['突出数据安全与合规资质', '邀请已使用的同系统单位介绍经验'],
    ],
    [
      ['按财政预算和招标流程采购', '采购周期长、需多级审批'],
      ['配合预算编制提前介入并准备招标材料', '提供分期建设方案降低一次性投入'],
    ],
    [
      ['看重服务稳定和长期合作', '重视重要时段的通信保障'],
      ['重大活动期间派驻现场保障', '建立服务档案并每月回访'],
    ],
  ],
};

interface Manager {
  id: string;
  unitId: string;
}

export function writeStrategySample(ws: Workspace, random: Random): void {
  const db = ws.db;
  // By id: the order the sample deals its customers out to the account managers in.
  const managers: Manager[] = readOrg(db)
    .people.filter((p) => p.role === '客户经理')
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (managers.length === 0) throw new Error('strategy sample needs the sample organisation (no 客户经理 found)');
  db.transaction(() => {
    const productIds = writeProductDictionary(ws);
    writeHabitDictionary(db);
    const tierIds = TIERS.map((name, i) => insertEntry(ws, 'account-tier', null, name, i + 1));
    const months = sampleMonths(ws.ctx.clock());
    let customerIndex = 0;
    for (const [parentName, classes] of [
      ['企业', ENTERPRISE_CLASSES],
      ['事业', INSTITUTION_CLASSES],
    ] as const) {
      const parentId = insertEntry(ws, 'customer-class', null, parentName, parentName === '企业' ? 1 : 2);
      classes.forEach((sampleClass, c) => {
        const classId = insertEntry(ws, 'customer-class', parentId, sampleClass.name, c + 1);
        sampleClass.customers.forEach((name, i) => {
          const manager = managers[customerIndex++ % managers.length];
          const ctx = { ws, random, months, productIds };
          writeSampleCustomer(ctx, { name, classId, manager, tierIds, sampleClass, habits: HABIT_PHRASES[parentName], index: i, classIndex: c });
        });
      });
    }
  });
}

function insertEntry(ws: Workspace, dictionary: DictionaryName, parentId: string | null, name: string, sortOrder: number): string {
  const id = ws.ctx.newId('d');
  insertEntryRecord(ws.db, { id, dictionary, parentId, name, sortOrder, archived: false });
  return id;
}

/** Returns product ids by name, for matching. */
function writeProductDictionary(ws: Workspace): Map<string, string> {
  const ids = new Map<string, string>();
  SAMPLE_PRODUCTS.forEach((group, g) => {
    const classId = insertEntry(ws, 'product-class', null, group.className, g + 1);
    group.products.forEach((name, p) => ids.set(name, insertEntry(ws, 'product', classId, name, p + 1)));
  });
  return ids;
}

/** Dimensions keep the fixed ids the service maps to habit columns; each suggestion hangs under its dimension. */
function writeHabitDictionary(db: Database): void {
  HABIT_PAIRS.forEach((pair, i) => {
    insertEntryRecord(db, { id: pair.dimensionId, dictionary: 'habit-dimension', parentId: null, name: pair.labels[0], sortOrder: i + 1, archived: false });
    insertEntryRecord(db, {
      id: pair.adviceId,
      dictionary: 'habit-dimension',
      parentId: pair.dimensionId,
      name: pair.labels[1],
      sortOrder: 1,
      archived: false,
    });
  });
}

/** The clock's (local) month and the two before it, oldest first. */
function sampleMonths(now: Date): string[] {
  const current = localYearMonth(now);
  const previous = previousYearMonth(current);
  return [previousYearMonth(previous), previous, current];
}

interface SampleContext {
  ws: Workspace;
  random: Random;
  months: string[];
  productIds: Map<string, string>;
}

interface SampleCustomer {
  name: string;
  classId: string;
  manager: Manager;
  tierIds: string[];
  sampleClass: SampleClass;
  habits: Array<[string[], string[]]>;
  /** Position in its class: the sixth is a target, the seventh a prospect, the rest signed. */
  index: number;
  classIndex: number;
}

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

function writeSampleCustomer(ctx: SampleContext, c: SampleCustomer): void {
  const { ws, random, months } = ctx;
  const id = ws.ctx.newId('c');
  const current = months[months.length - 1];
  const status = c.index === 6 ? 'prospect' : c.index === 5 ? 'target' : 'signed';
  // Every other class's target was made a target this month and has no row yet: it shows as due.
  const newThisMonth = status === 'target' && c.classIndex % 2 === 0;
  // Dates never lie ahead of the clock: new targets changed earlier this month, the rest last year.
  const today = ws.ctx.clock().getDate();
  const changedOn = newThisMonth
    ? `${current}-${String(1 + Math.floor(random() * Math.min(today, 9))).padStart(2, '0')}`
    : `${Number(current.slice(0, 4)) - 1}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-15`;
  const tierId = status === 'prospect' ? null : c.tierIds[Math.min(3, Math.floor(random() * random() * 5))];
  insertCustomer(ws.db, {
    id,
    name: c.name,
    classId: c.classId,
    tierId,
    unitId: c.manager.unitId,
    managerId: c.manager.id,
    status,
    statusChangedOn: changedOn,
  });
  if (status === 'prospect' || newThisMonth) return;
  let needs = sampleNeeds(random, c.sampleClass);
  let products = matchProducts(random, needs, c.sampleClass, ctx.productIds);
  let habits = c.habits.map(([h, a]) => [pick(random, h), pick(random, a)] as const);
  months.forEach((month, m) => {
    // The current month is part filled: some rows are still last month's copy, awaiting review.
    const reviewed = m < months.length - 1 || random() < 0.6;
    if (m > 0 && reviewed && random() < 0.3) {
      needs = sampleNeeds(random, c.sampleClass);
      products = matchProducts(random, needs, c.sampleClass, ctx.productIds);
      habits = c.habits.map(([h, a]) => [pick(random, h), pick(random, a)] as const);
    }
    const updatedAt = `${month}-${String(3 + Math.floor(random() * 20)).padStart(2, '0')}T02:00:00.000Z`;
    const state = { yearMonth: month, customerId: id, reviewed: reviewed ? 1 : 0, updatedAt };
    saveDemandRecord(ws.db, {
      ...state,
      urgentPoint: needs['urgent-point'],
      demandPlan: needs['demand-plan'],
      potentialPlan: needs['potential-plan'],
      guidedNeed: needs['guided-need'],
    });
    writeDemandProducts(
      ws.db,
      month,
      id,
      products.map(([productId, needKind]) => ({ productId, needKind })),
    );
    saveHabitRecord(ws.db, { ...state, ...habitFields(habits) });
  });
}

/** [habit, advice] phrases in HABIT_PAIRS order as the habit row's fields. */
function habitFields(habits: ReadonlyArray<readonly [string, string]>): HabitFields {
  return Object.fromEntries(
    HABIT_PAIRS.flatMap((pair, i) => [
      [pair.habit, habits[i][0]],
      [pair.advice, habits[i][1]],
    ]),
  ) as unknown as HabitFields;
}

/** Each need is recorded or left blank; at least the urgent point is always known. */
function sampleNeeds(random: Random, sampleClass: SampleClass): Record<NeedKind, string> {
  const needs = {} as Record<NeedKind, string>;
  for (const kind of Object.keys(NEED_FIELD_OF) as NeedKind[]) {
    needs[kind] = kind === 'urgent-point' || random() < 0.7 ? pick(random, sampleClass.needs[kind]) : '';
  }
  return needs;
}

/** One product under most recorded needs, never twice in a row, and never where the need is blank. */
function matchProducts(random: Random, needs: Record<NeedKind, string>, sampleClass: SampleClass, productIds: Map<string, string>): Array<[string, NeedKind]> {
  const matched = new Map<string, NeedKind>();
  for (const kind of Object.keys(needs) as NeedKind[]) {
    if (needs[kind] === '' || random() < 0.2) continue;
    const productId = productIds.get(pick(random, sampleClass.fits));
    if (productId && !matched.has(productId)) matched.set(productId, kind);
  }
  return [...matched];
}
