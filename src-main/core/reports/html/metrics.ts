/**
 * Fonts, fixed heights and page geometry of the paginated HTML: every height the paginator adds
 * up is set here, and the CSS (css.ts) sets exactly these.
 */
import { pageSizeMm, type PageSetup } from '../../../../src-shared/reports/report-model';

/**
 * Body text in 宋体 / 仿宋 as GB/T 9704-style Chinese documents set it: the shipped Noto Serif SC
 * first (shipped-fonts.ts), so a page prints the same on every machine with TrueType outlines;
 * the system's serif faces only for a character it lacks.
 */
export const SERIF_STACK = "'PlanDesk Serif', 'SimSun', '宋体', 'Songti SC', 'STSong', 'Noto Serif CJK SC', 'Source Han Serif SC', 'FangSong', '仿宋', serif";
/**
 * Table headers, numbers and section headings in a sans (黑体-like) face, the convention of Chinese
 * printed statements: narrow, even digits stay legible down to 7.5 pt. The shipped Noto Sans SC first.
 */
export const SANS_STACK = "'PlanDesk Sans', 'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', sans-serif";

export const PT_MM = 25.4 / 72;
export const PX_PER_MM = 96 / 25.4;

/** Every height the paginator adds up, in millimetres; css.ts sets exactly these. */
export const LAYOUT = {
  pageHeaderMm: 10,
  pageFooterMm: 8,
  titleBlockMm: 21,
  sectionTitleMm: 8,
  sectionGapMm: 4,
  groupHeaderRowMm: 7,
  leafHeaderRowMm: 10,
  bodyRowMm: 7,
  /** The outer half-borders of a collapsed-border table add ≈ 0.25 mm to its height and width. */
  tableSlackMm: 0.6,
  signOffMm: 16,
  bodyFontPt: 10.5,
  bodyLineMm: 6.5,
  noteFontPt: 8.5,
  noteLineMm: 5.5,
  tableFontPt: 9,
  tableFontFloorPt: 7.5,
  /** Horizontal padding + border of one table cell (both sides). */
  cellChromeMm: 1.6,
  /** Advance of a half-width character in em (digits and Latin in both stacks are ≤ 0.6 em). */
  halfWidthEm: 0.6,
  /** Lines are filled to this share of the width: a margin for font differences. */
  lineFill: 0.95,
} as const;

/** Deepest indent level of a first-column cell that has its own CSS rule. */
export const MAX_LEVEL = 8;

export interface Geometry {
  paper: { width: number; height: number };
  margins: PageSetup['margins'];
  contentWidthMm: number;
  bodyHeightMm: number;
}

export function pageGeometry(page: PageSetup): Geometry {
  const paper = pageSizeMm(page);
  const clamp = (v: number) => (Number.isFinite(v) ? Math.min(Math.max(v, 0), 60) : 10);
  const margins = { top: clamp(page.margins.top), right: clamp(page.margins.right), bottom: clamp(page.margins.bottom), left: clamp(page.margins.left) };
  return {
    paper,
    margins,
    contentWidthMm: paper.width - margins.left - margins.right,
    bodyHeightMm: paper.height - margins.top - margins.bottom - LAYOUT.pageHeaderMm - LAYOUT.pageFooterMm,
  };
}

/** The printable width less the outer half-borders, so the right border is not clipped. */
export function tableWidthMm(geometry: Geometry): number {
  return geometry.contentWidthMm - LAYOUT.tableSlackMm;
}
