/**
 * What every cell of a table holds: its value, or a live formula (SUM of a subtotal's children,
 * a ratio, a difference) with the computed result cached, so viewers that do not recalculate
 * still show the numbers.
 */
import { headerDepth, leafColumns, type NumberFormat, type ReportColumn, type ReportRow, type TableSection } from '../../../../src-shared/reports/report-model';
import { columnLetter, TITLE_ROWS } from './sheet-setup';

/** Excel's limits: 255 arguments per function, 8,192 characters per formula. */
const MAX_SUM_ARGS = 255;
const MAX_FORMULA_LENGTH = 8_000;

type Formula = { formula: string; result: number | string };
/** What goes into a cell: a plain value, a formula with its cached result, or nothing. */
export type CellOut = number | string | null | Formula;

/** Half a unit of the last shown decimal, in the value's own units. */
function formatTolerance(format: NumberFormat): number {
  switch (format.kind) {
    case 'text':
      return 1e-9;
    case 'percent':
      return 0.5 * 10 ** -(format.decimals + 2);
    default:
      return 0.5 * 10 ** -format.decimals;
  }
}

const PLAIN = 0;
const INPUT = 1;
const RATIO = 2;
const DIFFERENCE = 3;

export interface ColumnPlan {
  column: ReportColumn;
  letter: string;
  kind: typeof PLAIN | typeof INPUT | typeof RATIO | typeof DIFFERENCE;
  /** Leaf indices: ratio numerator/denominator/minus, difference a/b (-1 when absent). */
  a: number;
  b: number;
  minus: number;
  scale: number;
  tolerance: number;
}

const PENDING = Symbol('pending');

/**
 * Decides what every cell of a table holds. Subtotal/total `input` cells become SUM formulas of
 * their direct children, `ratio`/`difference` cells IF formulas over the same row, each with the
 * computed result cached. A formula is written only when its result reproduces the value the
 * description carries (to half a unit of the last shown decimal): otherwise the XLSX would show
 * a different number than the printed report, and the plain value is written instead.
 */
export class TablePlan {
  readonly leaves: ReportColumn[];
  readonly cols: ColumnPlan[];
  readonly depth: number;
  readonly bodyStart: number;
  private readonly rows: ReportRow[];
  private readonly children = new Map<string, number[]>();
  private readonly topLevel: number[] = [];
  private readonly memo: Array<Array<CellOut | typeof PENDING | undefined> | undefined> = [];

  constructor(readonly section: TableSection) {
    this.leaves = leafColumns(section.columns);
    this.depth = headerDepth(section.columns);
    this.bodyStart = TITLE_ROWS + this.depth + 1;
    this.rows = section.rows;
    const index = new Map(this.leaves.map((c, i) => [c.key, i]));
    const at = (key: string | undefined) => (key === undefined ? -1 : (index.get(key) ?? -1));
    this.cols = this.leaves.map((column, i) => {
      const f = column.formula;
      const plan: ColumnPlan = {
        column,
        letter: columnLetter(i + 1),
        kind: PLAIN,
        a: -1,
        b: -1,
        minus: -1,
        scale: 1,
        tolerance: formatTolerance(column.format),
      };
      if (f.kind === 'input') plan.kind = INPUT;
      else if (f.kind === 'ratio' && at(f.numerator) >= 0 && at(f.denominator) >= 0 && (f.minus === undefined || at(f.minus) >= 0)) {
        Object.assign(plan, { kind: RATIO, a: at(f.numerator), b: at(f.denominator), minus: at(f.minus), scale: f.scale ?? 1 });
      } else if (f.kind === 'difference' && at(f.a) >= 0 && at(f.b) >= 0) {
        Object.assign(plan, { kind: DIFFERENCE, a: at(f.a), b: at(f.b) });
      }
      return plan;
    });
    for (let i = 0; i < this.rows.length; i++) {
      const row = this.rows[i];
      if (row.kind === 'total') continue;
      if (row.parentId === null || row.parentId === undefined) this.topLevel.push(i);
      else {
        const list = this.children.get(row.parentId);
        if (list) list.push(i);
        else this.children.set(row.parentId, [i]);
      }
    }
  }

