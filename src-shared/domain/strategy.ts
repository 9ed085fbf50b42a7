/**
 * Pure helpers for the strategy tables, shared by the grid, the printed tables and the XLSX
 * importer, so a matched-products cell reads and writes the same everywhere.
 */
import type { NeedKind } from '../contract/channels';
import { NEED_KINDS } from '../contract/channels';

/** The column headers of the four needs, as in the source plans. */
export const NEED_KIND_HEADERS: Record<NeedKind, string> = {
  'urgent-point': '需求迫切点',
  'demand-plan': '有需求计划',
  'potential-plan': '有潜在计划',
  'guided-need': '需要引导需求',
};

/** The short mark written after a matched product to say which need it answers: 集团专线（迫切）. */
export const NEED_KIND_MARKS: Record<NeedKind, string> = {
  'urgent-point': '迫切',
  'demand-plan': '计划',
  'potential-plan': '潜在',
  'guided-need': '引导',
};

export const NEED_KIND_MARKS_EN: Record<NeedKind, string> = {
  'urgent-point': 'urgent',
  'demand-plan': 'planned',
  'potential-plan': 'potential',
  'guided-need': 'guided',
};

/** Which field of a demand row holds each need's text. */
export const NEED_FIELD_OF: Record<NeedKind, 'urgentPoint' | 'demandPlan' | 'potentialPlan' | 'guidedNeed'> = {
  'urgent-point': 'urgentPoint',
  'demand-plan': 'demandPlan',
  'potential-plan': 'potentialPlan',
  'guided-need': 'guidedNeed',
};

/** 显性需求 come first, then 隐性需求. */
export const NEED_GROUPS: Array<{ header: string; headerEn: string; kinds: NeedKind[] }> = [
  { header: '显性需求', headerEn: 'Explicit needs', kinds: ['urgent-point', 'demand-plan'] },
  { header: '隐性需求', headerEn: 'Implicit needs', kinds: ['potential-plan', 'guided-need'] },
];

/**
 * 集团专线（迫切）、视频监控（潜在） — one cell's products, in the order given. In English the marks
 * and punctuation are English and half-width (集团专线 (urgent), 视频监控 (potential)); printed
 * tables and files are Chinese documents and keep the Chinese form, and both forms read back.
 */
export function formatMatchedProducts(items: Array<{ name: string; needKind: NeedKind }>, language: 'zh' | 'en' = 'zh'): string {
  if (language === 'en') return items.map((item) => `${item.name} (${NEED_KIND_MARKS_EN[item.needKind]})`).join(', ');
  return items.map((item) => `${item.name}（${NEED_KIND_MARKS[item.needKind]}）`).join('、');
}

export type ParsedProductToken = { ok: true; name: string; needKind: NeedKind } | { ok: false; token: string; reason: 'unknown-need-kind' };

const MARK_TO_KIND = new Map<string, NeedKind>(
  NEED_KINDS.flatMap((kind) => [[NEED_KIND_MARKS[kind], kind] as const, [NEED_KIND_MARKS_EN[kind], kind] as const]),
);

/**
 * Reads a matched-products cell back. Accepts the separators people type in Excel and WPS
 * (、，,；; and new lines) and half- or full-width brackets; a product without a mark is refused,
 * since the need it answers decides whether it may be matched at all.
 */
export function parseMatchedProducts(text: string): ParsedProductToken[] {
  const tokens = text
    .split(/[、，,；;\n\r]+/)
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
  return tokens.map((token) => {
    const match = /^(.+?)\s*[（(]\s*([^（）()]+?)\s*[)）]$/.exec(token);
    const kind = match ? MARK_TO_KIND.get(match[2].toLowerCase()) : undefined;
    return match && kind ? { ok: true, name: match[1].trim(), needKind: kind } : { ok: false, token, reason: 'unknown-need-kind' };
  });
}

/** A share as a fraction, null when there is nothing to divide by. */
export function shareOf(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/**
 * The fixed habit columns of 《消费习惯分析及促销策略表》 and the dictionary entries that label
 * them: the labels can be renamed, the ids tie each label to its column.
 */
export const HABIT_PAIRS = [
  { dimensionId: 'hd-touch', habit: 'touchHabit', adviceId: 'hd-touch-advice', advice: 'mediaAdvice', labels: ['触媒习惯', '媒体建议'] },
  { dimensionId: 'hd-cognition', habit: 'cognitionHabit', adviceId: 'hd-cognition-advice', advice: 'messageAdvice', labels: ['认知习惯', '传播方式建议'] },
  { dimensionId: 'hd-purchase', habit: 'purchaseHabit', adviceId: 'hd-purchase-advice', advice: 'promotionAdvice', labels: ['购买习惯', '促销建议'] },
  {
    dimensionId: 'hd-recognition',
    habit: 'recognitionHabit',
    adviceId: 'hd-recognition-advice',
    advice: 'serviceAdvice',
    labels: ['认可习惯', '客户服务建议'],
  },
] as const;

/**
 * A need or habit cell as stored: Excel and WPS write CRLF, people leave stray spaces, and the
 * stored text must be what an export → import round trip reads back, or history fills with
 * changes nobody made.
 */
export function normaliseStrategyText(text: string): string {
  return text.replace(/\r\n?/g, '\n').trim();
}

/**
 * What a product name may not contain: the separators and brackets parseMatchedProducts splits a
 * matched-products cell on, or the name could never be read back from the cell it is written to.
 */
export const PRODUCT_NAME_FORBIDDEN = /[、，,；;\n\r（）()]/;

const pad2 = (n: number) => String(n).padStart(2, '0');

/** The calendar day of an instant where the app runs ('YYYY-MM-DD'): its month is the user's month, not UTC's. */
export function localDay(instant: Date): string {
  return `${instant.getFullYear()}-${pad2(instant.getMonth() + 1)}-${pad2(instant.getDate())}`;
}

/** The local calendar month of an instant ('YYYY-MM'). */
export function localYearMonth(instant: Date): string {
  return localDay(instant).slice(0, 7);
}

/**
 * A row with nothing in it: no need, no product (demand) or no habit and no advice (habit). Such
 * a row is never "reviewed" (确认无变化 of nothing would mark the customer as filled); the grid,
 * the service and the importer all ask this one function.
 */
export function isEmptyDemand(fields: {
  urgentPoint: string;
  demandPlan: string;
  potentialPlan: string;
  guidedNeed: string;
  products: readonly unknown[];
}): boolean {
  return fields.products.length === 0 && Object.values(NEED_FIELD_OF).every((field) => normaliseStrategyText(fields[field]) === '');
}

export function isEmptyHabit(fields: Record<(typeof HABIT_PAIRS)[number]['habit'] | (typeof HABIT_PAIRS)[number]['advice'], string>): boolean {
  return HABIT_PAIRS.every((pair) => normaliseStrategyText(fields[pair.habit]) === '' && normaliseStrategyText(fields[pair.advice]) === '');
}
