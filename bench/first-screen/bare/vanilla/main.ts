/** Baseline without React: AG Grid's own DOM renderer (createGrid) and the grid data, nothing else. */
import { createGrid, themeQuartz } from 'ag-grid-community';
import { loadGridData } from '../grid-data';

void loadGridData().then(({ rows, total, columns }) => {
  createGrid(document.getElementById('grid')!, {
    theme: themeQuartz,
    rowData: rows,
    pinnedBottomRowData: [total],
    columnDefs: columns,
    getRowId: (p) => p.data.id,
    animateRows: false,
  });
});
