/**
 * 两节促销、服务与人员安排 through the report pipeline: the promotions with their budgets and the
 * lift read from the split, the service tasks with status and overdue marked, and the days each
 * store is short of its planned headcount. Read through the services the 促销与服务 and 人员安排 tabs use.
 */
import type { ReportDescription, ReportSection } from '../../../src-shared/reports/report-model';
import type { ReportOptions } from '../feature';
import type { Workspace } from '../workspace';
import { listPromotions, listServiceTasks } from './holiday-promotions';
import { amount, header, PORTRAIT, text } from './holiday-reports';
import { listStaffingShortages } from './holiday-staffing';

const STATUS_NAME = { todo: '未开始', doing: '进行中', done: '已完成' } as const;

export async function buildHolidayOperationsReport(ws: Workspace, options: ReportOptions): Promise<ReportDescription> {
  const h = await header(ws, options);
  const [{ promotions }, { tasks }, { shortages }] = await Promise.all([
    listPromotions(ws, h.season),
    listServiceTasks(ws, h.season),
    listStaffingShortages(ws, h.season),
  ]);
  const sections: ReportSection[] = [
    {
      kind: 'table',
      title: '一、促销活动',
      columns: [
        text('name', '活动名称', 22),
        text('days', '活动日期', 22),
        text('stores', '门店', 18),
        amount('budget', '预算（元）'),
        text('lift', '预计提升', 8),
        amount('baseSales', '活动期基本目标（元）'),
        amount('expectedLift', '预计增量（元）'),
        text('owner', '负责人', 8),
      ],
      rows: [
        ...promotions.map((p) => ({
          id: p.id,
          parentId: null,
          kind: 'detail' as const,
          level: 0,
          cells: {
            name: p.name,
            days: `${p.firstDay} 至 ${p.lastDay}`,
            stores: p.storeNames.join('、'),
            budget: p.budget,
            lift: `+${(p.liftBp / 100).toFixed(1)}%`,
            baseSales: p.baseSales,
            expectedLift: p.expectedLift,
            owner: p.owner,
          },
        })),
        {
          id: '__total',
          parentId: null,
          kind: 'total' as const,
          level: 0,
          cells: {
            name: '合计',
            days: '',
            stores: '',
            budget: promotions.reduce((a, p) => a + p.budget, 0),
            lift: '',
            baseSales: promotions.reduce((a, p) => a + p.baseSales, 0),
            expectedLift: promotions.reduce((a, p) => a + p.expectedLift, 0),
            owner: '',
          },
        },
      ],
      note: '注：活动期基本目标 = 所选门店在活动日期内的基本目标之和（取自目标分解）；预计增量 = 活动期基本目标 × 预计提升。',
    },
    {
      kind: 'table',
      title: '二、服务工作',
      columns: [
        text('title', '工作内容', 26),
        text('store', '门店', 12),
        text('owner', '负责人', 10),
        text('deadline', '完成期限', 12),
        text('status', '状态', 10),
      ],
      rows: tasks.map((t) => ({
        id: t.id,
        parentId: null,
        kind: 'detail' as const,
        level: 0,
        cells: {
          title: t.title,
          store: t.storeName ?? '全部门店',
          owner: t.owner,
          deadline: t.deadline,
          status: t.overdue ? `${STATUS_NAME[t.status]}（逾期）` : STATUS_NAME[t.status],
        },
      })),
    },
    {
      kind: 'table',
      title: '三、人员安排：低于计划人数的日期',
      columns: [
        text('store', '门店', 12),
        text('day', '日期', 12),
        amount('planned', '计划人数', false),
        amount('onHand', '到岗合计', false),
        amount('short', '缺员', false),
      ],
      rows: shortages.map((s) => ({
        id: `${s.storeId}|${s.day}`,
        parentId: null,
        kind: 'detail' as const,
        level: 0,
        cells: { store: s.storeName, day: s.day, planned: s.planned, onHand: s.onHand, short: s.short },
      })),
      note: shortages.length === 0 ? '注：各门店每天的到岗人数均满足计划。' : '注：到岗合计 = 本店员工 + 后勤支援一线 + 供应商促销员。',
    },
  ];
  return {
    title: `${h.season} 年两节促销、服务与人员安排`,
    period: h.period,
    organisation: h.organisation,
    date: h.today,
    page: PORTRAIT,
    sections,
    signOff: [{ label: '编制' }, { label: '审核' }, { label: '日期' }],
    fileName: `${h.organisation}-${h.season}年两节促销服务与人员安排`,
  };
}
