/** The AG Grid look shared by every grid: CJK fonts first, compact rows as in a spreadsheet. */
import { themeQuartz } from 'ag-grid-community';

// The shipped Noto Sans SC (shipped-fonts.ts) after the systems' own, before any a Linux machine may lack.
const CJK_FONTS = ['PingFang SC', 'Microsoft YaHei', 'PlanDesk Sans', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'sans-serif'];

export const gridTheme = themeQuartz.withParams({
  fontFamily: CJK_FONTS,
  fontSize: 13,
  headerFontSize: 13,
  headerFontWeight: 600,
  rowHeight: 30,
  headerHeight: 32,
  cellHorizontalPadding: 8,
  wrapperBorderRadius: 4,
  headerBackgroundColor: '#f5f7fa',
  columnBorder: { color: '#eef0f3' },
});
