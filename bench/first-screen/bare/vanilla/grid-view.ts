/** Baseline without React: AG Grid's own DOM renderer (createGrid) with the grid data. */
import { createGrid, themeQuartz } from 'ag-grid-community';
import { gridData } from '../grid-data';
import type { GridInputs } from '../grid-fetch';

export function showGrid(element: HTMLElement, inputs: GridInputs): void {
  const { rows, total, columns } = gridData(inputs);
  createGrid(element, { theme: themeQuartz, rowData: rows, pinnedBottomRowData: [total], columnDefs: columns, getRowId: (p) => p.data.id, animateRows: false });
}