  /** The cell at body row `ri`, leaf column `ci`. */
  out(ri: number, ci: number): CellOut {
    const plan = this.cols[ci];
    const row = this.rows[ri];
    if (plan.kind === PLAIN || (plan.kind === INPUT && row.kind === 'detail')) return described(row, plan.column.key);
    let memo = this.memo[ri];
    if (!memo) memo = this.memo[ri] = new Array(this.cols.length);
    const cached = memo[ci];
    if (cached === PENDING) return described(row, plan.column.key); // a cycle in the description
    if (cached !== undefined) return cached;
    memo[ci] = PENDING;
    const result = this.compute(ri, ci, plan, row);
    memo[ci] = result;
    return result;
  }

  private value(ri: number, ci: number): number | string | null {
    const out = this.out(ri, ci);
    return out !== null && typeof out === 'object' ? out.result : out;
  }

  private compute(ri: number, ci: number, plan: ColumnPlan, row: ReportRow): CellOut {
    const given = described(row, plan.column.key);
    if (typeof given !== 'number') return given;
    const n = this.bodyStart + ri;
    if (plan.kind === INPUT) {
      const kids = row.kind === 'total' ? this.topLevel : this.children.get(row.id);
      if (!kids || kids.length === 0) return given;
      let sum = 0;
      for (const k of kids) {
        const v = this.value(k, ci);
        if (typeof v === 'number') sum += v;
      }
      sum = clean(sum);
      if (!close(sum, given, plan.tolerance)) return given;
      const formula = sumFormula(
        plan.letter,
        kids.map((k) => this.bodyStart + k),
      );
      return formula ? { formula, result: sum } : given;
    }
    if (plan.kind === RATIO) {
      const num = this.value(ri, plan.a);
      const den = this.value(ri, plan.b);
      const minus = plan.minus >= 0 ? this.value(ri, plan.minus) : 0;
      if (typeof num !== 'number' || typeof den !== 'number' || typeof minus !== 'number' || den === 0) return given;
      const result = clean(((num - minus) / den) * plan.scale);
      if (!close(result, given, plan.tolerance)) return given;
      const N = `${this.cols[plan.a].letter}${n}`;
      const D = `${this.cols[plan.b].letter}${n}`;
      const top = plan.minus >= 0 ? `(${N}-${this.cols[plan.minus].letter}${n})` : N;
      const scale = plan.scale !== 1 ? `*${plan.scale}` : '';
      return { formula: `IF(${D}=0,"",${top}/${D}${scale})`, result };
    }
    // DIFFERENCE
    const a = this.value(ri, plan.a);
    const b = this.value(ri, plan.b);
    if (typeof a !== 'number' || typeof b !== 'number') return given;
    const result = clean(a - b);
    if (!close(result, given, plan.tolerance)) return given;
    const A = `${this.cols[plan.a].letter}${n}`;
    const B = `${this.cols[plan.b].letter}${n}`;
    return { formula: `IF(OR(${A}="",${B}=""),"",${A}-${B})`, result };
  }
}

function described(row: ReportRow, key: string): number | string | null {
  const v = row.cells[key];
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  return typeof v === 'string' ? v : null;
}

/** Drops floating-point noise below Excel's 15 significant digits (0.1 + 0.2 → 0.3). */
function clean(x: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(15)) : x;
}

function close(computed: number, given: number, tolerance: number): boolean {
  return Math.abs(computed - given) <= tolerance + 1e-9 * Math.max(1, Math.abs(given));
}

/**
 * SUM over the given sheet rows of one column, contiguous runs as ranges: SUM(C5,C9:C12,C14).
 * More than 255 arguments are split into SUM(…)+SUM(…); null when the formula would be too long.
 */
export function sumFormula(letter: string, sheetRows: number[]): string | null {
  const sorted = [...sheetRows].sort((x, y) => x - y);
  const args: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    args.push(j > i ? `${letter}${sorted[i]}:${letter}${sorted[j]}` : `${letter}${sorted[i]}`);
    i = j + 1;
  }
  const parts: string[] = [];
  for (let i = 0; i < args.length; i += MAX_SUM_ARGS) parts.push(`SUM(${args.slice(i, i + MAX_SUM_ARGS).join(',')})`);
  const formula = parts.join('+');
  return formula.length <= MAX_FORMULA_LENGTH ? formula : null;
}
