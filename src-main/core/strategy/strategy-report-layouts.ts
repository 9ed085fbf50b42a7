/**
 * The column layouts of the printed strategy tables, shared by their report builders
 * (strategy-reports.ts) and the XLSX importer (strategy-import.ts): the importer expects exactly the
 * headers these write, so a printed or exported table can be filled in and read back. The
 * screening's layout (screening/screening-layout.ts) builds on the keys and column helpers here.
 */
import type { DictionaryEntry } from '../../../src-shared/contract/channels';
import { HABIT_PAIRS, NEED_GROUPS, NEED_KIND_HEADERS } from '../../../src-shared/domain/strategy';
import type { NumberFormat, ReportColumn, ReportColumnGroup } from '../../../src-shared/reports/report-model';

export type Columns = Array<ReportColumn | ReportColumnGroup>;

const TEXT: NumberFormat = { kind: 'text' };
export const COUNT: NumberFormat = { kind: 'number', decimals: 0 };
export const NONE = { kind: 'none' } as const;

/**
 * The tables' names, written after the month or year in their titles (2026 年 9 月需求分析及产品匹配策略表):
 * the importer finds a file's title by them and reads the month it is for.
 */
export const TABLE_NAMES = { demand: '需求分析及产品匹配策略表', habit: '消费习惯分析及促销策略表' } as const;

/** Column keys shared with the importer; the customer and class keys also by the screening's table. */
/** 状态 of a customer due this month with no row in the table yet: a blank line to fill in. */
export const NOT_FILLED_LABEL = '未填写';

export const KEYS = {
  seq: 'seq',
  customer: 'customer',
  classParent: 'class-parent',
  class: 'class',
  manager: 'manager',
  status: 'status',
  need: (kind: string) => `need:${kind}`,
  products: (productClassId: string) => `products:${productClassId}`,
  habit: (field: string) => `habit:${field}`,
} as const;

export const text = (key: string, header: string, extra: Partial<ReportColumn> = {}): ReportColumn => ({
  key,
  header,
  format: TEXT,
  formula: NONE,
  align: 'left',
  ...extra,
});
const wrapped = (key: string, header: string, width: number): ReportColumn => text(key, header, { wrap: true, width });
export const centred = (key: string, header: string): ReportColumn => text(key, header, { align: 'center' });
const seqColumn: ReportColumn = { key: KEYS.seq, header: '序号', format: COUNT, formula: NONE, align: 'center' };

/**
 * Product classes that get a column: the active ones, and an archived one only when `keep` says
 * so (the builder: it holds matches in the printed rows; the importer: the file has its column).
 */
export function shownProductClasses(entries: DictionaryEntry[], keep: (productClass: DictionaryEntry) => boolean): DictionaryEntry[] {
  return entries.filter((e) => e.dictionary === 'product-class' && e.parentId === null && (!e.archived || keep(e)));
}

export function demandColumns(productClasses: DictionaryEntry[]): Columns {
  return [
    seqColumn,
    text(KEYS.customer, '客户单位'),
    { header: '客户类别', children: [centred(KEYS.classParent, '大类'), centred(KEYS.class, '小类')] },
    ...NEED_GROUPS.map((group) => ({ header: group.header, children: group.kinds.map((kind) => wrapped(KEYS.need(kind), NEED_KIND_HEADERS[kind], 16)) })),
    { header: '匹配产品', children: productClasses.map((pc) => wrapped(KEYS.products(pc.id), pc.name, 20)) },
    centred(KEYS.manager, '客户经理'),
    centred(KEYS.status, '状态'),
  ];
}

/** Group and advice labels from the 'habit-dimension' dictionary (renames show), the built-in words otherwise. */
function habitLabels(entries: DictionaryEntry[]): Array<{ pair: (typeof HABIT_PAIRS)[number]; habit: string; advice: string }> {
  const names = new Map(entries.filter((e) => e.dictionary === 'habit-dimension').map((e) => [e.id, e.name]));
  return HABIT_PAIRS.map((pair) => ({ pair, habit: names.get(pair.dimensionId) ?? pair.labels[0], advice: names.get(pair.adviceId) ?? pair.labels[1] }));
}

const HABIT_LEAF_HEADER = '习惯';

export function habitColumns(entries: DictionaryEntry[]): Columns {
  return [
    seqColumn,
    text(KEYS.customer, '客户单位'),
    centred(KEYS.class, '小类'),
    ...habitLabels(entries).map(({ pair, habit, advice }) => ({
      header: habit,
      children: [wrapped(KEYS.habit(pair.habit), HABIT_LEAF_HEADER, 14), wrapped(KEYS.habit(pair.advice), advice, 16)],
    })),
    centred(KEYS.manager, '客户经理'),
    centred(KEYS.status, '状态'),
  ];
}
