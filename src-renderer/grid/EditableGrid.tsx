/**
 * The AG Grid every editable grid renders: modules registered, our theme, and the edit model all
 * our grids share. The grid never changes data itself (`readOnlyEdit`): an edit arrives as
 * `onCellEditRequest`, is checked and saved by the page, and shows once the data says so, so a
 * refused value leaves nothing behind.
 */
import './ag-grid-setup';
import { AgGridReact, type AgGridReactProps } from 'ag-grid-react';
import type { ReactNode } from 'react';
import { gridTheme } from './theme';

/** Spreadsheet keys: Enter and Tab commit and move (Enter down, as in Excel); typing replaces. */
export const SPREADSHEET_KEYS = {
  singleClickEdit: false,
  enterNavigatesVertically: true,
  enterNavigatesVerticallyAfterEdit: true,
} as const;

export function EditableGrid<TData>(props: AgGridReactProps<TData>): ReactNode {
  return <AgGridReact<TData> theme={gridTheme} readOnlyEdit animateRows={false} {...props} />;
}

/** AG Grid's own texts in Chinese (its English ones are the default). */
export function gridLocaleText(language: string, noRowsToShow = '没有数据'): Record<string, string> | undefined {
  return language === 'en' ? undefined : { noRowsToShow, loadingOoo: '加载中…' };
}
