/**
 * The HTML of one page: its header and 第 x 页 共 y 页 footer (the page chrome), and the blocks
 * on it; consecutive rows of one table become one table with its full header. Every text from
 * the description is escaped: names come from user data.
 */
import { formatChineseDate, type ReportColumn, type ReportDescription, type ReportRow } from '../../../../src-shared/reports/report-model';
import type { FlowItem } from './flow';
import { MAX_LEVEL } from './metrics';
import { rowTexts, type TableLayout } from './table-layout';
import { escapeHtml, unitLabel, type TextLine } from './text';

function titleBlockHtml(report: ReportDescription): string {
  const meta = [
    `编制单位：${report.organisation}`,
    report.period ? `期间：${report.period}` : '',
    unitLabel(report.unit),
    `日期：${formatChineseDate(report.date)}`,
  ].filter(Boolean);
  return (
    `<div class="title-block"><h1 class="report-title">${escapeHtml(report.title)}</h1>` +
    `<div class="report-meta">${meta.map((m) => `<span>${escapeHtml(m)}</span>`).join('')}</div></div>`
  );
}

function theadHtml(table: TableLayout): string {
  const rows = table.headerRows.map((cells, level) => {
    const rowClass = level === table.headerRows.length - 1 ? 'hr-leaf' : 'hr-group';
    const ths = cells.map((cell) => {
      const span = `${cell.colspan > 1 ? ` colspan="${cell.colspan}"` : ''}${cell.rowspan > 1 ? ` rowspan="${cell.rowspan}"` : ''}`;
      return `<th class="${cell.leaf ? 'leaf' : 'group'}"${span}>${escapeHtml(cell.text)}</th>`;
    });
    return `<tr class="${rowClass}">${ths.join('')}</tr>`;
  });
  return `<thead>${rows.join('')}</thead>`;
}

const BANDS = new Set(['below-basic', 'basic', 'challenge']);

function cellHtml(row: ReportRow, column: ReportColumn, columnIndex: number, text: string, lines: string[] | null): string {
  const align = column.align ?? (column.format.kind === 'text' ? 'left' : 'right');
  const classes = [column.format.kind === 'text' ? 'text' : 'num', `al-${align}`];
  if (columnIndex === 0) classes.push(`lv-${Math.min(Math.max(Math.floor(row.level), 0), MAX_LEVEL)}`);
  // Only completion columns (those naming a bandKey) are coloured; the band is row.bands[bandKey].
  const band = column.bandKey === undefined ? undefined : row.bands?.[column.bandKey];
  if (band && BANDS.has(band)) classes.push('band', `band-${band}`);
  if (lines) classes.push('wrap');
  const content = lines ? lines.map(escapeHtml).join('<br>') : escapeHtml(text);
  return `<td class="${classes.join(' ')}">${content}</td>`;
}

function rowHtml(row: ReportRow, table: TableLayout): string {
  const kind = row.kind === 'subtotal' || row.kind === 'total' ? row.kind : 'detail';
  const texts = table.texts.get(row) ?? rowTexts(row, table.columns);
  const lines = table.wrapped.get(row);
  const tall = table.rowHeightsMm.get(row);
  const classes = tall ? `${kind} lines-${tall.lines}` : kind;
  return `<tr class="${classes}">${table.columns.map((column, i) => cellHtml(row, column, i, texts[i], lines?.[i] ?? null)).join('')}</tr>`;
}

function tableHtml(table: TableLayout, rows: ReportRow[]): string {
  const cols = table.columns.map((_, i) => `<col class="t${table.index}-c${i}">`).join('');
  return (
    `<table class="report t${table.index}"><colgroup>${cols}</colgroup>${theadHtml(table)}` +
    `<tbody>${rows.map((row) => rowHtml(row, table)).join('')}</tbody></table>`
  );
}

function lineHtml(line: TextLine, style: 'para' | 'note'): string {
  const classes = ['line', style, line.first ? 'first' : '', line.last ? 'last' : ''].filter(Boolean);
  return `<div class="${classes.join(' ')}">${escapeHtml(line.text)}</div>`;
}

/**
 * ECharts numbers its SVG ids and classes with process-wide counters (zr12-c0, zr12-cls-65):
 * renumber them per chart in order of appearance, so the document is deterministic and the ids
 * stay unique within it.
 */
function scopeSvgIds(svg: string, index: number): string {
  const names = new Map<string, string>();
  return svg.replace(/(id="|url\(#|href="#|class="|\.)(zr\d+-([a-z]+)-?\d+)\b/g, (_match, context: string, name: string, kind: string) => {
    if (!names.has(name)) names.set(name, `chart${index}-${kind}-${names.size}`);
    return context + names.get(name)!;
  });
}

function signOffHtml(entries: Array<{ label: string; name?: string }>): string {
  const signs = entries.map(
    (entry) =>
      `<span class="sign"><span class="sign-label">${escapeHtml(entry.label)}：</span><span class="sign-blank">${escapeHtml(entry.name ?? '')}</span></span>`,
  );
  return `<div class="sign-off">${signs.join('')}</div>`;
}

function blockHtml(item: Exclude<FlowItem, { kind: 'row' }>, report: ReportDescription): string {
  switch (item.kind) {
    case 'title':
      return titleBlockHtml(report);
    case 'gap':
      return '<div class="gap"></div>';
    case 'section-title':
      return `<h2 class="section-title">${escapeHtml(item.text)}</h2>`;
    case 'line':
      return lineHtml(item.line, item.style);
    case 'chart':
      return `<div class="chart chart-${item.chart.index}">${scopeSvgIds(item.chart.svg, item.chart.index)}</div>`;
    case 'sign-off':
      return signOffHtml(item.entries);
  }
}

/** The blocks of one page; consecutive rows of one table become one table with its header. */
function pageBodyHtml(items: FlowItem[], report: ReportDescription): string {
  const parts: string[] = [];
  for (let i = 0; i < items.length;) {
    const item = items[i];
    if (item.kind !== 'row') {
      parts.push(blockHtml(item, report));
      i++;
      continue;
    }
    const rows: ReportRow[] = [];
    while (i < items.length && items[i].kind === 'row' && (items[i] as typeof item).table === item.table) rows.push((items[i++] as typeof item).row);
    parts.push(tableHtml(item.table, rows));
  }
  return parts.join('');
}

export function pageHtml(items: FlowItem[], pageNumber: number, pageCount: number, report: ReportDescription): string {
  const unit = unitLabel(report.unit);
  return (
    `<section class="page"><header class="page-header"><div class="page-header-inner">` +
    `<span class="page-header-title">${escapeHtml(report.title)}</span><span class="page-header-unit">${escapeHtml(unit)}</span></div></header>` +
    `<div class="page-body">${pageBodyHtml(items, report)}</div>` +
    `<footer class="page-footer">第 ${pageNumber} 页 共 ${pageCount} 页</footer></section>`
  );
}
