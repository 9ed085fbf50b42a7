/**
 * Pagination: the flow placed page by page, each page's body filled to its height, rows never
 * split, and the keep-together rules (a title with its first row, no lone total or last line at
 * the top of a page) honoured by carrying items to the next page.
 */
import { LAYOUT } from './metrics';
import type { Flow, FlowItem } from './flow';

/** Slack for floating-point sums, so a page filled to its exact height still takes its last row. */
const EPSILON_MM = 0.01;

/** An item's height on the page; a table's first row on a page brings the repeated header with it. */
function itemHeight(item: FlowItem, previous: FlowItem | undefined): number {
  switch (item.kind) {
    case 'title':
      return LAYOUT.titleBlockMm;
    case 'gap':
      return item.heightMm;
    case 'section-title':
      return LAYOUT.sectionTitleMm;
    case 'row': {
      const continues = previous?.kind === 'row' && previous.table === item.table;
      const rowMm = item.table.rowHeightsMm.get(item.row)?.heightMm ?? LAYOUT.bodyRowMm;
      return rowMm + (continues ? 0 : item.table.headerHeightMm + LAYOUT.tableSlackMm);
    }
    case 'line':
      return item.style === 'para' ? LAYOUT.bodyLineMm : LAYOUT.noteLineMm;
    case 'chart':
      return item.chart.heightMm;
    case 'sign-off':
      return LAYOUT.signOffMm;
  }
}

class Paginator {
  readonly pages: FlowItem[][] = [[]];
  private used = 0;

  constructor(private readonly bodyHeightMm: number) {}

  private get page(): FlowItem[] {
    return this.pages[this.pages.length - 1];
  }

  private fits(heightMm: number): boolean {
    return this.used + heightMm <= this.bodyHeightMm + EPSILON_MM;
  }

  private place(item: FlowItem): void {
    this.used += itemHeight(item, this.page[this.page.length - 1]);
    this.page.push(item);
  }

  private newPage(): void {
    this.pages.push([]);
    this.used = 0;
  }

  /**
   * Takes up to `count` rows or paragraph lines (and any table note after them) off the end of the
   * page, if the page keeps some content.
   */
  private carryBack(count: number): FlowItem[] {
    const page = this.page;
    let cut = page.length;
    for (let n = 0; n < count && cut > 0; cut--) {
      const item = page[cut - 1];
      if (item.kind === 'row' || (item.kind === 'line' && item.style === 'para')) n++;
      else if (!(item.kind === 'line' && item.style === 'note')) break;
    }
    if (cut === page.length) return [];
    // A section title or gap left at the bottom goes along with its rows.
    while (cut > 0 && (page[cut - 1].kind === 'section-title' || page[cut - 1].kind === 'gap')) cut--;
    if (!page.slice(0, cut).some((item) => item.kind !== 'gap')) return [];
    return page.splice(cut);
  }

  add(entry: Flow, next: Flow | undefined): void {
    const { item } = entry;
    if (item.kind === 'gap' && this.page.length === 0) return;
    let need = itemHeight(item, this.page[this.page.length - 1]);
    if (entry.keepWithNext && next) need += itemHeight(next.item, item);
    if (this.fits(need) || this.page.length === 0) {
      this.place(item);
      return;
    }
    const carried = this.carryBack(entry.keepWithPrevious ?? 0);
    this.newPage();
    if (item.kind === 'gap') return;
    for (const previous of carried) if (!(previous.kind === 'gap' && this.page.length === 0)) this.place(previous);
    this.place(item);
  }
}

export function paginate(flow: Flow[], bodyHeightMm: number): FlowItem[][] {
  const paginator = new Paginator(bodyHeightMm);
  flow.forEach((entry, i) => paginator.add(entry, flow[i + 1]));
  const pages = paginator.pages.filter((page) => page.some((item) => item.kind !== 'gap'));
  return pages.length > 0 ? pages : [[]];
}
